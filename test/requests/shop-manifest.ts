import { type Manifest, parseManifest } from '../../packages/amana/src/manifest/index.ts'

/** A manifest for the test shop (test/fixtures/shop): the RUMROM Bakery's promises over that schema. */
export const shopManifestYaml = (
  kind: 'postgres' | 'mysql' = 'postgres',
  options: { processors?: boolean } = {},
): string => `
version: 1
organisation:
  legalName: RUMROM Bakery
  tradingName: { en: RUMROM Bakery, ar: رمروم بيكري }
  homeCountry: KW
  website: https://rumrom.example
  services: { en: our website, ar: موقعنا }
  contacts: { email: hello@rumrom.example }
  privacyContact: { role: privacy-contact, email: privacy@rumrom.example }
  languages: [en, ar]
  effectiveDate: 2026-01-01
jurisdictions: [kw, eu-gdpr, us-ca]
commitments: { requestDeadlineDays: 30 }
subjects:
  customer: { kind: customer }
systems:
  shop_db:
    kind: ${kind}
    connection: { env: SHOP_DB_URL }
    country: KW
    tables:
      customers: { key: id, identity: [email, phone] }
      addresses: { key: id, references: { customer_id: customers.id } }
      orders: { key: id, identity: [customer_email], references: { customer_id: customers.id, shipping_address_id: addresses.id } }
      order_items: { key: id, references: { order_id: orders.id } }
      cake_designs: { key: id, references: { customer_id: customers.id, order_id: orders.id }, files: [image_path] }
      events: { key: id, references: { customer_id: customers.id } }
      newsletter_subscriptions: { key: id, identity: [email] }
      reviews: { key: id, references: { customer_id: customers.id } }
      gift notes: { key: id, references: { order: orders.id } }
  design_images:
    kind: files
    connection: { env: DESIGN_FILES_ROOT }
    country: KW
categories:
  identity:
    kind: identity
    description: { en: your name and date of birth, ar: اسمك وتاريخ ميلادك }
    source: subject
    storage: { shop_db: { customers: [full_name, birth_date, marketing_opt_in], orders: [shipping_name], reviews: [display_name] } }
    retention: { keep: P30D, after: account-closed, action: delete }
  contact:
    kind: contact
    description: { en: 'your email, phone and addresses', ar: بريدك وهاتفك وعناوينك }
    source: subject
    storage:
      shop_db:
        customers: [email, phone]
        orders: [customer_email]
        newsletter_subscriptions: [email]
        addresses: [line1, city, postcode]
        gift notes: ['to"name', 'note\`s']
    retention: { keep: P30D, after: account-closed, action: delete }
  order_history:
    kind: order-history
    description: { en: what you ordered and paid, ar: ما طلبته ودفعته }
    source: subject
    storage: { shop_db: { orders: [total_amount, placed_at], order_items: [product, unit_price] } }
    retention:
      keep: P7Y
      after: order-fulfilled
      action: anonymise
      criteria: { en: kept 7 years for tax, ar: نحتفظ بها 7 سنوات لأغراض الضرائب }
      legalHold: { reason: { en: tax records, ar: السجلات الضريبية }, keep: P7Y }
  designs:
    kind: customisation
    description: { en: your cake designs and messages, ar: تصاميم الكعك والرسائل }
    source: subject
    storage: { shop_db: { cake_designs: [title, image_path], order_items: [message_on_cake] } }
    retention: { keep: P6M, after: order-fulfilled, action: delete }
  usage:
    kind: usage
    source: automatic
    storage: { shop_db: { events: [url, occurred_at], reviews: [body] } }
    retention: { keep: P13M, after: collection, action: delete }
purposes:
  orders:
    kind: service
    title: { en: Providing our services, ar: تقديم خدماتنا }
    legalBasis: contract
    categories: [identity, contact, order_history, designs]
${options.processors === false ? '' : '    shares: { couriers: [identity, contact] }'}
  analytics:
    kind: analytics
    title: { en: Improving our services, ar: تحسين خدماتنا }
    legalBasis: consent
    categories: [usage]
  marketing:
    kind: marketing
    title: { en: Newsletters, ar: النشرات }
    legalBasis: consent
    categories: [contact]
${
  options.processors === false
    ? ''
    : `processors:
  couriers:
    name: Sahm Couriers
    service: delivery
    categories: { identity: all, contact: all }
    countries: [KW]
    contact: { email: privacy@couriers.example }`
}
`

export const shopManifest = (
  kind: 'postgres' | 'mysql' = 'postgres',
  options: { processors?: boolean } = {},
): Manifest => {
  const parsed = parseManifest(shopManifestYaml(kind, options))
  if (!parsed.ok)
    throw new Error(`test manifest: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)
  return parsed.value.manifest
}
