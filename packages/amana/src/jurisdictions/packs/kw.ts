import type { JurisdictionPack } from '../vocabulary.ts'
import { rightsRow, sourced } from './sourced.ts'

export const kw: JurisdictionPack = {
  id: 'kw',
  name: { en: 'Kuwait', ar: 'دولة الكويت' },
  law: {
    en: 'CITRA Data Privacy Protection Regulation No. 26 of 2024',
    ar: 'لائحة حماية خصوصية البيانات رقم 26 لسنة 2024 الصادرة عن هيئة الاتصالات وتقنية المعلومات',
  },
  countries: ['KW'],
  authority: sourced(
    {
      name: {
        en: 'Communication and Information Technology Regulatory Authority (CITRA)',
        ar: 'هيئة الاتصالات وتقنية المعلومات',
      },
      website: 'https://citra.gov.kw',
    },
    ['KW1', 'KW5'],
    false,
    'Website not listed in the reference sources. Whether the DPPR reaches a bakery webshop is unclear (KW4).',
  ),
  rights: rightsRow(['KW1', 'KW5'], {
    access: 'Y',
    rectify: 'Y',
    erase: 'Y',
    restrict: '?',
    port: '?',
    object: 'P',
    'opt-out-sale': 'N',
    'withdraw-consent': 'Y',
    'no-automated-decisions': '?',
  }),
  requestDeadline: sourced({ deadline: null, extension: null }, ['KW1', 'KW5'], false, 'No deadline found.'),
  breach: {
    regulator: sourced(
      {
        hours: 24,
        text: { en: 'within 24 hours to CITRA', ar: 'خلال 24 ساعة إلى هيئة الاتصالات وتقنية المعلومات' },
      },
      ['KW2', 'KW3'],
      false,
      'Some secondary sources (KW5, the 2021 regulation) say 72 hours.',
    ),
    individuals: sourced(
      {
        hours: null,
        text: {
          en: 'when the breach harms a significant number of users (Art. 4 ¶15)',
          ar: 'إذا ألحق الاختراق ضررًا بعدد كبير من المستخدمين (المادة 4، الفقرة 15)',
        },
      },
      ['KW1'],
      false,
      'Timing not found.',
    ),
  },
  children: sourced(
    {
      age: 18,
      text: {
        en: 'under 18 needs the consent of a legal guardian',
        ar: 'من هم دون 18 عامًا يحتاجون إلى موافقة الولي الشرعي',
      },
    },
    ['KW1', 'KW6'],
  ),
  consentModel: sourced('opt-in', ['KW1', 'KW5']),
  sensitiveBases: sourced(
    ['consent', 'contract', 'legal-obligation', 'vital-interest'],
    ['KW1', 'KW5'],
    false,
    'No separate sensitive-data rule found.',
  ),
  sensitivePermit: sourced(
    false,
    ['KW5'],
    false,
    'No permit rule found for sensitive data; residual CITRA rules are ⚠ (A3).',
  ),
  transfers: sourced(
    {
      restricted: true,
      mechanisms: ['adequacy', 'standard-contractual-clauses', 'consent'],
      text: {
        en: 'a destination with adequate protection, and users are told',
        ar: 'وجهة توفر حماية كافية، مع إخطار المستخدمين',
      },
    },
    ['KW1', 'KW5'],
    false,
    'Reference table A3 marks the transfer rule ⚠ (adequate-protection destination and notice to users).',
  ),
  disclosures: sourced(
    [
      'controller-identity',
      'contact',
      'categories',
      'purposes',
      'legal-bases',
      'recipients',
      'transfers',
      'retention',
      'rights',
      'complaint-authority',
      'breach',
      'children',
      'changes',
      'languages',
    ],
    ['KW2', 'KW3'],
    false,
    'Derived; only the Arabic-and-English requirement is stated in the sources.',
  ),
  // Terms and notices must be in Arabic and English (KW2, KW3).
  languages: sourced(['ar', 'en'], ['KW2', 'KW3']),
}
