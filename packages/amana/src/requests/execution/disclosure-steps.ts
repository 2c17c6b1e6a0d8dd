import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locale } from '@amana/web'
import { type CollectedTable, type CollectReport, collectSubject } from '../../connectors/index.ts'
import { packsFor } from '../../jurisdictions/index.ts'
import { binaryCellsAsFiles } from '../binary-cells.ts'
import type { RequestType } from '../domain/request-types.ts'
import { buildAccessPackage, type CollectedSystem } from '../package/build-access-package.ts'
import { recordedEvents } from '../package/package-holds.ts'
import { writeZip } from '../package/zip.ts'
import type { RequestRow } from '../store.ts'
import {
  type ExecutionContext,
  identifiersOf,
  manualWaiting,
  notFoundTasks,
  planOf,
  resultsOrThrow,
  StepFailure,
  type StepOutcome,
  stableId,
} from './context.ts'

type Collected = {
  systems: CollectedSystem[]
  files: { store: string; ref: string; bytes: string }[]
  pending: string[]
}

/** The order number the requester gave must be one of the verified address's orders. */
export const confirmOrder = async (ctx: ExecutionContext, row: RequestRow): Promise<StepOutcome> => {
  const plan = planOf(ctx)
  const given = await ctx.service.open(row, 'order_number', row.order_number_enc)
  const where = ctx.service.options.orderTable
  if (!given || !where) return { kind: 'done', result: { checked: false } }
  const report = await collectSubject(plan, ctx.service.connectors(plan), await identifiersOf(ctx, row))
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
}

/** The rows of every system that answered, binary cells as files, and the exported uploads. */
const collectedData = async (ctx: ExecutionContext, report: CollectReport, evidence: string[]) => {
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
  const { systems, files: binary } = binaryCellsAsFiles(rowsOf, planOf(ctx))
  const files = binary.map((f) => ({ store: f.store, ref: f.ref, bytes: f.bytes.toString('base64') }))
  for (const f of report.files)
    if (f.status === 'exported' && f.path)
      files.push({ store: f.store, ref: f.ref, bytes: (await readFile(f.path)).toString('base64') })
  return { systems, files, pending: evidence } satisfies Collected
}

/** Sealed under the request's subject, under a stable id (a resumed step overwrites it). */
const saveCollected = async (ctx: ExecutionContext, row: RequestRow, data: Collected, now: Date) => {
  const payload = Buffer.from(JSON.stringify(data))
  const fileId = stableId(`${row.id}:collected`)
  const { keyEnc } = await ctx.service.files.put(row.subject_id, fileId, payload)
  await ctx.db
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
}

export const collect = async (ctx: ExecutionContext, row: RequestRow, now: Date): Promise<StepOutcome> => {
  const plan = planOf(ctx)
  const exportDir = await mkdtemp(join(tmpdir(), 'amana-dsr-'))
  try {
    const ids = await identifiersOf(ctx, row)
    const report = await collectSubject(plan, ctx.service.connectors(plan), ids, { exportDir })
    resultsOrThrow(report.results)
    const manual = report.results
      .filter((r) => r.ok && r.outcome.status === 'awaiting-staff')
      .map((r) => r.system)
    const { waiting, evidence } = await manualWaiting(ctx, row, 'collect', manual)
    if (waiting.length > 0) return { kind: 'waiting', tasks: waiting }
    const notFound = report.subjectFound ? undefined : await notFoundTasks(ctx, row, 'collect', ids)
    if (notFound) return { kind: 'waiting', tasks: notFound }
    const data = await collectedData(ctx, report, evidence)
    await saveCollected(ctx, row, data, now)
    const { systems } = data
    return {
      kind: 'done',
      result: {
        subjectFound: report.subjectFound,
        systems: systems.length,
        tables: systems.reduce((n, s) => n + s.tables.filter((t) => t.rows.length > 0).length, 0),
        rows: systems.reduce((n, s) => n + s.tables.reduce((m, t) => m + t.rows.length, 0), 0),
        files: data.files.length,
      },
    }
  } finally {
    await rm(exportDir, { recursive: true, force: true })
  }
}

/** The archive from the collected data, sealed; the collected data removed. */
export const packageStep = async (
  ctx: ExecutionContext,
  row: RequestRow,
  now: Date,
): Promise<StepOutcome> => {
  const { db, service } = ctx
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
  ) as Collected
  const plan = planOf(ctx)
  // The holds' ends counted as the erasure counts them: from the events the shop recorded too.
  const recorded = await recordedEvents(plan, data.systems, ctx.execution.eventTimes)
  const zip = writeZip(
    buildAccessPackage({
      reference: row.reference,
      type: row.type as RequestType,
      locale: row.locale as Locale,
      generatedAt: now,
      manifest: service.deps.manifest,
      packs: packsFor(row.jurisdictions),
      plan,
      collected: data.systems,
      recorded,
      files: data.files.map((f) => ({ store: f.store, ref: f.ref, bytes: Buffer.from(f.bytes, 'base64') })),
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
}
