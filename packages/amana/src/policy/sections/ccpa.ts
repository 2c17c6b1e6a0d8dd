import { ccpaCategories } from './ccpa-categories.ts'
import type { SectionRenderer } from './context.ts'

/**
 * The CCPA notice items (Cal. Code Regs. tit. 11 §§ 7011, 7025, 7027), stated only for a shop serving
 * California and only from what the manifest declares: the categories collected, their sources, those
 * disclosed, sold or shared in the last 12 months (ccpa-categories.ts), the
 * right to limit the use of sensitive information, non-discrimination, authorised agents, and GPC.
 */
export const ccpaNotice: SectionRenderer = (c, b) => {
  const pack = c.packs.find((p) => p.id === 'us-ca')
  if (pack === undefined) return
  const commitments = c.manifest.commitments
  const law = ['jurisdictions', 'pack:us-ca.law']
  b.p('ccpa.intro', c.t('ccpa.intro', { jurisdiction: pack.name[c.locale] }), law, ['rights'])
  ccpaCategories(c, b)
  if (commitments?.sellsPersonalData === false)
    b.li('ccpa.not-sold', c.t('ccpa.not-sold'), ['commitments.sellsPersonalData', ...law], ['sale-opt-out'])
  if (commitments?.sellsPersonalData === true && c.manifest.cookies?.preferencesUrl !== undefined)
    b.li(
      'ccpa.do-not-sell',
      c.t('ccpa.do-not-sell', { url: c.manifest.cookies.preferencesUrl }),
      ['commitments.sellsPersonalData', 'cookies.preferencesUrl', 'pack:us-ca.rights.opt-out-sale'],
      ['sale-opt-out'],
    )
  const sensitive = Object.entries(c.manifest.categories).filter(([, cat]) => cat.sensitivity === 'sensitive')
  if (sensitive.length > 0 && commitments?.sensitiveUseLimited !== undefined)
    b.li(
      'ccpa.sensitive',
      c.t(commitments.sensitiveUseLimited ? 'ccpa.sensitive.limited' : 'ccpa.sensitive.limit-right'),
      ['commitments.sensitiveUseLimited', ...sensitive.map(([id]) => `categories.${id}.sensitivity`)],
      ['rights'],
    )
  b.li('ccpa.non-discrimination', c.t('ccpa.non-discrimination'), law, ['rights'])
  if (c.manifest.requests?.authorisedAgents === true)
    b.li('ccpa.agents', c.t('ccpa.agents'), ['requests.authorisedAgents', ...law], ['rights'])
  // The banner reads the browser's Global Privacy Control and decide() applies it to sale and sharing.
  if (c.manifest.cookies?.consentBanner === true)
    b.li(
      'ccpa.gpc',
      c.t('ccpa.gpc'),
      ['cookies.consentBanner', 'pack:us-ca.rights.opt-out-sale'],
      ['sale-opt-out'],
    )
}
