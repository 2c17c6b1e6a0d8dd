import type { ConsentRateSeriesView, Locale } from '@amana/web'
import type { Manifest } from '../manifest/index.ts'
import { toRateSeries } from './consent-views.ts'
import { categoryTexts, localise } from './domain/widget-config.ts'
import type { ConsentPorts } from './ports.ts'
import { consentRates } from './store.ts'

/** A purpose by its title, a banner category by its banner name, in the reader's language. */
const seriesLabel = (manifest: Manifest, locale: Locale, target: string, id: string): string =>
  target === 'purpose'
    ? (localise(manifest.purposes[id]?.title, locale) ?? id)
    : (categoryTexts[id]?.[locale]?.title ?? id)

/** Consent rates per purpose and banner category per day, labelled for the console (chart and table). */
export const labelledConsentRates = async (
  ctx: Pick<ConsentPorts, 'database' | 'manifest'>,
  locale: Locale,
  range: { readonly from: Date; readonly toExclusive: Date },
): Promise<ConsentRateSeriesView[]> =>
  toRateSeries(await consentRates(ctx.database.db, range.from, range.toExclusive)).map((s) => ({
    label: seriesLabel(ctx.manifest.manifest, locale, s.target, s.id),
    points: s.points,
  }))
