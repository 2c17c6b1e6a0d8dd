import type { LegalBasis, Localised, RightId, TransferMechanism } from '../jurisdictions/index.ts'
import type {
  CategoryKind,
  ChangeChannel,
  ChildUse,
  ContactChannel,
  CookieCategory,
  ProcessorService,
  RetentionEvent,
  SecurityMeasure,
  TrackerType,
  VerificationMethod,
  WithdrawChannel,
} from '../manifest/index.ts'

/** Built-in words for the manifest's controlled vocabulary, in the terms of rumrom-privacy-ar.txt. */
export const categoryLabels: Record<CategoryKind, Localised> = {
  identity: { en: 'Identity', ar: 'بيانات الهوية' },
  contact: { en: 'Contact details', ar: 'بيانات الاتصال' },
  'delivery-address': { en: 'Delivery address', ar: 'عنوان التوصيل' },
  payment: { en: 'Payment information', ar: 'معلومات الدفع' },
  'order-history': { en: 'Order history', ar: 'سجل الطلبات' },
  customisation: { en: 'Customisation information', ar: 'معلومات التخصيص' },
  usage: { en: 'Usage information', ar: 'معلومات الاستخدام' },
  device: { en: 'Device information', ar: 'معلومات الجهاز' },
  location: { en: 'Approximate location', ar: 'الموقع التقريبي' },
  communications: { en: 'Communications', ar: 'المراسلات' },
  credentials: { en: 'Login credentials', ar: 'بيانات تسجيل الدخول' },
  'recovery-qa': { en: 'Password recovery question and answer', ar: 'سؤال استعادة كلمة المرور وإجابته' },
  'government-id': { en: 'National ID or residence card number', ar: 'رقم البطاقة المدنية أو بطاقة الإقامة' },
  professional: { en: 'Professional details', ar: 'البيانات المهنية' },
  references: { en: 'Referees’ contact details', ar: 'بيانات الاتصال بالمعرّفين' },
  health: { en: 'Health information', ar: 'المعلومات الصحية' },
  other: { en: 'Other information', ar: 'معلومات أخرى' },
}

export const basisLabels: Record<LegalBasis, Localised> = {
  consent: { en: 'your consent', ar: 'موافقتك' },
  contract: { en: 'performing our contract with you', ar: 'تنفيذ العقد المبرم معك' },
  'legal-obligation': { en: 'a legal obligation', ar: 'الالتزام القانوني' },
  'legitimate-interest': { en: 'our legitimate interests', ar: 'مصلحتنا المشروعة' },
  'vital-interest': { en: 'protecting someone’s vital interests', ar: 'حماية المصالح الحيوية لشخص ما' },
  'public-interest': { en: 'a task in the public interest', ar: 'أداء مهمة للمصلحة العامة' },
}

export const rightLabels: Record<RightId, Localised> = {
  access: {
    en: 'access your personal information and obtain a copy of it',
    ar: 'الوصول إلى معلوماتك الشخصية والحصول على نسخة منها',
  },
  rectify: { en: 'correct or update inaccurate information', ar: 'تصحيح المعلومات غير الدقيقة أو تحديثها' },
  erase: { en: 'ask us to delete your information', ar: 'طلب حذف معلوماتك' },
  restrict: { en: 'restrict how we use your information', ar: 'تقييد استخدامنا لمعلوماتك' },
  port: {
    en: 'receive your information in a portable, machine-readable format',
    ar: 'الحصول على معلوماتك بصيغة قابلة للنقل والقراءة آليًا',
  },
  object: {
    en: 'object to how we use your information, including for direct marketing',
    ar: 'الاعتراض على استخدامنا لمعلوماتك، بما في ذلك لأغراض التسويق المباشر',
  },
  'opt-out-sale': {
    en: 'opt out of the sale or sharing of your information',
    ar: 'الانسحاب من بيع معلوماتك أو مشاركتها',
  },
  'withdraw-consent': { en: 'withdraw your consent at any time', ar: 'سحب موافقتك في أي وقت' },
  'no-automated-decisions': {
    en: 'not be subject to decisions made solely by automated means',
    ar: 'عدم الخضوع لقرارات تُتخذ بوسائل آلية بالكامل',
  },
}

export const mechanismLabels: Record<TransferMechanism, Localised> = {
  adequacy: {
    en: 'the destination offers an adequate level of protection',
    ar: 'بلد الوجهة يوفر مستوى حماية كافيًا',
  },
  'standard-contractual-clauses': { en: 'standard contractual clauses', ar: 'الشروط التعاقدية القياسية' },
  'binding-corporate-rules': { en: 'binding corporate rules', ar: 'القواعد المؤسسية الملزمة' },
  certification: { en: 'an approved certification', ar: 'شهادة اعتماد معترف بها' },
  consent: { en: 'your explicit consent', ar: 'موافقتك الصريحة' },
  necessity: { en: 'the transfer is necessary to fulfil your request', ar: 'النقل ضروري لتنفيذ طلبك' },
  permit: { en: 'a permit from the data protection authority', ar: 'تصريح من الجهة المختصة بحماية البيانات' },
}

export const eventLabels: Record<RetentionEvent, Localised> = {
  collection: { en: 'after we collect it', ar: 'من تاريخ جمعها' },
  'last-activity': { en: 'after your last activity', ar: 'من آخر نشاط لك' },
  'order-fulfilled': { en: 'after the order is fulfilled', ar: 'من تنفيذ الطلب' },
  'service-completed': { en: 'after the service is completed', ar: 'من اكتمال الخدمة' },
  'consent-withdrawn': { en: 'after you withdraw consent', ar: 'من سحب موافقتك' },
  'account-closed': { en: 'after you close your account', ar: 'من إغلاق حسابك' },
  'application-closed': { en: 'after the recruitment round closes', ar: 'من انتهاء جولة التوظيف' },
}

export const actionLabels: Record<'delete' | 'anonymise', Localised> = {
  delete: { en: 'securely deleted', ar: 'الحذف الآمن' },
  anonymise: { en: 'anonymised', ar: 'إخفاء الهوية' },
}

export const securityLabels: Record<SecurityMeasure, Localised> = {
  'encryption-in-transit': { en: 'Encrypted transmission of data', ar: 'نقل البيانات بطريقة مشفرة' },
  'encryption-at-rest': { en: 'Encrypted storage of data', ar: 'تخزين البيانات بطريقة مشفرة' },
  'access-control': {
    en: 'Access controls and role-based permissions',
    ar: 'التحكم في الوصول والصلاحيات القائمة على الأدوار',
  },
  'multi-factor-authentication': {
    en: 'Multi-factor authentication for staff',
    ar: 'المصادقة متعددة العوامل للموظفين',
  },
  'audit-logging': {
    en: 'Logs of who accessed personal information',
    ar: 'سجلات توثق من اطلع على المعلومات الشخصية',
  },
  'security-audits': { en: 'Regular security audits', ar: 'إجراء تدقيقات أمنية منتظمة' },
  'penetration-testing': { en: 'Regular penetration testing', ar: 'إجراء اختبارات اختراق منتظمة' },
  'network-monitoring': {
    en: 'Secure server infrastructure and network monitoring',
    ar: 'بنية تحتية آمنة للخوادم ومراقبة الشبكة',
  },
  backups: { en: 'Encrypted backups', ar: 'نسخ احتياطية مشفرة' },
  'staff-training': {
    en: 'Privacy and security training for staff',
    ar: 'تدريب الموظفين على الخصوصية والأمن',
  },
  pseudonymisation: { en: 'Pseudonymisation where possible', ar: 'استخدام الأسماء المستعارة حيثما أمكن' },
  'hashed-secrets': {
    en: 'Passwords and security answers stored only as one-way hashes',
    ar: 'حفظ كلمات المرور وإجابات الأمان بتشفير أحادي الاتجاه فقط',
  },
}

export const cookieCategoryLabels: Record<CookieCategory, Localised> = {
  'strictly-necessary': { en: 'Strictly necessary', ar: 'ضرورية' },
  functionality: { en: 'Functionality', ar: 'وظيفية' },
  analytics: { en: 'Analytics', ar: 'تحليلية' },
  marketing: { en: 'Marketing', ar: 'تسويقية' },
}

export const trackerTypeLabels: Record<TrackerType, Localised> = {
  cookie: { en: 'cookie', ar: 'ملف تعريف ارتباط' },
  'local-storage': { en: 'local storage', ar: 'تخزين محلي' },
  pixel: { en: 'pixel or web beacon', ar: 'بكسل أو منارة ويب' },
  sdk: { en: 'app SDK', ar: 'حزمة برمجية في التطبيق' },
}

export const serviceLabels: Record<ProcessorService, Localised> = {
  payment: { en: 'Payment processing', ar: 'معالجة الدفع' },
  delivery: { en: 'Delivery', ar: 'التوصيل' },
  analytics: { en: 'Analytics', ar: 'التحليلات' },
  marketing: { en: 'Marketing', ar: 'التسويق' },
  advertising: { en: 'Advertising', ar: 'الإعلانات' },
  hosting: { en: 'Hosting', ar: 'الاستضافة' },
  email: { en: 'Email delivery', ar: 'إرسال البريد الإلكتروني' },
  messaging: { en: 'Messaging', ar: 'المراسلة' },
  'background-checks': { en: 'Background checks', ar: 'التحقق من الخلفية' },
  'it-support': { en: 'IT support', ar: 'الدعم التقني' },
  'professional-advice': { en: 'Professional advice', ar: 'الاستشارات المهنية' },
  other: { en: 'Other services', ar: 'خدمات أخرى' },
}

export const channelLabels: Record<ContactChannel, Localised> = {
  email: { en: 'email', ar: 'البريد الإلكتروني' },
  phone: { en: 'phone', ar: 'الهاتف' },
  whatsapp: { en: 'WhatsApp', ar: 'واتساب' },
  postal: { en: 'post', ar: 'البريد' },
  form: { en: 'our online form', ar: 'نموذج الاتصال عبر الإنترنت' },
  app: { en: 'the account settings in our app', ar: 'إعدادات حسابك في تطبيقنا' },
  'in-person': { en: 'in person', ar: 'الحضور شخصيًا' },
}

export const withdrawLabels: Record<WithdrawChannel, Localised> = {
  'preference-centre': { en: 'our privacy preferences page', ar: 'صفحة تفضيلات الخصوصية' },
  'cookie-banner': { en: 'the cookie settings', ar: 'إعدادات ملفات تعريف الارتباط' },
  'unsubscribe-link': {
    en: 'the “unsubscribe” link in any email we send',
    ar: 'رابط “إلغاء الاشتراك” في أي بريد إلكتروني نرسله',
  },
  'account-settings': { en: 'your account settings', ar: 'إعدادات حسابك' },
  email: { en: 'contacting us by email', ar: 'التواصل معنا عبر البريد الإلكتروني' },
}

export const verificationLabels: Record<VerificationMethod, Localised> = {
  'account-login': { en: 'asking you to sign in to your account', ar: 'طلب تسجيل الدخول إلى حسابك' },
  'email-code': {
    en: 'sending a code to the email address we hold',
    ar: 'إرسال رمز إلى بريدك الإلكتروني المسجل لدينا',
  },
  'phone-code': {
    en: 'sending a code to the phone number we hold',
    ar: 'إرسال رمز إلى رقم هاتفك المسجل لدينا',
  },
  'order-details': { en: 'asking for details of a recent order', ar: 'طلب تفاصيل أحد طلباتك الأخيرة' },
  'id-document': { en: 'checking an identity document', ar: 'التحقق من وثيقة هوية' },
  'in-person': { en: 'meeting you in person', ar: 'مقابلتك شخصيًا' },
}

export const changeLabels: Record<ChangeChannel, Localised> = {
  website: { en: 'posting the new policy on our website', ar: 'نشر السياسة الجديدة على موقعنا' },
  app: { en: 'posting it in our app', ar: 'نشرها في تطبيقنا' },
  email: { en: 'emailing you', ar: 'مراسلتك عبر البريد الإلكتروني' },
  banner: { en: 'showing a notice when you visit', ar: 'عرض إشعار عند زيارتك' },
}

export const childUseLabels: Record<ChildUse, Localised> = {
  'targeted-advertising': { en: 'targeted advertising', ar: 'الإعلانات المستهدفة' },
  profiling: { en: 'profiling', ar: 'التنميط' },
  sale: { en: 'sale', ar: 'البيع' },
  marketing: { en: 'marketing', ar: 'التسويق' },
}
