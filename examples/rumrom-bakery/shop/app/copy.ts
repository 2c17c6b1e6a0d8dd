/** Every word the shop shows, in English and Arabic. */
export const languages = ['en', 'ar'] as const
export type Lang = (typeof languages)[number]
export const isLang = (value: unknown): value is Lang => value === 'en' || value === 'ar'

const en = {
  shopName: 'RUMROM Bakery',
  tagline: 'Cakes and sweets, baked in Kuwait',
  otherLanguage: 'العربية',
  menu: {
    catalogue: 'Cakes & sweets',
    design: 'Design a cake',
    cart: 'Cart',
    account: 'My account',
    signIn: 'Sign in',
    signUp: 'Create account',
    signOut: 'Sign out',
  },
  addToCart: 'Add to cart',
  cart: {
    title: 'Your cart',
    empty: 'Your cart is empty.',
    total: 'Total',
    checkout: 'Checkout',
    quantity: 'Qty',
    remove: 'Remove',
  },
  checkout: {
    title: 'Checkout',
    address: 'Delivery address',
    area: 'Area',
    block: 'Block',
    street: 'Street',
    building: 'Building',
    floor: 'Floor',
    apartment: 'Apartment',
    directions: 'Directions for the courier',
    slot: 'Delivery time',
    card: 'Card',
    cardNumber: 'Card number',
    expiry: 'Expiry (MM/YY)',
    cvc: 'CVC',
    cardNote:
      'Your card number goes straight to our payment processor; we keep only a token and the last four digits.',
    pay: 'Pay',
    signInFirst: 'Sign in or create an account to order.',
    placed: 'Thank you! Your order is placed.',
    courierGot: 'What we gave the courier',
  },
  account: {
    title: 'My account',
    orders: 'Order history',
    noOrders: 'No orders yet.',
    designs: 'My cake designs',
    privacy: 'Your privacy choices',
    privacyLink: 'Open the privacy centre (see, download or delete your data)',
    consentState: 'What you have agreed to',
    consentNone: 'You have made no choices yet.',
    granted: 'agreed',
    refused: 'declined',
    unavailable: 'Your choices could not be loaded right now.',
    waitingParent: (email: string) =>
      `Your account waits for your parent’s or guardian’s consent. We sent them an email at ${email}; until they agree you cannot order or get our newsletter.`,
    newsletter: 'Newsletter',
    newsletterOn: 'You get our newsletter by email. Every issue has a link to stop it at once.',
    newsletterOff: 'Get new cakes and offers by email, about twice a month. You can stop at any time.',
    newsletterJoin: 'Send me the newsletter',
  },
  parent: {
    title: 'A parent’s or guardian’s consent',
    ask: (child: string) =>
      `${child} has created an account at RUMROM Bakery. Under 18s need a parent’s or guardian’s consent to have one.`,
    agree: 'I am their parent or guardian and I agree',
    done: (child: string) => `Thank you. ${child}’s account is open now.`,
    unknown: 'This link is not valid, or the consent was already given.',
  },
  newsletter: {
    subject: 'Welcome to RUMROM news',
    body: (name: string) =>
      `Hello ${name},\n\nThank you for joining our newsletter. This week: pistachio rose cake and saffron sweets, baked fresh in Kuwait.\n\nTo stop these emails at once: {unsubscribe}\n\nRUMROM Bakery`,
  },
  signUp: {
    title: 'Create your account',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    phone: 'Phone',
    password: 'Password (10 characters or more)',
    birthDate: 'Date of birth',
    parentEmail: 'Your parent’s or guardian’s email (only if you are under 18)',
    submit: 'Create account',
    haveAccount: 'Already have an account?',
  },
  signIn: { title: 'Sign in', submit: 'Sign in', wrong: 'That email and password do not match an account.' },
  design: {
    title: 'Design your cake',
    size: 'Size',
    flavour: 'Flavour',
    message: 'Message on the cake (up to 120 characters)',
    decorations: 'Decorations',
    image: 'Reference image (PNG, JPEG or WebP, up to 5 MB)',
    submit: 'Save design and add to cart',
    saved: 'Your design is saved and in your cart.',
  },
  errors: {
    required: (field: string) => `${field} is required.`,
    email: 'Enter an email address like name@example.com.',
    emailTaken: 'An account already uses this email. Sign in instead.',
    password: 'The password needs 10 characters or more.',
    birthDate: 'Enter your date of birth as YYYY-MM-DD.',
    minor: 'You are under 18: enter your parent’s or guardian’s email, and we will ask them to agree.',
    parentSame: 'Enter your parent’s or guardian’s email, not your own.',
    waitingParent:
      'Your account waits for your parent’s or guardian’s consent: ordering opens once they agree.',
    amana: 'We could not reach our privacy service. Please try again in a minute.',
    imageType: 'The image must be a PNG, JPEG or WebP file.',
    imageSize: 'The image is larger than 5 MB. Choose a smaller one.',
    payment: 'The payment did not go through',
    courier: 'The order is paid, but the courier hand-over was refused',
    signInToDesign: 'Sign in to save a design.',
    generic: 'Something went wrong on our side. Please try again.',
  },
  footer: { privacy: 'Privacy policy', cookies: 'Cookie settings' },
}

type Copy = typeof en

const ar: Copy = {
  shopName: 'رمروم بيكري',
  tagline: 'كيك وحلويات، مخبوزة في الكويت',
  otherLanguage: 'English',
  menu: {
    catalogue: 'الكيك والحلويات',
    design: 'صمّم كيكتك',
    cart: 'السلة',
    account: 'حسابي',
    signIn: 'تسجيل الدخول',
    signUp: 'إنشاء حساب',
    signOut: 'تسجيل الخروج',
  },
  addToCart: 'أضف إلى السلة',
  cart: {
    title: 'سلتك',
    empty: 'سلتك فارغة.',
    total: 'المجموع',
    checkout: 'إتمام الطلب',
    quantity: 'الكمية',
    remove: 'إزالة',
  },
  checkout: {
    title: 'إتمام الطلب',
    address: 'عنوان التوصيل',
    area: 'المنطقة',
    block: 'القطعة',
    street: 'الشارع',
    building: 'المبنى',
    floor: 'الطابق',
    apartment: 'الشقة',
    directions: 'إرشادات للمندوب',
    slot: 'وقت التوصيل',
    card: 'البطاقة',
    cardNumber: 'رقم البطاقة',
    expiry: 'تاريخ الانتهاء (شهر/سنة)',
    cvc: 'رمز التحقق',
    cardNote: 'يذهب رقم بطاقتك مباشرة إلى مزود الدفع؛ ولا نحتفظ إلا برمز الدفع وآخر أربعة أرقام.',
    pay: 'ادفع',
    signInFirst: 'سجّل الدخول أو أنشئ حسابًا لتطلب.',
    placed: 'شكرًا لك! تم تقديم طلبك.',
    courierGot: 'ما سلّمناه لمندوب التوصيل',
  },
  account: {
    title: 'حسابي',
    orders: 'سجل الطلبات',
    noOrders: 'لا توجد طلبات بعد.',
    designs: 'تصاميم الكيك',
    privacy: 'خيارات الخصوصية',
    privacyLink: 'افتح مركز الخصوصية (اطّلع على بياناتك أو نزّلها أو احذفها)',
    consentState: 'ما وافقت عليه',
    consentNone: 'لم تحدد أي خيار بعد.',
    granted: 'موافق',
    refused: 'مرفوض',
    unavailable: 'تعذّر تحميل خياراتك الآن.',
    waitingParent: (email: string) =>
      `حسابك بانتظار موافقة أحد والديك أو وليّك. أرسلنا إليه بريدًا على ${email}؛ وحتى يوافق لا يمكنك الطلب ولا تلقي نشرتنا.`,
    newsletter: 'النشرة الإخبارية',
    newsletterOn: 'تصلك نشرتنا بالبريد الإلكتروني. وفي كل عدد رابط لإيقافها فورًا.',
    newsletterOff:
      'تصلك أحدث الكيكات والعروض بالبريد الإلكتروني، مرتين في الشهر تقريبًا. ويمكنك الإيقاف في أي وقت.',
    newsletterJoin: 'أرسلوا لي النشرة',
  },
  parent: {
    title: 'موافقة أحد الوالدين أو الولي',
    ask: (child: string) =>
      `أنشأ ${child} حسابًا لدى رمروم بيكري. ويحتاج من هم دون 18 عامًا إلى موافقة أحد الوالدين أو الولي.`,
    agree: 'أنا والده أو وليّه وأوافق',
    done: (child: string) => `شكرًا لك. حساب ${child} مفتوح الآن.`,
    unknown: 'هذا الرابط غير صالح، أو سبق إعطاء الموافقة.',
  },
  newsletter: {
    subject: 'أهلًا بك في نشرة رمروم',
    body: (name: string) =>
      `مرحبًا ${name}،\n\nشكرًا لاشتراكك في نشرتنا. هذا الأسبوع: كيكة الفستق والورد وحلويات الزعفران، مخبوزة طازجة في الكويت.\n\nلإيقاف هذه الرسائل فورًا: {unsubscribe}\n\nرمروم بيكري`,
  },
  signUp: {
    title: 'أنشئ حسابك',
    firstName: 'الاسم الأول',
    lastName: 'اسم العائلة',
    email: 'البريد الإلكتروني',
    phone: 'الهاتف',
    password: 'كلمة المرور (10 أحرف أو أكثر)',
    birthDate: 'تاريخ الميلاد',
    parentEmail: 'بريد أحد والديك أو وليّك (فقط إن كان عمرك أقل من 18)',
    submit: 'أنشئ الحساب',
    haveAccount: 'لديك حساب؟',
  },
  signIn: { title: 'تسجيل الدخول', submit: 'دخول', wrong: 'البريد وكلمة المرور لا يطابقان أي حساب.' },
  design: {
    title: 'صمّم كيكتك',
    size: 'الحجم',
    flavour: 'النكهة',
    message: 'العبارة على الكيكة (حتى 120 حرفًا)',
    decorations: 'الزينة',
    image: 'صورة مرجعية (PNG أو JPEG أو WebP، حتى 5 ميغابايت)',
    submit: 'احفظ التصميم وأضفه إلى السلة',
    saved: 'حُفظ تصميمك وأضيف إلى سلتك.',
  },
  errors: {
    required: (field: string) => `${field} مطلوب.`,
    email: 'أدخل بريدًا إلكترونيًا مثل name@example.com.',
    emailTaken: 'يوجد حساب بهذا البريد. سجّل الدخول بدلًا من ذلك.',
    password: 'تحتاج كلمة المرور إلى 10 أحرف أو أكثر.',
    birthDate: 'أدخل تاريخ ميلادك بالشكل YYYY-MM-DD.',
    minor: 'عمرك أقل من 18: أدخل بريد أحد والديك أو وليّك، وسنطلب موافقته.',
    parentSame: 'أدخل بريد أحد والديك أو وليّك، لا بريدك أنت.',
    waitingParent: 'حسابك بانتظار موافقة أحد والديك أو وليّك: يُتاح الطلب بعد موافقته.',
    amana: 'تعذّر الوصول إلى خدمة الخصوصية لدينا. يرجى المحاولة بعد دقيقة.',
    imageType: 'يجب أن تكون الصورة بصيغة PNG أو JPEG أو WebP.',
    imageSize: 'الصورة أكبر من 5 ميغابايت. اختر صورة أصغر.',
    payment: 'لم تتم عملية الدفع',
    courier: 'تم الدفع، لكن رُفض تسليم الطلب لمندوب التوصيل',
    signInToDesign: 'سجّل الدخول لحفظ التصميم.',
    generic: 'حدث خطأ من جهتنا. يرجى المحاولة مرة أخرى.',
  },
  footer: { privacy: 'سياسة الخصوصية', cookies: 'إعدادات ملفات تعريف الارتباط' },
}

export const copy: Readonly<Record<Lang, Copy>> = { en, ar }
export type { Copy }

/** Kuwaiti dinars with three decimals, in the page's language. */
export const money = (lang: Lang, amount: string | number): string =>
  new Intl.NumberFormat(lang === 'ar' ? 'ar-KW' : 'en-KW', { style: 'currency', currency: 'KWD' }).format(
    Number(amount),
  )

export const sizes = ['6 inch', '8 inch', '10 inch', '2 tiers'] as const
export const flavours = ['pistachio', 'saffron', 'chocolate', 'vanilla'] as const
export const decorations = ['fresh roses', 'gold leaf', 'macarons', 'sprinkles'] as const
export const optionLabels: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: {},
  ar: {
    '6 inch': '6 إنش',
    '8 inch': '8 إنش',
    '10 inch': '10 إنش',
    '2 tiers': 'طبقتان',
    pistachio: 'فستق',
    saffron: 'زعفران',
    chocolate: 'شوكولاتة',
    vanilla: 'فانيلا',
    'fresh roses': 'ورد طبيعي',
    'gold leaf': 'ورق ذهب',
    macarons: 'ماكرون',
    sprinkles: 'حبيبات ملونة',
  },
}
export const optionLabel = (lang: Lang, value: string): string => optionLabels[lang][value] ?? value
