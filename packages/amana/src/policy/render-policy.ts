import {
  type DisclosureId,
  effectiveDeadline,
  type JurisdictionId,
  type JurisdictionPack,
  type Locale,
} from '../jurisdictions/index.ts'
import {
  basisFor,
  type ContactChannel,
  foreignCountries,
  type Manifest,
  needsConsent,
  purposesUsingProcessor,
  type Text,
} from '../manifest/index.ts'
import type { Block, PolicyDocument, PolicySection, SectionId, Statement, TableRow } from './document.ts'
import { countryName, formatCount, formatDate, formatDuration, joinList, pick } from './format.ts'
import {
  actionLabels,
  basisLabels,
  categoryLabels,
  changeLabels,
  channelLabels,
  childUseLabels,
  cookieCategoryLabels,
  eventLabels,
  mechanismLabels,
  rightLabels,
  securityLabels,
  serviceLabels,
  trackerTypeLabels,
  verificationLabels,
  withdrawLabels,
} from './labels.ts'

export interface RenderOptions {
  readonly locale: Locale
  readonly version: string
}

const titles: Record<SectionId, { en: string; ar: string }> = {
  introduction: { en: 'About this policy', ar: 'حول هذه السياسة' },
  collected: { en: 'Information we collect', ar: 'المعلومات التي نجمعها' },
  uses: { en: 'How we use your information', ar: 'كيف نستخدم معلوماتك' },
  protection: { en: 'How we protect your information', ar: 'كيف نحمي معلوماتك' },
  sharing: { en: 'Sharing your information', ar: 'مشاركة معلوماتك' },
  transfers: { en: 'International data transfers', ar: 'نقل البيانات والتدفقات الدولية' },
  retention: { en: 'Data retention and deletion', ar: 'الاحتفاظ بالبيانات وحذفها' },
  rights: { en: 'Your rights', ar: 'حقوقك المتعلقة بمعلوماتك الشخصية' },
  cookies: { en: 'Cookies and tracking technologies', ar: 'ملفات تعريف الارتباط وتقنيات التتبع' },
  breaches: { en: 'Data breaches and incident response', ar: 'انتهاكات البيانات والاستجابة للحوادث' },
  children: { en: 'Children’s privacy', ar: 'خصوصية القصر والأطفال' },
  complaints: { en: 'Complaints and dispute resolution', ar: 'حل النزاعات والشكاوى' },
  changes: { en: 'Changes to this policy', ar: 'التغييرات على سياسة الخصوصية هذه' },
  contact: { en: 'Contact us', ar: 'اتصل بنا' },
}

const languageNames: Record<Locale, { en: string; ar: string }> = {
  en: { en: 'English', ar: 'الإنجليزية' },
  ar: { en: 'Arabic', ar: 'العربية' },
}

/** Ends a sentence once, whatever the manifest text ended with. */
const sentence = (text: string): string => (/[.!?؟]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`)

class SectionBuilder {
  readonly blocks: Block[] = []
  readonly id: SectionId

  constructor(id: SectionId) {
    this.id = id
  }

  private add(
    kind: Statement['kind'],
    key: string,
    text: string,
    sourcePaths: readonly string[],
    disclosures?: readonly DisclosureId[],
  ): void {
    const id = `${this.id}.${key}`
    this.blocks.push(
      disclosures === undefined
        ? { kind, id, text, sourcePaths }
        : { kind, id, text, sourcePaths, disclosures },
    )
  }

  p(key: string, text: string, sourcePaths: readonly string[], disclosures?: readonly DisclosureId[]): void {
    this.add('paragraph', key, text, sourcePaths, disclosures)
  }

  li(key: string, text: string, sourcePaths: readonly string[], disclosures?: readonly DisclosureId[]): void {
    this.add('item', key, text, sourcePaths, disclosures)
  }

  table(key: string, caption: string, headers: readonly string[], rows: readonly TableRow[]): void {
    if (rows.length > 0) this.blocks.push({ kind: 'table', id: `${this.id}.${key}`, caption, headers, rows })
  }
}

/**
 * Renders the public privacy policy from the manifest and the packs. Pure. Every statement carries the
 * manifest paths it derives from; a section with nothing declared is left out rather than padded.
 */
export const renderPolicy = (
  manifest: Manifest,
  packs: readonly JurisdictionPack[],
  { locale, version }: RenderOptions,
): PolicyDocument => {
  const L = (en: string, ar: string): string => (locale === 'en' ? en : ar)
  const tx = (text: Text | undefined): string | undefined => pick(text, locale)
  const org = manifest.organisation
  const orgName = tx(org.tradingName) ?? org.legalName
  const orgPath = org.tradingName === undefined ? 'organisation.legalName' : 'organisation.tradingName'
  const services = tx(org.services) ?? ''
  const home = countryName(org.homeCountry, locale)
  const processors = manifest.processors ?? {}
  const served = manifest.jurisdictions as readonly JurisdictionId[]
  const categoryLabel = (id: string): string => {
    const category = manifest.categories[id]
    if (category === undefined) return id
    return tx(category.label) ?? categoryLabels[category.kind][locale]
  }
  const purposeTitle = (id: string): string => tx(manifest.purposes[id]?.title) ?? id
  const channelText = (channel: ContactChannel): string => {
    const contacts = org.contacts
    const value =
      channel === 'email'
        ? contacts.email
        : channel === 'phone'
          ? contacts.phone
          : channel === 'whatsapp'
            ? contacts.whatsapp
            : channel === 'postal'
              ? tx(contacts.postal)
              : channel === 'form'
                ? contacts.form
                : undefined
    const label = channelLabels[channel][locale]
    return value === undefined ? label : `${label} (${value})`
  }
  const days = (amount: number): string => formatCount(amount, 'day', locale)
  const hours = (amount: number): string => formatCount(amount, 'hour', locale)

  const sections: PolicySection[] = []
  const section = (id: SectionId, build: (b: SectionBuilder) => void): void => {
    const builder = new SectionBuilder(id)
    build(builder)
    if (builder.blocks.length > 0) sections.push({ id, title: titles[id][locale], blocks: builder.blocks })
  }

  section('introduction', (b) => {
    b.p(
      'scope',
      L(
        `At ${orgName}, we are committed to protecting the privacy and security of your personal information. This privacy policy explains how we collect, use and protect it when you use ${services}.`,
        `في ${orgName}، نحن ملتزمون بحماية خصوصية معلوماتك الشخصية وأمنها. توضح سياسة الخصوصية هذه كيفية جمعنا لمعلوماتك واستخدامنا وحمايتنا لها عند استخدامك ${services}.`,
      ),
      [orgPath, 'organisation.services'],
      ['controller-identity'],
    )
    b.p(
      'effective-date',
      L(
        `Effective date: ${formatDate(org.effectiveDate, locale)}.`,
        `تاريخ السريان: ${formatDate(org.effectiveDate, locale)}.`,
      ),
      ['organisation.effectiveDate'],
    )
    if (org.languages.length > 1) {
      const names = joinList(
        org.languages.map((language) => languageNames[language][locale]),
        locale,
      )
      b.p(
        'languages',
        L(`This policy is published in ${names}.`, `تُنشر هذه السياسة باللغتين ${names}.`),
        ['organisation.languages'],
        ['languages'],
      )
    }
    const laws = joinList(
      packs.map((pack) => pack.law[locale]),
      locale,
    )
    b.p('laws', L(`It follows ${laws}.`, `وقد أُعدت وفقًا لأحكام ${laws}.`), ['jurisdictions'])
  })

  section('collected', (b) => {
    const groups: Record<'subject' | 'automatic' | 'third-party', string[]> = {
      subject: [],
      automatic: [],
      'third-party': [],
    }
    for (const [id, category] of Object.entries(manifest.categories))
      groups[category.source ?? 'subject'].push(id)
    const intros = {
      subject: L('Information you give us:', 'المعلومات التي تقدمها لنا:'),
      automatic: L(
        `Information we collect automatically when you use ${services}:`,
        `المعلومات التي نجمعها تلقائيًا عند استخدامك ${services}:`,
      ),
      'third-party': L('Information we receive from other people:', 'المعلومات التي نتلقاها من الآخرين:'),
    }
    for (const source of ['subject', 'automatic', 'third-party'] as const) {
      const ids = groups[source]
      if (ids.length === 0) continue
      b.p(
        `source-${source}`,
        intros[source],
        ids.map((id) => `categories.${id}`),
        ['categories'],
      )
      for (const id of ids) {
        const category = manifest.categories[id]
        if (category === undefined) continue
        const description = tx(category.description)
        const marker =
          category.sensitivity === 'sensitive'
            ? L(
                ' This is sensitive information; we ask for your explicit consent before collecting it.',
                ' هذه معلومات حساسة، ونطلب موافقتك الصريحة قبل جمعها.',
              )
            : ''
        const text =
          description === undefined ? categoryLabel(id) : `${categoryLabel(id)}: ${sentence(description)}`
        b.li(`category-${id}`, `${sentence(text)}${marker}`, [`categories.${id}`], ['categories'])
      }
    }
  })

  section('uses', (b) => {
    const ids = Object.keys(manifest.purposes)
    if (ids.length === 0) return
    b.p(
      'intro',
      L('We use your information for the following purposes:', 'نستخدم معلوماتك للأغراض التالية:'),
      ['purposes'],
      ['purposes'],
    )
    for (const [id, purpose] of Object.entries(manifest.purposes)) {
      const parts = [tx(purpose.title) ?? id]
      const description = tx(purpose.description)
      let text =
        description === undefined ? sentence(parts[0] ?? id) : `${parts[0]}: ${sentence(description)}`
      const used = joinList(purpose.categories.map(categoryLabel), locale)
      text += L(` Information used: ${used}.`, ` المعلومات المستخدمة: ${used}.`)
      const byBasis = new Map<string, string[]>()
      for (const pack of packs) {
        const basis = basisFor(purpose, pack.id as JurisdictionId)
        if (basis === undefined) continue
        byBasis.set(basis, [...(byBasis.get(basis) ?? []), pack.name[locale]])
      }
      const bases = [...byBasis.entries()].map(([basis, where]) => {
        const label = basisLabels[basis as keyof typeof basisLabels][locale]
        return byBasis.size === 1 ? label : `${label} (${joinList(where, locale)})`
      })
      if (bases.length > 0)
        text += L(` Legal basis: ${bases.join('; ')}.`, ` الأساس القانوني: ${bases.join('؛ ')}.`)
      const interest = tx(purpose.legitimateInterest)
      if (interest !== undefined)
        text += L(
          ` Our legitimate interest: ${sentence(interest)}`,
          ` مصلحتنا المشروعة: ${sentence(interest)}`,
        )
      if (needsConsent(purpose, served)) {
        const withdraw = purpose.consent?.withdraw ?? []
        text +=
          withdraw.length > 0
            ? L(
                ` We ask for your consent first, and you can withdraw it at any time through ${joinList(
                  withdraw.map((channel) => withdrawLabels[channel][locale]),
                  locale,
                  'disjunction',
                )}.`,
                ` نطلب موافقتك أولًا، ويمكنك سحبها في أي وقت من خلال ${joinList(
                  withdraw.map((channel) => withdrawLabels[channel][locale]),
                  locale,
                  'disjunction',
                )}.`,
              )
            : L(' We ask for your consent first.', ' نطلب موافقتك أولًا.')
      }
      b.li(`purpose-${id}`, text, [`purposes.${id}`], ['purposes', 'legal-bases'])
    }
    const automated = manifest.commitments?.automatedDecisions
    if (automated !== undefined) {
      b.p(
        'automated-decisions',
        automated
          ? L(
              'We make some decisions about you by automated means.',
              'نتخذ بعض القرارات المتعلقة بك بوسائل آلية.',
            )
          : L(
              'We do not make decisions about you based solely on automated processing.',
              'لا نتخذ قرارات بشأنك بناءً على المعالجة الآلية وحدها.',
            ),
        ['commitments.automatedDecisions'],
        ['automated-decisions'],
      )
    }
  })

  section('protection', (b) => {
    const security = manifest.security
    if (security === undefined) return
    b.p(
      'intro',
      L(
        'We take the security of your personal information very seriously. Our measures include:',
        'نتعامل مع أمن معلوماتك الشخصية بجدية تامة، ونتبنى مجموعة من الإجراءات الأمنية لحماية سرية بياناتك، بما في ذلك:',
      ),
      ['security.measures'],
      ['security'],
    )
    security.measures.forEach((measure, index) => {
      b.li(
        `measure-${measure}`,
        securityLabels[measure][locale],
        [`security.measures[${index}]`],
        ['security'],
      )
    })
    const description = tx(security.description)
    if (description !== undefined)
      b.p('description', sentence(description), ['security.description'], ['security'])
  })

  section('sharing', (b) => {
    const sells = manifest.commitments?.sellsPersonalData
    if (sells !== undefined) {
      b.p(
        'sale',
        sells
          ? L(
              'We sell or share some personal information; you have the right to opt out at any time.',
              'نبيع بعض المعلومات الشخصية أو نشاركها، ويحق لك الانسحاب من ذلك في أي وقت.',
            )
          : L(
              'We do not sell or rent your personal information to third parties.',
              'نحن لا نبيع معلوماتك الشخصية ولا نؤجرها لأطراف ثالثة.',
            ),
        ['commitments.sellsPersonalData'],
        ['sale-opt-out'],
      )
    }
    const ids = Object.keys(processors)
    if (manifest.processors !== undefined && ids.length === 0) {
      b.p(
        'none',
        L('We do not share your information with service providers.', 'لا نشارك معلوماتك مع مزودي الخدمات.'),
        ['processors'],
        ['recipients'],
      )
    }
    if (ids.length > 0) {
      b.p(
        'intro',
        L(
          'We share information with the following service providers, who help us run our business. Each receives only the information listed next to it:',
          'نشارك المعلومات مع مزودي الخدمات التالين الذين يساعدوننا في تشغيل أعمالنا، ولا يتلقى كل منهم إلا المعلومات المذكورة أمامه:',
        ),
        ids.map((id) => `processors.${id}`),
        ['recipients'],
      )
      const rows: TableRow[] = ids.map((id) => {
        const processor = processors[id]
        if (processor === undefined) return { id, cells: [], sourcePaths: [] }
        const why = purposesUsingProcessor(manifest, id).map(purposeTitle)
        const protection = [
          ...(processor.security ?? []).map((measure) => securityLabels[measure][locale]),
          ...(processor.certifications ?? []),
        ]
        const contact = [
          processor.policyUrl,
          processor.contact?.email,
          processor.contact?.url,
          processor.contact?.phone,
        ].filter((value): value is string => value !== undefined)
        const service = tx(processor.description) ?? serviceLabels[processor.service][locale]
        return {
          id: `sharing.processor-${id}`,
          cells: [
            processor.name,
            why.length > 0 ? `${service} (${joinList(why, locale)})` : service,
            joinList(Object.keys(processor.categories).map(categoryLabel), locale),
            joinList(
              processor.countries.map((country) => countryName(country, locale)),
              locale,
            ),
            protection.join(L(', ', '، ')),
            contact.join(' · '),
          ],
          sourcePaths: [`processors.${id}`],
        }
      })
      b.table(
        'processors',
        L('Service providers', 'مزودو الخدمات'),
        [
          L('Provider', 'المزود'),
          L('Service', 'الخدمة'),
          L('Information shared', 'المعلومات المشاركة'),
          L('Where it is processed', 'مكان المعالجة'),
          L('How they protect it', 'تدابير الحماية لديهم'),
          L('Privacy policy and contact', 'سياسة الخصوصية وبيانات الاتصال'),
        ],
        rows,
      )
      b.p(
        'contact-providers',
        L(
          'You can contact these providers directly, or read their privacy policies, using the details in the table.',
          'يمكنك التواصل مع مزودي الخدمة مباشرةً أو الاطلاع على سياسات الخصوصية الخاصة بهم من خلال البيانات الواردة في الجدول.',
        ),
        ids.map((id) => `processors.${id}`),
        ['recipients'],
      )
    }
    const selection = tx(manifest.security?.processorSelection)
    if (selection !== undefined)
      b.p('selection', capitaliseSentence(selection), ['security.processorSelection'], ['recipients'])
    if (manifest.commitments?.legalDisclosure === true) {
      b.p(
        'legal',
        L(
          'We may also share information when the law requires it, such as in response to a court order or a request from law enforcement.',
          'قد نشارك المعلومات أيضًا عندما يقتضي القانون ذلك، مثل الاستجابة لأمر قضائي أو لطلب من جهات إنفاذ القانون.',
        ),
        ['commitments.legalDisclosure'],
        ['recipients'],
      )
    }
  })

  section('transfers', (b) => {
    const abroad = Object.entries(processors).filter(
      ([, processor]) => foreignCountries(processor, org.homeCountry).length > 0,
    )
    const systemsAbroad = Object.entries(manifest.systems ?? {}).filter(
      ([, system]) => system.country !== org.homeCountry,
    )
    if (abroad.length === 0 && systemsAbroad.length === 0) {
      if (manifest.processors === undefined && manifest.systems === undefined) return
      b.p(
        'none',
        L(
          `We store and process your information in ${home}; we do not transfer it to other countries.`,
          `نخزن معلوماتك ونعالجها في ${home}، ولا ننقلها إلى دول أخرى.`,
        ),
        ['organisation.homeCountry', 'processors', 'systems'],
        ['transfers'],
      )
      return
    }
    const paths = [
      ...abroad.map(([id]) => `processors.${id}`),
      ...systemsAbroad.map(([id]) => `systems.${id}`),
    ]
    b.p(
      'intro',
      L(
        `Some of your information is processed outside ${home}. For each transfer we rely on the safeguards below, and we apply technical and organisational measures so that your information keeps an adequate level of protection:`,
        `تُعالج بعض معلوماتك خارج ${home}. ونعتمد في كل عملية نقل على الضمانات المبينة أدناه، ونطبق تدابير تقنية وتنظيمية لضمان مستوى كافٍ من الحماية لمعلوماتك:`,
      ),
      ['organisation.homeCountry', ...paths],
      ['transfers'],
    )
    for (const [id, processor] of abroad) {
      const countries = joinList(
        foreignCountries(processor, org.homeCountry).map((country) => countryName(country, locale)),
        locale,
      )
      const mechanism =
        processor.transfer === undefined ? undefined : mechanismLabels[processor.transfer.mechanism][locale]
      const details = tx(processor.transfer?.details)
      const safeguard =
        mechanism === undefined ? '' : ` — ${mechanism}${details === undefined ? '' : ` (${details})`}`
      b.li(
        `processor-${id}`,
        `${processor.name}: ${countries}${safeguard}.`,
        [`processors.${id}.countries`, `processors.${id}.transfer`],
        ['transfers'],
      )
    }
    for (const [id, system] of systemsAbroad) {
      const host = system.hostedBy === undefined ? undefined : processors[system.hostedBy]
      const name = tx(system.description) ?? id
      const mechanism =
        host?.transfer === undefined ? '' : ` — ${mechanismLabels[host.transfer.mechanism][locale]}`
      b.li(
        `system-${id}`,
        `${name}: ${countryName(system.country, locale)}${mechanism}.`,
        [`systems.${id}.country`],
        ['transfers'],
      )
    }
    if (org.contacts.email !== undefined) {
      b.p(
        'documents',
        L(
          `You can ask for a copy of the documents that govern these transfers by emailing ${org.contacts.email}.`,
          `يمكنك طلب نسخة من الوثائق المتعلقة بنقل البيانات عبر مراسلتنا على ${org.contacts.email}.`,
        ),
        ['organisation.contacts.email', ...paths],
        ['transfers'],
      )
    }
  })

  section('retention', (b) => {
    const kept = Object.entries(manifest.categories).filter(
      ([, category]) => category.retention !== undefined,
    )
    if (kept.length === 0) return
    b.p(
      'intro',
      L(
        'We keep personal information only as long as we need it for the purposes we collected it for. How long depends on the type of information, why we use it, and what the law requires:',
        'نحتفظ بالمعلومات الشخصية فقط طالما كانت ضرورية لتحقيق الأغراض التي جُمعت من أجلها. وتتحدد فترات الاحتفاظ بناءً على نوع البيانات والغرض من جمعها والمتطلبات القانونية والتنظيمية:',
      ),
      kept.map(([id]) => `categories.${id}.retention`),
      ['retention'],
    )
    b.table(
      'periods',
      L('How long we keep your information', 'مدة الاحتفاظ بمعلوماتك'),
      [
        L('Information', 'المعلومات'),
        L('How long', 'المدة'),
        L('Counted', 'تُحسب'),
        L('Then', 'ثم'),
        L('Criteria', 'المعايير'),
      ],
      kept.map(([id, category]) => {
        const retention = category.retention
        return {
          id: `retention.category-${id}`,
          cells: retention
            ? [
                categoryLabel(id),
                formatDuration(retention.keep, locale),
                eventLabels[retention.after][locale],
                actionLabels[retention.action][locale],
                tx(retention.criteria) ?? '',
              ]
            : [],
          sourcePaths: [`categories.${id}.retention`],
        }
      }),
    )
    for (const [id, purpose] of Object.entries(manifest.purposes)) {
      const retention = purpose.retention
      if (retention === undefined) continue
      b.li(
        `purpose-${id}`,
        L(
          `For ${tx(purpose.title)}: ${formatDuration(retention.keep, locale)} ${eventLabels[retention.after].en}, then ${actionLabels[retention.action].en}.`,
          `لغرض ${tx(purpose.title)}: ${formatDuration(retention.keep, locale)} ${eventLabels[retention.after].ar}، ثم ${actionLabels[retention.action].ar}.`,
        ),
        [`purposes.${id}.retention`],
        ['retention'],
      )
    }
    for (const [id, category] of kept) {
      const hold = category.retention?.legalHold
      if (hold === undefined) continue
      const reason = tx(hold.reason) ?? ''
      b.p(
        `hold-${id}`,
        L(
          `${categoryLabel(id)}: we must keep it for ${formatDuration(hold.keep, locale)} even if you ask us to delete it, because of ${reason}.`,
          `${categoryLabel(id)}: يجب علينا الاحتفاظ بهذه المعلومات لمدة ${formatDuration(hold.keep, locale)} حتى إن طلبت حذفها، وذلك بسبب ${reason}.`,
        ),
        [`categories.${id}.retention.legalHold`],
        ['retention'],
      )
    }
    const anonymised = kept.some(([, category]) => category.retention?.action === 'anonymise')
    b.p(
      'process',
      anonymised
        ? L(
            'When a retention period ends, we securely erase the information from our systems, or anonymise it so that it can no longer identify you, as shown in the table.',
            'عند انتهاء فترة الاحتفاظ، نحذف المعلومات من أنظمتنا بشكل آمن باستخدام أساليب المحو الآمن، أو نخفي هويتها بحيث لا يمكن أن تدل عليك، وفق ما هو مبين في الجدول.',
          )
        : L(
            'When a retention period ends, we securely erase the information from our systems.',
            'عند انتهاء فترة الاحتفاظ، نحذف المعلومات من أنظمتنا بشكل آمن.',
          ),
      kept.map(([id]) => `categories.${id}.retention.action`),
      ['retention'],
    )
    const requests = manifest.requests
    const deadline = effectiveDeadline(packs, manifest.commitments?.requestDeadlineDays, 'erase')
    if (requests !== undefined && deadline.days !== null) {
      const how = joinList(requests.channels.map(channelText), locale, 'disjunction')
      b.p(
        'requests',
        L(
          `You can ask us to delete your personal information at any time through ${how}. We verify your identity first, then complete the deletion within ${days(deadline.days)} of receiving your request.`,
          `يمكنك طلب حذف معلوماتك الشخصية في أي وقت عبر ${how}. نتحقق من هويتك أولًا، ثم نكمل عملية الحذف في غضون ${days(deadline.days)} من استلام طلبك.`,
        ),
        [
          'requests.channels',
          deadline.from.kind === 'commitment' ? 'commitments.requestDeadlineDays' : 'jurisdictions',
        ],
        ['retention', 'rights'],
      )
    }
  })

  section('rights', (b) => {
    for (const pack of packs) {
      const available = Object.entries(pack.rights).filter(
        ([, value]) => value.value === 'yes' || value.value === 'partial',
      )
      if (available.length === 0) continue
      b.p(
        `${pack.id}.intro`,
        L(
          `Under ${pack.law.en} (${pack.name.en}), you have the right to:`,
          `بموجب ${pack.law.ar} (${pack.name.ar})، يحق لك:`,
        ),
        ['jurisdictions'],
        ['rights'],
      )
      for (const [right, value] of available) {
        const label = rightLabels[right as keyof typeof rightLabels][locale]
        const limited = value.value === 'partial' ? L(' (in some cases)', ' (في حالات معينة)') : ''
        b.li(`${pack.id}.${right}`, `${label}${limited}`, ['jurisdictions'], ['rights'])
      }
    }
    const requests = manifest.requests
    if (requests === undefined) return
    const how = joinList(requests.channels.map(channelText), locale, 'disjunction')
    const form =
      requests.form === undefined
        ? ''
        : L(
            `, or by using our request form at ${requests.form}`,
            `، أو باستخدام نموذج الطلبات على ${requests.form}`,
          )
    b.p(
      'how',
      L(
        `To exercise any of these rights, contact us through ${how}${form}.`,
        `لممارسة أي من هذه الحقوق، تواصل معنا عبر ${how}${form}.`,
      ),
      requests.form === undefined ? ['requests.channels'] : ['requests.channels', 'requests.form'],
      ['rights'],
    )
    const methods = joinList(
      requests.verification.map((method) => verificationLabels[method][locale]),
      locale,
      'disjunction',
    )
    b.p(
      'verification',
      L(
        `Before we act on a request, we verify your identity to keep your information safe, by ${methods}.`,
        `قبل تنفيذ أي طلب، نتحقق من هويتك لضمان أمان معلوماتك، وذلك عن طريق ${methods}.`,
      ),
      ['requests.verification'],
      ['rights'],
    )
    const documents = tx(requests.documents)
    if (documents !== undefined)
      b.p('documents', capitaliseSentence(documents), ['requests.documents'], ['rights'])
    const deadline = effectiveDeadline(packs, manifest.commitments?.requestDeadlineDays)
    if (deadline.days !== null) {
      b.p(
        'timeline',
        L(
          `We respond to every request within ${days(deadline.days)} of receiving it.`,
          `نلتزم بالرد على جميع الطلبات في غضون ${days(deadline.days)} من استلامها.`,
        ),
        [deadline.from.kind === 'commitment' ? 'commitments.requestDeadlineDays' : 'jurisdictions'],
        ['rights'],
      )
    }
    for (const pack of packs) {
      const extension = pack.requestDeadline.value.extension
      if (extension === null) continue
      const length =
        extension.unit === 'months' ? formatCount(extension.amount, 'month', locale) : days(extension.amount)
      b.p(
        `${pack.id}.extension`,
        L(
          `Under ${pack.law.en}, if a request is complex or you send many requests, we may extend this by up to ${length}; we will tell you within the first period and explain why.`,
          `بموجب ${pack.law.ar}، إذا كان الطلب معقدًا أو تعددت طلباتك، يجوز لنا تمديد المدة بما لا يزيد على ${length}، وسنبلغك بذلك خلال المدة الأولى مع بيان الأسباب.`,
        ),
        ['jurisdictions'],
        ['rights'],
      )
    }
    if (requests.fee === 'free') {
      b.p('fee', L('Making a request is free of charge.', 'تقديم الطلب مجاني.'), ['requests.fee'], ['rights'])
    }
    const consentPurposes = Object.entries(manifest.purposes).filter(([, purpose]) =>
      needsConsent(purpose, served),
    )
    if (consentPurposes.length > 0) {
      b.p(
        'withdraw',
        L(
          'Where we rely on your consent, withdrawing it is as easy as giving it, and it does not affect what we did before you withdrew it.',
          'حيثما نعتمد على موافقتك، فإن سحبها سهل كمنحها، ولا يؤثر سحبها على ما قمنا به قبل ذلك.',
        ),
        consentPurposes.map(([id]) => `purposes.${id}.consent`),
        ['rights'],
      )
    }
  })

  section('cookies', (b) => {
    const cookies = manifest.cookies
    if (cookies === undefined) return
    const trackers = Object.entries(cookies.trackers)
    if (trackers.length === 0) {
      b.p(
        'none',
        L(
          'We do not use cookies or similar tracking technologies.',
          'لا نستخدم ملفات تعريف الارتباط أو تقنيات التتبع المشابهة.',
        ),
        ['cookies.trackers'],
        ['cookies'],
      )
      return
    }
    b.p(
      'intro',
      L(
        `We use cookies and similar technologies on ${services}. The table lists each one, who sets it, why, and for how long.`,
        `نستخدم ملفات تعريف الارتباط وتقنيات التتبع المشابهة على ${services}. ويبين الجدول كل واحد منها، والجهة التي تضعه، والغرض منه، ومدة بقائه.`,
      ),
      trackers.map(([name]) => `cookies.trackers.${name}`),
      ['cookies'],
    )
    b.table(
      'trackers',
      L('Cookies and trackers', 'ملفات تعريف الارتباط وأدوات التتبع'),
      [
        L('Name', 'الاسم'),
        L('Provider', 'المزود'),
        L('Type', 'النوع'),
        L('Category', 'الفئة'),
        L('Duration', 'المدة'),
        L('Purpose', 'الغرض'),
      ],
      trackers.map(([name, tracker]) => {
        const provider = processors[tracker.provider]?.name ?? tracker.provider
        const party = tracker.party === 'first' ? L('first-party', 'طرف أول') : L('third-party', 'طرف ثالث')
        const duration =
          tracker.duration === 'session'
            ? L('until you close the browser', 'حتى إغلاق المتصفح')
            : formatDuration(tracker.duration, locale)
        return {
          id: `cookies.tracker-${name}`,
          cells: [
            name,
            provider,
            `${trackerTypeLabels[tracker.type][locale]} (${party})`,
            cookieCategoryLabels[tracker.category][locale],
            duration,
            tx(tracker.description) ?? purposeTitle(tracker.purpose),
          ],
          sourcePaths: [`cookies.trackers.${name}`],
        }
      }),
    )
    const optional = trackers.filter(
      ([, tracker]) => tracker.category === 'analytics' || tracker.category === 'marketing',
    )
    if (optional.length > 0 && cookies.consentBanner) {
      b.p(
        'consent',
        L(
          'Analytics and marketing trackers only run after you agree to them in our cookie banner; strictly necessary cookies keep the site working and are always on.',
          'لا تعمل أدوات التتبع التحليلية والتسويقية إلا بعد موافقتك عليها في شريط ملفات تعريف الارتباط، أما الملفات الضرورية فتبقى مفعّلة لضمان تشغيل الموقع بشكل صحيح.',
        ),
        ['cookies.consentBanner', ...optional.map(([name]) => `cookies.trackers.${name}`)],
        ['cookies'],
      )
    }
    if (cookies.preferencesUrl !== undefined) {
      b.p(
        'preferences',
        L(
          `You can change your choices at any time at ${cookies.preferencesUrl}.`,
          `يمكنك تغيير اختياراتك في أي وقت من خلال ${cookies.preferencesUrl}.`,
        ),
        ['cookies.preferencesUrl'],
        ['cookies'],
      )
    }
    b.p(
      'browser',
      L(
        'You can also block or delete cookies through your browser settings.',
        'يمكنك أيضًا حظر ملفات تعريف الارتباط أو حذفها من خلال إعدادات المتصفح.',
      ),
      ['cookies.trackers'],
      ['cookies'],
    )
    const thirdParty = new Map<string, string[]>()
    for (const [name, tracker] of trackers) {
      if (tracker.party === 'third' && processors[tracker.provider] !== undefined) {
        thirdParty.set(tracker.provider, [...(thirdParty.get(tracker.provider) ?? []), name])
      }
    }
    for (const [providerId, names] of thirdParty) {
      const provider = processors[providerId]
      if (provider === undefined) continue
      const purposes = joinList(
        [...new Set(names.map((name) => purposeTitle(cookies.trackers[name]?.purpose ?? '')))],
        locale,
      )
      const link =
        provider.policyUrl === undefined
          ? ''
          : L(
              ` To learn more or opt out, see ${provider.policyUrl}.`,
              ` لمعرفة المزيد أو إلغاء الاشتراك، راجع ${provider.policyUrl}.`,
            )
      b.li(
        `third-party-${providerId}`,
        L(
          `${provider.name} sets ${joinList(names, locale)} for: ${purposes}.${link}`,
          `يضع ${provider.name} الملفات ${joinList(names, locale)} لغرض: ${purposes}.${link}`,
        ),
        [...names.map((name) => `cookies.trackers.${name}`), `processors.${providerId}`],
        ['cookies'],
      )
    }
  })

  section('breaches', (b) => {
    const breach = manifest.breach
    if (breach === undefined) return
    b.p(
      'notify-you',
      L(
        `If a data breach affects your personal information and may put you at risk, we will notify you within ${hours(breach.notifyIndividualsHours)} of discovering it.`,
        `نحن ملتزمون بإخطارك في حال وقوع انتهاك لبياناتك الشخصية قد يعرضك للخطر، وذلك في غضون ${hours(breach.notifyIndividualsHours)} من اكتشاف الانتهاك.`,
      ),
      ['breach.notifyIndividualsHours'],
      ['breach'],
    )
    const authorities = joinList(
      packs.map((pack) => pack.authority.value.name[locale]),
      locale,
    )
    b.p(
      'notify-authority',
      L(
        `We will report the breach to ${authorities} within ${hours(breach.notifyRegulatorHours)}.`,
        `وسنبلغ ${authorities} بالانتهاك في غضون ${hours(breach.notifyRegulatorHours)}.`,
      ),
      ['breach.notifyRegulatorHours', 'jurisdictions'],
      ['breach'],
    )
    b.p(
      'steps',
      L(
        'We will investigate the incident to establish its nature and scope, take immediate steps to contain it and protect the remaining data, and tell you what happened, which information was involved, what we are doing about it, and how you can protect yourself.',
        'سنحقق في الحادث لتحديد طبيعته ونطاقه، ونتخذ التدابير الفورية لاحتواء آثاره وحماية البيانات المتبقية، ونبلغك بطبيعة الحادث وأنواع البيانات المتأثرة والخطوات التي نتخذها وكيف يمكنك حماية نفسك.',
      ),
      ['breach'],
      ['breach'],
    )
    const team = tx(breach.team)
    if (team !== undefined) b.p('team', capitaliseSentence(team), ['breach.team'], ['breach'])
    const guidance = tx(breach.guidance)
    if (guidance !== undefined) {
      b.p(
        'guidance',
        L(`To protect yourself: ${sentence(guidance)}`, `لحماية نفسك: ${sentence(guidance)}`),
        ['breach.guidance'],
        ['breach'],
      )
    }
  })

  section('children', (b) => {
    const children = manifest.children
    if (children === undefined) return
    b.p(
      'directed',
      children.directedAtChildren
        ? L(
            'Some of our services are directed at children, and we take extra care with their information.',
            'بعض خدماتنا موجهة للأطفال، ونولي معلوماتهم عناية خاصة.',
          )
        : L('Our services are not directed at children.', 'خدماتنا غير موجهة للأطفال.'),
      ['children.directedAtChildren'],
      ['children'],
    )
    b.p(
      'age',
      children.parentalConsent
        ? L(
            `You must be ${children.minimumAge} or older to use our services or create an account on your own; anyone younger needs the consent of a parent or guardian.`,
            `يجب ألا يقل عمرك عن ${children.minimumAge} عامًا لاستخدام خدماتنا أو إنشاء حساب بنفسك، ويحتاج من هم أصغر سنًا إلى موافقة أحد الوالدين أو الولي.`,
          )
        : L(
            `You must be ${children.minimumAge} or older to use our services.`,
            `يجب ألا يقل عمرك عن ${children.minimumAge} عامًا لاستخدام خدماتنا.`,
          ),
      ['children.minimumAge', 'children.parentalConsent'],
      ['children'],
    )
    const verification = tx(children.ageVerification)
    if (verification !== undefined)
      b.p('verification', capitaliseSentence(verification), ['children.ageVerification'], ['children'])
    const never = children.neverUsedFor ?? []
    if (never.length > 0) {
      const uses = joinList(
        never.map((use) => childUseLabels[use][locale]),
        locale,
        'disjunction',
      )
      b.p(
        'never',
        L(
          `We never use children’s personal information for ${uses}.`,
          `نلتزم بعدم استخدام المعلومات الشخصية للأطفال لأغراض ${uses}.`,
        ),
        ['children.neverUsedFor'],
        ['children'],
      )
    }
    const parents = tx(children.parentsRights)
    if (parents !== undefined)
      b.p('parents', capitaliseSentence(parents), ['children.parentsRights'], ['children'])
  })

  section('complaints', (b) => {
    const complaints = manifest.complaints
    if (complaints === undefined) return
    b.p(
      'channels',
      L(
        `You can send us privacy questions or complaints by ${joinList(complaints.channels.map(channelText), locale, 'disjunction')}.`,
        `يمكنك إرسال استفساراتك أو شكاواك المتعلقة بالخصوصية عبر ${joinList(complaints.channels.map(channelText), locale, 'disjunction')}.`,
      ),
      ['complaints.channels'],
      ['complaint-authority'],
    )
    const ack = complaints.acknowledgeDays
    b.p(
      'process',
      ack === undefined
        ? L(
            `We investigate every complaint and respond within ${days(complaints.responseDays)} of receiving it.`,
            `نحقق في كل شكوى ونرد عليها في غضون ${days(complaints.responseDays)} من استلامها.`,
          )
        : L(
            `We acknowledge every complaint within ${days(ack)}, then investigate it and respond within ${days(complaints.responseDays)} of receiving it.`,
            `نؤكد استلام كل شكوى في غضون ${days(ack)}، ثم نحقق فيها ونرد عليها في غضون ${days(complaints.responseDays)} من استلامها.`,
          ),
      ack === undefined
        ? ['complaints.responseDays']
        : ['complaints.acknowledgeDays', 'complaints.responseDays'],
      ['complaint-authority'],
    )
    for (const pack of packs) {
      const authority = pack.authority.value
      const site = authority.website === null ? '' : ` (${authority.website})`
      b.p(
        `${pack.id}.authority`,
        L(
          `If you are not satisfied with our response, you can complain to ${authority.name.en}${site}.`,
          `إذا لم تكن راضيًا عن ردنا، يمكنك تقديم شكوى إلى ${authority.name.ar}${site}.`,
        ),
        ['jurisdictions'],
        ['complaint-authority'],
      )
    }
    const consumer = tx(complaints.consumerProtection)
    if (consumer !== undefined) {
      b.p(
        'consumer',
        L(`You can also contact ${sentence(consumer)}`, `ويمكنك أيضًا التواصل مع ${sentence(consumer)}`),
        ['complaints.consumerProtection'],
        ['complaint-authority'],
      )
    }
    const adr = [
      complaints.mediation === true ? L('mediation', 'الوساطة') : undefined,
      complaints.arbitration === true ? L('arbitration', 'التحكيم') : undefined,
    ].filter((value): value is string => value !== undefined)
    if (adr.length > 0) {
      b.p(
        'adr',
        L(
          `We also offer ${joinList(adr, locale, 'disjunction')} to settle privacy disputes; contact us to start the process.`,
          `كما نوفر ${joinList(adr, locale, 'disjunction')} لتسوية النزاعات المتعلقة بالخصوصية، ويمكنك التواصل معنا لبدء الإجراءات.`,
        ),
        [
          ...(complaints.mediation === true ? ['complaints.mediation'] : []),
          ...(complaints.arbitration === true ? ['complaints.arbitration'] : []),
        ],
        ['complaint-authority'],
      )
    }
  })

  section('changes', (b) => {
    const changes = manifest.changes
    if (changes === undefined) return
    const how = joinList(
      changes.notify.map((channel) => changeLabels[channel][locale]),
      locale,
    )
    const advance =
      changes.advanceDays === undefined || changes.advanceDays === 0
        ? ''
        : L(
            ` at least ${days(changes.advanceDays)} before they take effect`,
            ` قبل ${days(changes.advanceDays)} على الأقل من سريانها`,
          )
    b.p(
      'notice',
      L(
        `We may update this privacy policy from time to time. We will tell you about changes by ${how}${advance}, and we will update the effective date at the top of this policy.`,
        `قد نقوم بتحديث سياسة الخصوصية هذه من وقت لآخر. وسنعلمك بأي تغييرات عن طريق ${how}${advance}، وسنقوم بتحديث “تاريخ السريان” في أعلى هذه السياسة.`,
      ),
      changes.advanceDays === undefined ? ['changes.notify'] : ['changes.notify', 'changes.advanceDays'],
      ['changes'],
    )
  })

  section('contact', (b) => {
    b.p(
      'controller',
      L(
        `${org.legalName} is responsible for your personal information.`,
        `تُعد ${org.legalName} الجهة المسؤولة عن معلوماتك الشخصية.`,
      ),
      ['organisation.legalName'],
      ['controller-identity'],
    )
    b.p(
      'intro',
      L(
        'If you have any questions or concerns about our privacy practices, please contact us:',
        'إذا كانت لديك أي أسئلة أو مخاوف بشأن ممارسات الخصوصية لدينا، فلا تتردد في التواصل معنا:',
      ),
      ['organisation.contacts'],
      ['contact'],
    )
    const contacts = org.contacts
    const entries: [ContactChannel, string | undefined][] = [
      ['email', contacts.email],
      ['phone', contacts.phone],
      ['whatsapp', contacts.whatsapp],
      ['postal', tx(contacts.postal)],
      ['form', contacts.form],
    ]
    for (const [channel, value] of entries) {
      if (value === undefined) continue
      const label = channelLabels[channel][locale]
      b.li(
        channel,
        `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${value}`,
        [`organisation.contacts.${channel}`],
        ['contact'],
      )
    }
    const privacy = org.privacyContact
    if (privacy !== undefined) {
      const role =
        privacy.role === 'dpo'
          ? L('Data protection officer', 'مسؤول حماية البيانات')
          : L('Privacy contact', 'جهة الاتصال الخاصة بالخصوصية')
      const who = privacy.name === undefined ? '' : ` (${privacy.name})`
      const phone = privacy.phone === undefined ? '' : `, ${privacy.phone}`
      b.li(
        'privacy-contact',
        `${role}${who}: ${privacy.email}${phone}`,
        ['organisation.privacyContact'],
        ['privacy-contact'],
      )
    }
    org.addresses?.forEach((address, index) => {
      const label = tx(address.label) ?? L('Address', 'العنوان')
      b.li(
        `address-${index}`,
        `${label}: ${tx(address.lines)}, ${countryName(address.country, locale)}`,
        [`organisation.addresses[${index}]`],
        ['contact'],
      )
    })
  })

  return {
    locale,
    dir: locale === 'ar' ? 'rtl' : 'ltr',
    version,
    title: L(
      `${orgName} Privacy Policy`,
      `سياسة الخصوصية ${/^[\u0600-\u06FF]/.test(orgName) ? 'ل' : 'لـ'}${orgName}`,
    ),
    effectiveDate: org.effectiveDate,
    sections,
  }
}

const capitaliseSentence = (text: string): string => sentence(text.charAt(0).toUpperCase() + text.slice(1))
