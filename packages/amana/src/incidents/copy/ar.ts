import type { IncidentCopy } from './en.ts'

/** A Latin value (a system id, an email, a date) isolated from the Arabic around it (FSI … PDI). */
const iso = (value: string) => `\u2068${value}\u2069`

/** "24 ساعة", "3 ساعات", "ساعتان": the number's plural form, as Intl.PluralRules names it for Arabic. */
const arabicHours = (n: number): string => {
  const form = new Intl.PluralRules('ar').select(n)
  if (form === 'one') return 'ساعة واحدة'
  if (form === 'two') return 'ساعتان'
  return `${n} ${form === 'few' ? 'ساعات' : 'ساعة'}`
}

/** Hours left, in Arabic-Indic digits (a fraction too: "٤٫٨ ساعة"), with the number's plural form. */
const arabicHoursLeft = (n: number): string => {
  if (n === 1) return 'ساعة واحدة'
  if (n === 2) return 'ساعتان'
  const form = new Intl.PluralRules('ar').select(n)
  return `${new Intl.NumberFormat('ar-KW').format(n)} ${form === 'few' ? 'ساعات' : 'ساعة'}`
}

/** The incident notices' and reports' words in Arabic. */
export const ar: IncidentCopy = {
  'notice.subject': (shop: string) => `هام: حادثة أمنية لدى ${shop} تتعلق بمعلوماتك`,
  'notice.greeting': 'مرحبًا،',
  'notice.what': 'ماذا حدث',
  'notice.data': 'أي من معلوماتك تأثرت',
  'notice.doing': 'ما الذي نفعله',
  'notice.you': 'ما الذي يمكنك فعله',
  'notice.youDefault':
    'راقب حسابك وكشوف حساباتك المصرفية وبطاقاتك لأي نشاط غير معتاد، وغيّر كلمة المرور، واحذر من الرسائل التي تطلب بياناتك.',
  'notice.contact': 'بمن تتصل',
  'notice.contactLine': (email: string) => `راسلنا على \u2068${email}\u2069 لأي سؤال عن هذه الحادثة.`,
  'notice.discovered': (date: string) => `اكتشفنا الحادثة في \u2068${date}\u2069.`,
  'notice.signoff': (shop: string) => `${shop}`,
  'report.title': (shop: string) => `تقرير اختراق بيانات شخصية — ${shop}`,
  'report.authority': 'إلى',
  'report.reference': 'مرجع الحادثة',
  'report.discovered': 'تاريخ الاكتشاف',
  'report.status': 'الحالة',
  'report.summary': 'ماذا حدث',
  'report.systems': 'الأنظمة المتأثرة',
  'report.categories': 'فئات البيانات',
  'report.people': 'عدد المتأثرين في هذه الولاية القضائية',
  'report.deadline': 'موعد الإخطار',
  'report.risk': 'خطر مرتفع محتمل',
  'report.reasons': 'الأسباب',
  'report.team': 'فريق الاستجابة',
  'report.experts': 'الخبراء الخارجيون',
  'report.timeline': 'الإجراءات المتخذة',
  'report.contact': 'جهة الاتصال',
  'report.yes': 'نعم',
  'report.no': 'لا',
  'report.unverified': '(قيمة لم يُتحقق منها في مصادرها)',
  'report.within': (hours: number, due: string) =>
    `خلال ${arabicHours(hours)} من الاكتشاف، أي قبل ${iso(due)}`,
  'register.title': (shop: string) => `سجل خروقات البيانات الشخصية — ${shop}`,
  'register.law': 'يُحفظ كما تشترط اللائحة التنفيذية لقانون حماية البيانات الشخصية في سلطنة عمان (المادة 28)',
  'register.notServed': 'هذا البيان لا يخدم سلطنة عمان (om)، ومع ذلك يُحفظ السجل لكل خرق.',
  'register.reference': 'المرجع',
  'register.people': 'الأشخاص المتأثرون (في عمان)',
  'register.consequences': 'هل الخطورة عالية على الأرجح ولماذا',
  'register.measures': 'الإجراءات المتخذة',
  'register.ministry': 'موعد إخطار الوزارة',
  'register.notices': 'الإشعارات المرسلة إلى الأشخاص',
  'risk.sensitive': (names: string) => `بيانات من الفئات الخاصة غير مشفرة: ${names}`,
  'risk.financial': (names: string) => `بيانات دفع أو بيانات دخول أو بيانات سرية أخرى غير مشفرة: ${names}`,
  'risk.children': 'قد يكون بين المتأثرين أطفال',
  'scope.table': (people: number, source: string, column: string) =>
    `${people} من الأشخاص: صفوف ${source} التي يقع ${column} فيها ضمن الفترة، وصاحب كل صف`,
  'scope.processor': (people: number, source: string, entries: number) =>
    `${people} من الأشخاص يبيّن سجل تدقيق أمانة أن بياناتهم سُلّمت إلى ${source} خلال الفترة (${entries} عملية تسليم)`,
  'scope.account': (people: number, source: string, entries: number) =>
    `${people} من الأشخاص قرأ الحساب ${source} بياناتهم الشخصية خلال الفترة (${entries} عملية قراءة)`,
  'task.checkByHand': (id: string, description: string | undefined, ask: string) =>
    `${iso(id)}${description ? ` (${description})` : ''}: لا تقرؤه أمانة — افحصه يدويًا بحثًا عن الأشخاص والبيانات المتأثرة خلال فترة الحادثة؛ ${ask}.`,
  'task.ask.assignee': (who: string) => `اسأل ${iso(who)}، المسؤول عنه`,
  'task.ask.privacy-contact': (who: string) => `اسأل مسؤول الخصوصية في المتجر، ${iso(who)}`,
  'task.ask.none': (_: string) => 'لا يسمّي البيان أحدًا مسؤولًا عنه: سمِّ في البيان مسؤولًا عن هذا النظام',
  'placed.declared-country': 'البلد من العمود الذي صرّح به المتجر',
  'placed.own-request': 'من الطلب الذي قدّمه لنا: البلد أو القانون الذي اختاره حينها',
  'placed.own-consent': 'من سجل موافقته: القانون الذي سُجّل اختياره بموجبه',
  'placed.phone-guess': 'تخمين: من رمز البلد في رقم الهاتف',
  'placed.home-guess': 'تخمين: بلد المتجر (لا يُعرف غير ذلك)',
  'locale.declared-language': 'اللغة من العمود الذي صرّح به المتجر',
  'locale.own-request': 'لغة الطلب الذي قدّمه لنا',
  'locale.own-consent': 'لغة اختياره عند الموافقة',
  'locale.name-guess': 'تخمين: من الخط الذي كُتب به اسم الشخص',
  'locale.staff': 'حدّدها الموظفون',
  'locale.none': 'غير معروفة: حدّدها قبل الإرسال',
  'risk.protected': (names: string) =>
    `مشفرة في الخزنة أو أُتلفت مفاتيحها ولا تُقرأ دون مفاتيح أمانة: ${names}`,
  'reminder.subject': (reference: string, left: string, who: string) =>
    `${iso(reference)}: بقي ${left} لإخطار ${who}`,
  'reminder.hours': (hours: number) => arabicHoursLeft(hours),
  'reminder.regulator': (authority: string, jurisdiction: string) => `${iso(authority)} (${jurisdiction})`,
  'reminder.utc': 'بالتوقيت العالمي المنسق',
  'reminder.individuals': (jurisdiction: string) => `الأشخاص المتأثرين (${jurisdiction})`,
  'reminder.discovered': (reference: string, at: string) =>
    `الحادثة ${iso(reference)}، اكتُشفت في ${iso(at)}.`,
  'reminder.due': (who: string, due: string, hours: string) =>
    `أخطر ${who} قبل ${iso(due)} (${hours} من الاكتشاف).`,
  'reminder.people': (people: number) =>
    `عدد الأشخاص في هذه الولاية القضائية: ${new Intl.NumberFormat('ar-KW').format(people)}.`,
}
