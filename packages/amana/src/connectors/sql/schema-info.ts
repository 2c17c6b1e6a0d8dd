/** What the connectors need to know of a real schema, read from information_schema. */
export type ColumnType =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'float'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'uuid'
  | 'json'
  | 'binary'
  | 'other'

export type ColumnInfo = {
  name: string
  type: ColumnType
  nullable: boolean
  /** Character limit of varchar/char columns, null when unbounded. */
  maxLength: number | null
  /** Covered alone by a primary-key or unique constraint. */
  unique: boolean
  /** Compared without regard to case by `=` (a `_ci` collation, `citext`). */
  caseInsensitive: boolean
  /** An ENUM or SET column (MySQL/MariaDB): only its listed values fit. */
  enumerated?: boolean
}

export type OnDelete = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default'

export type ForeignKey = {
  table: string
  column: string
  refTable: string
  refColumn: string
  /** The constraint's name, as a fix quotes it. */
  name: string
  onDelete: OnDelete
}

/** PostgreSQL's `confdeltype` letter or information_schema's DELETE_RULE. */
const onDeleteOf = (rule: unknown): OnDelete => {
  const r = String(rule ?? '').toLowerCase()
  const letters: Record<string, OnDelete> = {
    a: 'no action',
    r: 'restrict',
    c: 'cascade',
    n: 'set null',
    d: 'set default',
  }
  if (letters[r]) return letters[r]
  return (
    (['no action', 'restrict', 'cascade', 'set null', 'set default'] as const).find((x) => x === r) ??
    'no action'
  )
}

export type SchemaInfo = {
  tables: ReadonlyMap<string, ReadonlyMap<string, ColumnInfo>>
  foreignKeys: readonly ForeignKey[]
  /** `table\u0000column` of every column that leads an index (a lookup by it uses the index). */
  indexed?: ReadonlySet<string>
  /** Definitions of expression indexes per table (PostgreSQL), e.g. `… (lower((email)::text))`. */
  expressionIndexes?: ReadonlyMap<string, readonly string[]>
  /** CHECK constraints of the tables read (PostgreSQL, MySQL 8.0.16+, MariaDB 10.2+). */
  checks?: readonly CheckConstraint[]
}

/**
 * A CHECK constraint as the catalog states it: its clause (the database's own text, which the
 * database can evaluate again) and the columns it names, with their SQL types (PostgreSQL).
 */
export type CheckConstraint = {
  table: string
  name: string
  clause: string
  columns: readonly string[]
  /** Column → the type to cast a test value to (`format_type`, PostgreSQL only). */
  types?: Readonly<Record<string, string>>
}

/** The tables of a database as `amana check --live` sees them: partitions apart from their parents. */
export type TableList = {
  /** Ordinary tables and partitioned parents; never a partition. */
  tables: readonly string[]
  /** partition → its parent (PostgreSQL declarative partitioning). */
  partitionOf: ReadonlyMap<string, string>
  /** Tables split into partitions (on MySQL/MariaDB these cannot have foreign keys). */
  partitioned: ReadonlySet<string>
}

export const columnTypeOf = (dataType: string): ColumnType => {
  const t = dataType.toLowerCase()
  if (
    /^(character varying|varchar|character|char|text|tinytext|mediumtext|longtext|citext|enum|set)$/.test(t)
  )
    return 'text'
  if (/^(smallint|integer|bigint|int|tinyint|mediumint)$/.test(t))
    return t === 'tinyint' ? 'integer' : 'integer'
  if (/^(numeric|decimal)$/.test(t)) return 'decimal'
  if (/^(real|double precision|double|float)$/.test(t)) return 'float'
  if (t === 'boolean' || t === 'bool') return 'boolean'
  if (t === 'date') return 'date'
  if (t.startsWith('timestamp') || t === 'datetime') return 'timestamp'
  if (t === 'uuid') return 'uuid'
  if (t === 'json' || t === 'jsonb') return 'json'
  if (/^(bytea|blob|tinyblob|mediumblob|longblob|binary|varbinary)$/.test(t)) return 'binary'
  return 'other'
}

/** Shared by both drivers: information_schema rows (lower-case aliases) to SchemaInfo. */
export const buildSchemaInfo = (
  columns: readonly Record<string, unknown>[],
  unique: readonly Record<string, unknown>[],
  fks: readonly Record<string, unknown>[],
): SchemaInfo => {
  const isUnique = new Set(unique.map((u) => `${u.table_name}\u0000${u.column_name}`))
  const tables = new Map<string, Map<string, ColumnInfo>>()
  for (const c of columns) {
    const table = String(c.table_name)
    const name = String(c.column_name)
    const t = tables.get(table) ?? new Map<string, ColumnInfo>()
    tables.set(table, t)
    t.set(name, {
      name,
      type: columnTypeOf(String(c.data_type)),
      nullable: String(c.is_nullable).toUpperCase() === 'YES',
      maxLength:
        c.character_maximum_length === null || c.character_maximum_length === undefined
          ? null
          : Number(c.character_maximum_length),
      unique: isUnique.has(`${table}\u0000${name}`),
      caseInsensitive:
        String(c.data_type).toLowerCase() === 'citext' || /_ci$/i.test(String(c.collation_name ?? '')),
      ...(/^(enum|set)$/i.test(String(c.data_type)) ? { enumerated: true } : {}),
    })
  }
  const foreignKeys: ForeignKey[] = fks.map((f) => ({
    table: String(f.table_name),
    column: String(f.column_name),
    refTable: String(f.ref_table),
    refColumn: String(f.ref_column),
    name: String(f.constraint_name ?? ''),
    onDelete: onDeleteOf(f.delete_rule),
  }))
  return { tables, foreignKeys }
}

/** Adds what the indexes cover: rows of (table_name, column_name) leading an index, and expression indexes. */
export const withIndexes = (
  schema: SchemaInfo,
  leading: readonly Record<string, unknown>[],
  expressions: readonly Record<string, unknown>[] = [],
): SchemaInfo => {
  const byTable = new Map<string, string[]>()
  for (const e of expressions) {
    const table = String(e.table_name)
    byTable.set(table, [...(byTable.get(table) ?? []), String(e.def)])
  }
  return {
    ...schema,
    indexed: new Set(
      leading.flatMap((r) => (r.column_name ? [`${r.table_name}\u0000${r.column_name}`] : [])),
    ),
    expressionIndexes: byTable,
  }
}
