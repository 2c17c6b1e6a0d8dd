import { unzipSync, zipSync } from 'fflate'

export interface ZipEntry {
  readonly name: string
  readonly data: Buffer
}

// Entries carry a fixed timestamp, so a package built twice from the same data is byte-identical.
const FIXED_TIME = new Date('1980-01-01T00:00:00Z')

/** A ZIP archive of the entries (deflate), through fflate. */
export const writeZip = (entries: readonly ZipEntry[]): Buffer =>
  Buffer.from(
    zipSync(
      Object.fromEntries(
        entries.map((e) => [e.name, [new Uint8Array(e.data), { mtime: FIXED_TIME, level: 6 }]]),
      ),
    ),
  )

/** Reads a ZIP archive into name → content. */
export const readZip = (zip: Buffer): Map<string, Buffer> =>
  new Map(Object.entries(unzipSync(new Uint8Array(zip))).map(([name, data]) => [name, Buffer.from(data)]))
