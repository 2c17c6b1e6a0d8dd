import type { PolicyMessageKey } from './en.ts'

/**
 * The policy's Arabic text, written for Arabic readers in the terms of the shop's Arabic policy
 * (rumrom-privacy-ar.txt), not translated word for word; same keys and `{name}`s as en.ts.
 */
export const ar: Record<PolicyMessageKey, string> = {
  title: 'سياسة الخصوصية لـ{org}',
  // An Arabic name takes the plain preposition ("لرمروم"), a Latin one the separated form ("لـRUMROM").
  'title.arabic-name': 'سياسة الخصوصية ل{org}',
  'section.key-points': 'أهم النقاط',
  'section.introduction': 'حول هذه السياسة',
  contents: 'المحتويات',
  'section.collected': 'المعلومات التي نجمعها',
  'section.uses': 'كيف نستخدم معلوماتك',
  'section.protection': 'كيف نحمي معلوماتك',
  'section.sharing': 'مشاركة معلوماتك',
  'section.transfers': 'نقل البيانات والتدفقات الدولية',
  'section.retention': 'الاحتفاظ بالبيانات وحذفها',
  'section.rights': 'حقوقك المتعلقة بمعلوماتك الشخصية',
  'section.cookies': 'ملفات تعريف الارتباط وتقنيات التتبع',
  'section.breaches': 'انتهاكات البيانات والاستجابة للحوادث',
  'section.children': 'خصوصية القصر والأطفال',
  'section.complaints': 'حل النزاعات والشكاوى',
  'section.changes': 'التغييرات على سياسة الخصوصية هذه',
  'section.contact': 'اتصل بنا',
  'language.en': 'الإنجليزية',
  'language.ar': 'العربية',
  'separator.list': '، ',
  'separator.bases': '؛ ',

  'key-points.uses': 'نستخدم معلوماتك للأغراض التالية: {purposes}.',
  'key-points.sale.no': 'لا نبيع معلوماتك.',
  'key-points.sale.yes': 'نبيع بعض معلوماتك أو نشاركها، ويمكنك الانسحاب من ذلك.',
  'key-points.sharing': 'مزودو الخدمات الذين يتلقون بعضها: {providers}.',
  'key-points.rights': 'يمكنك ممارسة حقوقك المتعلقة بمعلوماتك عبر {channels}؛ انظر «{section}».',
  'key-points.contact': 'لأي استفسار يتعلق بخصوصيتك: {email}.',

  'introduction.scope':
    'في {org}، نحن ملتزمون بحماية خصوصية معلوماتك الشخصية وأمنها. توضح سياسة الخصوصية هذه كيفية جمعنا لمعلوماتك واستخدامنا وحمايتنا لها عند استخدامك {services}.',
  'introduction.effective-date': 'تاريخ السريان: {date}.',
  'introduction.languages': 'تُنشر هذه السياسة باللغتين {languages}.',
  'introduction.laws': 'وقد أُعدت وفقًا لأحكام {laws}.',

  'collected.source-subject': 'المعلومات التي تقدمها لنا:',
  'collected.source-automatic': 'المعلومات التي نجمعها تلقائيًا عند استخدامك {services}:',
  'collected.source-third-party': 'المعلومات التي نتلقاها من الآخرين:',
  'collected.also-from': 'وقد نحصل عليها أيضًا {sources}.',
  'collected.from.subject': 'منك مباشرة',
  'collected.from.automatic': 'من خلال استخدامك لخدماتنا',
  'collected.from.third-party': 'من أشخاص أو جهات أخرى',
  'collected.required': 'يلزم تقديمها لاستخدام خدماتنا.',
  'collected.required.consequence': 'يلزم تقديمها، وبدونها {consequence}',
  'collected.optional': 'تقديمها اختياري.',
  'collected.sensitive': 'هذه معلومات حساسة، ونطلب موافقتك الصريحة قبل جمعها.',

  'uses.intro': 'نستخدم معلوماتك للأغراض التالية:',
  'uses.information-used': 'المعلومات المستخدمة: {categories}.',
  'uses.legal-basis': 'الأساس القانوني: {bases}.',
  'uses.on-behalf':
    'نقوم بذلك نيابةً عن {controllers} ووفق تعليماتهم، وهم من يقررون كيفية استخدام هذه المعلومات والأساس القانوني لذلك.',
  'uses.legitimate-interest': 'مصلحتنا المشروعة: {interest}',
  'uses.consent': 'نطلب موافقتك أولًا.',
  'uses.consent.withdraw': 'نطلب موافقتك أولًا، ويمكنك سحبها في أي وقت من خلال {channels}.',
  'uses.consent.where': 'حيث تكون الموافقة هي الأساس القانوني ({jurisdictions})، نطلب موافقتك أولًا.',
  'uses.consent.where.withdraw':
    'حيث تكون الموافقة هي الأساس القانوني ({jurisdictions})، نطلب موافقتك أولًا، ويمكنك سحبها في أي وقت من خلال {channels}.',
  'uses.consent.explicit-om':
    'وفقًا لقانون حماية البيانات الشخصية في سلطنة عُمان، حيث نعتمد على موافقتك نطلبها صراحةً، كتابيًا أو إلكترونيًا وبشكل منفصل عن أي شروط أخرى، ونحتفظ بسجل لها.',
  'uses.automated-decisions.yes': 'نتخذ بعض القرارات المتعلقة بك بوسائل آلية.',
  'uses.automated-decisions.no': 'لا نتخذ قرارات بشأنك بناءً على المعالجة الآلية وحدها.',

  'protection.intro':
    'نتعامل مع أمن معلوماتك الشخصية بجدية تامة، ونتبنى مجموعة من الإجراءات الأمنية لحماية سرية بياناتك، بما في ذلك:',

  'sharing.sale.yes': 'نبيع بعض المعلومات الشخصية أو نشاركها، ويحق لك الانسحاب من ذلك في أي وقت.',
  'sharing.sale.no': 'نحن لا نبيع معلوماتك الشخصية ولا نؤجرها لأطراف ثالثة.',
  'sharing.none': 'لا نشارك معلوماتك مع مزودي الخدمات.',
  'sharing.intro':
    'نشارك المعلومات مع مزودي الخدمات التالين الذين يساعدوننا في تشغيل أعمالنا، ولا يتلقى كل منهم إلا المعلومات المذكورة أمامه:',
  'sharing.processors': 'مزودو الخدمات',
  'sharing.processors.provider': 'المزود',
  'sharing.processors.service': 'الخدمة',
  'sharing.processors.information': 'المعلومات المشاركة',
  'sharing.processors.where': 'مكان المعالجة',
  'sharing.processors.protection': 'تدابير الحماية لديهم',
  'sharing.processors.contact': 'سياسة الخصوصية وبيانات الاتصال',
  'sharing.contact-providers':
    'يمكنك التواصل مع مزودي الخدمة مباشرةً أو الاطلاع على سياسات الخصوصية الخاصة بهم من خلال البيانات الواردة في الجدول.',
  'sharing.legal':
    'قد نشارك المعلومات أيضًا عندما يقتضي القانون ذلك، مثل الاستجابة لأمر قضائي أو لطلب من جهات إنفاذ القانون.',

  'transfers.none': 'نخزن معلوماتك ونعالجها في {home}، ولا ننقلها إلى دول أخرى.',
  'transfers.intro':
    'تُعالج بعض معلوماتك خارج {home}. وفيما يلي كل عملية نقل والضمانة التي تستند إليها حيثما وُجدت:',
  'transfers.intro.regions':
    'تُعالج بعض معلوماتك خارج الدولة أو المنطقة التي يحميها قانونها. وفيما يلي كل عملية نقل والضمانة التي تستند إليها حيثما وُجدت:',
  'transfers.for': '(للأشخاص في {jurisdictions})',
  'transfers.documents': 'يمكنك طلب نسخة من الوثائق المتعلقة بنقل البيانات عبر مراسلتنا على {email}.',

  'retention.intro':
    'نحتفظ بالمعلومات الشخصية فقط طالما كانت ضرورية لتحقيق الأغراض التي جُمعت من أجلها. وتتحدد فترات الاحتفاظ بناءً على نوع البيانات والغرض من جمعها والمتطلبات القانونية والتنظيمية:',
  'retention.periods': 'مدة الاحتفاظ بمعلوماتك',
  'retention.periods.information': 'المعلومات',
  'retention.periods.keep': 'المدة',
  'retention.periods.after': 'تُحسب',
  'retention.periods.action': 'ثم',
  'retention.periods.criteria': 'المعايير',
  'retention.purpose': 'لغرض {purpose}: {keep} {after}، ثم {action}.',
  'retention.hold': '{category}: علينا الاحتفاظ بها مدة {keep} حتى إن طلبت حذفها، بسبب {reason}.',
  'retention.process.anonymise':
    'عند انتهاء فترة الاحتفاظ، نحذف المعلومات من أنظمتنا حذفًا آمنًا، أو نخفي هويتها فلا تعود تدل عليك، كما يبيّن الجدول.',
  'retention.process': 'عند انتهاء فترة الاحتفاظ، نحذف المعلومات من أنظمتنا بشكل آمن.',
  'retention.requests':
    'يمكنك طلب حذف معلوماتك الشخصية في أي وقت عبر {channels}. نتحقق من هويتك أولًا، ثم نكمل عملية الحذف في غضون {days} من استلام طلبك.',
  'retention.own': 'السجلات التي نحتفظ بها عن طلباتك واختياراتك',
  'retention.own.record': 'السجل',
  'retention.own.sentMail':
    'الرسائل التي أرسلناها إليك (بعد إرسال الرسالة لا نحتفظ إلا بأنها أُرسلت، دون عنوان بريدك أو نصها)',
  'retention.own.verificationCodes': 'رموز التحقق التي أرسلناها لتأكيد هويتك',
  'retention.own.accessPackages': 'نسخ معلوماتك التي جهّزناها لتنزيلها',
  'retention.own.requestRecords': 'سجلات طلبات الخصوصية التي قدّمتها',
  'retention.own.consentRecords': 'سجلات اختياراتك بشأن الموافقة',
  'retention.own.audit': 'سجلّنا لمن اطّلع على معلوماتك أو عدّلها',
  'retention.own.after.sent': 'من تاريخ إرسالها',
  'retention.own.after.expired': 'من تاريخ انتهاء صلاحيتها',
  'retention.own.after.ready': 'من تاريخ تجهيزها',
  'retention.own.after.closed': 'من تاريخ إغلاق طلبك',
  'retention.own.after.replaced': 'من تاريخ سحبك لذلك الاختيار أو تغييره',
  'retention.own.after.recorded': 'من تاريخ كل قيد',
  'retention.own.then.delete': 'تُحذف',
  'retention.own.then.reduce': 'يُختصر كل سجل إلى رقمه المرجعي ونوعه وتواريخه، دون بياناتك',
  'retention.own.then.keep-current': 'تُحذف، ونحتفظ باختيارك الحالي ما دام ساريًا',
  'retention.own.logs':
    'لا يحتفظ نظام الخصوصية لدينا بملف سجلات خاص به، وتُكتب سجلات تشغيله دون أسماء أو عناوين بريد إلكتروني أو رموز.',
  'retention.own.logs.kept':
    'لا يحتفظ نظام الخصوصية لدينا بملف سجلات خاص به. وتُكتب سجلات تشغيله دون أسماء أو عناوين بريد إلكتروني أو رموز، ويحتفظ بها نظام السجلات لدى مزوّد الاستضافة لمدة {keep}.',

  'rights.intro': 'بموجب {law} ({jurisdiction})، يحق لك:',
  'rights.promised': 'إضافةً إلى ما يقتضيه القانون، نمنحك أيضًا الحق في:',
  'rights.partial': '{right} (في حالات معينة)',
  'rights.how': 'لممارسة أي من هذه الحقوق، تواصل معنا عبر {channels}.',
  'rights.how.form':
    'لممارسة أي من هذه الحقوق، تواصل معنا عبر {channels}، أو باستخدام نموذج الطلبات على {form}.',
  'rights.verification': 'قبل تنفيذ أي طلب، نتحقق من هويتك لضمان أمان معلوماتك، وذلك عن طريق {methods}.',
  'rights.timeline': 'نلتزم بالرد على جميع الطلبات في غضون {days} من استلامها.',
  'rights.timeline.where':
    'إذا كنت في {jurisdiction}، نلتزم بالرد على جميع طلباتك في غضون {days} من استلامها.',
  'rights.timeline.except': 'نرد على الطلبات في غضون {days} من استلامها، باستثناء ما يلي:',
  'rights.timeline.except.where':
    'إذا كنت في {jurisdiction}، نرد على طلباتك في غضون {days} من استلامها، باستثناء ما يلي:',
  'rights.timeline.right': '{requests}: في غضون {days}.',
  'rights.timeline.right.extended':
    '{requests}: في غضون {days}، أو {extended} على الأكثر إذا أجاز القانون التمديد.',
  'rights.extension':
    'بموجب {law}، إذا كان الطلب معقدًا أو تعددت طلباتك، يجوز لنا تمديد المدة على ألا تتجاوز {total} من تاريخ استلام الطلب، وسنبلغك بذلك خلال المدة الأولى مع بيان الأسباب.',
  'rights.fee': 'تقديم الطلب مجاني.',
  'rights.withdraw': 'حيثما نعتمد على موافقتك، فإن سحبها سهل كمنحها، ولا يؤثر سحبها على ما قمنا به قبل ذلك.',

  'cookies.none': 'لا نستخدم ملفات تعريف الارتباط أو تقنيات التتبع المشابهة.',
  'cookies.intro':
    'نستخدم ملفات تعريف الارتباط وتقنيات التتبع المشابهة على {services}. ويبين الجدول كل واحد منها، والجهة التي تضعه، والغرض منه، ومدة بقائه.',
  'cookies.trackers': 'ملفات تعريف الارتباط وأدوات التتبع',
  'cookies.trackers.name': 'الاسم',
  'cookies.trackers.provider': 'المزود',
  'cookies.trackers.type': 'النوع',
  'cookies.trackers.category': 'الفئة',
  'cookies.trackers.duration': 'المدة',
  'cookies.trackers.purpose': 'الغرض',
  'cookies.party.first': 'طرف أول',
  'cookies.party.third': 'طرف ثالث',
  'cookies.session': 'حتى إغلاق المتصفح',
  'cookies.consent':
    'لا تعمل أدوات التتبع التحليلية والتسويقية إلا بعد موافقتك عليها في شريط ملفات تعريف الارتباط، أما الملفات الضرورية فتبقى مفعّلة لضمان تشغيل الموقع بشكل صحيح.',
  'cookies.preferences': 'يمكنك تغيير اختياراتك في أي وقت من خلال {url}.',
  'cookies.browser': 'يمكنك أيضًا حظر ملفات تعريف الارتباط أو حذفها من خلال إعدادات المتصفح.',
  'cookies.third-party': 'يضع {provider} الملفات {names} لغرض {purposes}.',
  'cookies.third-party.link':
    'يضع {provider} الملفات {names} لغرض {purposes}. لمعرفة المزيد أو إلغاء الاشتراك، راجع {url}.',

  'breaches.notify-you':
    'نحن ملتزمون بإخطارك في حال وقوع انتهاك لبياناتك الشخصية قد يعرضك للخطر، وذلك في غضون {hours} من اكتشاف الانتهاك.',
  'breaches.notify-authority': 'وسنبلغ {authorities} بالانتهاك في غضون {hours}.',
  'breaches.steps':
    'سنحقق في الحادث لتحديد طبيعته ونطاقه، ونتخذ التدابير الفورية لاحتواء آثاره وحماية البيانات المتبقية، ونبلغك بطبيعة الحادث وأنواع البيانات المتأثرة والخطوات التي نتخذها وكيف يمكنك حماية نفسك.',
  'breaches.guidance': 'لحماية نفسك: {guidance}',

  'children.directed.yes': 'بعض خدماتنا موجهة للأطفال، ونولي معلوماتهم عناية خاصة.',
  'children.directed.no': 'خدماتنا غير موجهة للأطفال.',
  'children.age': 'يجب ألا يقل عمرك عن {age} لاستخدام خدماتنا.',
  'children.age.parental-consent':
    'يجب ألا يقل عمرك عن {age} لاستخدام خدماتنا أو إنشاء حساب بنفسك، ويحتاج من هم أصغر سنًا إلى موافقة أحد الوالدين أو الولي.',
  'children.age.by': 'ويختلف هذا العمر بحسب مكان إقامتك: {ages}.',
  'children.age.in': '{age} في {jurisdiction}',
  'children.never': 'نلتزم بعدم استخدام المعلومات الشخصية للأطفال لأغراض {uses}.',

  'complaints.channels': 'يمكنك إرسال استفساراتك أو شكاواك المتعلقة بالخصوصية عبر {channels}.',
  'complaints.process': 'نحقق في كل شكوى ونرد عليها في غضون {days} من استلامها.',
  'complaints.process.acknowledge':
    'نؤكد استلام كل شكوى في غضون {acknowledge}، ثم نحقق فيها ونرد عليها في غضون {days} من استلامها.',
  'complaints.authority': 'إذا لم تكن راضيًا عن ردنا، يمكنك تقديم شكوى إلى {authority}.',
  'complaints.cooperation': 'نتعاون مع {authorities} في أي استفسار أو تحقيق.',
  'complaints.consumer': 'ويمكنك أيضًا التواصل مع {consumer}',
  'complaints.escalation': 'إذا لم نتمكن من حل شكواك، يمكنك أيضًا رفعها إلى:',
  'complaints.escalation.authority': 'جهة رقابية',
  'complaints.escalation.mediation': 'وساطة',
  'complaints.escalation.arbitration': 'تحكيم',
  'complaints.escalation.consumer-protection': 'حماية المستهلك',
  'complaints.escalation.ombudsman': 'أمين المظالم',
  'complaints.mediation': 'الوساطة',
  'complaints.arbitration': 'التحكيم',
  'complaints.adr': 'كما نوفر {adr} لتسوية النزاعات المتعلقة بالخصوصية، ويمكنك التواصل معنا لبدء الإجراءات.',

  'changes.notice':
    'قد نقوم بتحديث سياسة الخصوصية هذه من وقت لآخر. وسنعلمك بأي تغييرات عن طريق {channels}، وسنقوم بتحديث “تاريخ السريان” في أعلى هذه السياسة.',
  'changes.significant':
    'نرسل هذه الإشعارات عند التغييرات الجوهرية، أما التصحيحات البسيطة فننشرها هنا مع تاريخ سريان جديد.',
  'changes.notice.advance':
    'قد نقوم بتحديث سياسة الخصوصية هذه من وقت لآخر. وسنعلمك بأي تغييرات عن طريق {channels} قبل {days} على الأقل من سريانها، وسنقوم بتحديث “تاريخ السريان” في أعلى هذه السياسة.',

  'contact.controller': 'تُعد {legalName} الجهة المسؤولة عن معلوماتك الشخصية.',
  'contact.controller.trading': 'تُعد {name} ({legalName}) الجهة المسؤولة عن معلوماتك الشخصية.',
  'contact.processor-for':
    'بالنسبة إلى {subjects}، نعمل بصفتنا معالجًا للبيانات: {controller} هي الجهة التي تقرر كيفية استخدام هذه المعلومات وتتحمل المسؤولية عنها، ولا نتعامل معها إلا وفق تعليماتها. ونحيل إليها أي طلب يتعلق بها.',
  'contact.processor-for.contact':
    'بالنسبة إلى {subjects}، نعمل بصفتنا معالجًا للبيانات: {controller} هي الجهة التي تقرر كيفية استخدام هذه المعلومات وتتحمل المسؤولية عنها، ولا نتعامل معها إلا وفق تعليماتها. يمكنك التواصل معها عبر {contact}، كما نحيل إليها أي طلب يتعلق بها.',
  'contact.representative':
    'ممثلنا في {jurisdiction} (المادة 27 من اللائحة العامة لحماية البيانات): {details}',
  'contact.registration.controller':
    'نحن مسجلون لدى {authority} بصفتنا مسؤولًا عن معالجة البيانات، برقم التسجيل {number}.',
  'contact.registration.processor':
    'نحن مسجلون لدى {authority} بصفتنا معالجًا للبيانات، برقم التسجيل {number}.',
  'contact.registration.controller-and-processor':
    'نحن مسجلون لدى {authority} بصفتنا مسؤولًا عن معالجة البيانات ومعالجًا لها، برقم التسجيل {number}.',
  'ccpa.intro': 'إذا كنت تقيم في {jurisdiction}:',
  'ccpa.not-sold':
    'لم نبع معلوماتك الشخصية ولم نشاركها خلال الاثني عشر شهرًا الماضية، ولا نبيعها ولا نشاركها؛ فلا توجد فئة منها تُباع أو تُشارك.',
  'ccpa.do-not-sell': 'لا تبيعوا معلوماتي الشخصية ولا تشاركوها: {url}',
  'ccpa.collected': 'جمعنا خلال الاثني عشر شهرًا الماضية فئات المعلومات الشخصية التالية: {categories}.',
  'ccpa.sources': 'جمعناها من المصادر التالية: {sources}.',
  'ccpa.source': '{source} (وهي {categories})',
  'ccpa.disclosed':
    'أفصحنا خلال الاثني عشر شهرًا الماضية عن الفئات التالية لمزودي الخدمات لدينا لأغراض العمل: {categories}.',
  'ccpa.sold': 'بعنا أو شاركنا خلال الاثني عشر شهرًا الماضية فئات المعلومات الشخصية التالية: {categories}.',
  'ccpa.sensitive.limited':
    'لا نستخدم المعلومات الشخصية الحساسة إلا لتقديم الخدمات التي تطلبها والحفاظ على أمنها، فلا يوجد استخدام آخر يمكن تقييده.',
  'ccpa.sensitive.limit-right': 'يمكنك أن تطلب منا تقييد استخدام معلوماتك الشخصية الحساسة.',
  'ccpa.non-discrimination': 'لن نعاملك معاملة مختلفة بسبب ممارستك لحقوقك المتعلقة بالخصوصية.',
  'ccpa.agents': 'يمكنك تقديم طلبك من خلال وكيل تفوضه، وسنطلب من الوكيل إذنك الموقّع.',
  'ccpa.gpc':
    'نتعامل مع إشارة التحكم العالمي في الخصوصية (Global Privacy Control) الصادرة من متصفحك على أنها طلب بعدم بيع معلوماتك أو مشاركتها.',
  'contact.intro': 'إذا كانت لديك أي أسئلة أو مخاوف بشأن ممارسات الخصوصية لدينا، فلا تتردد في التواصل معنا:',
  'contact.role.dpo': 'مسؤول حماية البيانات',
  'contact.role.privacy-contact': 'جهة الاتصال الخاصة بالخصوصية',
  'contact.address': 'العنوان',

  // Counted nouns (CLDR forms): 1 and 2 have their own words (without the number; the dual oblique —
  // after a preposition, غضون or مدة — unless .nominative), 3–10 the plural, 11–99 the singular
  // accusative, 100–102 and the like the singular genitive.
  'duration.immediately': 'فورًا',
  // An age: 3–10 take the plural "أعوام", 11–99 the singular accusative "عامًا", 100+ the genitive "عام".
  'count.age.one': 'عام واحد',
  'count.age.two': 'عامين',
  'count.age.two.nominative': 'عامان',
  'count.age.few': '{n} أعوام',
  'count.age.many': '{n} عامًا',
  'count.age.other': '{n} عام',
  'count.year.one': 'سنة واحدة',
  'count.year.two': 'سنتين',
  'count.year.two.nominative': 'سنتان',
  'count.year.few': '{n} سنوات',
  'count.year.many': '{n} سنة',
  'count.year.other': '{n} سنة',
  'count.month.one': 'شهر واحد',
  'count.month.two': 'شهرين',
  'count.month.two.nominative': 'شهران',
  'count.month.few': '{n} أشهر',
  'count.month.many': '{n} شهرًا',
  'count.month.other': '{n} شهر',
  'count.week.one': 'أسبوع واحد',
  'count.week.two': 'أسبوعين',
  'count.week.two.nominative': 'أسبوعان',
  'count.week.few': '{n} أسابيع',
  'count.week.many': '{n} أسبوعًا',
  'count.week.other': '{n} أسبوع',
  'count.day.one': 'يوم واحد',
  'count.day.two': 'يومين',
  'count.day.two.nominative': 'يومان',
  'count.day.few': '{n} أيام',
  'count.day.many': '{n} يومًا',
  'count.day.other': '{n} يوم',
  'count.hour.one': 'ساعة واحدة',
  'count.hour.two': 'ساعتين',
  'count.hour.two.nominative': 'ساعتان',
  'count.hour.few': '{n} ساعات',
  'count.hour.many': '{n} ساعة',
  'count.hour.other': '{n} ساعة',

  // The manifest's controlled vocabulary, `kind.id` (labels.ts hands these out as { en, ar } records).
  'category.identity': 'بيانات الهوية',
  'category.contact': 'بيانات الاتصال',
  'category.delivery-address': 'عنوان التوصيل',
  'category.payment': 'معلومات الدفع',
  'category.order-history': 'سجل الطلبات',
  'category.customisation': 'معلومات التخصيص',
  'category.usage': 'معلومات الاستخدام',
  'category.device': 'معلومات الجهاز',
  'category.location': 'الموقع التقريبي',
  'category.communications': 'المراسلات',
  'category.credentials': 'بيانات تسجيل الدخول',
  'category.recovery-qa': 'سؤال استعادة كلمة المرور وإجابته',
  'category.government-id': 'رقم البطاقة المدنية أو بطاقة الإقامة',
  'category.professional': 'البيانات المهنية',
  'category.references': 'بيانات الاتصال بالمعرّفين',
  'category.health': 'المعلومات الصحية',
  'category.other': 'معلومات أخرى',

  'basis.consent': 'موافقتك',
  'basis.contract': 'تنفيذ العقد المبرم معك',
  'basis.legal-obligation': 'الالتزام القانوني',
  'basis.legitimate-interest': 'مصلحتنا المشروعة',
  'basis.vital-interest': 'حماية المصالح الحيوية لشخص ما',
  'basis.public-interest': 'أداء مهمة للمصلحة العامة',

  'right.access': 'الوصول إلى معلوماتك الشخصية والحصول على نسخة منها',
  'right.rectify': 'تصحيح المعلومات غير الدقيقة أو تحديثها',
  'right.erase': 'طلب حذف معلوماتك',
  'right.restrict': 'تقييد استخدامنا لمعلوماتك',
  'right.port': 'الحصول على معلوماتك بصيغة قابلة للنقل والقراءة آليًا',
  'right.object': 'الاعتراض على استخدامنا لمعلوماتك، بما في ذلك لأغراض التسويق المباشر',
  'right.opt-out-sale': 'الانسحاب من بيع معلوماتك أو مشاركتها',
  'right.withdraw-consent': 'سحب موافقتك في أي وقت',
  'right.no-automated-decisions': 'عدم الخضوع لقرارات تُتخذ بوسائل آلية بالكامل',

  'requests.access': 'طلبات الحصول على نسخة من معلوماتك',
  'requests.rectify': 'طلبات تصحيح معلوماتك',
  'requests.erase': 'طلبات حذف معلوماتك',
  'requests.restrict': 'طلبات تقييد استخدام معلوماتك',
  'requests.port': 'طلبات الحصول على معلوماتك بصيغة قابلة للنقل',
  'requests.object': 'الاعتراضات على استخدام معلوماتك',
  'requests.opt-out-sale': 'طلبات الانسحاب من البيع أو المشاركة',
  'requests.withdraw-consent': 'سحب الموافقة',
  'requests.no-automated-decisions': 'الطلبات المتعلقة بالقرارات الآلية',

  'mechanism.adequacy': 'بلد الوجهة يوفر مستوى حماية كافيًا',
  'mechanism.standard-contractual-clauses': 'الشروط التعاقدية القياسية',
  'mechanism.binding-corporate-rules': 'القواعد المؤسسية الملزمة',
  'mechanism.certification': 'شهادة اعتماد معترف بها',
  'mechanism.consent': 'موافقتك الصريحة',
  'mechanism.necessity': 'النقل ضروري لتنفيذ طلبك',
  'mechanism.permit': 'تصريح من الجهة المختصة بحماية البيانات',

  'event.collection': 'من تاريخ جمعها',
  'event.last-activity': 'من آخر نشاط لك',
  'event.order-fulfilled': 'من تنفيذ الطلب',
  'event.service-completed': 'من اكتمال الخدمة',
  'event.consent-withdrawn': 'من سحب موافقتك',
  'event.account-closed': 'من إغلاق حسابك',
  'event.application-closed': 'من انتهاء جولة التوظيف',

  'action.delete': 'الحذف الآمن',
  'action.anonymise': 'إخفاء الهوية',
  'action.crypto-shred': 'جعلها غير قابلة للقراءة نهائيًا بإتلاف مفتاح تشفيرها',

  'security.encryption-in-transit': 'نقل البيانات بطريقة مشفرة',
  'security.encryption-at-rest': 'تخزين البيانات بطريقة مشفرة',
  'security.access-control': 'ضوابط تحدد من يمكنه الاطلاع على المعلومات الشخصية',
  'security.multi-factor-authentication': 'المصادقة متعددة العوامل للموظفين',
  'security.audit-logging': 'سجلات توثق من اطلع على المعلومات الشخصية',
  'security.security-audits': 'إجراء تدقيقات أمنية منتظمة',
  'security.penetration-testing': 'إجراء اختبارات اختراق منتظمة',
  'security.network-monitoring': 'بنية تحتية آمنة للخوادم ومراقبة الشبكة',
  'security.backups': 'نسخ احتياطية مشفرة',
  'security.staff-training': 'تدريب الموظفين على الخصوصية والأمن',
  'security.pseudonymisation': 'استخدام الأسماء المستعارة حيثما أمكن',
  'security.hashed-secrets': 'حفظ كلمات المرور وإجابات الأمان بتشفير أحادي الاتجاه فقط',

  'cookie-category.strictly-necessary': 'ضرورية',
  'cookie-category.functionality': 'وظيفية',
  'cookie-category.analytics': 'تحليلية',
  'cookie-category.marketing': 'تسويقية',

  'tracker-type.cookie': 'ملف تعريف ارتباط',
  'tracker-type.local-storage': 'تخزين محلي',
  'tracker-type.pixel': 'بكسل أو منارة ويب',
  'tracker-type.sdk': 'حزمة برمجية في التطبيق',

  'service.payment': 'معالجة الدفع',
  'service.delivery': 'التوصيل',
  'service.analytics': 'التحليلات',
  'service.marketing': 'التسويق',
  'service.advertising': 'الإعلانات',
  'service.hosting': 'الاستضافة',
  'service.email': 'إرسال البريد الإلكتروني',
  'service.messaging': 'المراسلة',
  'service.background-checks': 'التحقق من الخلفية',
  'service.it-support': 'الدعم التقني',
  'service.professional-advice': 'الاستشارات المهنية',
  'service.other': 'خدمات أخرى',

  'channel.email': 'البريد الإلكتروني',
  'channel.phone': 'الهاتف',
  'channel.whatsapp': 'واتساب',
  'channel.postal': 'البريد',
  'channel.form': 'نموذج الاتصال عبر الإنترنت',
  'channel.app': 'إعدادات حسابك في تطبيقنا',
  'channel.in-person': 'الحضور شخصيًا',

  'withdraw.preference-centre': 'صفحة تفضيلات الخصوصية',
  'withdraw.cookie-banner': 'إعدادات ملفات تعريف الارتباط',
  'withdraw.unsubscribe-link': 'رابط “إلغاء الاشتراك” في أي بريد إلكتروني نرسله',
  'withdraw.account-settings': 'إعدادات حسابك',
  'withdraw.email': 'التواصل معنا عبر البريد الإلكتروني',

  'verification.account-login': 'طلب تسجيل الدخول إلى حسابك',
  'verification.email-code': 'إرسال رمز إلى بريدك الإلكتروني المسجل لدينا',
  'verification.phone-code': 'إرسال رمز إلى رقم هاتفك المسجل لدينا',
  'verification.order-details': 'طلب تفاصيل أحد طلباتك الأخيرة',
  'verification.id-document': 'التحقق من وثيقة هوية',
  'verification.in-person': 'مقابلتك شخصيًا',

  'change.website': 'نشر السياسة الجديدة على موقعنا',
  'change.app': 'نشرها في تطبيقنا',
  'change.email': 'مراسلتك عبر البريد الإلكتروني',
  'change.sms': 'إرسال رسالة نصية إليك',
  'change.banner': 'عرض إشعار عند زيارتك',

  'child-use.targeted-advertising': 'الإعلانات المستهدفة',
  'child-use.profiling': 'التنميط',
  'child-use.sale': 'البيع',
  'child-use.marketing': 'التسويق',
}
