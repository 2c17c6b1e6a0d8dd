import { createHash } from 'node:crypto'
import type { EraseOutcome, Opened, Subject, TablePlan } from '../connectors/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { RetentionVaultPort } from './ports.ts'

export type BatchCount = { system: string; table: string; action: string; rows: number }

/** Work a manual system's staff are asked to do: which tables, the instructions, the task's id. */
export type StaffTask = { id: string; system: string; tables: string[]; instructions: string }

/** What one batch changed, per table, and whether staff were asked to do it (a manual system). */
export type BatchResult = { counts: BatchCount[]; files: number; tasks: number; staffTasks: StaffTask[] }

/** The files a batch's rows name, removed before the rows (a failure after leaves rows to retry). */
const removeFiles = async (
  opened: Opened,
  system: string,
  tables: readonly TablePlan[],
  subject: Subject,
): Promise<number> => {
  const withFiles = tables.filter((t) => t.files && t.fields.some((f) => f.onErase === 'delete-row'))
  if (withFiles.length === 0) return 0
  const connector = opened.connectors.get(system)
  if (!connector) return 0
  const found = await connector.collect(subject)
  if (found.status !== 'completed') return 0
  let removed = 0
  for (const t of withFiles) {
    const store = t.files ? opened.fileStores.get(t.files.store) : undefined
    const rows = found.tables.find((x) => x.table === t.table)?.rows ?? []
    for (const row of rows) {
      const ref = t.files ? row[t.files.column] : undefined
      if (store && typeof ref === 'string' && ref !== '' && (await store.remove(ref)) === 'removed') removed++
    }
  }
  return removed
}

const countsOf = (system: string, outcome: EraseOutcome, batch: number): BatchResult => {
  if (outcome.status !== 'completed') {
    const { id, tables, instructions } = outcome.task
    return {
      counts: [{ system, table: '*', action: 'staff-task', rows: batch }],
      files: 0,
      tasks: 1,
      staffTasks: [{ id, system, tables: [...tables], instructions }],
    }
  }
  const counts = outcome.steps
    .filter((s) => (s.action === 'delete' || s.action === 'anonymise') && s.rows > 0)
    .map((s) => ({ system, table: s.table, action: s.action, rows: s.rows }))
  return { counts, files: 0, tasks: 0, staffTasks: [] }
}

/**
 * One batch: the erasure planner's plan for the due rows (seeds) or subjects (identifiers), run
 * in one transaction of the shop's system. Repeating a batch changes nothing more: deleted rows
 * are gone and anonymised values are recognised (connectors/sql/plan-erase.ts).
 */
export const eraseBatch = async (input: {
  opened: Opened
  system: string
  tables: readonly TablePlan[]
  subject: Subject
  size: number
  now: Date
  /**
   * Told what the batch changed inside the shop's transaction, just before it commits (SQL
   * systems): the sweep records it, so a worker killed between the commit and its own record
   * still knows what the committed batch did. A failure here rolls the batch back.
   */
  prepared?: (result: BatchResult) => Promise<void>
}): Promise<BatchResult> => {
  const connector = input.opened.connectors.get(input.system)
  if (!connector)
    throw new AmanaError('CONNECTOR_UNAVAILABLE', `retention: system "${input.system}" has no connector`)
  const files = await removeFiles(input.opened, input.system, input.tables, input.subject)
  const { prepared } = input
  const outcome = await connector.erase(input.subject, {
    now: input.now,
    ...(prepared
      ? { committing: (o: EraseOutcome) => prepared({ ...countsOf(input.system, o, input.size), files }) }
      : {}),
  })
  return { ...countsOf(input.system, outcome, input.size), files }
}

/** How much a batch changed: a repeated batch whose first run committed changes nothing. */
export const changedBy = (result: BatchResult): number =>
  result.counts.reduce((n, c) => n + c.rows, 0) + result.files + result.tasks

const TOKEN = /^tok_[A-Za-z0-9_-]{24}$/

/** The rows of one batch whose tokens can still be read, per table, and the people those tokens name. */
const readableTokens = async (
  found: readonly { table: string; rows: readonly Record<string, unknown>[] }[],
  tables: readonly TablePlan[],
  vault: RetentionVaultPort,
) => {
  const subjects = new Set<string>()
  const rowsPerTable = new Map<string, number>()
  for (const t of tables.filter((x) => x.fields.length > 0))
    for (const row of found.find((x) => x.table === t.table)?.rows ?? []) {
      let readable = false
      for (const f of t.fields) {
        const token = row[f.column]
        if (typeof token !== 'string' || !TOKEN.test(token)) continue
        try {
          subjects.add((await vault.detokenise(token)).subjectId)
          readable = true
        } catch (error) {
          // Already unreadable (shredded before) or not a token this vault issued: nothing to destroy.
          if (!(error instanceof AmanaError)) throw error
        }
      }
      if (readable) rowsPerTable.set(t.table, (rowsPerTable.get(t.table) ?? 0) + 1)
    }
  return { subjects, rowsPerTable }
}

/**
 * Crypto-shred for one batch: the rows' vault tokens in the rule's columns are read (nothing in
 * the shop changes), and the key of each token's person is destroyed, so every copy of the value —
 * in the shop, a backup or a log — stays ciphertext for good. Counts the rows whose tokens go
 * unreadable, and tells the sweep (`prepared`) before the first key is destroyed: a worker killed
 * mid-batch leaves that record, and the repeat (which finds those keys gone) does not undercount.
 */
export const shredBatch = async (input: {
  opened: Opened
  system: string
  tables: readonly TablePlan[]
  subject: Subject
  vault: RetentionVaultPort | undefined
  prepared?: (result: BatchResult) => Promise<void>
}): Promise<BatchResult> => {
  const connector = input.opened.connectors.get(input.system)
  if (!connector)
    throw new AmanaError('CONNECTOR_UNAVAILABLE', `retention: system "${input.system}" has no connector`)
  if (!input.vault)
    throw new AmanaError('CONFLICT', 'retention: crypto-shred needs the vault in this process')
  const found = await connector.collect(input.subject)
  if (found.status !== 'completed') return countsOf(input.system, found, 1)
  const { subjects, rowsPerTable } = await readableTokens(found.tables, input.tables, input.vault)
  const counts = [...rowsPerTable].map(([table, rows]) => ({
    system: input.system,
    table,
    action: 'crypto-shred',
    rows,
  }))
  const result = { counts, files: 0, tasks: 0, staffTasks: [] }
  if (subjects.size === 0) return result
  await input.prepared?.(result)
  for (const subjectId of subjects) await input.vault.shredSubject(subjectId)
  return result
}

/** The next link of a run's digest: what went, named by system, table and key, hashed onto the last. */
export const chainDigest = (previous: string, lines: readonly string[]): string =>
  createHash('sha256')
    .update(previous)
    .update('\n')
    .update([...lines].sort().join('\n'))
    .digest('hex')
