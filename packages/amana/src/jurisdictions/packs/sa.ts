import type { JurisdictionPack } from '../vocabulary.ts'
import { rightsRow, sourced } from './sourced.ts'

export const sa: JurisdictionPack = {
  id: 'sa',
  name: { en: 'Saudi Arabia', ar: 'المملكة العربية السعودية' },
  law: {
    en: 'Personal Data Protection Law (Royal Decree M/19) and its Implementing Regulations',
    ar: 'نظام حماية البيانات الشخصية الصادر بالمرسوم الملكي م/19 ولوائحه التنفيذية',
  },
  countries: ['SA'],
  authority: sourced(
    {
      name: {
        en: 'Saudi Data and Artificial Intelligence Authority (SDAIA)',
        ar: 'الهيئة السعودية للبيانات والذكاء الاصطناعي (سدايا)',
      },
      website: 'https://sdaia.gov.sa',
    },
    ['S2'],
    false,
    'Website not listed in the reference sources.',
  ),
  rights: rightsRow(['S1', 'S2'], {
    access: 'Y',
    rectify: 'Y',
    erase: 'Y',
    restrict: '?',
    port: 'P',
    object: '?',
    'opt-out-sale': 'N',
    'withdraw-consent': 'Y',
    'no-automated-decisions': '?',
  }),
  // IR Art. 3: 30 days, +30 for disproportionate effort or multiple requests, with prior notice.
  requestDeadline: sourced(
    { deadline: { unit: 'days', amount: 30 }, extension: { unit: 'days', amount: 30 } },
    ['S1'],
  ),
  breach: {
    regulator: sourced(
      { hours: 72, text: { en: 'within 72 hours to SDAIA', ar: 'خلال 72 ساعة إلى سدايا' } },
      ['S7'],
    ),
    individuals: sourced(
      {
        hours: null,
        text: {
          en: 'without undue delay if they may be harmed',
          ar: 'دون تأخير غير مبرر إذا كان من الممكن أن يتضرروا',
        },
      },
      ['S7'],
      false,
      'Reference table A2 marks the notice to individuals ⚠ ("without undue delay if harm").',
    ),
  },
  children: sourced(
    {
      age: null,
      text: {
        en: 'a legal guardian acts for those lacking capacity (IR Art. 13)',
        ar: 'يتصرف الولي الشرعي نيابةً عن ناقص الأهلية (المادة 13 من اللائحة)',
      },
    },
    ['S6'],
    false,
    'Explicit age not found.',
  ),
  consentModel: sourced('opt-in', ['S2', 'S5']),
  // Legitimate interest (added 2023) is not available for sensitive data.
  sensitiveBases: sourced(
    ['consent', 'contract', 'legal-obligation', 'vital-interest', 'public-interest'],
    ['S5'],
  ),
  sensitivePermit: sourced(
    false,
    ['S5'],
    false,
    'No permit rule found for sensitive data; not in the sources.',
  ),
  transfers: sourced(
    {
      restricted: true,
      mechanisms: ['adequacy', 'standard-contractual-clauses', 'binding-corporate-rules', 'certification'],
      text: {
        en: 'an adequate country on the SDAIA list, or standard contractual clauses, binding corporate rules or certification (2024 rules)',
        ar: 'دولة ذات حماية كافية ضمن قائمة سدايا، أو البنود التعاقدية المعيارية أو القواعد المؤسسية الملزمة أو شهادات الاعتماد (قواعد 2024)',
      },
    },
    ['S3'],
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
      'changes',
    ],
    ['S2'],
    false,
    'Derived; the privacy-notice list is not in the sources.',
  ),
  languages: sourced(['ar'], ['S2'], false, 'Arabic assumed; not in the sources.'),
}
