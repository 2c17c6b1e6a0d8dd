import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatCount, formatDuration } from './format.ts'

// Every counted form, including those no example manifest reaches: Arabic's CLDR forms 1, 2, 3–10,
// 11–99, 100–102, and again 3–10 and 11–99 past a hundred; the dual as a sentence needs it (oblique).
const amounts = [1, 2, 3, 10, 11, 100, 103, 111]
const counts = {
  en: {
    year: ['1 year', '2 years', '3 years', '10 years', '11 years', '100 years', '103 years', '111 years'],
    month: [
      '1 month',
      '2 months',
      '3 months',
      '10 months',
      '11 months',
      '100 months',
      '103 months',
      '111 months',
    ],
    week: ['1 week', '2 weeks', '3 weeks', '10 weeks', '11 weeks', '100 weeks', '103 weeks', '111 weeks'],
    day: ['1 day', '2 days', '3 days', '10 days', '11 days', '100 days', '103 days', '111 days'],
    hour: ['1 hour', '2 hours', '3 hours', '10 hours', '11 hours', '100 hours', '103 hours', '111 hours'],
    age: ['1', '2', '3', '10', '11', '100', '103', '111'],
  },
  ar: {
    year: ['سنة واحدة', 'سنتين', '3 سنوات', '10 سنوات', '11 سنة', '100 سنة', '103 سنوات', '111 سنة'],
    month: ['شهر واحد', 'شهرين', '3 أشهر', '10 أشهر', '11 شهرًا', '100 شهر', '103 أشهر', '111 شهرًا'],
    week: [
      'أسبوع واحد',
      'أسبوعين',
      '3 أسابيع',
      '10 أسابيع',
      '11 أسبوعًا',
      '100 أسبوع',
      '103 أسابيع',
      '111 أسبوعًا',
    ],
    day: ['يوم واحد', 'يومين', '3 أيام', '10 أيام', '11 يومًا', '100 يوم', '103 أيام', '111 يومًا'],
    hour: ['ساعة واحدة', 'ساعتين', '3 ساعات', '10 ساعات', '11 ساعة', '100 ساعة', '103 ساعات', '111 ساعة'],
    age: ['عام واحد', 'عامين', '3 أعوام', '10 أعوام', '11 عامًا', '100 عام', '103 أعوام', '111 عامًا'],
  },
} as const

describe('policy number and duration wording', () => {
  for (const locale of ['en', 'ar'] as const) {
    for (const [unit, expected] of Object.entries(counts[locale])) {
      it(`counts ${unit}s in ${locale}`, () => {
        assert.deepEqual(
          amounts.map((amount) => formatCount(amount, unit as keyof (typeof counts)['en'], locale)),
          expected,
        )
      })
    }
  }

  it('says the Arabic dual in the nominative where it stands alone (a table cell), never after "على"', () => {
    assert.equal(formatCount(2, 'month', 'ar', 'nominative'), 'شهران')
    assert.equal(formatCount(2, 'month', 'ar'), 'شهرين')
    assert.equal(formatDuration('P2Y', 'ar', 'nominative'), 'سنتان')
    assert.equal(formatCount(2, 'day', 'en', 'nominative'), '2 days')
  })

  it('states a minimum age in Arabic with the noun the number takes: "8 أعوام", never "8 عامًا"', () => {
    assert.equal(formatCount(8, 'age', 'ar'), '8 أعوام')
    assert.equal(formatCount(13, 'age', 'ar'), '13 عامًا')
    assert.equal(formatCount(18, 'age', 'ar'), '18 عامًا')
    assert.equal(formatCount(16, 'age', 'en'), '16')
  })

  it('reads ISO durations as joined counts, and a zero duration as "immediately"', () => {
    const cases = [
      ['P0D', 'immediately', 'فورًا'],
      ['P1Y6M', '1 year and 6 months', 'سنة واحدة و6 أشهر'],
      ['P2W3D', '2 weeks and 3 days', 'أسبوعين و3 أيام'],
      ['PT36H', '36 hours', '36 ساعة'],
      [
        'P1Y2M3W4DT5H',
        '1 year, 2 months, 3 weeks, 4 days and 5 hours',
        'سنة واحدة وشهرين و3 أسابيع و4 أيام و5 ساعات',
      ],
    ] as const
    for (const [iso, en, ar] of cases) {
      assert.equal(formatDuration(iso, 'en'), en)
      assert.equal(formatDuration(iso, 'ar'), ar)
    }
  })
})
