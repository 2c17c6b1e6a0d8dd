import type { PreflightIssue } from '../connector.ts'
import type { TablePlan } from '../plan.ts'
import { anonymisedValue } from './anonymise-value.ts'
import { howWords, keptReasonWords, personalKindWords, typeWords, withCopy } from './copy/index.ts'
import { tableAction } from './plan-erase.ts'
import type { ColumnInfo, SchemaInfo } from './schema-info.ts'

/**
 * What `amana check --live` finds beyond pre-flight, decided from the real schema and a small
 * sample of values (pure: the reads are the caller's). Values are never put in a message: a
 * finding names the table, the column and the kind of data.
 */

/** How a column holding a sensitive category must look: a vault token, or a one-way hash. */
export type Protection = 'token' | 'hash'

/** A declared column whose category must not be stored in clear (`government-id` → token). */
export type SensitiveColumn = { table: string; column: string; category: string; protection: Protection }

export type LiveSeverity = 'error' | 'warning'
export type LiveIssue = PreflightIssue & { severity: LiveSeverity }

/** At most this many rows are read from a table to judge what its columns hold. */
export const SAMPLE_ROWS = 20

/** Personal data by column name; the first that matches names the kind. */
const NAME_KINDS: [RegExp, string][] = [
  [/e_?mail/, 'email address'],
  [/phone|mobile|msisdn|whatsapp|^tel$|telephone/, 'phone number'],
  [/national_?id|civil_?id|^ssn$|social_security|id_?number|resident_?card|emirates_?id/, 'national ID'],
  [/passport/, 'passport number'],
  [/iban|account_?number/, 'bank account'],
  [/card_?number|^pan$|^cc_?num/, 'card number'],
  [/^dob$|birth/, 'date of birth'],
  [/ip_?address|^ip$/, 'IP address'],
  [/address|street|postcode|postal_?code|zip_?code/, 'postal address'],
  [
    /^((first|last|middle|full|given|family|sur|customer|contact|shipping|billing|recipient|display|user|nick)_?name|name|surname)$/,
    'personal name',
  ],
]

export const personalKindByName = (column: string): string | undefined =>
  NAME_KINDS.find(([re]) => re.test(column.toLowerCase()))?.[1]

const luhn = (digits: string) => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** The kind of personal data one value looks like, from its shape alone. */
export const valueShape = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined
  const v = value.trim()
  if (/^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/.test(v)) return 'email address'
  const digits = v.replace(/[\s-]/g, '')
  if (/^\d{13,19}$/.test(digits) && /^[\d\s-]+$/.test(v) && luhn(digits)) return 'card number'
  if (/^\+\d[\d\s().-]{6,18}\d$/.test(v) || /^00\d{8,14}$/.test(v)) return 'phone number'
  if (/^\(?\d{2,4}\)?[\s-]\d{3,4}[\s-]?\d{3,4}$/.test(v)) return 'phone number'
  return undefined
}

/** The kind most of a column's sampled values look like (at least half, and at least two values, or the only one). */
export const sampledKind = (values: readonly unknown[]): string | undefined => {
  const present = values.filter((v) => v !== null && v !== undefined && String(v).trim() !== '')
  if (present.length === 0) return undefined
  const counts = new Map<string, number>()
  for (const v of present) {
    const kind = valueShape(v)
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1])
  if (!best) return undefined
  const [kind, n] = best
  return n * 2 >= present.length && (n >= 2 || present.length === 1) ? kind : undefined
}

const TOKEN = /^tok_[A-Za-z0-9_-]{24}$/
const HASHES = [
  /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/, // bcrypt
  /^\$argon2(id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/, // argon2 (PHC)
  /^\$scrypt\$[^$\s]+\$[A-Za-z0-9+/=.]+\$[A-Za-z0-9+/=.]+$/, // scrypt (PHC)
  /^\$7\$[./A-Za-z0-9]{11,}\$[./A-Za-z0-9]+\$[./A-Za-z0-9]{43}$/, // scrypt (libsodium)
]

/** Whether a stored value is protected as its category requires; empty values are not in clear. */
export const isProtected = (protection: Protection, value: unknown): boolean => {
  if (value === null || value === undefined || String(value) === '') return true
  const v = Buffer.isBuffer(value) ? null : String(value)
  if (v === null) return protection === 'hash' // bytes are not clear text
  return protection === 'token' ? TOKEN.test(v) : HASHES.some((re) => re.test(v))
}

/** Which protection a category kind requires: national IDs in the vault, secrets and recovery answers hashed. */
export const protectionOfKind = (kind: string): Protection | undefined =>
  kind === 'government-id' ? 'token' : kind === 'recovery-qa' || kind === 'credentials' ? 'hash' : undefined

/** Columns a plan reads or writes, as `table\u0000column`. */
export const declaredColumns = (tables: readonly TablePlan[]): Set<string> => {
  const out = new Set<string>()
  const add = (table: string, column: string) => out.add(`${table}\u0000${column}`)
  for (const t of tables) {
    for (const k of t.primaryKey) add(t.table, k)
    for (const i of t.identity) add(t.table, i.column)
    for (const r of t.references) add(t.table, r.column)
    for (const f of t.fields) add(t.table, f.column)
    if (t.files) add(t.table, t.files.column)
  }
  return out
}

/** A column no plan names that holds personal data by its name or its sampled values. */
export const undeclaredFinding = (
  system: string,
  table: string,
  column: string,
  tableDeclared: boolean,
  how: { byName?: string | undefined; bySample?: string | undefined },
): LiveIssue | undefined => {
  const kind = how.byName ?? how.bySample
  if (!kind) return undefined
  return withCopy(
    { severity: 'warning' as const, system, table, column },
    tableDeclared ? 'undeclared.declared-table' : 'undeclared.new-table',
    {
      system,
      table,
      column,
      kind: personalKindWords(kind),
      how: howWords(how.byName ? 'name' : 'sample', SAMPLE_ROWS),
      where: tableDeclared ? `categories.<id>.storage.${system}.${table}` : `systems.${system}.tables`,
    },
  )
}

/** A sensitive declared column holding values in clear (how many of the sample, never which). */
export const clearFinding = (
  system: string,
  s: SensitiveColumn,
  clear: number,
  sampled: number,
): LiveIssue | undefined => {
  if (clear === 0) return undefined
  return withCopy(
    { severity: 'error' as const, system, table: s.table, column: s.column },
    s.protection === 'token' ? 'clear.token' : 'clear.hash',
    {
      system,
      table: s.table,
      column: s.column,
      category: s.category,
      clear: String(clear),
      sampled: String(sampled),
    },
  )
}

/** The columns a kept table's rows would be rewritten in (identity and anonymise fields, not keys or foreign keys). */
export const writtenColumns = (t: TablePlan, schema: SchemaInfo) => {
  const fks = new Set(schema.foreignKeys.filter((k) => k.table === t.table).map((k) => k.column))
  const out = new Map<
    string,
    {
      as: TablePlan['fields'][number]['anonymiseAs']
      identity: TablePlan['identity'][number]['kind'] | undefined
    }
  >()
  for (const i of t.identity) out.set(i.column, { as: undefined, identity: i.kind })
  for (const f of t.fields) {
    if (f.onErase === 'keep') out.delete(f.column)
    if (f.onErase === 'anonymise')
      out.set(f.column, { as: f.anonymiseAs, identity: t.identity.find((i) => i.column === f.column)?.kind })
  }
  for (const k of [...t.primaryKey, ...fks]) out.delete(k)
  return out
}

/** Below this many characters an anonymised text is a bare hash: no `erased-` mark, easy to collide. */
const MIN_MARKED = 13
const tooShort = (c: ColumnInfo) => c.type === 'text' && c.maxLength !== null && c.maxLength < MIN_MARKED

const typeName = (c: ColumnInfo) =>
  c.enumerated ? 'an enum/set' : c.type === 'other' ? 'a type without a neutral value' : c.type

/**
 * Columns an erasure would rewrite but cannot: an enum/set column would refuse the placeholder
 * (an error: the erasure fails), a column whose type has no neutral value or a NOT NULL unique
 * number stays as it was (a warning: the data is left, reported in the step).
 */
export const checkWritableTypes = (
  system: string,
  tables: readonly TablePlan[],
  schema: SchemaInfo,
  now: Date,
): LiveIssue[] => {
  const issues: LiveIssue[] = []
  for (const t of tables) {
    const columns = schema.tables.get(t.table)
    if (!columns || tableAction(t, now) !== 'anonymise') continue
    for (const [column, target] of writtenColumns(t, schema)) {
      const info = columns.get(column)
      if (!info) continue
      const value = anonymisedValue({
        column: info,
        as: target.as,
        identity: target.identity,
        rowToken: () => 'check',
      })
      const base = { system, table: t.table, column }
      if (value.kind === 'set' && info.enumerated && typeof value.value === 'string')
        issues.push(withCopy({ ...base, severity: 'error' as const }, 'writable.enum', base))
      else if (value.kind === 'set' && typeof value.value === 'string' && tooShort(info))
        issues.push(
          withCopy(
            { ...base, severity: 'warning' as const },
            info.unique ? 'writable.too-short.unique' : 'writable.too-short',
            { ...base, length: String(info.maxLength), minimum: String(MIN_MARKED) },
          ),
        )
      else if (value.kind === 'keep')
        issues.push(
          withCopy({ ...base, severity: 'warning' as const }, 'writable.kept', {
            ...base,
            reason: keptReasonWords(value.reason),
            type: typeWords(typeName(info)),
          }),
        )
    }
  }
  return issues
}
