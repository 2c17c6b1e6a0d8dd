import type { JurisdictionPack } from '../vocabulary.ts'
import { rightsRow, sourced } from './sourced.ts'

const eea = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
]

export const euGdpr: JurisdictionPack = {
  id: 'eu-gdpr',
  name: { en: 'European Union / EEA', ar: 'الاتحاد الأوروبي والمنطقة الاقتصادية الأوروبية' },
  law: {
    en: 'General Data Protection Regulation (EU) 2016/679',
    ar: 'اللائحة العامة لحماية البيانات (الاتحاد الأوروبي) 2016/679',
  },
  countries: eea,
  authority: sourced(
    {
      name: { en: 'your national data protection authority', ar: 'سلطة حماية البيانات الوطنية في بلدك' },
      website: 'https://www.edpb.europa.eu/about-edpb/about-edpb/members_en',
    },
    ['G1'],
    false,
    'Authorities are national (EDPB members); the EDPB members page is not in the reference sources.',
  ),
  rights: rightsRow(['G1'], {
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
  // GDPR Art. 12(3): one month, extendable by two for complex or numerous requests.
  requestDeadline: sourced(
    { deadline: { unit: 'months', amount: 1 }, extension: { unit: 'months', amount: 2 } },
    ['G1'],
  ),
  breach: {
    regulator: sourced(
      {
        hours: 72,
        text: { en: 'within 72 hours where feasible (Art. 33)', ar: 'خلال 72 ساعة متى أمكن ذلك (المادة 33)' },
      },
      ['G1'],
    ),
    individuals: sourced(
      {
        hours: null,
        text: {
          en: 'without undue delay when the risk is high (Art. 34)',
          ar: 'دون تأخير غير مبرر إذا كان الخطر مرتفعًا (المادة 34)',
        },
      },
      ['G1'],
    ),
  },
  children: sourced(
    {
      age: 16,
      text: {
        en: 'consent for online services from 16; member states may lower this to 13 (Art. 8)',
        ar: 'الموافقة على الخدمات الإلكترونية من سن 16، ويجوز للدول الأعضاء خفضه إلى 13 (المادة 8)',
      },
    },
    ['G1'],
  ),
  consentModel: sourced(
    'opt-in',
    ['G1'],
    false,
    'Cookie consent comes from the ePrivacy Directive, not in the sources.',
  ),
  // Art. 9(2): explicit consent, obligations in employment law, vital interests (among others).
  sensitiveBases: sourced(
    ['consent', 'legal-obligation', 'vital-interest', 'public-interest'],
    ['G1'],
    false,
    'Art. 9(2) not tabulated in the reference.',
  ),
  sensitivePermit: sourced(false, ['G1']),
  transfers: sourced(
    {
      restricted: true,
      mechanisms: [
        'adequacy',
        'standard-contractual-clauses',
        'binding-corporate-rules',
        'consent',
        'necessity',
      ],
      text: {
        en: 'adequacy decisions, standard contractual clauses or binding corporate rules (Art. 45–46), or a derogation (Art. 49)',
        ar: 'قرارات الكفاية أو الشروط التعاقدية القياسية أو القواعد المؤسسية الملزمة (المادتان 45 و46) أو أحد الاستثناءات (المادة 49)',
      },
    },
    ['G1'],
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
      'automated-decisions',
      'cookies',
      'changes',
    ],
    ['G1'],
    true,
    'Art. 13–14. `cookies` and `changes` are Amana defaults (ePrivacy, good practice).',
  ),
  languages: sourced([], ['G1']),
}
