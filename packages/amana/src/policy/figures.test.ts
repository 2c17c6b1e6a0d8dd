import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { breachDeadlines } from '../incidents/index.ts'
import { type JurisdictionPack, packsFor, type RightId } from '../jurisdictions/index.ts'
import { type Manifest, minimumAgeFor } from '../manifest/index.ts'
import {
  packsForRequester,
  type RequestType,
  requestDeadline,
  requestTypes,
  rightOf,
} from '../requests/index.ts'
import { type Figure, type Statement, statementsOf } from './document.ts'
import { formatCount } from './format.ts'
import { goldenCases } from './golden/cases.ts'
import { renderPolicy } from './render-policy.ts'

// Every figure the policy states — request clocks and extensions per jurisdiction and request type,
// and the breach-notice clocks — compared with what the engines return: the requests feature's
// requestDeadline (the dates it sets on a request) and the breach clocks. Every example manifest,
// both languages; the variants reach two-jurisdiction shops whose clocks differ.

const DAY = 86_400_000
const receivedAt = new Date('2026-03-01T00:00:00Z')

const granted = (pack: JurisdictionPack, right: RightId): boolean =>
  pack.rights[right].value === 'yes' || pack.rights[right].value === 'partial'

/** What the deadline engine sets for a request of `type` from a requester in `pack`'s country. */
const engine = (
  packs: JurisdictionPack[],
  home: string,
  commitment: number | undefined,
  pack: JurisdictionPack,
  type: RequestType,
) => {
  const deadline = requestDeadline({
    receivedAt,
    type,
    packs: packsForRequester(packs, home, pack.countries[0]),
    commitmentDays: commitment,
  })
  const extended =
    deadline.maxExtendedDueAt === null
      ? null
      : (deadline.maxExtendedDueAt.getTime() - receivedAt.getTime()) / DAY
  return { days: deadline.days, extended }
}

const statementsWith = (statements: Statement[]): (Statement & { figures: readonly Figure[] })[] =>
  statements.filter((s): s is Statement & { figures: readonly Figure[] } => (s.figures?.length ?? 0) > 0)

for (const { name, manifest } of goldenCases()) {
  const packs = packsFor(manifest.jurisdictions)
  const home = manifest.organisation.homeCountry
  const commitment = manifest.commitments?.requestDeadlineDays
  for (const locale of ['en', 'ar'] as const) {
    describe(`${name} (${locale}): stated figures are the engines' figures`, () => {
      const document = renderPolicy(manifest, packs, { locale, version: 'test' })
      const statements = statementsOf(document).filter((s): s is Statement => 'text' in s)
      const withFigures = statementsWith(statements)

      it('states a clock for every jurisdiction × request type the law grants, equal to requestDeadline', () => {
        if (manifest.requests === undefined) return
        const requestFigures = withFigures.flatMap((s) => s.figures.filter((f) => f.kind === 'request-days'))
        for (const pack of packs)
          for (const type of requestTypes) {
            const right = rightOf[type]
            if (!granted(pack, right)) continue
            const stated = requestFigures.filter((f) => f.jurisdiction === pack.id && f.right === right)
            assert.ok(stated.length > 0, `${pack.id} ${type}: no clock stated`)
            for (const figure of stated)
              assert.equal(
                figure.value,
                engine(packs, home, commitment, pack, type).days,
                `${pack.id} ${type}`,
              )
          }
      })

      it('states an extension only where the engine allows one, and as far as it allows', () => {
        for (const statement of withFigures)
          for (const figure of statement.figures.filter((f) => f.kind === 'request-extended-days')) {
            const pack = packs.find((p) => p.id === figure.jurisdiction)
            const type = requestTypes.find((t) => rightOf[t] === figure.right)
            assert.ok(pack && type, `${statement.id}: ${figure.right} is no request type's right`)
            assert.equal(figure.value, engine(packs, home, commitment, pack, type).extended, statement.id)
          }
      })

      it('says each figure in the words of the statement that carries it, and no other count of days or hours', () => {
        for (const statement of withFigures) {
          const kind = statement.figures[0]?.kind ?? ''
          const unit = kind.startsWith('breach') ? 'hour' : kind === 'minimum-age' ? 'age' : 'day'
          for (const figure of statement.figures)
            assert.ok(
              statement.text.includes(formatCount(figure.value, unit, locale)) ||
                statement.text.includes(formatCount(figure.value, unit, locale, 'nominative')),
              `${statement.id}: "${statement.text}" does not say ${figure.value}`,
            )
          // Every number left once the law and authority names, phone numbers, emails and URLs are
          // taken out is one of the figures.
          let text = statement.text.replace(/\+[\d ]+\d|\S+@\S+|https:\/\/\S+/g, '')
          for (const pack of packs)
            text = text.replaceAll(pack.law[locale], '').replaceAll(pack.authority.value.name[locale], '')
          const values = new Set(statement.figures.map((f) => f.value))
          for (const number of text.match(/\d+/g) ?? [])
            assert.ok(values.has(Number(number)), `${statement.id}: ${number} is stated but is no figure`)
        }
      })

      it('states the breach clocks the incident register counts down (breachDeadlines), for every authority', () => {
        const breach = manifest.breach
        if (breach === undefined) return
        // The shop's shorter target where it has one, else the clock the register runs.
        const clocks = packs.map((pack) => {
          const d = breachDeadlines(pack, breach)
          return {
            jurisdiction: pack.id,
            regulator: d.regulator.commitmentHours ?? d.regulator.hours,
            individuals: d.individuals.commitmentHours ?? d.individuals.hours,
          }
        })
        const figures = withFigures.flatMap((s) => s.figures)
        for (const clock of clocks) {
          const regulator = figures.filter(
            (f) => f.kind === 'breach-regulator-hours' && f.jurisdiction === clock.jurisdiction,
          )
          assert.deepEqual(
            regulator.map((f) => f.value),
            [clock.regulator],
            clock.jurisdiction,
          )
          const individuals = figures.filter(
            (f) => f.kind === 'breach-individual-hours' && f.jurisdiction === clock.jurisdiction,
          )
          assert.deepEqual(
            individuals.map((f) => f.value),
            [Math.min(...clocks.map((c) => c.individuals ?? Number.POSITIVE_INFINITY))],
            clock.jurisdiction,
          )
        }
      })

      it('states for every jurisdiction the minimum age the decision route applies (minimumAgeFor)', () => {
        const children = manifest.children
        if (children === undefined) return
        const ages = withFigures.flatMap((s) => s.figures.filter((f) => f.kind === 'minimum-age'))
        for (const pack of packs)
          assert.deepEqual(
            ages.filter((f) => f.jurisdiction === pack.id).map((f) => f.value),
            [minimumAgeFor(children, pack.id)],
            `${pack.id}: the stated minimum age`,
          )
      })

      it('states no clock in the rights, retention-request or breach statements without its figure', () => {
        const clockStatements = statements.filter((s) =>
          /^(rights\.(.*\.)?(timeline|extension)|retention\.requests|breaches\.notify)/.test(s.id),
        )
        for (const statement of clockStatements) assert.ok((statement.figures?.length ?? 0) > 0, statement.id)
      })
    })
  }
}

describe('the minimum ages Lumen states', () => {
  it('13 in California and 16 in the EEA, in English and Arabic, the ages the decision route applies', () => {
    const [manifest] = goldenCases()
      .filter((c) => c.name === 'lumen-web-shop')
      .map((c) => c.manifest)
    assert.ok(manifest?.children)
    assert.equal(minimumAgeFor(manifest.children, 'us-ca'), 13)
    assert.equal(minimumAgeFor(manifest.children, 'eu-gdpr'), 16)
    const text = (locale: 'en' | 'ar') =>
      statementsOf(renderPolicy(manifest, packsFor(manifest.jurisdictions), { locale, version: 'test' }))
        .filter((s) => s.id.startsWith('children.age'))
        .map((s) => ('text' in s ? s.text : ''))
        .join('\n')
    assert.match(text('en'), /16/)
    assert.match(text('en'), /13 in California/)
    assert.match(text('ar'), /13 عامًا في ولاية كاليفورنيا/)
  })
})

describe('the clocks a shop serving two laws states', () => {
  it('names each jurisdiction when the clocks differ (California 45 days, the EU 28)', () => {
    const [manifest] = goldenCases()
      .filter((c) => c.name === 'rumrom-bakery')
      .map((c) => c.manifest)
    assert.ok(manifest)
    const { requestDeadlineDays: _dropped, ...commitments } = manifest.commitments ?? {}
    const served: Manifest = { ...manifest, jurisdictions: ['eu-gdpr', 'us-ca'], commitments }
    const document = renderPolicy(served, packsFor(served.jurisdictions), { locale: 'en', version: 'test' })
    const text = statementsOf(document)
      .map((s) => ('text' in s ? s.text : ''))
      .join('\n')
    assert.match(text, /If you are in European Union.*within 28 days/)
    assert.match(
      text,
      /If you are in California \(United States\), we respond to requests within 45 days of receiving them, except:/,
    )
    assert.match(text, /Requests to opt out of sale or sharing: within 15 days/)
  })
})
