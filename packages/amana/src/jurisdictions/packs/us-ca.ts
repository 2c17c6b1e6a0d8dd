import type { JurisdictionPack } from '../vocabulary.ts'
import { rightsRow, sourced } from './sourced.ts'

export const usCa: JurisdictionPack = {
  id: 'us-ca',
  name: { en: 'California (United States)', ar: 'ولاية كاليفورنيا (الولايات المتحدة)' },
  law: {
    en: 'California Consumer Privacy Act as amended by the CPRA',
    ar: 'قانون خصوصية المستهلك في كاليفورنيا بصيغته المعدلة بقانون حقوق الخصوصية',
  },
  countries: ['US'],
  authority: sourced(
    {
      name: {
        en: 'California Privacy Protection Agency and the California Attorney General',
        ar: 'وكالة حماية الخصوصية في كاليفورنيا والمدعي العام لولاية كاليفورنيا',
      },
      website: 'https://cppa.ca.gov',
    },
    ['C1', 'C4'],
    false,
    'Website not listed in the reference sources.',
  ),
  rights: rightsRow(['C1', 'C4'], {
    access: 'Y',
    rectify: 'Y',
    erase: 'Y',
    restrict: 'P',
    port: 'Y',
    object: 'N',
    'opt-out-sale': 'Y',
    'withdraw-consent': 'P',
    'no-automated-decisions': 'P',
  }),
  // §7021: confirm in 10 business days, answer in 45 calendar days, +45 with notice. Opt-out: 15 business days.
  requestDeadline: sourced(
    {
      deadline: { unit: 'days', amount: 45 },
      extension: { unit: 'days', amount: 45 },
      byRight: { 'opt-out-sale': { unit: 'days', amount: 15, business: true } },
    },
    ['C1', 'C2'],
  ),
  breach: {
    regulator: sourced(
      {
        hours: null,
        text: {
          en: 'no duty to the CPPA; a sample notice goes to the Attorney General within 15 days of notifying more than 500 California residents',
          ar: 'لا يوجد التزام تجاه الوكالة؛ يُرسل نموذج الإشعار إلى المدعي العام خلال 15 يومًا من إخطار أكثر من 500 من سكان كاليفورنيا',
        },
      },
      ['C3'],
    ),
    individuals: sourced(
      {
        hours: 720,
        text: { en: 'within 30 calendar days of discovery', ar: 'خلال 30 يومًا تقويميًا من اكتشاف الاختراق' },
      },
      ['C3'],
    ),
  },
  children: sourced(
    {
      age: 16,
      saleOrShareOnly: true,
      text: {
        en: 'under 13: a parent must opt in to any sale or sharing; 13 to 15: the minor’s own opt-in',
        ar: 'دون 13 عامًا: يلزم موافقة أحد الوالدين على أي بيع أو مشاركة؛ من 13 إلى 15 عامًا: موافقة القاصر نفسه',
      },
    },
    ['C1'],
  ),
  consentModel: sourced('opt-out', ['C1', 'C4']),
  sensitiveBases: sourced(
    ['consent', 'contract', 'legal-obligation', 'legitimate-interest', 'vital-interest', 'public-interest'],
    ['C1'],
    false,
    'CCPA is notice-based; sensitive data carries a "limit use" right instead of a basis list.',
  ),
  sensitivePermit: sourced(false, ['C1']),
  transfers: sourced(
    {
      restricted: false,
      mechanisms: [],
      text: { en: 'no transfer restriction', ar: 'لا توجد قيود على النقل' },
    },
    ['C1', 'C4'],
  ),
  disclosures: sourced(
    [
      'controller-identity',
      'contact',
      'categories',
      'purposes',
      'recipients',
      'retention',
      'rights',
      'sale-opt-out',
      'cookies',
      'children',
      'changes',
    ],
    ['C1'],
    false,
    'Derived from the rights in the reference; the notice-at-collection list itself is not in the sources.',
  ),
  languages: sourced([], ['C1']),
}
