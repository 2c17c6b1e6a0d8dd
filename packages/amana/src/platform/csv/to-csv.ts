import { stringify } from 'csv-stringify/sync'

// A cell starting with = + - @ (or a tab/CR) runs as a formula when a spreadsheet opens the file
// (CSV injection, OWASP): such text gets a leading apostrophe. Plain numbers stay numbers.
const guard = (text: string): string =>
  /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * RFC 4180 CSV (CRLF, quoted where needed) with formula guarding. `columns` fixes the header;
 * without it, every key seen in any row, in order of first appearance. `bom` helps spreadsheets
 * detect UTF-8 (Arabic text).
 */
export const toCsv = (
  rows: readonly Record<string, unknown>[],
  options: { columns?: readonly string[]; bom?: boolean } = {},
): string => {
  const columns = options.columns ? [...options.columns] : [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const body = stringify(
    rows.map((r) => columns.map((c) => guard(cellText(r[c])))),
    { header: true, columns, record_delimiter: 'windows', bom: options.bom ?? false },
  )
  return body === ''
    ? `${stringify([], { header: true, columns, record_delimiter: 'windows', bom: options.bom ?? false })}`
    : body
}
