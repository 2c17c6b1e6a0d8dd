import type { BannerTexts } from './config-types.ts'

const en: BannerTexts = {
  title: 'Your privacy choices',
  description:
    'We use cookies that are necessary for the shop to work. With your permission we also use optional cookies for features, statistics and marketing. You can change your mind at any time under "Privacy settings".',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customise: 'Customise',
  save: 'Save choices',
  settings: 'Privacy settings',
  preferencesTitle: 'Privacy preferences',
  alwaysOn: 'Always on',
  cookies: 'Cookies',
  cookieName: 'Name',
  provider: 'Provider',
  party: 'Party',
  firstParty: 'First party',
  thirdParty: 'Third party',
  duration: 'Duration',
  purpose: 'Purpose',
  gpcNote: 'Off: your browser sends a Global Privacy Control signal.',
  back: 'Back',
  close: 'Close',
  policyLink: 'Privacy policy',
}

const ar: BannerTexts = {
  title: 'خيارات الخصوصية',
  description:
    'نستخدم ملفات تعريف الارتباط الضرورية لعمل المتجر. وبإذنك نستخدم أيضًا ملفات اختيارية للميزات والإحصاءات والتسويق. يمكنك تغيير رأيك في أي وقت من "إعدادات الخصوصية".',
  acceptAll: 'قبول الكل',
  rejectAll: 'رفض الكل',
  customise: 'تخصيص',
  save: 'حفظ الاختيارات',
  settings: 'إعدادات الخصوصية',
  preferencesTitle: 'تفضيلات الخصوصية',
  alwaysOn: 'مفعّلة دائمًا',
  cookies: 'ملفات تعريف الارتباط',
  cookieName: 'الاسم',
  provider: 'المزوّد',
  party: 'الطرف',
  firstParty: 'طرف أول',
  thirdParty: 'طرف ثالث',
  duration: 'المدة',
  purpose: 'الغرض',
  gpcNote: 'معطّلة: متصفحك يرسل إشارة التحكم العالمي في الخصوصية (GPC).',
  back: 'رجوع',
  close: 'إغلاق',
  policyLink: 'سياسة الخصوصية',
}

export const isArabic = (locale: string): boolean => /^ar\b/i.test(locale)

export const fallbackTexts = (locale: string): BannerTexts => (isArabic(locale) ? ar : en)

export const resolveTexts = (locale: string, fromServer: Partial<BannerTexts>): BannerTexts => ({
  ...fallbackTexts(locale),
  ...fromServer,
})
