import type { ManualTask } from './manual/manual-task.ts'
import type { Seed, Subject, SystemKind } from './plan.ts'
import type { LiveFindingCopy } from './sql/copy/index.ts'
import type { DueQuery } from './sql/statements.ts'

export type Row = Record<string, unknown>

export type PreflightIssue = {
  system: string
  table: string
  column?: string
  declaredAt?: string
  message: string
  /** What the message says as a catalogue key and parameters (SQL systems), for the reader's language. */
  copy?: LiveFindingCopy
}
export type PreflightResult = { ok: true } | { ok: false; issues: PreflightIssue[] }

export type CollectedTable = { table: string; rows: Row[] }

export type EraseStep = {
  table: string
  action: 'delete' | 'anonymise' | 'held' | 'none'
  rows: number
  /** Columns rewritten (anonymise) — empty for delete and held. */
  columns: string[]
  /** Rows of a parent others refer to too (`follow: 'up'`), left unchanged; absent when none. */
  shared?: number
  /** Columns of the table's rows left as they were, each with why (absent when none was). */
  skipped?: SkippedColumn[]
  /** Columns (or whole rows) kept under a legal hold, each hold with its period; absent when none. */
  held?: HeldColumns[]
  reason?: string
}

/**
 * What a hold kept in one table: its columns (empty: the whole rows), why, and until when
 * (`until`, ISO, counted from the hold's event; absent for a hold without an end). `keys` are the
 * kept rows' primary keys, for finishing the erasure when the hold ends; never shown to anyone.
 */
export type HeldColumns = {
  columns: string[]
  reason: string | Record<string, string>
  law?: string
  keep?: string
  after?: string
  /** What the period counts from, in words (English, for a developer): see `basis` for the code. */
  from?: string
  /** What the period counts from, as a code and its values: rendered in each language where shown. */
  basis?: HoldBasis
  until?: string
  rows: number
  keys: unknown[][]
}

/**
 * What a hold's period counts from: the row's event column, the time the shop recorded for the
 * event (`POST /v1/events`), or the erasure date when no time of the event is known.
 */
export type HoldBasis =
  | { kind: 'column'; event: string; column: string }
  | { kind: 'recorded'; event: string }
  | { kind: 'erasure'; event: string }

export type SkippedColumn = { column: string; reason: string; rows: number }

export type AwaitingStaff = { status: 'awaiting-staff'; system: string; task: ManualTask }

export type CollectOutcome = { status: 'completed'; system: string; tables: CollectedTable[] } | AwaitingStaff

export type EraseOutcome =
  | {
      status: 'completed'
      system: string
      dryRun: boolean
      /** True when nothing of the subject was left to change: a repeated erasure. */
      alreadyErased: boolean
      /** Rows of the subject this erasure's own search found (changed, held or already erased). */
      found?: number
      steps: EraseStep[]
      /** File references of the found rows (SQL systems), shared parents' apart. */
      files?: FoundFile[]
      /** Values of the `carry` columns among the found rows (SQL systems). */
      carried?: Seed[]
    }
  | AwaitingStaff

/** A file a found row refers to: `ref` in file store `store`. */
export type FoundFile = { table: string; store: string; ref: string }

export type Rectification = { table: string; key: Record<string, unknown>; changes: Record<string, unknown> }
export type RectifyOutcome = { status: 'completed'; system: string; changed: number } | AwaitingStaff

export type EraseOptions = {
  now: Date
  dryRun?: boolean
  /**
   * Told what the erasure changed just before it commits (SQL systems, not on a dry run): the
   * caller records it, so a crash between the commit and the caller's own record leaves a trace of
   * what was committed. A failure here rolls the erasure back.
   */
  committing?: (outcome: EraseOutcome) => Promise<void>
  /**
   * Columns whose values among the found rows the caller needs (references from or to another
   * system's tables): read under the same locks and returned as `carried`, so no second search runs.
   */
  carry?: readonly { table: string; column: string }[]
  /**
   * When the shop said `event` happened to rows of `table` (retention's clock, `POST /v1/events`), by
   * the rows' first key column as text: a hold whose table has no column timing its event counts
   * from it. Absent or without an answer for a row: from the erasure.
   */
  eventTimes?: (query: {
    table: string
    event: string
    keys: readonly string[]
  }) => Promise<ReadonlyMap<string, Date>>
}

/**
 * One interface for every system that holds a shop's personal data. Expected outcomes are values;
 * an unreachable system throws `CONNECTOR_UNAVAILABLE`, a plan that does not match the system throws
 * `CONNECTOR_SCHEMA_MISMATCH`, a system that refused the operation throws `CONNECTOR_FAILED`.
 */
export interface Connector {
  readonly system: string
  readonly kind: SystemKind
  preflight(): Promise<PreflightResult>
  /**
   * What would work but badly (`amana check --live`): lookups no index serves, for the tables and
   * columns that exist (the rest is pre-flight's). SQL systems only.
   */
  inspect?(): Promise<PreflightIssue[]>
  /** Retention: keys of rows due by a time column, in key order, one bounded batch. SQL systems only. */
  dueKeys?(query: DueQuery): Promise<unknown[]>
  /** Retention's dry run: how many rows are due by a time column. SQL systems only. */
  countDue?(query: Omit<DueQuery, 'key' | 'after' | 'limit'>): Promise<number>
  collect(subject: Subject): Promise<CollectOutcome>
  erase(subject: Subject, options: EraseOptions): Promise<EraseOutcome>
  rectify(change: Rectification): Promise<RectifyOutcome>
  close(): Promise<void>
}
