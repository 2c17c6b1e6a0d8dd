import { randomBytes, randomUUID } from 'node:crypto'
import type { JurisdictionPack } from '../jurisdictions/index.ts'
import type { Manifest } from '../manifest/index.ts'
import type { AmanaDatabase } from '../platform/db/index.ts'
import type { JobEngine } from '../platform/jobs/index.ts'
import { breachRegister, breachRegisterHtml } from './domain/breach-register.ts'
import { breachClocks, reminderPoints } from './domain/clocks.ts'
import { handChecks } from './domain/hand-checks.ts'
import { canMove, checkIncident, type IncidentStatus, type Problem } from './domain/incident.ts'
import { copyFor, missingText, type NoticeLocale, type NoticeText, renderNotice } from './domain/notice.ts'
import { type ReportFacts, regulatorReport, regulatorReportHtml } from './domain/report.ts'
import { assessRisk } from './domain/risk.ts'
import {
  type FoundGroup,
  type LocaleBy,
  ledgerPeopleQuery,
  localeFromRecords,
  type OwnRecord,
  type PersonRow,
  type PlacedBy,
  placedFromRecords,
  placePeople,
  planScope,
  type ScopeInput,
} from './domain/scope.ts'
import { freezeRefOf } from './freeze-store.ts'
import { mailLanguagesOf } from './mail-languages.ts'
import type {
  IncidentAuditPort,
  IncidentLedgerPort,
  IncidentMailPort,
  IncidentOwnRecordsPort,
  RetentionFreezePort,
  ShopReaderPort,
  StaffLanguagePort,
} from './ports.ts'
import { incidentReminderJob } from './reminders.ts'
import type { StoredGroup } from './schema.ts'
import { type IncidentRow, incidentStore } from './store.ts'

export interface IncidentDeps {
  readonly database: AmanaDatabase
  readonly manifest: Manifest
  readonly packs: readonly JurisdictionPack[]
  readonly audit: IncidentAuditPort
  readonly mail: IncidentMailPort
  readonly shop: ShopReaderPort
  /** Amana's audit ledger, for people handed to an affected processor or read by a compromised account. */
  readonly ledger?: IncidentLedgerPort | undefined
  readonly freeze?: RetentionFreezePort
  /** Requests and consent records, to place people before any guess; without it placing guesses sooner. */
  readonly own?: IncidentOwnRecordsPort | undefined
  /** Where the team's reminders are scheduled (pg-boss); without it no reminder is sent. */
  readonly jobs?: Pick<JobEngine, 'send'> | undefined
  /** Staff members' languages, for the team's reminders; without it every reminder is in the shop's first language. */
  readonly staffLanguages?: StaffLanguagePort | undefined
  readonly now: () => Date
}

export interface Actor {
  readonly type: 'staff' | 'api-key' | 'system'
  readonly id: string
}

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 404 | 409; problems: readonly Problem[] }

const notFound: { ok: false; status: 404; problems: readonly Problem[] } = {
  ok: false,
  status: 404,
  problems: [{ field: 'id', message: 'no incident has this id' }],
}
const bad = (problems: Problem[]) => ({ ok: false as const, status: 400 as const, problems })

/** What every use case of the register shares: the store, the audited timeline, the view, the packs. */
interface Kit {
  readonly deps: IncidentDeps
  readonly store: Store
  readonly record: Record_
  readonly view: (row: IncidentRow) => Promise<IncidentView>
  readonly packOf: (id: string) => JurisdictionPack | undefined
  readonly known: { readonly systems: ReadonlySet<string>; readonly categories: ReadonlySet<string> }
}

/** The incident register: open, change, scope, clocks, notices and regulator reports; every change audited. */
export const createIncidents = (deps: IncidentDeps) => {
  const store = incidentStore(deps.database.db)
  const record = async (incidentId: string, actor: Actor, kind: string, note: string, details = {}) => {
    await store.addEvent({ incidentId, at: deps.now(), actor: `${actor.type}:${actor.id}`, kind, note })
    await deps.audit.append({ action: `incident.${kind}`, actor, target: incidentId, details })
  }
  const k: Kit = {
    deps,
    store,
    record,
    view: (row) => buildView(deps, store, row),
    packOf: (id) => deps.packs.find((p) => p.id === id),
    known: {
      systems: new Set(Object.keys(deps.manifest.systems ?? {})),
      categories: new Set(Object.keys(deps.manifest.categories)),
    },
  }
  return {
    store,
    /** The language each address reads a reminder in: a staff member's own, else the shop's first. */
    mailLanguages: (addresses: readonly string[]) => mailLanguagesOf(deps, addresses),
    /** A jurisdiction as people name it (its pack's name), else its id. */
    jurisdictionName: (id: string) => deps.packs.find((p) => p.id === id)?.name ?? { en: id, ar: id },
    ...registerUseCases(k),
    ...changeUseCases(k),
    ...scopeUseCases(k),
    ...noticeUseCases(k),
    ...reportUseCases(k),
  }
}

/** Open an incident, list the register, read one. */
const registerUseCases = ({ deps, store, record, view, known }: Kit) => ({
  async open(
    draft: {
      discoveredAt: Date
      summary: string
      systems: string[]
      categories: string[]
      team: string[]
      experts: string[]
    },
    actor: Actor,
  ): Promise<Outcome<IncidentView>> {
    const now = deps.now()
    const problems = checkIncident(draft, known, now)
    if (problems.length > 0) return bad(problems)
    const id = randomUUID()
    const reference = `INC-${randomBytes(4).toString('hex').toUpperCase()}`
    await store.insert({ id, reference, ...draft, now })
    await record(id, actor, 'opened', draft.summary.slice(0, 500), { systems: draft.systems.join(',') })
    const opened = await view((await store.get(id)) as IncidentRow)
    await scheduleReminders(deps, opened)
    return { ok: true, value: opened }
  },
  list: async () => Promise.all((await store.list()).map(view)),
  async get(id: string) {
    const row = await store.get(id)
    return row ? view(row) : undefined
  },
})

/** Change status, team or experts; add an action or an attachment to the timeline. */
const changeUseCases = ({ deps, store, record, view }: Kit) => ({
  async update(
    id: string,
    change: {
      status?: IncidentStatus | undefined
      team?: string[] | undefined
      experts?: string[] | undefined
    },
    actor: Actor,
  ): Promise<Outcome<IncidentView>> {
    const row = await store.get(id)
    if (!row) return notFound
    const from = row.status as IncidentStatus
    if (change.status && change.status !== from && !canMove(from, change.status))
      return {
        ok: false,
        status: 409,
        problems: [
          { field: 'status', message: `an incident that is ${from} cannot go back to ${change.status}` },
        ],
      }
    const now = deps.now()
    const closing = change.status === 'closed' && from !== 'closed'
    await store.update(id, { ...change, ...(closing ? { closedAt: now } : {}) }, now)
    if (change.status && change.status !== from)
      await record(id, actor, 'status', `${from} → ${change.status}`)
    if (change.team) await record(id, actor, 'team', `team: ${change.team.join(', ')}`)
    if (change.experts) await record(id, actor, 'experts', `outside experts: ${change.experts.join(', ')}`)
    if (closing) await deps.freeze?.release({ kind: 'incident', id }, now)
    return { ok: true, value: await view((await store.get(id)) as IncidentRow) }
  },
  async addAction(id: string, note: string, actor: Actor): Promise<Outcome<true>> {
    if (!(await store.get(id))) return notFound
    if (note.trim() === '') return bad([{ field: 'note', message: 'describe the action taken' }])
    await record(id, actor, 'action', note)
    return { ok: true, value: true }
  },
  async attach(
    id: string,
    file: { filename: string; contentType: string; bytes: Buffer },
    actor: Actor,
  ): Promise<Outcome<{ id: string }>> {
    if (!(await store.get(id))) return notFound
    const attachmentId = randomUUID()
    await store.addAttachment({ id: attachmentId, incidentId: id, ...file, now: deps.now() })
    await record(id, actor, 'attachment', `attached ${file.filename} (${file.bytes.length} bytes)`, {
      attachment: attachmentId,
    })
    return { ok: true, value: { id: attachmentId } }
  },
})

export type Incidents = ReturnType<typeof createIncidents>

const buildView = async (deps: IncidentDeps, store: Store, row: IncidentRow) => {
  const now = deps.now()
  const subjects = await store.subjects(row.id)
  const people: Record<string, number> = {}
  for (const s of subjects) people[s.jurisdiction] = (people[s.jurisdiction] ?? 0) + 1
  const involved = row.scope ? deps.packs.filter((p) => (people[p.id] ?? 0) > 0) : deps.packs
  const categories = [...new Set([...row.categories, ...(row.scope?.categories ?? [])])]
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as IncidentStatus,
    discoveredAt: row.discovered_at.toISOString(),
    summary: row.summary,
    systems: row.systems,
    categories,
    team: row.team,
    experts: row.experts,
    closedAt: row.closed_at?.toISOString() ?? null,
    scope: row.scope,
    people: subjects.map((s) => {
      const placedBy = (s.placed_by ?? 'phone-guess') as PlacedBy
      const localeBy = (s.locale_by ?? (s.locale ? 'name-guess' : 'none')) as LocaleBy
      return {
        ref: s.subject_ref,
        jurisdiction: s.jurisdiction,
        country: s.country,
        locale: s.locale,
        categories: s.categories,
        groups: s.groups ?? [],
        placedBy,
        localeBy,
        /** Whether the jurisdiction or the language is still a guess; the console and review say so. */
        guessed: !placedFromRecords(placedBy) || !localeFromRecords(localeBy),
        placedText: both((c) => c[`placed.${placedBy}`]),
        localeText: both((c) => c[`locale.${localeBy}`]),
      }
    }),
    groups: (row.scope?.groups ?? []).map((g) => ({
      ...g,
      text: both((c) =>
        g.kind === 'table'
          ? c['scope.table'](g.people, g.source, g.column)
          : c[g.kind === 'processor' ? 'scope.processor' : 'scope.account'](g.people, g.source, g.entries),
      ),
    })),
    clocks: breachClocks({
      discoveredAt: row.discovered_at,
      packs: involved,
      people,
      ...(deps.manifest.breach ? { commitment: deps.manifest.breach } : {}),
      now,
    }),
    risk: riskOf(deps, categories, row.scope?.protected ?? []),
    /** Named systems Amana cannot read: each a task to check by hand, with whom to ask. */
    tasks: handChecks(deps.manifest, row.systems),
    timeline: (await store.events(row.id)).map((e) => ({ ...e, at: e.at.toISOString() })),
    attachments: (await store.attachments(row.id)).map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.content_type,
      size: Number(a.size),
    })),
  }
}

const riskOf = (deps: IncidentDeps, categories: readonly string[], protectedIds: readonly string[]) =>
  assessRisk({
    categories: categories.map((id) => ({
      id,
      kind: deps.manifest.categories[id]?.kind ?? 'other',
      sensitivity: deps.manifest.categories[id]?.sensitivity ?? 'normal',
      protected: protectedIds.includes(id),
    })),
    children: deps.manifest.children?.directedAtChildren === true,
  })

/** One text from the incident catalogue in both languages. */
const both = (pick: (copy: ReturnType<typeof copyFor>) => string) => ({
  en: pick(copyFor('en')),
  ar: pick(copyFor('ar')),
})

export type IncidentView = Awaited<ReturnType<typeof buildView>>
type Store = ReturnType<typeof incidentStore>
type Record_ = (
  incidentId: string,
  actor: Actor,
  kind: string,
  note: string,
  details?: object,
) => Promise<void>

/** The affected people from the data map, placed and frozen for retention. */
const scopeUseCases = ({ deps, store, record, view }: Kit) => ({
  /**
   * Lists the people behind the breached tables' rows in the window (through the connectors, on
   * PostgreSQL or MySQL/MariaDB), and those Amana's ledger shows were handed to an affected processor
   * or read by a compromised account; places them in jurisdictions; freezes their deletion.
   */
  async scope(
    id: string,
    input: ScopeInput & { protected?: string[] | undefined },
    actor: Actor,
  ): Promise<Outcome<IncidentView>> {
    const row = await store.get(id)
    if (!row) return notFound
    const plan = planScope(deps.manifest, input)
    if (!plan.ok) return bad(plan.problems)
    const found: FoundGroup[] = []
    const groups: StoredGroup[] = []
    for (const query of plan.queries) {
      const groupId = `table:${query.system}.${query.table}`
      const t = input.tables.find((x) => x.system === query.system && x.table === query.table)
      found.push({
        id: groupId,
        system: query.system,
        subjectTable: query.subjectTable,
        categories: query.categories,
        rows: (await deps.shop.query(query.system, query.build)) as never,
      })
      groups.push({
        id: groupId,
        kind: 'table',
        source: `${query.system}.${query.table}`,
        column: t?.timeColumn ?? '',
        entries: 0,
        people: 0,
      })
    }
    found.push(...(await ledgerGroups(deps, row.systems, input, groups)))
    const people = placePeople(deps.manifest, deps.packs, found, await ownRecordsOf(deps, found))
    const counts: Record<string, number> = {}
    for (const p of people) counts[p.jurisdiction] = (counts[p.jurisdiction] ?? 0) + 1
    const now = deps.now()
    await store.saveScope(
      id,
      {
        tables: input.tables,
        processors: [...(input.processors ?? [])],
        accounts: [...(input.accounts ?? [])],
        from: input.from.toISOString(),
        to: input.to.toISOString(),
        categories: [...new Set(found.flatMap((g) => g.categories))],
        people: counts,
        groups: groups.map((g) => ({ ...g, people: people.filter((p) => p.groups.includes(g.id)).length })),
        protected: input.protected ?? [],
      },
      people,
      now,
    )
    if (row.status !== 'closed')
      await deps.freeze?.freeze(
        people.map((p) => freezeRefOf(subjectKindOf(deps.manifest), p.ref)),
        { kind: 'incident', id },
        now,
      )
    await record(id, actor, 'scope', `scope: ${people.length} people in ${groups.length} groups`, {
      people: people.length,
    })
    const scoped = await view((await store.get(id)) as IncidentRow)
    // The scope decides which jurisdictions' clocks run: their reminders are scheduled now (a
    // reminder scheduled twice is sent once).
    await scheduleReminders(deps, scoped)
    return { ok: true, value: scoped }
  },
})

/** Each person's notice language, and the notices: each person once, in their language. */
const noticeUseCases = ({ deps, store, record }: Kit) => ({
  async setLocale(id: string, ref: string, locale: NoticeLocale, actor: Actor): Promise<Outcome<true>> {
    const changed = await store.setLocale(id, ref, locale)
    if (Number(changed.numUpdatedRows) === 0)
      return {
        ok: false,
        status: 404,
        problems: [{ field: 'ref', message: 'this person is not in the scope' }],
      }
    await record(id, actor, 'locale', `notice language for one person set to ${locale}`)
    return { ok: true, value: true }
  },

  /** Sends each person in the scope their notice in their language; a person already sent one is skipped. */
  async sendNotices(
    id: string,
    text: NoticeText,
    actor: Actor,
  ): Promise<Outcome<{ sent: number; skipped: number }>> {
    const row = await store.get(id)
    if (!row) return notFound
    const subjects = await store.subjects(id)
    const problems: Problem[] = subjects.flatMap((s, i) =>
      s.locale === 'en' || s.locale === 'ar'
        ? []
        : [
            {
              field: `people[${i}].locale`,
              message: `set the notice language for ${s.subject_ref} (en or ar)`,
            },
          ],
    )
    const locales = new Set(
      subjects.map((s) => s.locale).filter((l): l is NoticeLocale => l === 'en' || l === 'ar'),
    )
    problems.push(
      ...missingText(text, locales).map((field) => ({
        field,
        message: 'write this text for the notices in that language',
      })),
    )
    if (subjects.length === 0)
      problems.push({ field: 'scope', message: 'run the scope first: nobody is listed yet' })
    if (problems.length > 0) return bad(problems)
    let sent = 0
    let skipped = 0
    for (const s of subjects) {
      const locale = s.locale as NoticeLocale
      if (!(await store.claimNotice({ incidentId: id, ref: s.subject_ref, locale, now: deps.now() }))) {
        skipped++
        continue
      }
      const to = await contactOf(deps, s.subject_ref)
      if (!to) {
        await store.noticeQueued(id, s.subject_ref, null, 'no-address')
        continue
      }
      const notice = renderNotice({
        manifest: deps.manifest,
        locale,
        categories: s.categories,
        discoveredAt: row.discovered_at,
        text,
      })
      const outboxId = await deps.mail.enqueue({ kind: 'transactional', to, ...notice }, deps.now())
      await store.noticeQueued(id, s.subject_ref, outboxId, 'queued')
      sent++
    }
    await record(id, actor, 'notices', `notices queued: ${sent}, already sent before: ${skipped}`, {
      sent,
      skipped,
    })
    return { ok: true, value: { sent, skipped } }
  },
})

/** Delivery per person, the breach register and the report to each authority (each download audited). */
const reportUseCases = ({ deps, store, view, packOf }: Kit) => ({
  /**
   * A staff download of the breach register (`target` "breach-register") or of an incident's report
   * to one authority (`target` the incident id), in the ledger: who, which report, format, language.
   */
  async downloaded(
    actor: Actor,
    what: { report: 'breach-register' | 'regulator-report'; format: string; lang: string },
    incident?: { id: string; jurisdiction: string },
  ) {
    await deps.audit.append({
      action: 'incident.report-downloaded',
      actor,
      target: incident?.id ?? what.report,
      details: { ...what, ...(incident ? { jurisdiction: incident.jurisdiction } : {}) },
    })
  },

  /** Delivery per person, read from the mail outbox. */
  async notices(id: string) {
    return Promise.all(
      (await store.notices(id)).map(async (n) => ({
        ref: n.subject_ref,
        locale: n.locale,
        status: n.outbox_id ? ((await deps.mail.status(n.outbox_id)) ?? n.status) : n.status,
        queuedAt: n.sent_at.toISOString(),
      })),
    )
  },

  /** The breach register (Oman's ER Art 28 shape): every incident, oldest first; JSON and printable HTML. */
  async breachRegister(locale: NoticeLocale) {
    const incidents = []
    for (const row of await store.list()) {
      const v = await view(row)
      const sent = (await store.notices(row.id)).filter((n) => n.outbox_id !== null).length
      incidents.push({ ...v, noticesSent: sent })
    }
    const register = breachRegister({
      incidents,
      servesOman: deps.manifest.jurisdictions.includes('om'),
      locale,
    })
    const shop = deps.manifest.organisation.legalName
    return { json: register, html: breachRegisterHtml(register, shop, locale) }
  },

  async report(id: string, jurisdiction: string, locale: NoticeLocale) {
    const row = await store.get(id)
    const pack = packOf(jurisdiction)
    if (!row || !pack) return undefined
    const v = await view(row)
    const facts: ReportFacts = {
      reference: v.reference,
      status: v.status,
      discoveredAt: v.discoveredAt,
      summary: v.summary,
      systems: v.systems,
      categories: v.categories,
      team: v.team,
      experts: v.experts,
      timeline: v.timeline.map((e) => ({ at: e.at, kind: e.kind, note: e.note })),
      risk: v.risk,
    }
    const report = regulatorReport({
      manifest: deps.manifest,
      pack,
      facts,
      clocks: v.clocks,
      people: v.people.filter((p) => p.jurisdiction === jurisdiction).length,
      locale,
    })
    return { json: report, html: regulatorReportHtml(report, locale) }
  },
})

/**
 * The people the audit ledger names (handed to an affected processor, read by a compromised account),
 * looked up in the shop's subject table; an id the shop does not hold stays as `ledger:subject:<id>`.
 * Adds one group per processor and account to `groups`.
 */
const ledgerGroups = async (
  deps: IncidentDeps,
  systems: readonly string[],
  input: ScopeInput,
  groups: StoredGroup[],
): Promise<FoundGroup[]> => {
  if (!deps.ledger || (!input.processors?.length && !input.accounts?.length)) return []
  const subjects = await deps.ledger.subjects({
    processors: input.processors ?? [],
    accounts: input.accounts ?? [],
    from: input.from,
    to: input.to,
  })
  const ids = [...new Set(subjects.map((s) => s.subjectId))]
  const rowsByKey = new Map<string, PersonRow>()
  const located = { system: 'ledger', subjectTable: 'subject' }
  const lookups: ReturnType<typeof ledgerPeopleQuery>[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const lookup = ledgerPeopleQuery(deps.manifest, systems, ids.slice(i, i + 500))
    lookups.push(lookup)
    if (!lookup.query) continue
    located.system = lookup.query.system
    located.subjectTable = lookup.query.subjectTable
    for (const r of await deps.shop.query(lookup.query.system, lookup.query.build))
      rowsByKey.set(String(r.key), r as PersonRow)
  }
  const rowOf = (subjectId: string): { row: PersonRow; system: string; table: string } => {
    const key = lookups.find((l) => l.keyOf.has(subjectId))?.keyOf.get(subjectId)
    const row = key === undefined ? undefined : rowsByKey.get(key)
    return row
      ? { row, system: located.system, table: located.subjectTable }
      : { row: { key: subjectId }, system: 'ledger', table: 'subject' }
  }
  const found: FoundGroup[] = []
  for (const [via, sources] of [
    ['processor', input.processors ?? []],
    ['account', input.accounts ?? []],
  ] as const)
    for (const source of sources) {
      const mine = subjects.filter((s) => s.via === via && s.source === source)
      const groupId = `${via}:${source}`
      groups.push({
        id: groupId,
        kind: via,
        source,
        column: '',
        entries: mine.reduce((n, s) => n + s.entries, 0),
        people: 0,
      })
      // One found group per shop table the people were located in (the shop's, or the ledger's own).
      for (const placed of [true, false]) {
        const part = mine
          .map((s) => ({ s, at: rowOf(s.subjectId) }))
          .filter((x) => (x.at.system !== 'ledger') === placed)
        if (part.length === 0) continue
        found.push({
          id: groupId,
          system: part[0]?.at.system ?? 'ledger',
          subjectTable: part[0]?.at.table ?? 'subject',
          categories: [...new Set(mine.flatMap((s) => s.categories))],
          rows: part.map((x) => x.at.row),
        })
      }
    }
  return found
}

/**
 * One pg-boss job per reminder point of each running clock, to run at its moment. pg-boss counts in
 * real time, so the moment is taken relative to the service's clock (the same in production).
 */
const scheduleReminders = async (deps: IncidentDeps, incident: IncidentView): Promise<void> => {
  if (!deps.jobs || incident.status === 'closed') return
  const now = deps.now()
  for (const clock of incident.clocks)
    for (const point of reminderPoints(clock, now))
      await deps.jobs.send(
        incidentReminderJob,
        { incidentId: incident.id, key: point.key },
        { startAfter: new Date(Date.now() + Math.max(0, point.at.getTime() - now.getTime())) },
      )
}

/** The person's email address, read again from the shop (Amana keeps only the reference). */
const contactOf = async (deps: IncidentDeps, ref: string): Promise<string | undefined> => {
  const [system, table, ...rest] = ref.split(':')
  const key = rest.join(':')
  const spec = system && table ? deps.manifest.systems?.[system]?.tables?.[table] : undefined
  const column = spec?.identity?.find((c) => /mail/i.test(c))
  if (!system || !table || !spec || !column) return undefined
  const keyColumn = typeof spec.key === 'string' ? spec.key : (spec.key?.[0] ?? 'id')
  const rows = await deps.shop.query(system, (d) => ({
    text: `select ${d.quote(column)} as ${d.quote('to')} from ${d.table(table)} where ${d.quote(keyColumn)} = ${d.placeholder(1)}`,
    params: [key],
  }))
  return rows[0]?.to ?? undefined
}

/** The manifest's customer subject id (`customer` for RUMROM), which retention's refs start with. */
const subjectKindOf = (manifest: Manifest): string =>
  Object.entries(manifest.subjects).find(([, s]) => s.kind === 'customer')?.[0] ?? 'customer'

/**
 * Amana's own records of each person the shop's tables do not place (no declared country): the
 * request they filed, by the email or phone the shop holds; else the consent choice for their id.
 */
const ownRecordsOf = async (
  deps: IncidentDeps,
  found: readonly FoundGroup[],
): Promise<ReadonlyMap<string, OwnRecord>> => {
  const own = new Map<string, OwnRecord>()
  if (!deps.own) return own
  const unplaced = new Map<string, PersonRow>()
  for (const group of found)
    for (const row of group.rows)
      if (!row.__country?.trim() && group.system !== 'ledger')
        unplaced.set(`${group.system}:${group.subjectTable}:${row.key}`, row)
  const rows = [...unplaced.values()]
  const column = (row: PersonRow, pattern: RegExp) =>
    Object.entries(row).find(([c, v]) => pattern.test(c) && v)?.[1] ?? undefined
  const requests = await deps.own.requests(
    rows.map((row) => ({ email: column(row, /e-?mail/i), phone: column(row, /phone|mobile/i) })),
  )
  const consents = await deps.own.consents(rows.map((row) => row.key))
  ;[...unplaced.keys()].forEach((ref, i) => {
    const record = requests[i] ?? consents[i]
    if (record) own.set(ref, record)
  })
  return own
}
