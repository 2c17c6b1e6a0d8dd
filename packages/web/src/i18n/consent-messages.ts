import type { Locale } from './locale.ts'

/** Texts of the preference centre and the admin consent view, written for each language. */
const en = {
  'prefs.title': 'Your communication and privacy preferences',
  'prefs.lead': 'Choose what {shop} may use your data for and how we may contact you. Changes apply at once.',
  'prefs.channels': 'How we may contact you',
  'prefs.channel.email': 'Email',
  'prefs.channel.sms': 'SMS',
  'prefs.channel.whatsapp': 'WhatsApp',
  'prefs.channel.push': 'App notifications',
  'prefs.allow': 'Allow',
  'prefs.save': 'Save my preferences',
  'prefs.saved': 'Your preferences are saved. They apply from now on.',
  'prefs.combined':
    'These are the choices recorded with your customer account and with your email address. A box is ticked when either allows it; unticking it withdraws it for both.',
  'prefs.none': 'Nothing here needs your permission: we only use your data as our privacy policy describes.',
  'prefs.linkInvalid': 'This link is not valid',
  'prefs.linkInvalid.desc': 'The link may be incomplete or altered. Ask {shop} for a new preferences link.',
  'prefs.linkExpired': 'This link has expired',
  'prefs.linkExpired.desc':
    'For your security, preferences links work for a limited time. Ask {shop} for a new one.',
  'prefs.needLink':
    'Open this page from the link in one of our emails, or from your account, to change your preferences.',
  'unsub.title': 'Unsubscribe',
  'unsub.lead': 'Stop receiving these emails from {shop}.',
  'unsub.button': 'Unsubscribe',
  'unsub.done': 'You are unsubscribed. We will not send you these emails again.',
  'unsub.unknown': 'This unsubscribe link is not valid. Contact {shop} and we will stop the emails.',
  'admin.consent.title': 'Consent rates',
  'admin.consent.lead': 'Share of choices that granted each purpose or category, per day ({from} to {to}).',
  'admin.consent.empty': 'No consent was recorded in this period.',
  'admin.consent.table': 'Choices per purpose',
  'admin.consent.purpose': 'Purpose or category',
  'admin.consent.granted': 'Granted',
  'admin.consent.refused': 'Refused',
  'admin.consent.rate': 'Rate',
  'admin.consent.export': 'Export the ledger',
  'admin.consent.chart': 'Consent rate per day, from 0 % to 100 %',
} as const

export type ConsentMessageKey = keyof typeof en

const ar: Record<ConsentMessageKey, string> = {
  'prefs.title': 'تفضيلات التواصل والخصوصية',
  'prefs.lead': 'اختر الأغراض التي يمكن لـ{shop} استخدام بياناتك لها وطرق التواصل معك. تسري التغييرات فورًا.',
  'prefs.channels': 'طرق التواصل معك',
  'prefs.channel.email': 'البريد الإلكتروني',
  'prefs.channel.sms': 'الرسائل النصية',
  'prefs.channel.whatsapp': 'واتساب',
  'prefs.channel.push': 'إشعارات التطبيق',
  'prefs.allow': 'أوافق',
  'prefs.save': 'حفظ تفضيلاتي',
  'prefs.saved': 'حُفظت تفضيلاتك، وتسري من الآن.',
  'prefs.combined':
    'هذه هي الاختيارات المسجّلة بحسابك لدينا وبعنوان بريدك الإلكتروني. يظهر المربع محددًا إذا سمح به أيٌّ منهما، وإلغاء تحديده يسحب الموافقة من كليهما.',
  'prefs.none': 'لا يوجد هنا ما يحتاج إلى موافقتك: نستخدم بياناتك فقط كما تصف سياسة الخصوصية.',
  'prefs.linkInvalid': 'هذا الرابط غير صالح',
  'prefs.linkInvalid.desc': 'ربما يكون الرابط ناقصًا أو معدّلًا. اطلب من {shop} رابط تفضيلات جديدًا.',
  'prefs.linkExpired': 'انتهت صلاحية هذا الرابط',
  'prefs.linkExpired.desc': 'حفاظًا على أمانك، تعمل روابط التفضيلات لمدة محدودة. اطلب من {shop} رابطًا جديدًا.',
  'prefs.needLink': 'افتح هذه الصفحة من الرابط الموجود في إحدى رسائلنا أو من حسابك لتغيير تفضيلاتك.',
  'unsub.title': 'إلغاء الاشتراك',
  'unsub.lead': 'أوقف استلام هذه الرسائل من {shop}.',
  'unsub.button': 'إلغاء الاشتراك',
  'unsub.done': 'أُلغي اشتراكك، ولن نرسل إليك هذه الرسائل مرة أخرى.',
  'unsub.unknown': 'رابط إلغاء الاشتراك هذا غير صالح. تواصل مع {shop} وسنوقف الرسائل.',
  'admin.consent.title': 'معدلات الموافقة',
  'admin.consent.lead': 'نسبة الاختيارات التي وافقت على كل غرض أو فئة يوميًا (من ⁨{from}⁩ إلى ⁨{to}⁩).',
  'admin.consent.empty': 'لم تُسجَّل أي موافقة في هذه الفترة.',
  'admin.consent.table': 'الاختيارات لكل غرض',
  'admin.consent.purpose': 'الغرض أو الفئة',
  'admin.consent.granted': 'موافقة',
  'admin.consent.refused': 'رفض',
  'admin.consent.rate': 'المعدل',
  'admin.consent.export': 'تصدير السجل',
  'admin.consent.chart': 'معدل الموافقة اليومي، من 0٪ إلى 100٪',
}

const catalogs: Record<Locale, Record<ConsentMessageKey, string>> = { en, ar }

export const tc = (
  locale: Locale,
  key: ConsentMessageKey,
  params: Readonly<Record<string, string>> = {},
): string => catalogs[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`)
