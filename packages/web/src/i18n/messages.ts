import { escapeHtml, raw, type SafeHtml } from '../html.ts'
import type { Locale } from './locale.ts'

/**
 * Page chrome in both languages. The Arabic is written for Arabic readers, using the terms of the
 * shop's Arabic policy (سياسة الخصوصية، البيانات الشخصية، طلب).
 */
const en = {
  'privacy.title': 'Privacy centre',
  'privacy.lead': 'See how {shop} looks after your personal data, and use your rights.',
  'privacy.policy': 'Privacy policy',
  'privacy.policy.desc': 'What we collect, why, who we share it with and how long we keep it.',
  'privacy.requests': 'Your data requests',
  'privacy.requests.desc': 'Ask for a copy of your data, a correction, or its deletion.',
  'privacy.preferences': 'Communication and cookie preferences',
  'privacy.preferences.desc': 'Choose what we may send you and which cookies we may use.',
  'privacy.contact': 'Contact us about privacy',
  'admin.title': 'Amana admin console',
  'admin.lead': 'For {shop} staff: requests, consent, audit and settings.',
  'admin.signin': 'Staff sign-in',
  'admin.email': 'Work email',
  'admin.password': 'Password',
  'admin.submit': 'Sign in',
  'admin.status': 'System status',
  'nav.skip': 'Skip to content',
  'nav.language': 'العربية',
  'nav.home': 'Privacy centre',
  'footer.powered': 'Privacy operations by Amana',
  'page.notFound': 'Page not found',
  'page.notFound.desc': 'The address may be mistyped, or the page has moved.',
  'page.error': 'Something went wrong',
  'page.error.desc': 'Please try again. If it keeps happening, quote this reference: {ref}',
  'page.updated': 'Last updated {date}',
  'policy.meta': 'Version {version}, effective {date}.',
  'policy.draft':
    'This is a preview of the policy generated from the current manifest; it has not been published yet.',
  'policy.versions': 'Earlier versions',
  'policy.versions.title': 'Published versions of this policy',
  'policy.formats': 'Also available as {md} and {json}.',
  'policy.version.link': 'Version {version} — effective {date}',
  'policy.current': '(current)',
  'policy.version.scheduled': 'Version {version} — takes effect {date}',
  'policy.scheduled': '(scheduled, not in effect yet)',
} as const

export type MessageKey = keyof typeof en

const ar: Record<MessageKey, string> = {
  'privacy.title': 'مركز الخصوصية',
  'privacy.lead': 'تعرّف على كيفية حماية {shop} لبياناتك الشخصية، ومارس حقوقك.',
  'privacy.policy': 'سياسة الخصوصية',
  'privacy.policy.desc': 'ما البيانات التي نجمعها، ولماذا، ومع من نشاركها، وإلى متى نحتفظ بها.',
  'privacy.requests': 'طلباتك المتعلقة ببياناتك',
  'privacy.requests.desc': 'اطلب نسخة من بياناتك أو تصحيحها أو حذفها.',
  'privacy.preferences': 'تفضيلات التواصل وملفات تعريف الارتباط',
  'privacy.preferences.desc': 'اختر ما يمكننا إرساله إليك وملفات تعريف الارتباط التي يمكننا استخدامها.',
  'privacy.contact': 'تواصل معنا بشأن الخصوصية',
  'admin.title': 'لوحة تحكم أمانة',
  'admin.lead': 'لفريق عمل {shop}: الطلبات والموافقات وسجل التدقيق والإعدادات.',
  'admin.signin': 'تسجيل دخول الموظفين',
  'admin.email': 'البريد الإلكتروني للعمل',
  'admin.password': 'كلمة المرور',
  'admin.submit': 'تسجيل الدخول',
  'admin.status': 'حالة النظام',
  'nav.skip': 'انتقل إلى المحتوى',
  'nav.language': 'English',
  'nav.home': 'مركز الخصوصية',
  'footer.powered': 'عمليات الخصوصية بواسطة أمانة',
  'page.notFound': 'الصفحة غير موجودة',
  'page.notFound.desc': 'ربما كُتب العنوان بشكل خاطئ، أو نُقلت الصفحة.',
  'page.error': 'حدث خطأ ما',
  'page.error.desc': 'يُرجى المحاولة مرة أخرى. إذا تكرر الأمر، فاذكر هذا الرقم المرجعي: {ref}',
  'page.updated': 'آخر تحديث {date}',
  'policy.meta': 'الإصدار {version}، ساري المفعول اعتبارًا من {date}.',
  'policy.draft': 'هذه معاينة للسياسة المُنشأة من البيان الحالي، ولم تُنشر بعد.',
  'policy.versions': 'الإصدارات السابقة',
  'policy.versions.title': 'الإصدارات المنشورة من هذه السياسة',
  'policy.formats': 'متاحة أيضًا بصيغة {md} و{json}.',
  'policy.version.link': 'الإصدار {version} — ساري المفعول اعتبارًا من {date}',
  'policy.current': '(الحالي)',
  'policy.version.scheduled': 'الإصدار {version} — يسري اعتبارًا من {date}',
  'policy.scheduled': '(مجدول، لم يسرِ بعد)',
}

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, ar }

export const t = (locale: Locale, key: MessageKey, params: Record<string, string> = {}): string =>
  catalogs[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`)

/** A message as HTML with each value in <bdi>, so a shop name or address keeps its own direction. */
export const tIsolated = (locale: Locale, key: MessageKey, params: Record<string, string>): SafeHtml =>
  raw(
    escapeHtml(catalogs[locale][key]).replace(
      /\{(\w+)\}/g,
      (_, name: string) => `<bdi>${escapeHtml(params[name] ?? '')}</bdi>`,
    ),
  )

export const messageKeys = Object.keys(en) as MessageKey[]
export const catalogFor = (locale: Locale): Readonly<Record<MessageKey, string>> => catalogs[locale]
