import { createHash } from 'node:crypto'
import type { AnonymiseAs, IdentityKind } from '../plan.ts'
import type { ColumnInfo } from './schema-info.ts'

export type AnonymiseInput = {
  column: ColumnInfo
  as: AnonymiseAs | undefined
  identity: IdentityKind | undefined
  /**
   * Unique per row and column (table, primary key, column); the value is derived from it, not from
   * the data. Asked for only when the value needs it (a NULL or a zero does not).
   */
  rowToken: () => string
}

/** `keep` means the column cannot be anonymised without breaking it (a NOT NULL unique number). */
export type AnonymisedValue = { kind: 'set'; value: unknown } | { kind: 'keep'; reason: string }

const digest = (token: string, length: number) =>
  createHash('sha256').update(token).digest('hex').slice(0, length)

const uuidFrom = (token: string) => {
  const h = digest(token, 32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** Fits `prefix + hash + suffix` into the column's limit, shortening the hash first. */
const fit = (prefix: string, token: string, suffix: string, maxLength: number | null) => {
  const room = maxLength === null ? 16 : Math.min(16, maxLength - prefix.length - suffix.length)
  if (room >= 6) return `${prefix}${digest(token, room)}${suffix}`
  return digest(token, Math.max(1, Math.min(maxLength ?? 16, 16)))
}

/**
 * The value an anonymised column takes: it keeps the column's type and constraints. Nullable
 * columns become NULL; NOT NULL text a placeholder derived from the row (unique, within the
 * length limit); emails `erased+<hash>@invalid` (RFC 2606 reserves `.invalid`).
 */
export const anonymisedValue = ({ column, as, identity, rowToken }: AnonymiseInput): AnonymisedValue => {
  const mode = as ?? (column.nullable ? 'null' : identity === 'email' ? 'email' : 'keep-type-default')
  if (mode === 'null') {
    if (column.nullable) return { kind: 'set', value: null }
    return anonymisedValue({ column, as: undefined, identity, rowToken })
  }
  switch (column.type) {
    case 'text':
      if (mode === 'email')
        return { kind: 'set', value: fit('erased+', rowToken(), '@invalid', column.maxLength) }
      return { kind: 'set', value: fit('erased-', rowToken(), '', column.maxLength) }
    case 'integer':
    case 'decimal':
    case 'float':
      // Numeric ids are left alone: zero would collide with a unique constraint or a foreign key.
      if (column.unique) return { kind: 'keep', reason: 'numeric unique column' }
      return { kind: 'set', value: 0 }
    case 'boolean':
      return { kind: 'set', value: false }
    case 'date':
      return { kind: 'set', value: '1970-01-01' }
    case 'timestamp':
      return { kind: 'set', value: '1970-01-01 00:00:00' }
    case 'uuid':
      return { kind: 'set', value: uuidFrom(rowToken()) }
    case 'json':
      return { kind: 'set', value: '{}' }
    case 'binary':
      return { kind: 'set', value: Buffer.alloc(0) }
    case 'other':
      return { kind: 'keep', reason: 'column type without a known neutral value' }
  }
}
