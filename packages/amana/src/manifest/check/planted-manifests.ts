import type { Manifest } from '../schema.ts'

/**
 * Test fixtures: a shop's manifest (RUMROM's) with problems planted so that every check rule, and
 * every wording a rule has, fires at least once. finding-copy.test.ts runs the check over them and
 * holds each finding to its catalogue entry. Plain data edits; never used by the service.
 */
// biome-ignore lint/suspicious/noExplicitAny: fixtures edit the parsed YAML freely, past the schema's types
type Loose = any

const plant = (base: Manifest, jurisdictions: readonly string[], edit: (m: Loose) => void): Manifest => {
  const m: Loose = structuredClone(base)
  m.jurisdictions = [...jurisdictions]
  edit(m)
  return m as Manifest
}

/** Undeclared subjects, systems, tables, processors and categories; references; keys; connections. */
const references = (base: Manifest) =>
  plant(base, ['kw'], (m) => {
    m.categories.identity.subjects.push('robot')
    m.categories.identity.storage.nowhere_db = { t: ['x'] }
    m.categories.identity.storage.shop_db.ghosts = ['x']
    m.systems.shop_db.hostedBy = 'cloudco'
    m.systems.uploads_store.tables = { blobs: { key: 'id' } }
    m.systems.crm_db = { kind: 'postgres', country: 'KW', tables: { people: { key: 'id' } } }
    m.systems.shop_db.tables.orders.references = {
      customer_id: 'customers.id',
      a: 'ghost_db.t.id',
      b: 'ghosts.id',
      c: 'uploads_store.blobs.id',
      d: { to: 'crm_db.people.id', follow: 'up' },
    }
    m.systems.shop_db.tables.order_items.key = ['order_id', 'order_id']
    delete m.systems.support_inbox.assignee
    m.purposes.orders.categories.push('ghost_cat')
    m.purposes.orders.subjects.push('robot')
    m.categories.unused_thing = structuredClone(m.categories.identity)
    delete m.categories.unused_thing.retention
  })

/** Legal bases, consent, sensitive data (Kuwait and Oman's permit). */
const purposes = (base: Manifest) =>
  plant(base, ['kw', 'om'], (m) => {
    delete m.purposes.support.legalBasis
    m.purposes.marketing.consent.required = false
    m.purposes.analytics.consent.toggleable = false
    m.categories.payment.sensitivity = 'sensitive'
  })

/** Allowlists, fields, transfers, shares. */
const processors = (base: Manifest) =>
  plant(base, ['kw'], (m) => {
    m.processors.payments.categories.ghost_cat = 'all'
    m.processors.payments.categories.identity = ['first_name', 'nickname']
    m.processors.couriers.countries = ['US']
    m.processors.mailchimp.transfer = { mechanism: 'pinky-promise' }
    m.systems.uploads_store.country = 'US'
    m.purposes.orders.shares.ghost_proc = ['identity']
    m.purposes.support.shares = { payments: ['payment'] }
    m.purposes.orders.shares.couriers.push('payment')
  })

/** Trackers under an opt-in law (Kuwait) and an opt-out one (California). */
const cookies = (base: Manifest) =>
  plant(base, ['kw', 'us-ca'], (m) => {
    m.cookies.consentBanner = false
    m.cookies.trackers._ga.purpose = 'ghost_purpose'
    m.cookies.trackers._fbp.collects.push('identity')
    m.cookies.trackers.pix = {
      provider: 'ghost_vendor',
      party: 'third',
      category: 'functionality',
      duration: 'P1Y',
      purpose: 'orders',
      collects: ['ghost_cat'],
    }
    m.cookies.trackers.hj = {
      provider: 'google_analytics',
      party: 'third',
      category: 'analytics',
      duration: 'P1Y',
      purpose: 'fraud',
    }
  })

/** Advertising to children, an age below the law; a right every law already grants; breach windows. */
const childrenAndBreach = (base: Manifest) =>
  plant(base, ['kw', 'om', 'eu-gdpr'], (m) => {
    m.subjects.kid = { kind: 'child', description: { en: 'children', ar: 'الأطفال' } }
    m.children.directedAtChildren = true
    m.children.parentalConsent = false
    m.children.minimumAge = 10
    m.purposes.ads_for_kids = { ...structuredClone(m.purposes.advertising), subjects: ['kid'] }
    delete m.purposes.advertising.subjects
    m.breach.notifyRegulatorHours = 1000
    m.breach.notifyIndividualsHours = 1000
  })

const promises = (base: Manifest) =>
  plant(base, ['eu-gdpr'], (m) => {
    m.commitments.promisedRights = ['port']
  })

/** Disclosures the policy cannot make; untranslated text; placeholders. */
const disclosures = (base: Manifest) =>
  plant(base, ['kw', 'eu-gdpr', 'us-ca'], (m) => {
    m.organisation.contacts = {}
    m.organisation.languages = ['en']
    delete m.organisation.privacyContact
    for (const key of ['requests', 'complaints', 'cookies', 'security', 'breach', 'changes', 'children'])
      delete m[key]
    delete m.commitments.automatedDecisions
    delete m.commitments.sellsPersonalData
  })

const texts = (base: Manifest) =>
  plant(base, ['kw'], (m) => {
    m.organisation.services = { en: 'our website' }
    m.organisation.website = 'https://rumrom.example.com'
    m.processors.couriers.name = 'Courier (TBC)'
    m.categories.usage.description = { en: 'Lorem ipsum dolor', ar: 'Lorem ipsum dolor' }
  })

/** California's notice: sources, and categories sold with no advertising purpose; own records kept too briefly. */
const california = (base: Manifest) =>
  plant(base, ['kw', 'us-ca'], (m) => {
    delete m.categories.identity.source
    m.commitments.sellsPersonalData = true
    delete m.purposes.advertising
    delete m.cookies.trackers._fbp
    m.ownRecords = { requestRecords: 'P1M' }
  })

/** Retention: events, their senders, crypto-shred on columns that cannot hold tokens. */
const retention = (base: Manifest) =>
  plant(base, ['kw'], (m) => {
    m.events = ['order.fulfilled', 'bogus.event']
    m.categories.contact.retention.action = 'crypto-shred'
    m.categories.contact.storage = {
      shop_db: {
        customers: ['id', 'email'],
        orders: ['customer_id'],
        sessions: ['created_at'],
        uploads: ['path'],
      },
      uploads_store: { designs: ['file'] },
    }
    m.categories.device.retention.after = 'last-activity'
  })

/** Every planted manifest, by what it exercises. */
export const plantedManifests = (base: Manifest): { readonly name: string; readonly manifest: Manifest }[] =>
  Object.entries({
    references,
    purposes,
    processors,
    cookies,
    childrenAndBreach,
    promises,
    disclosures,
    texts,
    california,
    retention,
  }).map(([name, build]) => ({ name, manifest: build(base) }))
