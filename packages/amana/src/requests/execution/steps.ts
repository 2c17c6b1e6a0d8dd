import { type Locale, tr } from '@amana/web'
import { processorName } from '../../manifest/index.ts'
import { isDisclosure, type RequestType } from '../domain/request-types.ts'
import type { TaskRequest } from '../domain/staff-task.ts'
import { textIn } from '../requests-service.ts'
import type { RequestRow } from '../store.ts'
import {
  type ExecutionContext,
  manualWaiting,
  planOf,
  type Step,
  StepFailure,
  type StepOutcome,
} from './context.ts'
import { collect, confirmOrder, packageStep } from './disclosure-steps.ts'
import { erase } from './erase-step.ts'
import { purposesFor } from './purposes.ts'
import type { StepName } from './step-names.ts'
import type { HoldRow } from './store.ts'

export const preflight = async (ctx: ExecutionContext): Promise<StepOutcome> => {
  const opened = ctx.service.connectors(planOf(ctx))
  const issues: string[] = []
  for (const c of opened.connectors.values()) {
    const result = await c.preflight()
    if (!result.ok) issues.push(...result.issues.map((i) => i.message))
  }
  if (issues.length > 0) throw new StepFailure(`CONNECTOR_SCHEMA_MISMATCH: ${issues.join('; ')}`, false)
  return { kind: 'done', result: { systems: opened.connectors.size } }
}

/** Processors not reached through a connector are told by staff, one task each. */
export const processors = async (ctx: ExecutionContext, row: RequestRow): Promise<StepOutcome> => {
  const { manifest } = ctx.service.deps
  const hosted = new Set(
    Object.values(manifest.systems ?? {}).flatMap((s) => (s.hostedBy ? [s.hostedBy] : [])),
  )
  const told = Object.entries(manifest.processors ?? {}).filter(([id]) => !hosted.has(id))
  const tasks = await ctx.db
    .selectFrom('dsr_task')
    .selectAll()
    .where('request_id', '=', row.id)
    .where('step', '=', 'processors')
    .execute()
  const waiting = told
    .filter(([id]) => tasks.find((t) => t.target === id)?.state !== 'done')
    .map(([id, p]): TaskRequest => {
      const email = p.contact?.email
      const categories = Object.keys(p.categories)
      const params = { processor: id, name: processorName(p, 'en'), ...(email ? { email } : {}), categories }
      return { target: id, task: { code: 'tell-processor', params } }
    })
  if (waiting.length > 0) return { kind: 'waiting', tasks: waiting }
  return { kind: 'done', result: { processors: told.map(([id]) => id), viaConnector: [...hosted] } }
}

type Change = {
  system: string
  table: string
  key: Record<string, unknown>
  changes: Record<string, unknown>
}

export const rectify = async (ctx: ExecutionContext, row: RequestRow): Promise<StepOutcome> => {
  const plan = planOf(ctx)
  const changes = (row.changes ?? []) as Change[]
  if (changes.length === 0)
    throw new StepFailure(
      'no changes were approved; deny the request or approve it with the changes to write',
      false,
    )
  const opened = ctx.service.connectors(plan)
  let changed = 0
  const manual: string[] = []
  for (const c of changes) {
    const connector = opened.connectors.get(c.system)
    if (!connector) throw new StepFailure(`unknown system "${c.system}" in the approved changes`, false)
    const outcome = await connector.rectify({ table: c.table, key: c.key, changes: c.changes })
    if (outcome.status === 'completed') changed += outcome.changed
    else manual.push(c.system)
  }
  const { waiting } = await manualWaiting(ctx, row, 'rectify', manual)
  if (waiting.length > 0) return { kind: 'waiting', tasks: waiting }
  return { kind: 'done', result: { changed } }
}

export const restrict = async (ctx: ExecutionContext, row: RequestRow, now: Date): Promise<StepOutcome> => {
  const { service } = ctx
  const purposes = purposesFor(service, row.type as RequestType)
  const customerId = await service.open(row, 'customer_id', row.customer_id_enc)
  const email = await service.open(row, 'email', row.email_enc)
  const id = customerId ?? email
  if (!service.deps.restriction || !id) {
    const tasks = await ctx.db
      .selectFrom('dsr_task')
      .selectAll()
      .where('request_id', '=', row.id)
      .where('step', '=', 'restrict')
      .execute()
    if (tasks[0]?.state === 'done') return { kind: 'done', result: { purposes, via: 'task' } }
    return {
      kind: 'waiting',
      tasks: [{ target: 'consent', task: { code: 'record-consent', params: { type: row.type, purposes } } }],
    }
  }
  if (purposes.length > 0) await service.deps.restriction.restrict({ kind: 'account', id }, purposes, now)
  return { kind: 'done', result: { purposes } }
}

/**
 * What the holds kept, in the requester's words: the kept fields' categories (as the manifest
 * describes them), why, under which law, and until when.
 */
export const heldLines = (ctx: ExecutionContext, holds: readonly HoldRow[], locale: Locale): string => {
  const { manifest } = ctx.service.deps
  const plan = ctx.service.deps.plan.ok ? ctx.service.deps.plan.plan : undefined
  return holds
    .map((h) => {
      const table = plan?.tables.find((t) => t.system === h.system && t.table === h.table_name)
      const fields = table?.fields.filter((f) => h.columns.length === 0 || h.columns.includes(f.column)) ?? []
      const what = [...new Set(fields.map((f) => f.category))]
        .map((c) => {
          const category = manifest.categories[c]
          return textIn(category?.description, locale) ?? textIn(category?.label, locale) ?? c
        })
        .join('; ')
      return tr(locale, 'mail.held.line', {
        what: what || h.table_name,
        reason: textIn(h.reason, locale) ?? '',
        law: h.law ? tr(locale, 'mail.held.law', { law: h.law }) : '',
        date: h.until ? h.until.toISOString().slice(0, 10) : '—',
      })
    })
    .join('\n')
}

/** The requester hears the outcome once; an erasure's message lists what holds kept, why and until when. */
export const notify = async (ctx: ExecutionContext, row: RequestRow): Promise<StepOutcome> => {
  const { db, service } = ctx
  const sent = await db
    .selectFrom('dsr_notice')
    .select('kind')
    .where('request_id', '=', row.id)
    .where('kind', '=', 'completed')
    .executeTakeFirst()
  if (sent) return { kind: 'done', result: {} }
  // At least once: a crash between these two lines sends the email again on resume.
  if (isDisclosure(row.type as RequestType)) {
    const pkg = await db
      .selectFrom('dsr_file')
      .select('expires_at')
      .where('request_id', '=', row.id)
      .where('kind', '=', 'package')
      .executeTakeFirst()
    await service.tell(row, 'ready', { date: (pkg?.expires_at ?? new Date()).toISOString().slice(0, 10) })
  } else {
    const holds = (await ctx.execution.holdsOf(row.id)).filter((h) => h.finished_at === null)
    if (holds.length > 0)
      await service.tell(row, 'completed-held', { held: heldLines(ctx, holds, row.locale as Locale) })
    else await service.tell(row, 'completed')
  }
  await db
    .insertInto('dsr_notice')
    .values({ request_id: row.id, kind: 'completed', created_at: service.deps.now() })
    .onConflict((oc) => oc.columns(['request_id', 'kind']).doNothing())
    .execute()
  return { kind: 'done', result: {} }
}

/** Amana's own copies of the requester (this request and their closed ones) are crypto-shredded. */
export const shred = async (ctx: ExecutionContext, row: RequestRow): Promise<StepOutcome> => {
  const { db, service } = ctx
  const same = await db
    .selectFrom('dsr_request')
    .select(['id', 'subject_id'])
    .where((eb) =>
      eb.or([
        eb('id', '=', row.id),
        eb.and([
          eb('status', 'in', ['completed', 'denied', 'merged']),
          eb.or([
            ...(row.email_index ? [eb('email_index', '=', row.email_index)] : []),
            ...(row.phone_index ? [eb('phone_index', '=', row.phone_index)] : []),
            eb('id', '=', row.id),
          ]),
        ]),
      ]),
    )
    .execute()
  for (const r of same) await service.deps.vault.shredSubject(r.subject_id)
  const ids = same.map((r) => r.id)
  const proofs = await db.selectFrom('dsr_file').select('id').where('request_id', 'in', ids).execute()
  for (const f of proofs) await service.files.remove(f.id)
  await db.deleteFrom('dsr_file').where('request_id', 'in', ids).execute()
  await db
    .updateTable('dsr_request')
    .set({ email_index: null, phone_index: null })
    .where('id', 'in', ids)
    .execute()
  return { kind: 'done', result: { requestsShredded: ids.length } }
}

/** Every step, by name. */
export const stepsOf = (ctx: ExecutionContext): Record<StepName, Step> => ({
  preflight: () => preflight(ctx),
  'confirm-order': (row) => confirmOrder(ctx, row),
  collect: (row, now) => collect(ctx, row, now),
  package: (row, now) => packageStep(ctx, row, now),
  erase: (row, now) => erase(ctx, row, now),
  processors: (row) => processors(ctx, row),
  rectify: (row) => rectify(ctx, row),
  restrict: (row, now) => restrict(ctx, row, now),
  notify: (row) => notify(ctx, row),
  shred: (row) => shred(ctx, row),
})
