import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatCount, formatDuration } from './format.ts'

// Every counted form, including those no example manifest reaches (Arabic has four: 1, 2, 3–10, 11+).
const counts = {
  en: {
    year: ['1 year', '2 years', '3 years', '10 years', '11 years', '100 years'],
    month: ['1 month', '2 months', '3 months', '10 months', '11 months', '100 months'],
    week: ['1 week', '2 weeks', '3 weeks', '10 weeks', '11 weeks', '100 weeks'],
    day: ['1 day', '2 days', '3 days', '10 days', '11 days', '100 days'],
    hour: ['1 hour', '2 hours', '3 hours', '10 hours', '11 hours', '100 hours'],
  },
  ar: {
    year: ['سنة واحدة', 'سنتان', '3 سنوات', '10 سنوات', '11 سنة', '100 سنة'],
    month: ['شهر واحد', 'شهران', '3 أشهر', '10 أشهر', '11 شهرًا', '100 شهرًا'],
    week: ['أسبوع واحد', 'أسبوعان', '3 أسابيع', '10 أسابيع', '11 أسبوعًا', '100 أسبوعًا'],
    day: ['يوم واحد', 'يومان', '3 أيام', '10 أيام', '11 يومًا', '100 يومًا'],
    hour: ['ساعة واحدة', 'ساعتان', '3 ساعات', '10 ساعات', '11 ساعة', '100 ساعة'],
  },
} as const

describe('policy number and duration wording', () => {
  for (const locale of ['en', 'ar'] as const) {
    for (const [unit, expected] of Object.entries(counts[locale])) {
      it(`counts ${unit}s in ${locale}`, () => {
        const amounts = [1, 2, 3, 10, 11, 100]
        assert.deepEqual(
          amounts.map((amount) => formatCount(amount, unit as keyof (typeof counts)['en'], locale)),
          expected,
        )
      })
    }
  }

  it('reads ISO durations as joined counts, and a zero duration as "immediately"', () => {
    const cases = [
      ['P0D', 'immediately', 'فورًا'],
      ['P1Y6M', '1 year and 6 months', 'سنة واحدة و6 أشهر'],
      ['P2W3D', '2 weeks and 3 days', 'أسبوعان و3 أيام'],
      ['PT36H', '36 hours', '36 ساعة'],
      [
        'P1Y2M3W4DT5H',
        '1 year, 2 months, 3 weeks, 4 days and 5 hours',
        'سنة واحدة وشهران و3 أسابيع و4 أيام و5 ساعات',
      ],
    ] as const
    for (const [iso, en, ar] of cases) {
      assert.equal(formatDuration(iso, 'en'), en)
      assert.equal(formatDuration(iso, 'ar'), ar)
    }
  })
})
