import type { Locale } from './locale.ts'

/** The privacy centre's way into the preference page without an email from the shop: a link by email. */
const en = {
  title: 'Get a link to your preferences',
  lead: 'Enter your email address. We will send you a link that opens your communication and cookie preferences. The link works for 7 days.',
  email: 'Your email address',
  emailHint: 'The address the shop writes to you at, such as name@example.com.',
  submit: 'Email me a link',
  sent: 'If this address can receive mail from us, a link is on its way to it. Open it within 7 days. Nothing arrived? Check your spam folder, or ask again in an hour.',
  invalid: 'Email address: enter an address such as name@example.com.',
  mailSubject: 'Your privacy preferences at {shop}',
  mailBody:
    'You (or someone who typed your address) asked {shop} for a link to your communication and cookie preferences.\n\nOpen your preferences:\n{link}\n\nThe link works for 7 days. If you did not ask for it, ignore this message: nothing changes.',
  needLink: 'Get a link by email',
} as const
export type PreferenceLinkMessageKey = keyof typeof en

const ar: Record<PreferenceLinkMessageKey, string> = {
  title: 'احصل على رابط تفضيلاتك',
  lead: 'أدخل بريدك الإلكتروني، وسنرسل إليك رابطًا يفتح تفضيلات التواصل وملفات تعريف الارتباط. يعمل الرابط مدة ٧ أيام.',
  email: 'بريدك الإلكتروني',
  emailHint: 'العنوان الذي يراسلك عليه المتجر، مثل ⁨name@example.com⁩.',
  submit: 'أرسل إليّ رابطًا',
  sent: 'إذا كان هذا العنوان يستقبل رسائلنا، فالرابط في طريقه إليه. افتحه خلال ٧ أيام. لم يصلك شيء؟ تحقّق من مجلد الرسائل غير المرغوب فيها، أو اطلبه مرة أخرى بعد ساعة.',
  invalid: 'البريد الإلكتروني: أدخل عنوانًا مثل ⁨name@example.com⁩.',
  mailSubject: 'تفضيلات الخصوصية لدى {shop}',
  mailBody:
    'طلبتَ (أو طلب شخص كتب عنوانك) من {shop} رابطًا إلى تفضيلات التواصل وملفات تعريف الارتباط.\n\nافتح تفضيلاتك:\n{link}\n\nيعمل الرابط مدة ٧ أيام. إن لم تطلبه فتجاهل هذه الرسالة: لن يتغيّر شيء.',
  needLink: 'احصل على رابط بالبريد الإلكتروني',
}

export const tpl = (
  locale: Locale,
  key: PreferenceLinkMessageKey,
  params: Record<string, string> = {},
): string =>
  (locale === 'ar' ? ar : en)[key].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`)

export const preferenceLinkMessageKeys = Object.keys(en) as PreferenceLinkMessageKey[]
