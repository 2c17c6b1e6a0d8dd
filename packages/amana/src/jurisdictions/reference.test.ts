import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { type Deadline, type JurisdictionPack, jurisdictions, rightIds, type Sourced } from './index.ts'

// The packs against the reference they cite (reference/law-and-standards.md, a copy of the shared
// research notes): tables A1 (rights), A2 (clocks, children) and A3 (consent model, transfers,
// regulator, permits) are parsed from the markdown, and every figure a pack takes from them must be
// the reference's, with a ⚠ in the reference making the pack value unverified. An edit of either
// side that makes them disagree fails here, naming the pack, the field and the reference row.

const reference = readFileSync(new URL('./reference/law-and-standards.md', import.meta.url), 'utf8')

interface Row {
  readonly law: string
  readonly cells: Readonly<Record<string, string>>
}

/** The markdown table under the heading that starts with `### ${id}.` */
const table = (id: string): Row[] => {
  const lines = reference.split('\n')
  const start = lines.findIndex((line) => line.startsWith(`### ${id}.`))
  assert.ok(start >= 0, `reference: no table ${id}`)
  const after = lines.slice(start + 1)
  const end = after.findIndex((line) => line.startsWith('#'))
  const body = (end < 0 ? after : after.slice(0, end)).filter((line) => line.startsWith('|'))
  const split = (line: string) =>
    line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim())
  const [header, , ...data] = body.map(split)
  assert.ok(header, `reference: table ${id} has no header`)
  return data.map((cells) => ({
    law: cells[0] ?? '',
    cells: Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])),
  }))
}

const packIdOf: Readonly<Record<string, keyof typeof jurisdictions>> = {
  eu: 'eu-gdpr',
  uk: 'uk-gdpr',
  ca: 'us-ca',
  ccpa: 'us-ca',
  kenya: 'ke',
  oman: 'om',
  kuwait: 'kw',
  saudi: 'sa',
  uae: 'ae',
  qatar: 'qa',
  bahrain: 'bh',
}

const packOf = (row: Row, tableId: string): JurisdictionPack => {
  const id = packIdOf[(row.law.split(/\s/)[0] ?? '').toLowerCase()]
  assert.ok(id, `reference ${tableId} row "${row.law}": no pack for this law (add one, or map it here)`)
  return jurisdictions[id]
}

const A1 = table('A1')
const A2 = table('A2')
const A3 = table('A3')

const sourceIds = (cell: string | undefined): string[] => (cell ?? '').split(/[,\s]+/).filter((s) => s !== '')

/** Every source the reference cites for a law, in any of the three tables. */
const lawSources = (pack: JurisdictionPack): Set<string> =>
  new Set(
    [A1, A2, A3].flatMap((rows) =>
      rows.filter((row) => packOf(row, '').id === pack.id).flatMap((row) => sourceIds(row.cells.Sources)),
    ),
  )

const where = (tableId: string, row: Row, column: string) => `reference ${tableId} "${row.law}" / ${column}`

const doubtful = (cell: string) => cell.includes('⚠')

/** A value the reference marks ⚠ is unverified in the pack, and says why. */
const assertFlagged = (value: Sourced<unknown>, cell: string, field: string, at: string) => {
  if (doubtful(cell))
    assert.equal(
      value.verified,
      false,
      `${field}: the reference marks it ⚠ (${at}: "${cell}"); set verified: false`,
    )
}

describe('packs against reference table A1 (rights)', () => {
  const columns = [
    'Access',
    'Rectify',
    'Erase',
    'Restrict',
    'Port',
    'Object',
    'Opt-out sale/share',
    'Withdraw consent',
    'No-ADM',
  ]
  const availability = { Y: 'yes', N: 'no', P: 'partial' } as const

  it('has a row for every pack, and a pack for every row', () => {
    const covered = new Set(A1.map((row) => packOf(row, 'A1').id))
    for (const id of Object.keys(jurisdictions))
      assert.ok(covered.has(id), `pack ${id}: no row in reference A1`)
  })

  for (const row of A1)
    it(`${row.law}: each right as the reference marks it, unverified where it says ⚠`, () => {
      const pack = packOf(row, 'A1')
      rightIds.forEach((right, i) => {
        const column = columns[i] as string
        const cell = row.cells[column] ?? ''
        const value = pack.rights[right]
        const field = `pack ${pack.id} rights.${right}`
        const at = where('A1', row, column)
        const mark = cell.startsWith('n/a') ? 'N' : cell.charAt(0)
        if (mark === '⚠') {
          assert.equal(value.value, 'unclear', `${field} is ${value.value}; ${at} says only ⚠ ("${cell}")`)
          assert.equal(value.verified, false, `${field}: ${at} is ⚠; set verified: false`)
          return
        }
        assert.ok(mark in availability, `${at}: cannot read "${cell}"`)
        const expected = availability[mark as keyof typeof availability]
        const allowed = doubtful(cell) ? [expected, 'unclear'] : [expected]
        assert.ok(allowed.includes(value.value), `${field} is ${value.value}; ${at} says "${cell}"`)
        assertFlagged(value, cell, field, at)
        if (!doubtful(cell))
          assert.equal(value.verified, true, `${field}: ${at} has no ⚠ ("${cell}"); mark it verified`)
        assert.deepEqual(
          [...value.source].sort(),
          sourceIds(row.cells.Sources).sort(),
          `${field}: sources differ from ${at}`,
        )
      })
    })
})

/** "1 month", "45 calendar days", "≤15 business days" for a pack deadline. */
const deadlinePattern = (d: Deadline): RegExp =>
  d.unit === 'months'
    ? new RegExp(`\\b${d.amount} months?\\b`)
    : new RegExp(`\\b${d.amount} ${'business' in d && d.business ? 'business ' : '(calendar )?'}days\\b`)

/** The first clock a cell states ("45 calendar days", "1 month"), the one the law sets first. */
const firstDeadline = (cell: string): Deadline | null => {
  const m = /\b(\d+) (?:calendar )?(days|months?)\b/.exec(cell)
  if (m === null) return null
  return m[2] === 'days' ? { unit: 'days', amount: Number(m[1]) } : { unit: 'months', amount: Number(m[1]) }
}

/** The first breach clock a cell states, in hours ("72 h", "30 calendar days"). */
const firstHours = (cell: string): number | null => {
  const m = /\b(\d+) h\b|\b(\d+) calendar days\b/.exec(cell)
  if (m === null) return null
  return m[1] === undefined ? Number(m[2]) * 24 : Number(m[1])
}

describe('packs against reference table A2 (clocks and thresholds)', () => {
  for (const row of A2)
    it(`${row.law}: request clock, breach clocks and children's age as the reference states them`, () => {
      const pack = packOf(row, 'A2')
      const dsrColumn = 'DSR deadline (+ extension)'
      const dsr = row.cells[dsrColumn] ?? ''
      const at = (column: string) => where('A2', row, column)
      const { deadline, extension, byRight } = pack.requestDeadline.value
      const field = `pack ${pack.id} requestDeadline`
      assert.deepEqual(
        firstDeadline(dsr),
        deadline === null ? null : { unit: deadline.unit, amount: deadline.amount },
        `${field} ${JSON.stringify(deadline)}: ${at(dsrColumn)} says "${dsr}"`,
      )
      if (deadline === null)
        assert.equal(
          pack.requestDeadline.verified,
          false,
          `${field}: no clock in the reference; set verified: false`,
        )
      if (extension === null)
        assert.doesNotMatch(dsr, /\+\d/, `${field}.extension: none, but ${at(dsrColumn)} says "${dsr}"`)
      else
        assert.match(
          dsr,
          new RegExp(`\\+${extension.amount}\\b`),
          `${field}.extension: ${at(dsrColumn)} says "${dsr}"`,
        )
      for (const [right, clock] of Object.entries(byRight ?? {}))
        assert.match(dsr, deadlinePattern(clock), `${field}.byRight.${right}: ${at(dsrColumn)} says "${dsr}"`)
      assertFlagged(pack.requestDeadline, dsr, field, at(dsrColumn))

      for (const [kind, column] of [
        ['regulator', 'Breach → regulator'],
        ['individuals', 'Breach → individuals'],
      ] as const) {
        const cell = row.cells[column] ?? ''
        const clock = pack.breach[kind]
        const name = `pack ${pack.id} breach.${kind}.hours`
        assert.equal(
          clock.value.hours,
          firstHours(cell),
          `${name} = ${clock.value.hours}: ${at(column)} says "${cell}"`,
        )
        assertFlagged(clock, cell, `pack ${pack.id} breach.${kind}`, at(column))
      }

      const children = row.cells.Children ?? ''
      const age = pack.children.value.age
      if (age === null)
        assert.equal(
          pack.children.verified,
          false,
          `pack ${pack.id} children.age: none; ${at('Children')} gives no sure age, set verified: false`,
        )
      // "13–15: the minor's own opt-in" puts the threshold at 16.
      else
        assert.match(
          children,
          new RegExp(`\\b${age}\\b|–${age - 1}\\b`),
          `pack ${pack.id} children.age = ${age}: ${at('Children')} says "${children}"`,
        )
      assertFlagged(pack.children, children, `pack ${pack.id} children`, at('Children'))
    })
})

describe('packs against reference table A3 (bases, transfers, regulator)', () => {
  for (const row of A3)
    it(`${row.law}: consent model, transfer restriction, regulator and permits as the reference states them`, () => {
      const pack = packOf(row, 'A3')
      const at = (column: string) => where('A3', row, column)
      const model = row.cells['Consent-centric?'] ?? ''
      const field = `pack ${pack.id} consentModel`
      if (/opt-out/.test(model))
        assert.equal(
          pack.consentModel.value,
          'opt-out',
          `${field}: ${at('Consent-centric?')} says "${model}"`,
        )
      else {
        assert.equal(pack.consentModel.value, 'opt-in', `${field}: ${at('Consent-centric?')} says "${model}"`)
        // Only "**Yes**" or "consent main basis" backs opt-in; elsewhere it is an Amana reading (cookies).
        if (!/^\*\*Yes\*\*|^Consent main basis/.test(model))
          assert.equal(
            pack.consentModel.verified,
            false,
            `${field}: ${at('Consent-centric?')} ("${model}") does not say opt-in; set verified: false`,
          )
      }
      assertFlagged(pack.consentModel, model, field, at('Consent-centric?'))

      const transfers = row.cells['Cross-border'] ?? ''
      const free = /no transfer restriction|free flow/i.test(transfers)
      assert.equal(
        pack.transfers.value.restricted,
        !free,
        `pack ${pack.id} transfers.restricted: ${at('Cross-border')} says "${transfers}"`,
      )
      assertFlagged(pack.transfers, transfers, `pack ${pack.id} transfers`, at('Cross-border'))
      if (
        /no adequacy list or SCCs/i.test(transfers) &&
        pack.transfers.value.mechanisms.includes('standard-contractual-clauses')
      )
        assert.equal(
          pack.transfers.verified,
          false,
          `pack ${pack.id} transfers: ${at('Cross-border')} says there are no SCCs yet`,
        )

      const regulator = row.cells.Regulator ?? ''
      const acronyms = [...regulator.matchAll(/\b([A-Z]{3,})s?\b/g)].map((m) =>
        (m[1] as string).toLowerCase(),
      )
      const authority = `${pack.authority.value.name.en} ${pack.authority.value.website ?? ''}`.toLowerCase()
      if (acronyms.length > 0)
        assert.ok(
          acronyms.some((a) => authority.includes(a)),
          `pack ${pack.id} authority "${pack.authority.value.name.en}": ${at('Regulator')} names ${acronyms.join(', ').toUpperCase()}`,
        )

      const localisation = row.cells.Localisation ?? ''
      assert.equal(
        pack.sensitivePermit.value,
        /permit/.test(localisation),
        `pack ${pack.id} sensitivePermit: ${at('Localisation')} says "${localisation}"`,
      )
    })
})

const sourcedValues = (value: unknown, path: string, out: [string, Sourced<unknown>][] = []) => {
  if (value === null || typeof value !== 'object') return out
  if ('source' in value && 'verified' in value && 'value' in value)
    out.push([path, value as Sourced<unknown>])
  else for (const [key, child] of Object.entries(value)) sourcedValues(child, `${path}.${key}`, out)
  return out
}

describe('every pack value', () => {
  it('cites only sources the reference gives for its law (or the Amana default)', () => {
    for (const pack of Object.values(jurisdictions)) {
      const allowed = lawSources(pack)
      for (const [path, value] of sourcedValues(pack, pack.id))
        for (const id of value.source)
          assert.ok(
            allowed.has(id) || id === 'AMANA',
            `pack ${path}: source ${id} is not one the reference gives for ${pack.name.en}`,
          )
    }
  })

  it('says why when it is unverified (a note)', () => {
    for (const pack of Object.values(jurisdictions))
      for (const [path, value] of sourcedValues(pack, pack.id))
        if (!value.verified)
          assert.ok((value.note ?? '').length > 0, `pack ${path}: verified: false without a note saying why`)
  })
})
