import type { DatasetPlan, Opened } from '../connectors/index.ts'
import { formatDuration } from '../policy/index.ts'
import { addDuration, type RetentionTarget, subtractDuration } from './domain/plan.ts'
import { type ReportLocale, retentionText } from './domain/report-html.ts'
import type { RetentionDeps } from './ports.ts'
import { type RetentionStore, subjectRef } from './store.ts'

const noticeLocale = (deps: RetentionDeps, locale: string | null): ReportLocale => {
  const languages = deps.manifest.organisation.languages
  if ((locale === 'ar' || locale === 'en') && languages.includes(locale)) return locale
  return languages[0] === 'ar' ? 'ar' : 'en'
}

const shopName = (deps: RetentionDeps, locale: ReportLocale): string => {
  const name = deps.manifest.organisation.tradingName
  if (typeof name === 'string') return name
  return name?.[locale] ?? name?.en ?? deps.manifest.organisation.legalName
}

const day = (d: Date, locale: ReportLocale) =>
  new Intl.DateTimeFormat(locale === 'ar' ? 'ar-KW-u-nu-latn' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(d)

/**
 * Reads a person's email from the email identity column of their own row (customers.email), through
 * a plan of that one table only: reading changes nothing, so no other table's erasure rules apply.
 */
const addressBook = (deps: RetentionDeps, plan: DatasetPlan, system: string) => {
  const own = plan.tables.find(
    (t) =>
      t.system === system && t.identity.some((i) => i.kind === 'customer_id' && i.column === t.primaryKey[0]),
  )
  const column = own?.identity.find((i) => i.kind === 'email')?.column
  if (!own || !column || !deps.shop) return { emailOf: async () => undefined, close: async () => {} }
  const opened = deps.shop.open({ systems: plan.systems, tables: [{ ...own, references: [], fields: [] }] })
  return {
    emailOf: (subject: { kind: string; id: string }) => emailOf(opened, system, own, column, subject),
    close: () => opened.close(),
  }
}

const emailOf = async (
  opened: Opened,
  system: string,
  own: DatasetPlan['tables'][number],
  column: string,
  subject: { kind: string; id: string },
): Promise<string | undefined> => {
  const connector = opened.connectors.get(system)
  if (!connector) return undefined
  const found = await connector.collect({
    identifiers: [{ kind: 'customer_id', value: subject.id }],
    seeds: [{ table: own.table, column: own.primaryKey[0] ?? 'id', values: [subject.id] }],
  })
  if (found.status !== 'completed') return undefined
  const row = found.tables.find((t) => t.table === own.table)?.rows[0]
  const value = row?.[column]
  return typeof value === 'string' && value.includes('@') ? value : undefined
}

type Book = ReturnType<typeof addressBook>
/** What one rule's notices share: where mail goes, the address book, the rule and the sweep's time. */
type NoticeCtx = {
  deps: RetentionDeps
  store: RetentionStore
  target: RetentionTarget
  asOf: Date
  book: Book
  mail: NonNullable<RetentionDeps['mail']>
}
type Notice = {
  subject: { kind: string; id: string }
  ref: string
  clockAt: Date
  locale: ReportLocale
  deleteOn: Date
}

/** Queues one claimed notice and records it; false when the shop holds no address for the person. */
const deliver = async (ctx: NoticeCtx, n: Notice): Promise<boolean> => {
  const { deps, target } = ctx
  const to = await ctx.book.emailOf(n.subject)
  let outboxId: string | null = null
  if (to) {
    const params = {
      shop: shopName(deps, n.locale),
      date: day(n.deleteOn, n.locale),
      lastActivity: day(n.clockAt, n.locale),
      period: formatDuration(target.keep, n.locale),
    }
    outboxId = await ctx.mail.enqueue(
      {
        kind: 'transactional',
        to,
        subject: retentionText(n.locale, 'notice.subject', params),
        text: retentionText(n.locale, 'notice.body', params),
      },
      ctx.asOf,
    )
  }
  await ctx.store.noticeQueued({ subjectRef: n.ref, target: target.id, clockAt: n.clockAt, outboxId })
  return outboxId !== null
}

/**
 * A sweep that died between claiming a notice and queueing its mail: sent now (at most one more
 * copy, only in that crash window), so no one is left untold and undeleted.
 */
const sendClaimed = async (ctx: NoticeCtx): Promise<number> => {
  let sent = 0
  for (const n of await ctx.store.claimedNotices(ctx.target.id)) {
    const [kind = '', id = ''] = n.subjectRef.replace(/^subject:/, '').split('/')
    const locale = noticeLocale(ctx.deps, n.locale)
    const notice = {
      subject: { kind, id },
      ref: n.subjectRef,
      clockAt: n.clockAt,
      locale,
      deleteOn: n.deleteOn,
    }
    if (await deliver(ctx, notice)) sent++
  }
  return sent
}

/** Everyone not yet told whose period ends by `windowEnd`: claimed, then told, batch by batch. */
const sendNew = async (ctx: NoticeCtx, kinds: readonly string[], windowEnd: Date): Promise<number> => {
  const { deps, store, target, asOf } = ctx
  const before = subtractDuration(windowEnd, target.keep)
  let sent = 0
  let after: string | undefined
  for (;;) {
    const batch = await store.unnoticedSubjects({
      kinds,
      target: target.id,
      before,
      limit: deps.batchSize,
      ...(after === undefined ? {} : { after }),
    })
    if (batch.length === 0) break
    after = batch[batch.length - 1]?.id
    for (const s of batch) {
      const ref = subjectRef(s)
      const locale = noticeLocale(deps, s.locale)
      const periodEnd = addDuration(s.at, target.keep)
      const deleteOn = periodEnd > windowEnd ? periodEnd : windowEnd
      const claim = { subjectRef: ref, target: target.id, clockAt: s.at, locale, deleteOn, at: asOf }
      if (
        (await store.claimNotice(claim)) &&
        (await deliver(ctx, { subject: s, ref, clockAt: s.at, locale, deleteOn }))
      )
        sent++
    }
  }
  return sent
}

/**
 * Inactivity notices for one rule with `notice:`: everyone whose data falls due within the notice
 * period (or already has) and who has not been told about this very period is told now, in their
 * language, with the date their data goes: never earlier than the notice period from today. Each
 * notice is claimed before its mail is queued, so a repeated sweep sends nothing twice.
 */
export const sendNotices = async (
  deps: RetentionDeps,
  store: RetentionStore,
  plan: DatasetPlan,
  target: RetentionTarget,
  kinds: readonly string[],
  asOf: Date,
): Promise<number> => {
  if (!target.notice || !deps.mail) return 0
  const book = addressBook(deps, plan, target.system)
  const ctx: NoticeCtx = { deps, store, target, asOf, book, mail: deps.mail }
  try {
    return (await sendClaimed(ctx)) + (await sendNew(ctx, kinds, addDuration(asOf, target.notice)))
  } finally {
    await book.close()
  }
}
