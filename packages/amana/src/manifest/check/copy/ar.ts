import type { FindingCopy } from './en.ts'

/** Check findings' words in Arabic (the console's Arabic manifest page); values such as examples stay in their own direction. */
export const ar: FindingCopy = {
  'text.placeholder.name': {
    message: '«{name}» اسم مؤقت وليس اسم مزود الخدمة، وستنشره السياسة كما هو مكتوب',
    fix: 'اكتب الاسم القانوني لمزود الخدمة (مثل {example}) حين تختاره، وإلى ذلك الحين اكتفِ بوصف نوع المزود، ولا تكتب اسم شركة مختلَقًا.',
  },
  'text.placeholder.address': {
    message: '{value} على نطاق مخصص للأمثلة، ولا أحد يرد عليه',
    fix: 'اكتب العنوان أو الرابط الحقيقي، أو احذف الحقل حتى تعرفه (وعندها لا تذكره السياسة).',
  },
  'text.placeholder.lorem': {
    message: 'النص حشو تجريبي لا معنى له',
    fix: 'اكتب النص الذي سيقرؤه العملاء، بكل لغات السياسة.',
  },
  'text.untranslated': {
    message: 'لا يوجد نص باللغة {missing}، مع أن السياسة تُنشر باللغات {languages}',
    fix: 'أضف {first}: …',
  },
  'category.unused': {
    message: 'لا يستخدم أي غرض الفئة {id}',
    fix: 'أضفها إلى فئات الغرض الذي يحتاجها، أو توقّف عن جمعها.',
  },
  'retention.missing': {
    message: 'لم تُحدَّد مدة الاحتفاظ',
    fix: 'أضف مثلًا {example}',
  },
  'legal-basis.missing': {
    message: 'لا يوجد أساس قانوني للولايات القضائية {missing}',
    fix: 'أضف {example} أو مدخلًا لكل من {missing}.',
  },
  'system.no-connection': {
    message: 'النظام من نوع {kind} يحتاج إلى بيانات الاتصال',
    fix: 'أضف مثلًا {example} (اسم المتغير الذي يحمل الرابط، لا الرابط نفسه).',
  },
  'consent.not-toggleable': {
    message: 'الغرض القائم على الموافقة يجب أن يكون إيقافه سهلًا كتشغيله',
    fix: 'اضبط {setting} واذكر طرق سحب الموافقة، مثل {example}.',
  },
  'transfer.no-mechanism': {
    message: 'تُنقل البيانات إلى {countries}، خارج {home}، دون آلية نقل',
    fix: 'أضف مثلًا {example}.',
  },
  'transfer.system-abroad': {
    message: 'النظام موجود في {country}، خارج {home}، دون آلية نقل',
    fix: 'اجعل {field} مزود خدمة يعلن آلية نقل.',
  },
  'retention.event-unsent': {
    message:
      'لا شيء يخبر أمانة بوقت حدوث {after} في {tables}: لا عمود للوقت ولا قائمة {events}، فلن تُطبَّق هذه القاعدة أبدًا',
    fix: 'اذكر العمود الذي يحمل الوقت، مثل {example} ضمن {where}، أو أضف {send} إلى {events} وأرسله إلى {endpoint}.',
  },
  'system.no-assignee': {
    message: 'النظام اليدوي يحتاج إلى شخص ينفّذ الطلبات',
    fix: 'أضف مثلًا {example}.',
  },
}
