/**
 * A database's refusal in words that quote no row value. PostgreSQL's `detail` ("Key (email)=(…)
 * already exists") and some messages ('invalid input syntax for type uuid: "…"'), and MySQL's
 * ("Duplicate entry '…' for key …"), quote the values of the rows a statement touched: these texts
 * end up in a request's step, the console, the log and retention's run. What is kept: the code
 * (SQLSTATE, errno), the names of the constraint, table and column, and what to do about it. Pure.
 */

type Kind = 'foreign-key' | 'unique' | 'not-null' | 'check' | 'value' | 'transient' | 'other'

/** Where a refusal happened, by name only. */
export type Names = {
  table?: string | undefined
  column?: string | undefined
  constraint?: string | undefined
}

const quoted = (name: string | undefined) => (name ? `"${name}"` : undefined)

/** What to do, by kind of refusal; undefined when trying again is the answer. */
const fixFor = (kind: Kind, n: Names): string | undefined => {
  const table = quoted(n.table) ?? 'a table'
  const constraint = quoted(n.constraint) ?? 'its foreign key'
  switch (kind) {
    case 'foreign-key':
      return `Fix: rows of ${table} still refer to the rows this step deletes or changes (constraint ${constraint}): declare ${table} in amana.yaml with that reference so its rows are handled first, or make the constraint ON DELETE CASCADE or SET NULL; then retry the step`
    case 'unique':
      return `Fix: another row${n.table ? ` of ${table}` : ''} already holds the value this step writes, and ${quoted(n.constraint) ?? 'a unique key'} allows it once: correct the approved change (rectification), or anonymise the column to distinct values in amana.yaml; then retry the step`
    case 'not-null':
      return `Fix: column ${quoted(n.column) ?? '(see above)'} of ${table} cannot be empty: anonymise it to a value in amana.yaml instead of clearing it, or make the column nullable; then retry the step`
    case 'check':
      return `Fix: the value this step writes breaks check constraint ${quoted(n.constraint) ?? '(see above)'} of ${table}: anonymise the column to a value the constraint accepts (amana.yaml); then retry the step`
    case 'value':
      return `Fix: a value does not fit its column's type or size: compare the column in amana.yaml with the system's schema; then retry the step`
    case 'transient':
      return undefined
    case 'other':
      return `Fix: look the code up in the database's documentation and its log at the time of the step, fix the cause; then retry the step`
  }
}

/** Whether the message already names `name`, in any database's quotes. */
const mentions = (text: string, name: string) => ['"', "'", '`'].some((q) => text.includes(`${q}${name}${q}`))

const compose = (head: string, text: string, kind: Kind, names: Names) => {
  const where = (
    [
      ['table', names.table],
      ['column', names.column],
      ['constraint', names.constraint],
    ] as const
  ).flatMap(([what, name]) => (name && !mentions(text, name) ? [`${what} "${name}"`] : []))
  const fix = fixFor(kind, names)
  return `${head}: ${text}${where.length > 0 ? ` (${where.join(', ')})` : ''}${fix ? `. ${fix}` : ''}`
}

/** SQLSTATEs whose message names things and quotes no value (PostgreSQL's own wording). */
const PG_VALUE_FREE = new Set([
  '23502', // null value in column "c" of relation "t" violates not-null constraint
  '23001', // update or delete on table "t" violates RESTRICT setting of foreign key constraint "c" on table "u"
  '23503', // update or delete on table "t" violates foreign key constraint "c" on table "u"
  '23505', // duplicate key value violates unique constraint "c"
  '23514', // new row for relation "t" violates check constraint "c"
  '23P01', // conflicting key value violates exclusion constraint "c"
  '22001', // value too long for type character varying(n)
  '42501', // permission denied for table t
  '42601', // syntax error at or near "…" (Amana's statement text; values are parameters)
  '42703', // column "c" does not exist
  '42P01', // relation "t" does not exist
  '40001',
  '40P01',
  '55P03',
  '57014', // canceling statement due to statement timeout
  '25P02',
])

const pgKind = (code: string, message: string): Kind => {
  if (code === '23503' || code === '23001')
    return message.startsWith('update or delete') ? 'foreign-key' : 'other'
  if (code === '23505' || code === '23P01') return 'unique'
  if (code === '23502') return 'not-null'
  if (code === '23514') return 'check'
  if (code.startsWith('22')) return 'value'
  if (code === '40001' || code === '40P01' || code === '55P03' || code === '57014') return 'transient'
  return 'other'
}

/** The message up to its first quoted part, which is blanked (a value may follow; names may too). */
const cutAtQuote = (message: string, quote: '"' | "'") => {
  const at = message.indexOf(quote)
  return at < 0 ? message : `${message.slice(0, at)}${quote}…${quote}`
}

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text)

/** A PostgreSQL error (node-postgres' fields), its `detail` and any quoted value left out. */
export const describePostgresError = (e: {
  code?: string | undefined
  message?: string | undefined
  table?: string | undefined
  column?: string | undefined
  constraint?: string | undefined
}): string => {
  const code = e.code || 'unknown'
  const message = e.message ?? 'query failed'
  const text = PG_VALUE_FREE.has(code) ? message : cutAtQuote(message, '"')
  return compose(`SQLSTATE ${code}`, clip(text), pgKind(code, message), e)
}

/** errnos whose message names things (in back quotes, or a column in quotes) and quotes no value. */
const MYSQL_VALUE_FREE = new Set([
  1048, // Column 'c' cannot be null
  1054, // Unknown column 'c' in 'field list'
  1064, // syntax error near '…' (Amana's statement text; values are parameters)
  1142, // command denied to user for table 't'
  1146, // Table 'db.t' doesn't exist
  1205, // lock wait timeout
  1213, // deadlock
  1216, // foreign key fails (child)
  1217, // foreign key fails (parent)
  1264, // Out of range value for column 'c' at row n
  1406, // Data too long for column 'c' at row n
  1451, // Cannot delete or update a parent row: a foreign key constraint fails (`db`.`t`, CONSTRAINT `c` …)
  1452, // Cannot add or update a child row: …
  3819, // Check constraint 'c' is violated.
  4025, // CONSTRAINT `c` failed for `db`.`t` (MariaDB)
])

/** "for column 'c' at row 1" (MySQL) or "for column `db`.`t`.`c` at row 1" (MariaDB), at a message's end. */
const COLUMN_AT_ROW = / for column (?:'([^']*)'|(?:`(?:[^`]|``)*`\.)*`((?:[^`]|``)*)`) at row \d+$/

const mysqlKind = (errno: number): Kind => {
  if (errno === 1451 || errno === 1217) return 'foreign-key'
  if (errno === 1062 || errno === 1586) return 'unique'
  if (errno === 1048) return 'not-null'
  if (errno === 3819 || errno === 4025) return 'check'
  if ([1264, 1265, 1292, 1366, 1406].includes(errno)) return 'value'
  if (errno === 1205 || errno === 1213) return 'transient'
  return 'other'
}

/** Names MySQL's messages carry: the foreign key's table and constraint, a column, a key. */
const mysqlNames = (errno: number, message: string): Names => {
  const fk = message.match(/\(`(?:[^`]|``)*`\.`((?:[^`]|``)*)`, CONSTRAINT `((?:[^`]|``)*)`/)
  if (fk) return { table: fk[1], constraint: fk[2] }
  const check = message.match(
    /^(?:Check constraint '([^']*)'|CONSTRAINT `((?:[^`]|``)*)` failed for `(?:[^`]|``)*`\.`((?:[^`]|``)*)`)/,
  )
  if (check) return { constraint: check[1] ?? check[2], table: check[3] }
  const column = message.match(/^Column '([^']*)' cannot be null$/) ?? message.match(COLUMN_AT_ROW)
  if (column) return { column: column[1] ?? column[2] }
  // The key is the message's end: a value with quotes in it cannot be mistaken for it.
  const key = errno === 1062 || errno === 1586 ? message.match(/ for key '([^']*)'$/) : null
  return key?.[1] ? { constraint: key[1] } : {}
}

/**
 * A MySQL or MariaDB error (mysql2's fields), quoted values left out: a duplicate entry keeps its
 * key, an incorrect value its column; any other message with a quote ends at it.
 */
export const describeMysqlError = (e: {
  code?: string | undefined
  errno?: number | undefined
  sqlMessage?: string | undefined
  message?: string | undefined
}): string => {
  const errno = e.errno ?? 0
  const message = e.sqlMessage ?? e.message ?? 'query failed'
  const names = mysqlNames(errno, message)
  let text: string
  if (MYSQL_VALUE_FREE.has(errno)) text = message
  else if (errno === 1062 || errno === 1586)
    text = `Duplicate entry '…'${names.constraint ? ` for key '${names.constraint}'` : ''}`
  else {
    const tail = message.match(COLUMN_AT_ROW)?.[0] ?? ''
    text = `${cutAtQuote(message.slice(0, message.length - tail.length), "'")}${tail}`
  }
  const head = `${e.code || 'error'}${errno ? ` (errno ${errno})` : ''}`
  return compose(head, clip(text), mysqlKind(errno), names)
}
