import type { DatasetPlan } from '../connectors/index.ts'
import { archivePathOf, type CollectedSystem } from './package/build-access-package.ts'

export type BinaryFile = { store: string; ref: string; bytes: Buffer }

/** A file name's ending from the bytes' signature (what the requester's computer opens it with). */
const extensionOf = (bytes: Buffer): string => {
  const starts = (hex: string) => bytes.subarray(0, hex.length / 2).toString('hex') === hex
  if (starts('89504e470d0a1a0a')) return '.png'
  if (starts('ffd8ff')) return '.jpg'
  if (starts('47494638')) return '.gif'
  if (starts('25504446')) return '.pdf'
  if (starts('52494646') && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return '.webp'
  return '.bin'
}

const isBinary = (v: unknown): v is Uint8Array => v instanceof Uint8Array

/**
 * Binary column values (a picture in `bytea` or `BLOB`) leave the rows as files of the package,
 * `files/<system>/<table>/<key>/<column>.<ext>`; the cell keeps that path. In JSON they were arrays
 * of byte numbers, five times the size and useless to the requester. Pure.
 */
export const binaryCellsAsFiles = (
  systems: readonly CollectedSystem[],
  plan: DatasetPlan,
): { systems: CollectedSystem[]; files: BinaryFile[] } => {
  const files: BinaryFile[] = []
  const out = systems.map((s) => ({
    system: s.system,
    tables: s.tables.map((t) => {
      const key = plan.tables.find((p) => p.system === s.system && p.table === t.table)?.primaryKey ?? []
      return {
        table: t.table,
        rows: t.rows.map((row, i) => {
          if (!Object.values(row).some(isBinary)) return row
          const id = key.length > 0 ? key.map((c) => String(row[c])).join('-') : `row-${i + 1}`
          return Object.fromEntries(
            Object.entries(row).map(([column, value]) => {
              if (!isBinary(value)) return [column, value]
              const bytes = Buffer.from(value)
              const ref = `${t.table}/${id}/${column}${extensionOf(bytes)}`
              files.push({ store: s.system, ref, bytes })
              return [column, archivePathOf(s.system, ref)]
            }),
          )
        }),
      }
    }),
  }))
  return { systems: out, files }
}
