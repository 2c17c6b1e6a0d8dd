import { ar } from './ar.ts'
import { en, type LiveCatalogue, type LiveFindingKey } from './en.ts'

export type { LiveFindingKey }

/** A parameter: a value (a name, a number, SQL) shown as it is, or words given in both languages. */
export type LiveCopyParam = string | { readonly en: string; readonly ar: string }

/** What a live finding says, as a catalogue key and its parameters (the CLI's English is rendered from it). */
export type LiveFindingCopy = {
  readonly key: LiveFindingKey
  readonly params: Readonly<Record<string, LiveCopyParam>>
}

/** First strong isolate … pop directional isolate: a value keeps its own direction inside Arabic. */
export const isolate = (value: string): string => `\u2068${value}\u2069`

/** A live finding's words in one language, its parameters filled (`fill` wraps each value, e.g. to isolate it). */
export const liveFindingText = (
  locale: 'en' | 'ar',
  copy: LiveFindingCopy,
  fill: (value: string) => string = (value) => value,
): string =>
  (locale === 'ar' ? ar : (en satisfies LiveCatalogue))[copy.key].replace(/\{(\w+)\}/g, (_, name: string) => {
    const param = copy.params[name] ?? ''
    return typeof param === 'string' ? fill(param) : param[locale]
  })

/** A finding with its copy and its English message rendered from it (what the CLI prints). */
export const withCopy = <T extends object>(
  finding: T,
  key: LiveFindingKey,
  params: Record<string, LiveCopyParam>,
): T & { message: string; copy: LiveFindingCopy } => {
  const copy = { key, params }
  return { ...finding, message: liveFindingText('en', copy), copy }
}

const both = (en: string, ar: string): LiveCopyParam => ({ en, ar })

/** Kinds of personal data a column looks like (live-findings.ts's names), in Arabic. */
const KINDS_AR: Record<string, string> = {
  'email address': 'عنوان بريد إلكتروني',
  'phone number': 'رقم هاتف',
  'national ID': 'رقم هوية وطنية',
  'passport number': 'رقم جواز سفر',
  'bank account': 'حساب مصرفي',
  'card number': 'رقم بطاقة دفع',
  'date of birth': 'تاريخ ميلاد',
  'IP address': 'عنوان بروتوكول الإنترنت',
  'postal address': 'عنوان بريدي',
  'personal name': 'اسم شخص',
}
export const personalKindWords = (kind: string): LiveCopyParam => both(kind, KINDS_AR[kind] ?? isolate(kind))

const IDENTITY_AR: Record<string, string> = {
  email: 'البريد الإلكتروني',
  phone: 'رقم الهاتف',
  customer_id: 'رقم العميل',
}
/** An identity kind (`email`, `phone`, `customer_id`) as the message words it. */
export const identityKindWords = (kind: string): LiveCopyParam =>
  both(kind, IDENTITY_AR[kind] ?? isolate(kind))

const TYPES_AR: Record<string, string> = {
  'an enum/set': 'من نوع القائمة المحددة',
  'a type without a neutral value': 'من نوع ليست له قيمة محايدة',
  text: 'نصي',
  integer: 'عدد صحيح',
  decimal: 'عدد عشري',
  float: 'عدد عشري تقريبي',
  boolean: 'منطقي',
  date: 'تاريخ',
  timestamp: 'طابع زمني',
  uuid: 'معرّف فريد عالميًا',
  json: 'بيانات منظَّمة',
  binary: 'بيانات ثنائية',
}
/** A column's type as a message words it (`integer`, `a type without a neutral value`). */
export const typeWords = (type: string): LiveCopyParam => both(type, TYPES_AR[type] ?? isolate(type))

const REASONS_AR: Record<string, string> = {
  'numeric unique column': 'عمود رقمي فريد القيم',
  'column type without a known neutral value': 'نوع العمود ليست له قيمة محايدة معروفة',
}
/** Why an anonymised value leaves a column as it is (anonymise-value.ts's reasons). */
export const keptReasonWords = (reason: string): LiveCopyParam =>
  both(reason, REASONS_AR[reason] ?? isolate(reason))

/** How an undeclared column was judged personal data. */
export const howWords = (how: 'name' | 'sample', rows: number): LiveCopyParam =>
  how === 'name'
    ? both('by its name', 'من اسمه')
    : both(`by ${rows} sampled values (not shown)`, `من ${isolate(String(rows))} قيمة في العيّنة (لا تُعرض)`)

/** What a column the plan names is for, when the manifest does not say where it is declared. */
export const roleWords = (
  role:
    | { kind: 'primary-key' }
    | { kind: 'identity'; identity: string }
    | { kind: 'reference'; to: string }
    | { kind: 'field'; category: string }
    | { kind: 'files'; store: string },
): LiveCopyParam => {
  switch (role.kind) {
    case 'primary-key':
      return both('primary key', 'المفتاح الأساسي')
    case 'identity':
      return both(`identity ${role.identity}`, `معرّف من نوع ${isolate(role.identity)}`)
    case 'reference':
      return both(`reference to ${role.to}`, `إشارة إلى ${isolate(role.to)}`)
    case 'field':
      return both(`field of category ${role.category}`, `حقل من الفئة ${isolate(role.category)}`)
    case 'files':
      return both(`file reference in ${role.store}`, `إشارة إلى ملف في ${isolate(role.store)}`)
  }
}

/** A legal hold in words: its reason (the shop's, in each language it gave), law, period and event. */
export const holdWords = (hold: {
  reason: string | Readonly<Record<string, string | undefined>> | undefined
  law?: string | undefined
  keep?: string | undefined
  after?: string | undefined
}): LiveCopyParam => {
  const reasonIn = (locale: 'en' | 'ar') =>
    hold.reason === undefined
      ? locale === 'en'
        ? 'legal hold'
        : 'حجز قانوني'
      : typeof hold.reason === 'string'
        ? hold.reason
        : (hold.reason[locale] ?? hold.reason.en ?? Object.values(hold.reason)[0] ?? '')
  const enReason = reasonIn('en')
  const arReason = hold.reason === undefined ? reasonIn('ar') : isolate(reasonIn('ar'))
  if (hold.keep === undefined) return both(enReason, arReason)
  return both(
    `${enReason}${hold.law ? `, ${hold.law}` : ''}, ${hold.keep} after ${hold.after}`,
    `${arReason}${hold.law ? `، ${isolate(hold.law)}` : ''}، ${isolate(hold.keep)} بعد ${isolate(hold.after ?? '')}`,
  )
}
