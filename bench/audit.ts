/**
 * Audit ledger on PostgreSQL: append throughput with 8 concurrent writers (each its own connection pool,
 * like separate processes) against plain INSERTs grouped per commit the same way (so the ratio is the
 * chain's cost, not fsync batching), and `verifyLedger` over 1,000,000 entries against the same reads
 * without hashing. Every figure is the median of alternating rounds; every round is in the notes. Uses AMANA_BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test) to create and drop
 * a scratch database.
 *
 *   node bench/audit.ts [--keep] [--reuse] [--verify-only] [--runs 3]
 *     --keep         keeps the 1,000,000-entry database (amana_bench_audit_1m) instead of dropping it
 *     --reuse        measures verify again on the kept database, if there is one, without generating it
 *                    (implies --keep and --verify-only)
 *     --verify-only  skips the append measurement; prints the figures but writes no results
 */
import { randomBytes } from 'node:crypto'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { signCheckpoint } from '../packages/amana/src/audit/domain/checkpoint.ts'
import { buildBody, type EntryProjection, prepareEvent } from '../packages/amana/src/audit/domain/entry.ts'
import {
  type AuditEvent,
  type ChainRow,
  createAuditLedger,
  deriveAuditSigningKey,
  entryHash,
  GENESIS_HASH,
  verifyLedger,
} from '../packages/amana/src/audit/index.ts'
import { insertCheckpoint, insertRows, readChainTexts, setHead } from '../packages/amana/src/audit/store.ts'
import { type AmanaDatabase, migrateToLatest, openDatabase } from '../packages/amana/src/platform/db/index.ts'
import { writeResults } from './lib.ts'

const adminUrl = process.env.AMANA_BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test'
const WRITERS = 8
const PER_WRITER = 5_000
const IN_FLIGHT = 256
const VERIFY_ENTRIES = 1_000_000
const APPEND_ROUNDS = 5
/** verifyLedger's own run size and read-ahead (audit/ledger.ts), so the baseline reads exactly as it does. */
const VERIFY_RUN = 20_000
const RUNS_AHEAD = 2

const { values: args } = parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    'verify-only': { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
  },
})
const keep = args.keep || args.reuse
const verifyOnly = args['verify-only'] || args.reuse
const RUNS = Number(args.runs)

const scratch = keep ? 'amana_bench_audit_1m' : `amana_bench_audit_${randomBytes(4).toString('hex')}`
const admin = new pg.Client({ connectionString: adminUrl })
await admin.connect()
const exists = (await admin.query('select 1 from pg_database where datname = $1', [scratch])).rowCount === 1
const reuse = args.reuse && exists
if (!reuse) {
  await admin.query(`drop database if exists ${pg.escapeIdentifier(scratch)} with (force)`)
  await admin.query(`create database ${pg.escapeIdentifier(scratch)}`)
}
const url = new URL(adminUrl)
url.pathname = `/${scratch}`

const event = (i: number): AuditEvent => ({
  actor: { type: 'staff', id: `stf_${i % 12}` },
  action: 'personal-data.read',
  subjectId: `sub_${i % 50_000}`,
  purpose: 'support',
  target: `customer:${i}`,
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
  requestId: `req_${i}`,
  details: { fields: ['email', 'phone'], reason: 'ticket' },
})

/** Runs `count` calls of `op` with at most IN_FLIGHT outstanding, like a busy server process. */
const drive = async (count: number, op: (i: number) => Promise<unknown>) => {
  let next = 0
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) await op(next++)
    }),
  )
}

// A fixed key, so a kept database verifies again in a later run.
const signingKey = deriveAuditSigningKey(Buffer.alloc(32, 1))
const main = await openDatabase({ kind: 'postgres', url: url.toString() })
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
const timed = async (fn: () => Promise<void>) => {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

/** One writer's grouped plain INSERTs: events that arrive during a commit share the next transaction. */
const createGroupedInsert = (db: AmanaDatabase) => {
  let pending: { e: AuditEvent; done: () => void; fail: (err: unknown) => void }[] = []
  let flushing = false
  const flush = async (): Promise<void> => {
    flushing = true
    while (pending.length > 0) {
      const batch = pending
      pending = []
      try {
        await db.db.transaction().execute(async (trx) => {
          for (let from = 0; from < batch.length; from += 2_000)
            await trx
              .insertInto('bench_plain_audit' as never)
              .values(batch.slice(from, from + 2_000).map(({ e }) => plainRow(e)) as never)
              .execute()
        })
        for (const p of batch) p.done()
      } catch (err) {
        for (const p of batch) p.fail(err)
      }
    }
    flushing = false
  }
  return (e: AuditEvent) =>
    new Promise<void>((done, fail) => {
      pending.push({ e, done, fail })
      if (!flushing) void flush()
    })
}

const plainRow = (e: AuditEvent) => ({
  at: new Date(),
  actor_type: e.actor.type,
  actor_id: e.actor.id,
  action: e.action,
  subject_id: e.subjectId,
  purpose: e.purpose,
  target: e.target,
  ip: e.ip,
  user_agent: e.userAgent,
  request_id: e.requestId,
  details: JSON.stringify(e.details),
})

/** Appends with WRITERS separate pools, against plain inserts; events/s of the best round each. */
const measureAppends = async () => {
  await sql`create table bench_plain_audit (id bigserial primary key, at timestamptz not null, actor_type text, actor_id text, action text,
    subject_id text, purpose text, target text, ip text, user_agent text, request_id text, details jsonb)`.execute(
    main.db,
  )
  const writers: AmanaDatabase[] = await Promise.all(
    Array.from({ length: WRITERS }, () => openDatabase({ kind: 'postgres', url: url.toString() })),
  )
  const total = WRITERS * PER_WRITER
  // The baseline groups events the way the ledger does (whatever arrived while the previous
  // transaction was committing goes into the next one, as one multi-row INSERT), without the chain:
  // no head lock, no hashing. The ratio is the cost of the chain, not of fsync batching.
  const plainWriters = writers.map((w) => createGroupedInsert(w))
  const plainInsert = (k: number, i: number) =>
    (plainWriters[k] as (e: AuditEvent) => Promise<void>)(event(i))
  const ledgers = writers.map((w) => createAuditLedger({ db: w.db, signingKey }))

  // Warm-up, then alternate the two so neither gets a warmer server.
  await Promise.all(writers.map((_, k) => drive(500, (i) => plainInsert(k, k * 1e6 + i))))
  await Promise.all(ledgers.map((l, k) => drive(500, (i) => l.append(event(k * 1e6 + i)))))
  const plainMs: number[] = []
  const ledgerMs: number[] = []
  for (let round = 0; round < APPEND_ROUNDS; round++) {
    plainMs.push(
      await timed(() =>
        Promise.all(writers.map((_, k) => drive(PER_WRITER, (i) => plainInsert(k, k * 1e6 + i)))).then(
          () => {},
        ),
      ),
    )
    ledgerMs.push(
      await timed(() =>
        Promise.all(ledgers.map((l, k) => drive(PER_WRITER, (i) => l.append(event(k * 1e6 + i))))).then(
          () => {},
        ),
      ),
    )
  }
  const appended = await verifyLedger({ db: main.db, publicKeys: [signingKey] })
  if (!appended.ok)
    throw new Error(`chain broken after the append benchmark: ${JSON.stringify(appended.breaks.slice(0, 3))}`)
  for (const w of writers) await w.close()
  return {
    plainRate: total / (median(plainMs) / 1000),
    ledgerRate: total / (median(ledgerMs) / 1000),
    rounds: `append rounds (events/s): ledger ${ledgerMs.map((ms) => Math.round(total / (ms / 1000))).join(', ')}; grouped plain INSERT ${plainMs.map((ms) => Math.round(total / (ms / 1000))).join(', ')}.`,
  }
}

/** 1,000,000 entries computed in JS (as the ledger would) and bulk-inserted, with a checkpoint every 10,000. */
const generateLedger = async () => {
  await sql`truncate audit_entry, audit_checkpoint`.execute(main.db)
  let prev = GENESIS_HASH
  const started = Date.UTC(2025, 0, 1)
  for (let from = 1; from <= VERIFY_ENTRIES; from += 10_000) {
    const rows: (ChainRow & EntryProjection)[] = []
    for (let seq = from; seq < from + 10_000; seq++) {
      const prepared = prepareEvent(event(seq), new Date(started + seq * 30_000))
      const body = buildBody(seq, prepared)
      const hash = entryHash(prev, body)
      rows.push({ seq, body, prevHash: prev, hash, ...prepared.projection })
      prev = hash
    }
    await insertRows(main.db, rows)
    const tip = rows[rows.length - 1] as ChainRow
    await insertCheckpoint(
      main.db,
      signCheckpoint(signingKey, tip.seq, tip.hash, new Date(started + tip.seq * 30_000)),
    )
  }
  await main.db.transaction().execute((trx) => setHead(trx, { seq: VERIFY_ENTRIES, hash: prev }))
  await sql`vacuum analyze audit_entry`.execute(main.db)
}

/**
 * Baseline for verify: the same reads verifyLedger makes (runs of VERIFY_RUN entries as one chain text
 * each, through the same store query, RUNS_AHEAD runs fetched ahead), without hashing or signatures.
 */
const readOnly = () =>
  timed(async () => {
    const through = VERIFY_ENTRIES
    const fetchRun = (after: number) => ({
      after,
      end: Math.min(after + VERIFY_RUN, through),
      texts: readChainTexts(main.db, after, Math.min(after + VERIFY_RUN, through)),
    })
    const ahead = [fetchRun(0)]
    for (let after = 0; after < through; ) {
      while (ahead.length <= RUNS_AHEAD && (ahead.at(-1)?.end ?? through) < through)
        ahead.push(fetchRun(ahead.at(-1)?.end ?? through))
      const run = ahead.shift()
      if (!run) break
      const texts = await run.texts
      if (texts.length !== run.end - run.after) throw new Error(`run after ${run.after} is not intact`)
      after = run.end
    }
  })

try {
  if (!reuse) await migrateToLatest(main.db)
  const appends = verifyOnly ? undefined : await measureAppends()
  if (!reuse) await generateLedger()

  // Alternate verify and the read-only baseline, so both see the same machine.
  const verifyMs: number[] = []
  const readMs: number[] = []
  for (let run = 0; run < RUNS; run++) {
    let report: Awaited<ReturnType<typeof verifyLedger>> | undefined
    verifyMs.push(
      await timed(async () => {
        report = await verifyLedger({ db: main.db, publicKeys: [signingKey] })
      }),
    )
    if (!report?.ok || report.entries !== VERIFY_ENTRIES)
      throw new Error(
        `verification of the generated ledger failed: ${JSON.stringify(report?.breaks.slice(0, 3))}`,
      )
    readMs.push(await readOnly())
  }
  const verifyMedian = median(verifyMs)
  const readMedian = median(readMs)
  const verifyRow = {
    name: `verifyLedger over 1,000,000 entries (median of ${RUNS})`,
    value: verifyMedian,
    unit: 'ms',
    baseline: { name: `reading the same rows without hashing (median of ${RUNS})`, value: readMedian },
    target: '≤ 5,000 ms',
    met: verifyMedian <= 5000,
  }
  const runs = `verify runs: ${verifyMs.map((m) => Math.round(m)).join(', ')} ms; read-only runs: ${readMs.map((m) => Math.round(m)).join(', ')} ms; 100 signed checkpoints in the chain.`
  if (!appends) {
    process.stdout.write(
      `verify ${Math.round(verifyMedian)} ms, read-only ${Math.round(readMedian)} ms (medians)\n${runs}\nload average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}\n`,
    )
  } else {
    writeResults(
      'audit',
      'Audit ledger (PostgreSQL)',
      [
        {
          name: `append, median of ${APPEND_ROUNDS} rounds, ${WRITERS} writers × ${PER_WRITER.toLocaleString('en')} events, ${IN_FLIGHT} in flight each`,
          value: appends.ledgerRate,
          unit: 'events/s',
          baseline: {
            name: 'plain INSERTs grouped per commit like the ledger (multi-row, one transaction), same writers',
            value: appends.plainRate,
          },
          target: '≥ 10,000 events/s and ≥ 0.5× plain insert',
          met: appends.ledgerRate >= 10_000 && appends.ledgerRate / appends.plainRate >= 0.5,
        },
        verifyRow,
      ],
      [
        `PostgreSQL ${(await sql<{ server_version: string }>`show server_version`.execute(main.db)).rows[0]?.server_version}, same host, load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(
            ' / ',
          )} at the end; median of ${APPEND_ROUNDS} alternating rounds for appends, after a warm-up.`,
        'Each writer has its own connection pool (as separate processes would); appends in one process are grouped into one transaction under the chain-head row lock.',
        'verify reads runs of 20,000 entries as one text each (hash ‖ prev_hash ‖ body, flagged by the server’s check of the readable columns), two runs ahead on their own connections, and hashes in Node; the baseline makes exactly those reads through the same store query with the same read-ahead, without hashing, alternating with the verify runs.',
        appends.rounds,
        runs,
      ],
    )
  }
} finally {
  await main.close()
  if (!keep) await admin.query(`drop database if exists ${pg.escapeIdentifier(scratch)} with (force)`)
  await admin.end()
}
