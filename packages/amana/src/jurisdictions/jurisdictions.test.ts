import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  effectiveDeadline,
  getJurisdiction,
  jurisdictionIds,
  jurisdictions,
  packsFor,
  type Sourced,
  sources,
} from './index.ts'

const sourcedValues = (value: unknown, out: Sourced<unknown>[] = []): Sourced<unknown>[] => {
  if (value === null || typeof value !== 'object') return out
  if ('source' in value && 'verified' in value && 'value' in value) {
    out.push(value as Sourced<unknown>)
    return out
  }
  for (const child of Object.values(value)) sourcedValues(child, out)
  return out
}

describe('jurisdiction packs', () => {
  it('ships the ten packs the issue lists', () => {
    assert.deepEqual(Object.keys(jurisdictions).sort(), [...jurisdictionIds].sort())
    assert.equal(jurisdictionIds.length, 10)
  })

  it('gives every legal value a known source', () => {
    for (const pack of Object.values(jurisdictions)) {
      for (const value of sourcedValues(pack)) {
        assert.ok(value.source.length > 0, `${pack.id}: a value has no source`)
        for (const id of value.source) assert.ok(id in sources, `${pack.id}: unknown source ${id}`)
      }
    }
  })

  it('flags the values the reference marks uncertain', () => {
    assert.equal(jurisdictions.kw.breach.regulator.verified, false)
    assert.equal(jurisdictions.kw.breach.regulator.value.hours, 24)
    assert.equal(jurisdictions.kw.requestDeadline.verified, false)
    assert.equal(jurisdictions.qa.requestDeadline.verified, false)
    assert.equal(jurisdictions.om.rights.object.verified, false)
    // Reference A3: the UAE has "no adequacy list or SCCs yet", so the pack's clauses are unverified.
    assert.equal(jurisdictions.ae.transfers.verified, false)
    assert.equal(jurisdictions['eu-gdpr'].rights.access.verified, true)
  })

  it('looks packs up by id', () => {
    assert.equal(getJurisdiction('kw')?.authority.value.name.en.includes('CITRA'), true)
    assert.equal(getJurisdiction('xx'), undefined)
    assert.deepEqual(
      packsFor(['kw', 'nope', 'om']).map((pack) => pack.id),
      ['kw', 'om'],
    )
  })
})

describe('effectiveDeadline', () => {
  it('uses the shop commitment when no law sets a clock (Kuwait)', () => {
    assert.deepEqual(effectiveDeadline(packsFor(['kw']), 30), {
      days: 30,
      from: { kind: 'commitment' },
      verified: true,
    })
  })

  it('lets the strictest law win over a looser commitment', () => {
    const result = effectiveDeadline(packsFor(['kw', 'eu-gdpr']), 30)
    assert.equal(result.days, 28)
    assert.deepEqual(result.from, { kind: 'jurisdiction', id: 'eu-gdpr' })
  })

  it('reads per-right clocks (Kenya portability 30 days, access 7)', () => {
    assert.equal(effectiveDeadline(packsFor(['ke']), undefined, 'port').days, 30)
    assert.equal(effectiveDeadline(packsFor(['ke']), 30, 'access').days, 7)
  })

  it('reports none when nothing sets a deadline', () => {
    assert.deepEqual(effectiveDeadline(packsFor(['ae']), undefined), {
      days: null,
      from: { kind: 'none' },
      verified: true,
    })
  })
})
