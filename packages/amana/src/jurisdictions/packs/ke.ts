import type { JurisdictionPack } from '../vocabulary.ts'
import { rightsRow, sourced } from './sourced.ts'

export const ke: JurisdictionPack = {
  id: 'ke',
  name: { en: 'Kenya', ar: 'كينيا' },
  law: { en: 'Data Protection Act, 2019', ar: 'قانون حماية البيانات لعام 2019' },
  countries: ['KE'],
  authority: sourced(
    {
      name: {
        en: 'Office of the Data Protection Commissioner (ODPC)',
        ar: 'مكتب مفوض حماية البيانات (ODPC)',
      },
      website: 'https://www.odpc.go.ke',
    },
    ['K1'],
  ),
  rights: rightsRow(['K1', 'K8'], {
    access: 'Y',
    rectify: 'Y',
    erase: 'Y',
    restrict: 'Y',
    port: 'Y',
    object: 'Y',
    'opt-out-sale': 'P',
    'withdraw-consent': 'Y',
    'no-automated-decisions': 'Y',
  }),
  // General Regulations 2021: access 7 days, portability 30 days; rectify/erase 7 or 14 days (sources disagree).
  requestDeadline: sourced(
    {
      deadline: { unit: 'days', amount: 7 },
      extension: null,
      byRight: {
        access: { unit: 'days', amount: 7 },
        port: { unit: 'days', amount: 30 },
        rectify: { unit: 'days', amount: 7 },
        erase: { unit: 'days', amount: 7 },
      },
    },
    ['K5', 'K8'],
    false,
    'Rectify/erase: 7 days per K5, 14 days per other summaries; the stricter 7 is used. Other requests (restrict, object): no clock in the sources; the 7-day access clock is an Amana default.',
  ),
  breach: {
    regulator: sourced(
      {
        hours: 72,
        text: {
          en: 'within 72 hours to the ODPC (s.43); a processor tells the controller within 48 hours',
          ar: 'خلال 72 ساعة إلى مكتب المفوض (المادة 43)؛ ويُخطر المعالج المتحكم خلال 48 ساعة',
        },
      },
      ['K2'],
    ),
    individuals: sourced(
      {
        hours: null,
        text: {
          en: 'within a reasonably practical period, unless the identity is unknown or the data was encrypted',
          ar: 'خلال فترة معقولة عمليًا، ما لم تكن الهوية غير معروفة أو كانت البيانات مشفرة',
        },
      },
      ['K2'],
    ),
  },
  children: sourced(
    {
      age: 18,
      text: {
        en: 'a parent or guardian consents and age is verified (s.33)',
        ar: 'يوافق أحد الوالدين أو الولي ويُتحقق من العمر (المادة 33)',
      },
    },
    ['K9'],
    false,
    'Child = under 18 per the draft ODPC guidance.',
  ),
  consentModel: sourced(
    'opt-in',
    ['K1'],
    false,
    'Consent plus GDPR-like bases (s.30); cookie consent not in the sources.',
  ),
  sensitiveBases: sourced(
    ['consent', 'legal-obligation', 'vital-interest'],
    ['K3'],
    false,
    'Sources only say sensitive data transfers need consent.',
  ),
  sensitivePermit: sourced(false, ['K3']),
  transfers: sourced(
    {
      restricted: true,
      mechanisms: ['standard-contractual-clauses', 'adequacy', 'necessity', 'consent'],
      text: {
        en: 'safeguards proved to the ODPC, adequacy (none issued yet), necessity, or consent (sensitive data needs consent)',
        ar: 'ضمانات مُثبتة لدى مكتب المفوض، أو الكفاية (لم يصدر أي قرار بعد)، أو الضرورة، أو الموافقة (وتتطلب البيانات الحساسة الموافقة)',
      },
    },
    ['K3'],
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
      'automated-decisions',
      'security',
      'changes',
    ],
    ['K1'],
    false,
    'Derived from the rights in the reference; no notice list in the sources.',
  ),
  languages: sourced([], ['K1']),
}
