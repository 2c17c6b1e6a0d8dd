import type { ComplaintCopy } from './en.ts'

/** A Latin value (a reference, an email, a website) isolated from the Arabic around it (FSI … PDI). */
const iso = (value: string) => `\u2068${value}\u2069`

/** The complaint acknowledgement's words in Arabic. */
export const ar: ComplaintCopy = {
  'ack.subject': (shop: string, reference: string) =>
    `${shop}: استلمنا شكواك بشأن الخصوصية ${iso(reference)}`,
  'ack.greeting': 'مرحبًا،',
  'ack.received': (reference: string) => `استلمنا شكواك بشأن الخصوصية، ورقمها المرجعي ${iso(reference)}.`,
  'ack.due': (date: string) => `سنرد عليك في موعد أقصاه ${date}.`,
  'ack.escalation': 'إذا لم تكن راضيًا عن ردنا، يمكنك أيضًا:',
  'ack.authority': (name: string, website: string) =>
    `تقديم شكوى إلى ${name}${website ? ` (${iso(website)})` : ''}، الجهة المختصة بحماية البيانات الشخصية`,
  'ack.mediation': 'أن تطلب منا تسوية الأمر عن طريق الوساطة',
  'ack.arbitration': 'إحالة الأمر إلى التحكيم',
  'ack.consumer': (who: string) => `التواصل مع ${who}`,
  'ack.contact': (email: string) => `رد على هذه الرسالة أو راسلنا على ${iso(email)} لإضافة أي معلومات.`,
  'ack.signoff': (shop: string) => shop,
  'form.title': 'تقديم شكوى بشأن الخصوصية',
  'form.intro': 'أخبرنا بما حدث من خطأ في تعاملنا مع بياناتك الشخصية. نرد على كل شكوى.',
  'form.email': 'بريدك الإلكتروني',
  'form.summary': 'شكواك',
  'form.submit': 'إرسال الشكوى',
  'form.error.email': 'أدخل بريدًا إلكترونيًا يمكننا الرد عليه، مثل ⁨name@example.com⁩.',
  'form.error.summary': 'صف شكواك (4000 حرف على الأكثر).',
  'form.done': (reference: string, date: string) =>
    `شكرًا لك. استلمنا شكواك ${iso(reference)}، وأرسلنا تأكيدًا إلى بريدك الإلكتروني، وسنرد عليك قبل ${date}.`,
}
