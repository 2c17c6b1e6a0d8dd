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
  'reference.undeclared-subject': {
    message: 'فئة الأشخاص {subject} غير معرّفة',
    fix: 'عرّفها ضمن {section}، أو استخدم إحدى هذه الفئات: {options}.',
  },
  'reference.undeclared-system': {
    message: 'النظام {system} غير معرّف',
    fix: 'عرّفه ضمن {section} (مثل {example}).',
  },
  'reference.undeclared-system.target': {
    message: 'المرجع {target} يشير إلى النظام {system}، وهو غير معرّف',
    fix: 'عرّف {system} ضمن {section}، أو اكتب {column} لجدول في {from}.',
  },
  'reference.undeclared-table': {
    message: 'الجدول {table} غير معرّف في {where}',
    fix: 'أضف {example} ضمن {where}، أو صحّح الاسم.',
  },
  'reference.undeclared-table.target': {
    message: 'المرجع {target} يشير إلى الجدول {table}، وهو غير معرّف',
    fix: 'عرّف {table} ضمن {where}.',
  },
  'reference.across-systems': {
    message:
      'المرجع {target} يشير إلى {system}، وهو نظام من نوع {kind}، ولا تستطيع أمانة قراءة القيمة إلا من أنظمة {postgresql} و{mysql}',
    fix: 'اجعل المرجع يشير إلى جدول في نظام من نوع {postgres} أو {mysqlKind}.',
  },
  'reference.across-systems.follow-up': {
    message:
      'الإعداد {follow} يتطلب أن يكون الجدول {table} في النظام نفسه الذي فيه {from}، لأن معرفة ما إذا كان غيره يشارك الصف تتم داخل قاعدة بيانات واحدة',
    fix: 'احذف {follow} (فتُحدَّد صفوف {from} حينها من صفوف {system})، أو انقل الجدول.',
  },
  'reference.undeclared-processor.host': {
    message: 'مزود الخدمة {processor} غير معرّف',
    fix: 'عرّف مزود الاستضافة ضمن {section}.',
  },
  'reference.undeclared-processor': {
    message: 'مزود الخدمة {processor} غير معرّف',
    fix: 'عرّفه ضمن {section}، أو استخدم أحد هؤلاء: {options}.',
  },
  'reference.undeclared-processor.tracker': {
    message: 'المزود الخارجي {provider} غير معرّف بوصفه مزود خدمة',
    fix: 'عرّفه ضمن {section} لتتمكن السياسة من ذكر اسمه وطريقة التواصل معه.',
  },
  'reference.undeclared-category': {
    message: 'فئة البيانات {category} غير معرّفة',
    fix: 'عرّفها ضمن {section}.',
  },
  'reference.undeclared-category.options': {
    message: 'فئة البيانات {category} غير معرّفة',
    fix: 'عرّفها ضمن {section}، أو استخدم إحدى هذه الفئات: {options}.',
  },
  'reference.undeclared-category.allowlist': {
    message: 'فئة البيانات {category} غير معرّفة',
    fix: 'عرّفها ضمن {section}، أو احذفها من قائمة الفئات المسموح بها.',
  },
  'reference.undeclared-category.shared': {
    message: 'الغرض {purpose} يشارك فئة البيانات {category} مع أنها ليست ضمن فئاته',
    fix: 'أضف {category} إلى {where}.',
  },
  'reference.undeclared-field': {
    message: 'الحقل {field} لا يُخزَّن ضمن فئة البيانات {category}',
    fix: 'استخدم أحد هذه الحقول: {options}.',
  },
  'reference.undeclared-purpose': {
    message: 'الغرض {purpose} غير معرّف',
    fix: 'استخدم أحد هذه الأغراض: {options}.',
  },
  'table.key-repeated': {
    message: 'مفتاح الجدول {table} يذكر {columns} أكثر من مرة',
    fix: 'اذكر كل عمود في المفتاح مرة واحدة، مثل {example}.',
  },
  'consent.basis-mismatch': {
    message: 'الأساس القانوني هو الموافقة، لكن الموافقة غير مذكورة على أنها مطلوبة',
    fix: 'أضف {example}.',
  },
  'sensitive.basis-not-allowed': {
    message:
      'يستخدم البيانات الحساسة {categories} بالاستناد إلى {basis}، وهو أساس لا يجيزه {pack} للبيانات الحساسة',
    fix: 'استخدم أحد هذه الأسس: {bases} (مثل {example}).',
  },
  'sensitive.permit-missing': {
    message: 'البيانات الحساسة تحتاج إلى تصريح من الجهة المختصة في {packs}',
    fix: 'أضف {example}.',
  },
  'processor.undeclared-category.shared': {
    message: 'سيتلقى {processor} فئة البيانات {category}، وهي ليست ضمن قائمة الفئات المسموح بها له',
    fix: 'أضف {example} (أو الحقول المعنية) ضمن {where}، أو توقّف عن مشاركتها.',
  },
  'processor.undeclared-category.tracker': {
    message: 'سيتلقى {processor} فئة البيانات {category}، وهي ليست ضمن قائمة الفئات المسموح بها له',
    fix: 'أضف {example} ضمن {where}.',
  },
  'transfer.mechanism-not-recognised': {
    message: 'آلية النقل {mechanism} لا يعترف بها {packs}',
    fix: 'استخدم إحدى هذه الآليات: {options}.',
  },
  'cookies.consent-required': {
    message: '{name} أداة تتبع {kind}، لكن الغرض {purpose} لا يطلب الموافقة، وهي مطلوبة أولًا في {packs}',
    fix: 'اضبط {example} في {where}، أو صنّف أداة التتبع تصنيفًا صحيحًا.',
  },
  'cookies.banner-missing': {
    message: 'أدوات التتبع للتحليلات أو التسويق تحتاج إلى الموافقة أولًا في {packs}',
    fix: 'اضبط {setting} كي لا يُحمَّل شيء قبل أن يوافق الزائر.',
  },
  'cookies.opt-out-missing': {
    message: 'يمنح {packs} الحق في رفض {name}',
    fix: 'اجعل إيقاف {where} ممكنًا.',
  },
  'children.targeted-ads': {
    message: 'لا يجوز أبدًا استهداف الأطفال ({subject}) بالإعلانات',
    fix: 'احذف {subject} من {where}.',
  },
  'children.targeted-ads.all': {
    message: 'الإعلانات المستهدفة تشمل جميع الأشخاص، ومنهم الأطفال',
    fix: 'اقصرها على البالغين فقط بكتابة {example}.',
  },
  'children.age-below-law': {
    message: 'السن {declared} أقل من سن {age} المحددة في {pack} دون موافقة ولي الأمر',
    fix: 'ارفعها إلى {age} أو اضبط {setting}.',
  },
  'rights.promise-redundant': {
    message: 'كل القوانين المطبّقة ({packs}) تمنح الحق {right} أصلًا',
    fix: 'احذف {right} من {where}، فالسياسة تذكره ضمن كل قانون.',
  },
  'breach.regulator-window': {
    message: 'يتوقع {pack} إخطار الجهة الرقابية خلال {hours} ساعة',
    fix: 'اضبط {field} على {hours} أو أقل.',
  },
  'breach.regulator-window.unverified': {
    message: 'يتوقع {pack} إخطار الجهة الرقابية خلال {hours} ساعة (لم يُتحقق من ذلك)',
    fix: 'اضبط {field} على {hours} أو أقل.',
  },
  'breach.individuals-window': {
    message: 'يتوقع {pack} إخطار الأشخاص المتأثرين خلال {hours} ساعة',
    fix: 'اضبط {field} على {hours} أو أقل.',
  },
  'disclosure.missing': {
    message: 'يجب أن تفصح السياسة عن {ids} (كما يشترط {packs})',
    fix: 'أضف مثلًا {example}',
  },
  'disclosure.missing.field': {
    message: 'يجب أن تفصح السياسة عن {ids} (كما يشترط {packs})',
    fix: 'أضف مثلًا {example}.',
  },
  'disclosure.missing.automated-decisions': {
    message: 'يجب أن تفصح السياسة عن {ids} (كما يشترط {packs})',
    fix: 'أضف {example} ضمن {section} (أو اجعلها صحيحة واشرح القرارات الآلية).',
  },
  'disclosure.missing.sale-opt-out': {
    message: 'يجب أن تفصح السياسة عن {ids} (كما يشترط {packs})',
    fix: 'أضف {example} ضمن {section}.',
  },
  'disclosure.missing.languages': {
    message: 'يجب أن تفصح السياسة عن {ids} (كما يشترط {packs})',
    fix: 'أضف {missing} إلى {where}.',
  },
  'ccpa.source-undeclared': {
    message: 'إشعار كاليفورنيا يذكر مصدر كل فئة من البيانات، والفئة {id} لا تذكر مصدرها',
    fix: 'أضف {example} (أو {automatic} أو {thirdParty} أو قائمة منها) إلى {where}.',
  },
  'ccpa.sold-categories-undeclared': {
    message: 'إشعار كاليفورنيا يذكر فئات البيانات المبيعة أو المشارَكة، ولا يوجد غرض إعلاني يحددها',
    fix: 'عرّف الغرض الذي يبيع البيانات أو يشاركها ({kind} مع فئاته)، أو اضبط {setting}.',
  },
  'retention.event-unknown': {
    message: '{name} ليس حدثًا تعرفه أمانة',
    fix: 'استخدم أحد هذه الأحداث: {options}.',
  },
  'retention.event-unsent.no-event': {
    message:
      'لا شيء يخبر أمانة بوقت حدوث {after} في {tables}: لا عمود للوقت ولا قائمة {events}، فلن تُطبَّق هذه القاعدة أبدًا',
    fix: 'اذكر العمود الذي يحمل الوقت، مثل {example} ضمن {where}.',
  },
  'retention.event-unsent.not-listed': {
    message:
      'لا شيء يخبر أمانة بوقت حدوث {after} في {tables}: لا عمود للوقت، وقائمة {events} لا تذكر {send}، فلن تُطبَّق هذه القاعدة أبدًا',
    fix: 'اذكر العمود الذي يحمل الوقت، مثل {example} ضمن {where}، أو أضف {send} إلى {events} وأرسله إلى {endpoint}.',
  },
  'retention.event-unsent.none-listed': {
    message:
      'لا شيء يخبر أمانة بوقت حدوث {after} في {tables}: لا عمود للوقت، وقائمة {events} لا تذكر حدثًا له، فلن تُطبَّق هذه القاعدة أبدًا',
    fix: 'اذكر العمود الذي يحمل الوقت، مثل {example} ضمن {where}.',
  },
  'retention.crypto-shred-not-token': {
    message:
      'الإتلاف بحذف مفتاح التشفير لا ينفع مع {column}: فهو {reason}، وليس رمزًا من الخزنة، فحذف المفتاح سيترك قيمته مقروءة',
    fix: 'استخدم {delete} أو {anonymise} لهذه الفئة، أو خزّن {tableColumn} رموزًا من الخزنة وانقل أعمدة المفتاح والهوية والمراجع إلى فئة أخرى.',
  },
  'own-records.shorter-than-law': {
    message: 'تُحفظ {records} مدة {keep}، وهي أقصر مما يشترطه {law} ({need}، لأن المتجر يخدم {jurisdiction})',
    fix: 'اضبط {example} أو مدة أطول.',
  },
  'own-records.shorter-than-law.unverified': {
    message:
      'تُحفظ {records} مدة {keep}، وهي أقصر مما يشترطه {law} ({need}، لأن المتجر يخدم {jurisdiction})، والمصدر لم يُتحقق منه',
    fix: 'اضبط {example} أو مدة أطول.',
  },
  'own-records.shorter-than-law.default': {
    message:
      'تُحفظ {records} مدة {keep} (المدة الافتراضية)، وهي أقصر مما يشترطه {law} ({need}، لأن المتجر يخدم {jurisdiction})',
    fix: 'اضبط {example} أو مدة أطول.',
  },
  'own-records.shorter-than-law.default-unverified': {
    message:
      'تُحفظ {records} مدة {keep} (المدة الافتراضية)، وهي أقصر مما يشترطه {law} ({need}، لأن المتجر يخدم {jurisdiction})، والمصدر لم يُتحقق منه',
    fix: 'اضبط {example} أو مدة أطول.',
  },
}
