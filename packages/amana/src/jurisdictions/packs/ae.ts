import type { JurisdictionPack } from '../vocabulary.ts'
import { rightsRow, sourced } from './sourced.ts'

export const ae: JurisdictionPack = {
  id: 'ae',
  name: { en: 'United Arab Emirates', ar: 'الإمارات العربية المتحدة' },
  law: {
    en: 'Federal Decree-Law No. 45 of 2021 on the Protection of Personal Data',
    ar: 'المرسوم بقانون اتحادي رقم 45 لسنة 2021 بشأن حماية البيانات الشخصية',
  },
  countries: ['AE'],
  authority: sourced(
    { name: { en: 'UAE Data Office', ar: 'مكتب الإمارات للبيانات' }, website: null },
    ['A1', 'A3'],
    false,
    'Website not in the sources. DIFC and ADGM have their own regimes.',
  ),
  rights: rightsRow(['A3'], {
    access: 'Y',
    rectify: 'Y',
    erase: 'Y',
    restrict: 'Y',
    port: 'Y',
    object: 'Y',
    'opt-out-sale': 'N',
    'withdraw-consent': 'Y',
    'no-automated-decisions': 'Y',
  }),
  requestDeadline: sourced(
    { deadline: null, extension: null },
    ['A1'],
    false,
    'Executive Regulations not issued.',
  ),
  breach: {
    regulator: sourced(
      {
        hours: null,
        text: { en: 'immediately on becoming aware (Art. 9)', ar: 'فور العلم بالاختراق (المادة 9)' },
      },
      ['A2', 'A3'],
    ),
    individuals: sourced(
      {
        hours: null,
        text: {
          en: 'when the breach prejudices their privacy (Art. 9)',
          ar: 'إذا كان الاختراق يمس خصوصيتهم (المادة 9)',
        },
      },
      ['A3'],
    ),
  },
  children: sourced(
    { age: null, text: { en: 'no specific rule', ar: 'لا توجد قاعدة خاصة' } },
    ['A3'],
    false,
    'Reference table A2: "none specific ⚠".',
  ),
  consentModel: sourced('opt-in', ['A3']),
  sensitiveBases: sourced(
    ['consent', 'legal-obligation', 'vital-interest', 'public-interest'],
    ['A3'],
    false,
    'Art. 4 exceptions not tabulated.',
  ),
  sensitivePermit: sourced(
    false,
    ['A3'],
    false,
    'No permit rule found for sensitive data; not in the sources.',
  ),
  transfers: sourced(
    {
      restricted: true,
      mechanisms: ['adequacy', 'consent', 'necessity', 'standard-contractual-clauses'],
      text: {
        en: 'a country with adequate protection (Art. 22) or an exception in Art. 23; no adequacy list or standard clauses yet',
        ar: 'دولة توفر حماية كافية (المادة 22) أو أحد الاستثناءات في المادة 23؛ ولا توجد بعد قائمة كفاية أو بنود قياسية',
      },
    },
    ['A3', 'A4'],
    false,
    'Reference A3: no adequacy list or SCCs yet. Standard clauses are kept as the contract exception of Art. 23 pending the Executive Regulations; unverified.',
  ),
  disclosures: sourced(
    [
      'controller-identity',
      'contact',
      'privacy-contact',
      'categories',
      'purposes',
      'legal-bases',
      'recipients',
      'transfers',
      'retention',
      'rights',
      'automated-decisions',
      'changes',
    ],
    ['A3'],
    false,
    'Derived; the notice list is not in the sources.',
  ),
  languages: sourced([], ['A3']),
}
