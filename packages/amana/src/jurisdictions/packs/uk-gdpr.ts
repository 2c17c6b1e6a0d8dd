import type { JurisdictionPack } from '../vocabulary.ts'
import { euGdpr } from './eu-gdpr.ts'
import { rightsRow, sourced } from './sourced.ts'

export const ukGdpr: JurisdictionPack = {
  ...euGdpr,
  id: 'uk-gdpr',
  name: { en: 'United Kingdom', ar: 'المملكة المتحدة' },
  law: {
    en: 'UK GDPR and Data Protection Act 2018, as amended by the Data (Use and Access) Act 2025',
    ar: 'اللائحة العامة لحماية البيانات في المملكة المتحدة وقانون حماية البيانات لعام 2018 بصيغته المعدلة بقانون البيانات (الاستخدام والوصول) لعام 2025',
  },
  countries: ['GB'],
  authority: sourced(
    {
      name: { en: 'Information Commissioner’s Office (ICO)', ar: 'مكتب مفوض المعلومات (ICO)' },
      website: 'https://ico.org.uk',
    },
    ['U1'],
    false,
    'Website not listed in the reference sources.',
  ),
  rights: rightsRow(
    ['G1', 'U1'],
    {
      access: 'Y',
      rectify: 'Y',
      erase: 'Y',
      restrict: 'Y',
      port: 'Y',
      object: 'Y',
      'opt-out-sale': 'N',
      'withdraw-consent': 'Y',
      'no-automated-decisions': 'Y',
    },
    ['no-automated-decisions'],
  ),
  // One month + two; the DUAA adds "stop the clock" while waiting for ID, fee or clarification.
  requestDeadline: sourced(
    { deadline: { unit: 'months', amount: 1 }, extension: { unit: 'months', amount: 2 } },
    ['U1', 'U2'],
  ),
  breach: {
    regulator: sourced(
      { hours: 72, text: { en: 'within 72 hours (ICO)', ar: 'خلال 72 ساعة (مكتب مفوض المعلومات)' } },
      ['U1'],
    ),
    individuals: sourced(
      {
        hours: null,
        text: {
          en: 'without undue delay when the risk is high',
          ar: 'دون تأخير غير مبرر إذا كان الخطر مرتفعًا',
        },
      },
      ['U1'],
    ),
  },
  children: sourced(
    {
      age: 13,
      text: {
        en: 'consent for online services from 13 (DPA 2018 s.9)',
        ar: 'الموافقة على الخدمات الإلكترونية من سن 13',
      },
    },
    ['U1'],
    false,
    'DPA 2018 s.9 not re-checked.',
  ),
  consentModel: sourced('opt-in', ['U1'], false, 'Cookie consent comes from PECR, not in the sources.'),
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
        en: 'UK adequacy regulations, or the International Data Transfer Agreement / UK Addendum',
        ar: 'لوائح الكفاية في المملكة المتحدة، أو اتفاقية نقل البيانات الدولية أو الملحق البريطاني',
      },
    },
    ['U1', 'U3'],
  ),
}
