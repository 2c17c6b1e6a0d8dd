import { createHash, randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locale } from '@amana/web'
import {
  type CollectedTable,
  collectSubject,
  type DatasetPlan,
  eraseSubject,
  type SubjectIdentifier,
} from '../connectors/index.ts'
import { packsFor } from '../jurisdictions/index.ts'
import { type AmanaError, isAmanaError } from '../platform/errors/index.ts'
import { binaryCellsAsFiles } from './binary-cells.ts'
import { isDisclosure, type RequestType } from './domain/request-types.ts'
import { buildAccessPackage, type CollectedSystem } from './package/build-access-package.ts'
import { writeZip } from './package/zip.ts'
import type { Actor, RequestsService } from './requests-service.ts'
import type { RequestRow } from './store.ts'

export type StepName =
  | 'preflight'
  | 'confirm-order'
  | 'collect'
  | 'package'
  | 'erase'
  | 'processors'
  | 'rectify'
  | 'restrict'
  | 'notify'
  | 'shred'

/** The steps of each request type, in order. Each is idempotent: a resumed worker may run it again. */
export const stepsFor = (type: RequestType, checkOrder: boolean): StepName[] => {
  const order: StepName[] = checkOrder ? ['confirm-order'] : []
  switch (type) {
    case 'access':
    case 'portability':
    case 'know':
      return ['preflight', ...order, 'collect', 'package', 'notify']
    case 'erasure':
      // notify before shred: the requester's address is one of the copies shredding destroys.
      return ['preflight', ...order, 'erase', 'processors', 'notify', 'shred']
    case 'rectification':
      return ['preflight', ...order, 'rectify', 'notify']
    default:
      return [...order, 'restrict', 'notify']
  }
}

type StepOutcome =
  | { kind: 'done'; result: Record<string, unknown> }
  | { kind: 'waiting'; tasks: { target: string; title: string }[] }
  | { kind: 'deny'; reason: string }

export type RunOutcome = 'completed' | 'not-claimed' | 'waiting' | 'denied' | 'failed' | 'lost-lease'

/** Stable ids for files a step may write twice (a resumed worker overwrites, never duplicates). */
const stableId = (seed: string) => {
  const h = createHash('sha256').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** The task that tells staff no system holds the requester. */
const NOT_FOUND = 'subject-not-found'

class StepFailure extends Error {
  readonly retryable: boolean
  constructor(message: string, retryable: boolean, options?: ErrorOptions) {
    super(message, options)
    this.retryable = retryable
  }
}

const failureOf = (error: unknown): StepFailure => {
  if (error instanceof StepFailure) return error
  if (isAmanaError(error)) {
    // A connector says whether trying again can help (a lost connection can, a wrong password or a
    // constraint violation cannot); a schema mismatch needs the manifest or the schema fixed.
    const said = (error.details as { retryable?: unknown } | undefined)?.retryable
    const retryable =
      error.code === 'CONNECTOR_UNAVAILABLE' || error.code === 'CONNECTOR_FAILED'
        ? said === true || (error.code === 'CONNECTOR_UNAVAILABLE' && said === undefined)
        : error.code === 'DATABASE_UNREACHABLE' || error.code === 'JOB_FAILED'
    return new StepFailure(`${error.code}: ${error.message}`, retryable, { cause: error })
  }
  return new StepFailure('unexpected failure (see the server log)', true, { cause: error })
}

/** Purposes each consent-side request stops, from the manifest. */
export const purposesFor = (service: RequestsService, type: RequestType): string[] => {
  const purposes = Object.entries(service.deps.manifest.purposes)
  const bases = (p: (typeof purposes)[number][1]) =>
    typeof p.legalBasis === 'string' ? [p.legalBasis] : Object.values(p.legalBasis)
  switch (type) {
    case 'restriction':
      return ['*']
    case 'objection':
      return purposes
        .filter(([, p]) => bases(p).includes('legitimate-interest') || p.kind === 'marketing')
        .map(([id]) => id)
    case 'opt-out-sale':
      return purposes
        .filter(
          ([, p]) =>
            p.kind === 'advertising' ||
            Object.keys(p.shares ?? {}).some(
              (pid) => service.deps.manifest.processors?.[pid]?.service === 'advertising',
            ),
        )
        .map(([id]) => id)
    case 'withdraw-consent':
      return purposes.filter(([, p]) => bases(p).includes('consent')).map(([id]) => id)
    default:
      return []
  }
}

/**
 * Runs a request's steps under a lease, persisting each step's outcome before the next starts. A
 * worker that dies leaves the lease to expire; the next worker skips the steps marked done.
 */
export const createExecutor = (service: RequestsService, workerId: string = randomUUID()) => {
  const { db } = service.deps
  const { store } = service
  const system: Actor = { type: 'system', id: `worker:${workerId.slice(0, 8)}` }

  const renewLease = async (id: string, now: Date) =>
    (await db
      .updateTable('dsr_request')
      .set({ lease_owner: workerId, lease_until: new Date(now.getTime() + service.options.leaseMs) })
      .where('id', '=', id)
      .where('status', '=', 'in-progress')
      .where((eb) =>
        eb.or([eb('lease_owner', '=', workerId), eb('lease_until', 'is', null), eb('lease_until', '<', now)]),
      )
      .returningAll()
      .executeTakeFirst()) as RequestRow | undefined

  const release = (id: string) =>
    db
      .updateTable('dsr_request')
      .set({ lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_owner', '=', workerId)
      .execute()

  const planOf = (): DatasetPlan => {
    const p = service.deps.plan
    if (!p.ok)
      throw new StepFailure(
        `the manifest does not map to the shop's systems: ${p.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        false,
      )
    return p.plan
  }

  const resultsOrThrow = <T extends { ok: boolean }>(results: readonly T[]) => {
    const failed = results.find((r) => !r.ok) as (T & { error: AmanaError }) | undefined
    if (failed) throw failed.error
  }

  /** Manual systems: a task per system; done once staff completed it with evidence. */
  const manualWaiting = async (row: RequestRow, step: StepName, systems: readonly string[], verb: string) => {
    if (systems.length === 0)
      return { waiting: [] as { target: string; title: string }[], evidence: [] as string[] }
    const tasks = await db
      .selectFrom('dsr_task')
      .selectAll()
      .where('request_id', '=', row.id)
      .where('step', '=', step)
      .execute()
    const waiting: { target: string; title: string }[] = []
    const evidence: string[] = []
    for (const s of systems) {
      const task = tasks.find((t) => t.target === s)
      if (task?.state === 'done') evidence.push(`${s}: ${task.evidence ?? ''}`)
      else
        waiting.push({ target: s, title: `${verb} the subject's records in ${s} (request ${row.reference})` })
    }
    return { waiting, evidence }
  }

  /**
   * The subject is in no system: staff hear of it (a task) before the request answers "we hold no
   * data", since a typo or another address is likelier than a stranger. Undefined once staff
   * confirmed it; on a resumed erasure whose earlier attempt may have erased everything, also.
   */
  const notFoundTasks = async (row: RequestRow, step: StepName, ids: readonly SubjectIdentifier[]) => {
    const [task, current] = await Promise.all([
      db
        .selectFrom('dsr_task')
        .select('state')
        .where('request_id', '=', row.id)
        .where('step', '=', step)
        .where('target', '=', NOT_FOUND)
        .executeTakeFirst(),
      db
        .selectFrom('dsr_step')
        .select('attempts')
        .where('request_id', '=', row.id)
        .where('step', '=', step)
        .executeTakeFirst(),
    ])
    if (task?.state === 'done' || (step === 'erase' && !task && (current?.attempts ?? 0) > 1))
      return undefined
    const kinds = [...new Set(ids.map((i) => i.kind.replace('_', ' ')))].join(' and ')
    return [
      {
        target: NOT_FOUND,
        title: `No record of the requester of ${row.reference} was found in any system (searched by ${kinds}). Check the identifier, then complete this task to answer that we hold no data about them, or deny the request`,
      },
    ]
  }

  const identifiersOf = async (row: RequestRow): Promise<SubjectIdentifier[]> => {
    const ids = await service.verifiedIdentifiers(row)
    if (ids.length === 0)
      throw new StepFailure(
        'no verified identifier is readable for this request (it may have been shredded)',
        false,
      )
    return ids
  }

  const steps: Record<StepName, (row: RequestRow, now: Date) => Promise<StepOutcome>> = {
    async preflight() {
      const plan = planOf()
      const opened = service.connectors(plan)
      const issues: string[] = []
      for (const c of opened.connectors.values()) {
        const result = await c.preflight()
        if (!result.ok) issues.push(...result.issues.map((i) => i.message))
      }
      if (issues.length > 0) throw new StepFailure(`CONNECTOR_SCHEMA_MISMATCH: ${issues.join('; ')}`, false)
      return { kind: 'done', result: { systems: opened.connectors.size } }
    },

    async 'confirm-order'(row) {
      const plan = planOf()
      const given = await service.open(row, 'order_number', row.order_number_enc)
      const where = service.options.orderTable
      if (!given || !where) return { kind: 'done', result: { checked: false } }
      const report = await collectSubject(plan, service.connectors(plan), await identifiersOf(row))
      resultsOrThrow(report.results)
      const rows = report.results.flatMap((r) =>
        r.ok && r.outcome.status === 'completed' && r.system === where.system
          ? (r.outcome.tables.find((t) => t.table === where.table)?.rows ?? [])
          : [],
      )
      if (!rows.some((r) => String(r[where.column]) === given.trim()))
        return {
          kind: 'deny',
          reason:
            'The order number did not match our records for the verified address, so we could not confirm it is you.',
        }
      return { kind: 'done', result: { checked: true } }
    },

    async collect(row, now) {
      const plan = planOf()
      const exportDir = await mkdtemp(join(tmpdir(), 'amana-dsr-'))
      try {
        const ids = await identifiersOf(row)
        const report = await collectSubject(plan, service.connectors(plan), ids, { exportDir })
        resultsOrThrow(report.results)
        const manual = report.results
          .filter((r) => r.ok && r.outcome.status === 'awaiting-staff')
          .map((r) => r.system)
        const { waiting, evidence } = await manualWaiting(row, 'collect', manual, 'Find and export')
        if (waiting.length > 0) return { kind: 'waiting', tasks: waiting }
        const notFound = report.subjectFound ? undefined : await notFoundTasks(row, 'collect', ids)
        if (notFound) return { kind: 'waiting', tasks: notFound }
        const rowsOf: CollectedSystem[] = report.results.flatMap((r) =>
          r.ok && r.outcome.status === 'completed'
            ? [
                {
                  system: r.system,
                  tables: r.outcome.tables.map((t: CollectedTable) => ({ table: t.table, rows: t.rows })),
                },
              ]
            : [],
        )
        const { systems, files: binary } = binaryCellsAsFiles(rowsOf, plan)
        const fileData = binary.map((f) => ({
          store: f.store,
          ref: f.ref,
          bytes: f.bytes.toString('base64'),
        }))
        for (const f of report.files)
          if (f.status === 'exported' && f.path)
            fileData.push({ store: f.store, ref: f.ref, bytes: (await readFile(f.path)).toString('base64') })
        const payload = Buffer.from(JSON.stringify({ systems, files: fileData, pending: evidence }))
        const fileId = stableId(`${row.id}:collected`)
        const { keyEnc } = await service.files.put(row.subject_id, fileId, payload)
        await db
          .insertInto('dsr_file')
          .values({
            id: fileId,
            request_id: row.id,
            kind: 'collected',
            name: 'collected.json',
            content_type: 'application/json',
            size: payload.length,
            key_enc: keyEnc,
            created_at: now,
          })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet({ key_enc: keyEnc, size: payload.length, created_at: now }),
          )
          .execute()
        const rows = systems.reduce((n, s) => n + s.tables.reduce((m, t) => m + t.rows.length, 0), 0)
        return {
          kind: 'done',
          result: {
            subjectFound: report.subjectFound,
            systems: systems.length,
            tables: systems.reduce((n, s) => n + s.tables.filter((t) => t.rows.length > 0).length, 0),
            rows,
            files: fileData.length,
          },
        }
      } finally {
        await rm(exportDir, { recursive: true, force: true })
      }
    },

    async package(row, now) {
      const collectedId = stableId(`${row.id}:collected`)
      const packageId = stableId(`${row.id}:package`)
      const collected = await db
        .selectFrom('dsr_file')
        .selectAll()
        .where('id', '=', collectedId)
        .executeTakeFirst()
      if (!collected) {
        // A previous attempt built the package and removed the collected data before it could record the step.
        const built = await db
          .selectFrom('dsr_file')
          .select('size')
          .where('id', '=', packageId)
          .executeTakeFirst()
        if (built) return { kind: 'done', result: { bytes: built.size } }
        throw new StepFailure('the collected data is missing; retry runs the collection again', false)
      }
      const data = JSON.parse(
        (await service.files.get(row.subject_id, collectedId, collected.key_enc)).toString('utf8'),
      ) as {
        systems: CollectedSystem[]
        files: { store: string; ref: string; bytes: string }[]
        pending: string[]
      }
      const zip = writeZip(
        buildAccessPackage({
          reference: row.reference,
          type: row.type as RequestType,
          locale: row.locale as Locale,
          generatedAt: now,
          manifest: service.deps.manifest,
          packs: packsFor(row.jurisdictions),
          plan: planOf(),
          collected: data.systems,
          files: data.files.map((f) => ({
            store: f.store,
            ref: f.ref,
            bytes: Buffer.from(f.bytes, 'base64'),
          })),
          pending: data.pending,
        }),
      )
      const { keyEnc } = await service.files.put(row.subject_id, packageId, zip)
      const expires = new Date(now.getTime() + service.options.packageDays * 86_400_000)
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('dsr_file')
          .values({
            id: packageId,
            request_id: row.id,
            kind: 'package',
            name: `${row.reference}.zip`,
            content_type: 'application/zip',
            size: zip.length,
            key_enc: keyEnc,
            created_at: now,
            expires_at: expires,
          })
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet({ key_enc: keyEnc, size: zip.length, created_at: now, expires_at: expires }),
          )
          .execute()
        await trx.deleteFrom('dsr_file').where('id', '=', collectedId).execute()
      })
      await service.files.remove(collectedId)
      return { kind: 'done', result: { bytes: zip.length } }
    },

    async erase(row, now) {
      const plan = planOf()
      const ids = await identifiersOf(row)
      const report = await eraseSubject(plan, service.connectors(plan), ids, { now })
      resultsOrThrow(report.results)
      const manual = report.results
        .filter((r) => r.ok && r.outcome.status === 'awaiting-staff')
        .map((r) => r.system)
      const { waiting } = await manualWaiting(row, 'erase', manual, 'Erase')
      if (waiting.length > 0) return { kind: 'waiting', tasks: waiting }
      const notFound = report.subjectFound ? undefined : await notFoundTasks(row, 'erase', ids)
      if (notFound) return { kind: 'waiting', tasks: notFound }
      const systems = report.results.flatMap((r) =>
        r.ok && r.outcome.status === 'completed'
          ? [
              {
                system: r.system,
                alreadyErased: r.outcome.alreadyErased,
                steps: r.outcome.steps.map((s) => ({
                  table: s.table,
                  action: s.action,
                  rows: s.rows,
                  columns: s.columns,
                  ...(s.reason ? { reason: s.reason } : {}),
                })),
              },
            ]
          : [],
      )
      return {
        kind: 'done',
        result: {
          subjectFound: report.subjectFound,
          systems,
          files: report.files.map((f) => ({ store: f.store, status: f.status })),
        },
      }
    },

    async processors(row) {
      const processors = Object.entries(service.deps.manifest.processors ?? {})
      const hosted = new Set(
        Object.values(service.deps.manifest.systems ?? {}).flatMap((s) => (s.hostedBy ? [s.hostedBy] : [])),
      )
      const told = processors.filter(([id]) => !hosted.has(id))
      const tasks = await db
        .selectFrom('dsr_task')
        .selectAll()
        .where('request_id', '=', row.id)
        .where('step', '=', 'processors')
        .execute()
      const waiting = told
        .filter(([id]) => tasks.find((t) => t.target === id)?.state !== 'done')
        .map(([id, p]) => ({
          target: id,
          title: `Tell ${p.name}${p.contact?.email ? ` (${p.contact.email})` : ''} to erase the subject of request ${row.reference} (${Object.keys(p.categories).join(', ')})`,
        }))
      if (waiting.length > 0) return { kind: 'waiting', tasks: waiting }
      return { kind: 'done', result: { processors: told.map(([id]) => id), viaConnector: [...hosted] } }
    },

    async rectify(row) {
      const plan = planOf()
      const changes = (row.changes ?? []) as {
        system: string
        table: string
        key: Record<string, unknown>
        changes: Record<string, unknown>
      }[]
      if (changes.length === 0)
        throw new StepFailure(
          'no changes were approved; deny the request or approve it with the changes to write',
          false,
        )
      const opened = service.connectors(plan)
      let changed = 0
      const manual: string[] = []
      for (const c of changes) {
        const connector = opened.connectors.get(c.system)
        if (!connector) throw new StepFailure(`unknown system "${c.system}" in the approved changes`, false)
        const outcome = await connector.rectify({ table: c.table, key: c.key, changes: c.changes })
        if (outcome.status === 'completed') changed += outcome.changed
        else manual.push(c.system)
      }
      const { waiting } = await manualWaiting(row, 'rectify', manual, 'Correct')
      if (waiting.length > 0) return { kind: 'waiting', tasks: waiting }
      return { kind: 'done', result: { changed } }
    },

    async restrict(row, now) {
      const purposes = purposesFor(service, row.type as RequestType)
      const customerId = await service.open(row, 'customer_id', row.customer_id_enc)
      const email = await service.open(row, 'email', row.email_enc)
      const id = customerId ?? email
      if (!service.deps.restriction || !id) {
        const tasks = await db
          .selectFrom('dsr_task')
          .selectAll()
          .where('request_id', '=', row.id)
          .where('step', '=', 'restrict')
          .execute()
        if (tasks[0]?.state === 'done') return { kind: 'done', result: { purposes, via: 'task' } }
        return {
          kind: 'waiting',
          tasks: [
            {
              target: 'consent',
              title: `Record a ${row.type} for request ${row.reference}: ${purposes.join(', ') || 'no purpose applies'}`,
            },
          ],
        }
      }
      if (purposes.length > 0) await service.deps.restriction.restrict({ kind: 'account', id }, purposes, now)
      return { kind: 'done', result: { purposes } }
    },

    async notify(row) {
      const sent = await db
        .selectFrom('dsr_notice')
        .select('kind')
        .where('request_id', '=', row.id)
        .where('kind', '=', 'completed')
        .executeTakeFirst()
      if (!sent) {
        // At least once: a crash between these two lines sends the email again on resume.
        if (isDisclosure(row.type as RequestType)) {
          const pkg = await db
            .selectFrom('dsr_file')
            .select('expires_at')
            .where('request_id', '=', row.id)
            .where('kind', '=', 'package')
            .executeTakeFirst()
          await service.tell(row, 'ready', {
            date: (pkg?.expires_at ?? new Date()).toISOString().slice(0, 10),
          })
        } else await service.tell(row, 'completed')
        await db
          .insertInto('dsr_notice')
          .values({ request_id: row.id, kind: 'completed', created_at: service.deps.now() })
          .onConflict((oc) => oc.columns(['request_id', 'kind']).doNothing())
          .execute()
      }
      return { kind: 'done', result: {} }
    },

    async shred(row) {
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
    },
  }

  /**
   * A failed step is recorded on the step and the request. A retryable one is left to the job's
   * retries (and the sweep, once the lease lapses); a non-retryable one moves the request to
   * `awaiting-staff`, where nothing runs it again until staff press Retry.
   */
  const recordFailure = async (row: RequestRow, step: StepName, failure: StepFailure, now: Date) => {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('dsr_step')
        .set({ status: 'failed', error: failure.message.slice(0, 1000), finished_at: now })
        .where('request_id', '=', row.id)
        .where('step', '=', step)
        .execute()
      await trx
        .updateTable('dsr_request')
        .set({
          last_error: `${step}: ${failure.message}`.slice(0, 1000),
          lease_owner: null,
          lease_until: null,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .where('lease_owner', '=', workerId)
        .execute()
      await store.addEvent(trx, row.id, now, {
        actor: system,
        kind: 'step-failed',
        details: { step, retryable: failure.retryable, error: failure.message.slice(0, 300) },
      })
    })
    await service.audit('step-failed', system, row.id, { step, retryable: failure.retryable })
    if (!failure.retryable) {
      const moved = await store.move(row.id, ['in-progress'], 'awaiting-staff', now, {
        actor: system,
        kind: 'waiting-for-staff',
        details: { step, failed: true },
      })
      if (moved) await service.audit('waiting-for-staff', system, row.id, { step, failed: true })
    }
  }

  return {
    workerId,
    /** Runs what is left of a request. Throws only for a retryable failure (the job retries with backoff). */
    async run(id: string): Promise<RunOutcome> {
      const now0 = service.deps.now()
      let row = await renewLease(id, now0)
      if (!row) return 'not-claimed'
      const names = stepsFor(
        row.type as RequestType,
        service.options.orderNumberFor.includes(row.type as RequestType) && row.order_number_enc !== null,
      )
      await db
        .insertInto('dsr_step')
        .values(
          names.map((step, position) => ({ request_id: id, step, position, status: 'pending' as const })),
        )
        .onConflict((oc) => oc.columns(['request_id', 'step']).doNothing())
        .execute()
      for (const name of names) {
        const now = service.deps.now()
        const current = await db
          .selectFrom('dsr_step')
          .selectAll()
          .where('request_id', '=', id)
          .where('step', '=', name)
          .executeTakeFirstOrThrow()
        if (current.status === 'done') continue
        row = await renewLease(id, now)
        if (!row) return 'lost-lease'
        const attempt = current.attempts + 1
        // Compare-and-set on the attempt read above: a worker whose lease lapsed mid-step may record
        // it done between that read and this write; this worker must not run it a second time.
        const started = await db
          .updateTable('dsr_step')
          .set({ status: 'running', attempts: attempt, started_at: now, error: null })
          .where('request_id', '=', id)
          .where('step', '=', name)
          .where('attempts', '=', current.attempts)
          .where('status', '!=', 'done')
          .executeTakeFirst()
        if (Number(started.numUpdatedRows) !== 1) return 'lost-lease'
        let outcome: StepOutcome
        try {
          outcome = await steps[name](row, now)
        } catch (error) {
          const failure = failureOf(error)
          service.deps.logger.warn(
            {
              requestId: id,
              step: name,
              retryable: failure.retryable,
              err:
                error instanceof Error
                  ? { message: failure.message, code: isAmanaError(error) ? error.code : undefined }
                  : undefined,
            },
            'request step failed',
          )
          await recordFailure(row, name, failure, service.deps.now())
          if (failure.retryable) throw failure
          return 'failed'
        }
        const at = service.deps.now()
        if (outcome.kind === 'deny') {
          await db
            .updateTable('dsr_step')
            .set({ status: 'done', result: JSON.stringify({ denied: true }), finished_at: at })
            .where('request_id', '=', id)
            .where('step', '=', name)
            .execute()
          await release(id)
          const denied = await service.store.move(
            id,
            ['in-progress'],
            'denied',
            at,
            { actor: system, kind: 'denied', details: { reason: outcome.reason } },
            { denial_reason: outcome.reason, completed_at: at },
          )
          if (denied) {
            await service.audit('denied', system, id, { step: name })
            await service.tell(denied, 'denied', { reason: outcome.reason })
          }
          return 'denied'
        }
        if (outcome.kind === 'waiting') {
          const tasks = outcome.tasks
          await db.transaction().execute(async (trx) => {
            for (const t of tasks)
              await trx
                .insertInto('dsr_task')
                .values({
                  id: randomUUID(),
                  request_id: id,
                  step: name,
                  title: t.title,
                  target: t.target,
                  state: 'open',
                  created_at: at,
                })
                .onConflict((oc) => oc.columns(['request_id', 'step', 'target']).doNothing())
                .execute()
            await trx
              .updateTable('dsr_step')
              .set({ status: 'waiting' })
              .where('request_id', '=', id)
              .where('step', '=', name)
              .execute()
          })
          await release(id)
          const moved = await service.store.move(id, ['in-progress'], 'awaiting-staff', at, {
            actor: system,
            kind: 'waiting-for-staff',
            details: { step: name, tasks: tasks.length },
          })
          if (moved) await service.audit('waiting-for-staff', system, id, { step: name, tasks: tasks.length })
          return 'waiting'
        }
        const result = outcome.result
        const recorded = await db.transaction().execute(async (trx) => {
          const updated = await trx
            .updateTable('dsr_step')
            .set({ status: 'done', result: JSON.stringify(result), finished_at: at })
            .where('request_id', '=', id)
            .where('step', '=', name)
            .where('status', '=', 'running')
            .where('attempts', '=', attempt)
            .executeTakeFirst()
          if (Number(updated.numUpdatedRows) !== 1) return false
          await store.addEvent(trx, id, at, {
            actor: system,
            kind: 'step-done',
            details: { step: name, attempt, ...flat(result) },
          })
          return true
        })
        if (!recorded) return 'lost-lease'
        await service.audit(`step.${name}`, system, id, { attempt, ...flat(result) })
      }
      const at = service.deps.now()
      const done = await service.store.move(
        id,
        ['in-progress'],
        'completed',
        at,
        { actor: system, kind: 'completed' },
        { completed_at: at, lease_owner: null, lease_until: null, last_error: null },
      )
      if (done) await service.audit('completed', system, id, { type: done.type })
      return 'completed'
    },
  }
}

/** Step results as flat audit details: numbers and strings only, never rows. */
const flat = (result: Record<string, unknown>): Record<string, string | number | boolean> => {
  const out: Record<string, string | number | boolean> = {}
  for (const [k, v] of Object.entries(result)) {
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') out[k] = v
    else if (Array.isArray(v)) out[k] = v.length
  }
  return out
}

export type Executor = ReturnType<typeof createExecutor>
