import type { JurisdictionPack } from '../vocabulary.ts'
import { rightsRow, sourced } from './sourced.ts'

export const om: JurisdictionPack = {
  id: 'om',
  name: { en: 'Oman', ar: 'سلطنة عُمان' },
  law: {
    en: 'Personal Data Protection Law (Royal Decree 6/2022) and its Executive Regulation (34/2024)',
    ar: 'قانون حماية البيانات الشخصية الصادر بالمرسوم السلطاني رقم 6/2022 ولائحته التنفيذية رقم 34/2024',
  },
  countries: ['OM'],
  authority: sourced(
    {
      name: {
        en: 'Ministry of Transport, Communications and Information Technology (MTCIT)',
        ar: 'وزارة النقل والاتصالات وتقنية المعلومات',
      },
      website: 'https://www.mtcit.gov.om',
    },
    ['O1', 'O4'],
    false,
    'Website not listed in the reference sources.',
  ),
  rights: rightsRow(['O1', 'O2'], {
    access: 'Y',
    rectify: 'Y',
    erase: 'Y',
    restrict: 'P',
    port: 'Y',
    object: '?',
    'opt-out-sale': 'N',
    'withdraw-consent': 'Y',
    'no-automated-decisions': '?',
  }),
  requestDeadline: sourced({ deadline: { unit: 'days', amount: 45 }, extension: null }, ['O2']),
  breach: {
    regulator: sourced(
      {
        hours: 72,
        text: {
          en: 'within 72 hours to MTCIT (ER Art. 30)',
          ar: 'خلال 72 ساعة إلى الوزارة (المادة 30 من اللائحة)',
        },
      },
      ['O2', 'O3'],
    ),
    individuals: sourced(
      {
        hours: 72,
        text: {
          en: 'within 72 hours when the breach may cause significant harm (ER Art. 32)',
          ar: 'خلال 72 ساعة إذا كان الاختراق قد يسبب ضررًا جسيمًا (المادة 32 من اللائحة)',
        },
      },
      ['O2', 'O3'],
    ),
  },
  children: sourced(
    {
      age: null,
      text: {
        en: 'a guardian approves processing (PDPL Art. 6)',
        ar: 'يوافق ولي الأمر على المعالجة (المادة 6 من القانون)',
      },
    },
    ['O1'],
    false,
    'Age threshold not found.',
  ),
  consentModel: sourced('opt-in', ['O1']),
  sensitiveBases: sourced(
    ['consent'],
    ['O1', 'O5'],
    false,
    'Explicit consent assumed; sensitive data also needs an MTCIT permit.',
  ),
  sensitivePermit: sourced(true, ['O5', 'O7']),
  transfers: sourced(
    {
      restricted: true,
      mechanisms: ['consent', 'permit'],
      text: {
        en: 'controls set by the Executive Regulation; consent is usually needed',
        ar: 'الضوابط التي تحددها اللائحة التنفيذية؛ وغالبًا ما تلزم الموافقة',
      },
    },
    ['O1'],
    false,
    'Reference table A3 marks the transfer controls ⚠ ("consent usually needed").',
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
      'complaint-authority',
      'security',
      'breach',
      'children',
      'changes',
    ],
    ['O1', 'O4'],
    false,
    'Derived: the ER requires a DPO and a breach register; the notice list itself is not in the sources.',
  ),
  languages: sourced(['ar'], ['O1'], false, 'Arabic assumed for notices; not in the sources.'),
}
