/** What the connectors need to know of a real schema, read from information_schema. */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'float' | 'boolean' | 'date' | 'timestamp' | 'uuid' | 'json' | 'other'

export type ColumnInfo = {
  name: string
  type: ColumnType
  nullable: boolean
  /** Character limit of varchar/char columns, null when unbounded. */
  maxLength: number | null
  /** Covered alone by a primary-key or unique constraint. */
  unique: boolean
}

export type ForeignKey = { table: string; column: string; refTable: string; refColumn: string }

export type SchemaInfo = {
  tables: ReadonlyMap<string, ReadonlyMap<string, ColumnInfo>>
  foreignKeys: readonly ForeignKey[]
}

export const columnTypeOf = (dataType: string): ColumnType => {
  const t = dataType.toLowerCase()
  if (/^(character varying|varchar|character|char|text|tinytext|mediumtext|longtext|citext|enum|set)$/.test(t)) return 'text'
  if (/^(smallint|integer|bigint|int|tinyint|mediumint)$/.test(t)) return t === 'tinyint' ? 'integer' : 'integer'
  if (/^(numeric|decimal)$/.test(t)) return 'decimal'
  if (/^(real|double precision|double|float)$/.test(t)) return 'float'
  if (t === 'boolean' || t === 'bool') return 'boolean'
  if (t === 'date') return 'date'
  if (t.startsWith('timestamp') || t === 'datetime') return 'timestamp'
  if (t === 'uuid') return 'uuid'
  if (t === 'json' || t === 'jsonb') return 'json'
  return 'other'
}
