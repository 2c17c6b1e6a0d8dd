import type { RecordsCopy } from './en.ts'

/** The record of processing's and transfer register's words in Arabic. */
export const ar: RecordsCopy = {
  'ropa.title': 'سجل أنشطة المعالجة',
  'ropa.controller': 'المتحكم',
  'ropa.contact': 'جهة الاتصال',
  'ropa.jurisdictions': 'القوانين المطبقة',
  'ropa.activities': 'أنشطة المعالجة',
  'ropa.purpose': 'الغرض',
  'ropa.basis': 'الأساس القانوني',
  'ropa.subjects': 'الأشخاص',
  'ropa.categories': 'فئات البيانات',
  'ropa.recipients': 'الجهات المستلمة',
  'ropa.transfers': 'النقل إلى خارج الدولة',
  'ropa.retention': 'مدة الاحتفاظ',
  'ropa.security': 'التدابير الأمنية',
  'ropa.allCategories': 'جميع الفئات',
  'ropa.allRecipients': 'جميع الجهات المستلمة',
  'ropa.none': 'لا يوجد',
  'transfers.title': 'وثائق نقل البيانات',
  'transfers.intro': 'أين تُنقل بياناتك الشخصية خارج الدولة، وإلى من، والضمانة التي تحميها.',
  'transfers.recipient': 'الجهة المستلمة',
  'transfers.countries': 'الدول',
  'transfers.mechanism': 'الضمانة',
  'transfers.details': 'التفاصيل',
  'transfers.none': 'لا ننقل البيانات الشخصية إلى خارج الدولة.',
}
