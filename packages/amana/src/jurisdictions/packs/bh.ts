import type { JurisdictionPack } from '../vocabulary.ts'
import { rightsRow, sourced } from './sourced.ts'

export const bh: JurisdictionPack = {
  id: 'bh',
  name: { en: 'Bahrain', ar: 'مملكة البحرين' },
  law: {
    en: 'Personal Data Protection Law No. 30 of 2018',
    ar: 'قانون حماية البيانات الشخصية رقم 30 لسنة 2018',
  },
  countries: ['BH'],
  authority: sourced(
    {
      name: {
        en: 'Personal Data Protection Authority (PDPA), whose functions the Ministry of Justice holds',
        ar: 'هيئة حماية البيانات الشخصية، وتتولى وزارة العدل مهامها',
      },
      website: null,
    },
    ['B1', 'B2'],
    false,
    'Website not in the sources.',
  ),
  rights: rightsRow(['B4', 'B6'], {
    access: 'Y',
    rectify: 'Y',
    erase: 'Y',
    restrict: 'P',
    port: '?',
    object: 'Y',
    'opt-out-sale': 'N',
    'withdraw-consent': 'Y',
    'no-automated-decisions': 'Y',
  }),
  requestDeadline: sourced(
    { deadline: null, extension: null },
    ['B4'],
    false,
    'Rights are in Order 48/2022; no deadline found.',
  ),
  breach: {
    regulator: sourced(
      {
        hours: null,
        text: {
          en: 'per the resolutions on notification procedures',
          ar: 'وفق القرارات المنظمة لإجراءات الإخطار',
        },
      },
      ['B3'],
      false,
      'Reference table A2 marks the notice to the authority ⚠ (the resolutions cover "notification procedures").',
    ),
    individuals: sourced(
      { hours: null, text: { en: 'not specified', ar: 'غير محدد' } },
      ['B3'],
      false,
      'Reference table A2: ⚠, no rule found.',
    ),
  },
  children: sourced(
    { age: null, text: { en: 'no specific rule', ar: 'لا توجد قاعدة خاصة' } },
    ['B1'],
    false,
    'Reference table A2: "none specific ⚠".',
  ),
  consentModel: sourced('opt-in', ['B1'], false, 'Consent plus statutory grounds.'),
  sensitiveBases: sourced(
    ['consent', 'legal-obligation', 'vital-interest'],
    ['B1'],
    false,
    'Not in the sources.',
  ),
  sensitivePermit: sourced(
    false,
    ['B1'],
    false,
    'No permit rule found for sensitive data; not in the sources.',
  ),
  transfers: sourced(
    {
      restricted: true,
      mechanisms: ['adequacy', 'permit'],
      text: {
        en: 'one of the 83 whitelisted countries (Resolution 42/2022), otherwise a permit from the Authority',
        ar: 'إحدى الدول الـ83 المدرجة في القائمة المعتمدة (القرار 42/2022)، وإلا فبتصريح من الهيئة',
      },
    },
    ['B2'],
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
      'rights',
      'complaint-authority',
      'automated-decisions',
      'changes',
    ],
    ['B1'],
    false,
    'Derived; the notice list is not in the sources.',
  ),
  languages: sourced([], ['B1']),
}
