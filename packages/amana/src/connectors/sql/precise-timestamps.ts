import pg from 'pg'

/** PostgreSQL's type ids of `timestamp` and `timestamptz`. */
const TIMESTAMP = 1114
const TIMESTAMPTZ = 1184

/**
 * A Date that remembers the microseconds PostgreSQL sent (`timestamp(6)`): a JavaScript Date holds
 * milliseconds only, so `toISOString` (and with it `toJSON`, the access package and every value key)
 * writes the three digits after them back. Still a Date for every comparison.
 */
class PreciseDate extends Date {
  readonly #micros: string
  constructor(time: number, micros: string) {
    super(time)
    this.#micros = micros
  }
  override toISOString(): string {
    return super.toISOString().replace(/\.(\d{3})Z$/, `.$1${this.#micros}Z`)
  }
  override toJSON(): string {
    return this.toISOString()
  }
}

/** The parser pg uses, then the fraction's 4th to 6th digits kept; `infinity` and dates without them unchanged. */
const precise =
  (parse: (text: string) => unknown) =>
  (text: string): unknown => {
    const value = parse(text)
    const fraction = /\.(\d+)/.exec(text)?.[1]
    if (!(value instanceof Date) || !fraction || fraction.length <= 3 || Number.isNaN(value.getTime()))
      return value
    return new PreciseDate(value.getTime(), fraction.slice(3, 6).padEnd(3, '0'))
  }

const timestampParser = precise(pg.types.getTypeParser(TIMESTAMP, 'text') as (text: string) => unknown)
const timestamptzParser = precise(pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (text: string) => unknown)

/** pg's `types` option: timestamps to the microsecond, every other type as pg parses it. */
export const preciseTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary' && oid === TIMESTAMP) return timestampParser
    if (format !== 'binary' && oid === TIMESTAMPTZ) return timestamptzParser
    return pg.types.getTypeParser(oid, format)
  }) as pg.CustomTypesConfig['getTypeParser'],
}
