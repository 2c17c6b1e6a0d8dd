import type { JurisdictionPack } from '../vocabulary.ts'
import { rightsRow, sourced } from './sourced.ts'

export const qa: JurisdictionPack = {
  id: 'qa',
  name: { en: 'Qatar', ar: 'دولة قطر' },
  law: {
    en: 'Law No. 13 of 2016 on the Protection of Personal Data Privacy',
    ar: 'القانون رقم 13 لسنة 2016 بشأن حماية خصوصية البيانات الشخصية',
  },
  countries: ['QA'],
  authority: sourced(
    {
      name: {
        en: 'National Cyber Security Agency (NCSA), National Cyber Governance and Assurance Affairs',
        ar: 'الوكالة الوطنية للأمن السيبراني، إدارة الحوكمة والضمان السيبراني الوطني',
      },
      website: null,
    },
    ['Q2', 'Q3'],
    false,
    'Website not in the sources.',
  ),
  rights: rightsRow(['Q3'], {
    access: 'Y',
    rectify: 'Y',
    erase: 'Y',
    restrict: '?',
    port: '?',
    object: 'Y',
    'opt-out-sale': 'N',
    'withdraw-consent': 'Y',
    'no-automated-decisions': '?',
  }),
  requestDeadline: sourced(
    { deadline: { unit: 'days', amount: 30 }, extension: null },
    ['Q3'],
    false,
    '"Per Ministerial decisions"; 30 days is secondary-only.',
  ),
  breach: {
    regulator: sourced(
      {
        hours: 72,
        text: {
          en: 'within 72 hours to the NCSA if serious damage may result',
          ar: 'خلال 72 ساعة إلى الوكالة إذا احتُمل وقوع ضرر جسيم',
        },
      },
      ['Q2', 'Q3'],
      false,
      'Reference table A2 marks the 72 hours to the NCSA ⚠ (NCSA guidelines, secondary sources).',
    ),
    individuals: sourced(
      { hours: null, text: { en: 'if serious damage may result', ar: 'إذا احتُمل وقوع ضرر جسيم' } },
      ['Q3'],
    ),
  },
  children: sourced(
    {
      age: null,
      text: {
        en: 'parental consent for child-directed sites (Art. 17)',
        ar: 'موافقة الوالدين على المواقع الموجهة للأطفال (المادة 17)',
      },
    },
    ['Q1', 'Q5'],
    false,
    'Age not found.',
  ),
  consentModel: sourced('opt-in', ['Q3'], false, 'Consent or "lawful purpose" (Art. 4).'),
  sensitiveBases: sourced(['consent'], ['Q3'], false, 'Not in the sources.'),
  sensitivePermit: sourced(
    false,
    ['Q3'],
    false,
    'No permit rule found for sensitive data; not in the sources.',
  ),
  transfers: sourced(
    {
      restricted: false,
      mechanisms: [],
      text: {
        en: 'free flow unless it breaches the law or causes serious damage (Art. 15)',
        ar: 'التدفق الحر ما لم يخالف القانون أو يسبب ضررًا جسيمًا (المادة 15)',
      },
    },
    ['Q2', 'Q3'],
  ),
  disclosures: sourced(
    [
      'controller-identity',
      'contact',
      'categories',
      'purposes',
      'recipients',
      'rights',
      'complaint-authority',
      'children',
      'changes',
    ],
    ['Q3'],
    false,
    'Derived; the notice list is not in the sources.',
  ),
  languages: sourced([], ['Q3']),
}
