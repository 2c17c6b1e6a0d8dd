import { z } from 'zod'
import { jurisdictionIds, legalBases, locales, rightIds, transferMechanisms } from '../jurisdictions/index.ts'
import {
  categoryKinds,
  changeChannels,
  childUses,
  contactChannels,
  cookieCategories,
  processorServices,
  purposeKinds,
  recipientRoles,
  retentionActions,
  retentionEvents,
  securityMeasures,
  sensitivities,
  subjectKinds,
  systemKinds,
  trackerTypes,
  verificationMethods,
  withdrawChannels,
} from './vocabulary.ts'

/** Free text: one string for every language, or one per language (`{ en: …, ar: … }`). */
export const TextSchema = z.union([
  z.string().min(1),
  z.strictObject({ en: z.string().min(1).optional(), ar: z.string().min(1).optional() }),
])
export type Text = z.infer<typeof TextSchema>

const isoDuration = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/
export const DurationSchema = z
  .string()
  .regex(isoDuration, { error: 'expected an ISO-8601 duration such as P7Y, P6M, P30D or PT12H' })

const Id = z.string().regex(/^[a-z][a-z0-9_-]*$/, { error: 'ids are lowercase letters, digits, "_" and "-"' })
const Country = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166-1 alpha-2 country code such as KW' })
const EnvName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, {
  error: 'expected the NAME of an environment variable (e.g. SHOP_DATABASE_URL), never the secret itself',
})
const Phone = z
  .string()
  .regex(/^\+?[0-9 ()-]{6,20}$/, { error: 'expected a phone number such as +965 99095385' })
const Column = z.string().min(1)

export const LegalBasisSchema = z.enum(legalBases)
const JurisdictionIdSchema = z.enum(jurisdictionIds)

export const RetentionSchema = z.strictObject({
  keep: DurationSchema,
  after: z.enum(retentionEvents),
  action: z.enum(retentionActions),
  criteria: TextSchema.optional(),
  /**
   * For `after: last-activity`: email the person this long before their data goes (`P30D`), in
   * their language; signing in again cancels it. Deletion waits until the notice is that old.
   */
  notice: z.strictObject({ before: DurationSchema }).optional(),
  legalHold: z
    .strictObject({
      reason: TextSchema,
      keep: DurationSchema,
      law: z.string().min(1).optional(),
    })
    .optional(),
})
export type Retention = z.infer<typeof RetentionSchema>

const ContactsSchema = z.strictObject({
  email: z.email().optional(),
  phone: Phone.optional(),
  whatsapp: Phone.optional(),
  postal: TextSchema.optional(),
  form: z.url().optional(),
})

const OrganisationSchema = z.strictObject({
  legalName: z.string().min(1),
  tradingName: TextSchema.optional(),
  homeCountry: Country,
  website: z.url().optional(),
  /** What the policy covers, e.g. "our website rumrom.com and our mobile app". */
  services: TextSchema,
  addresses: z
    .array(z.strictObject({ label: TextSchema.optional(), lines: TextSchema, country: Country }))
    .optional(),
  contacts: ContactsSchema,
  privacyContact: z
    .strictObject({
      role: z.enum(['dpo', 'privacy-contact']),
      name: z.string().min(1).optional(),
      email: z.email(),
      phone: Phone.optional(),
    })
    .optional(),
  /**
   * A representative where a law asks a shop outside its region to name one (GDPR and UK GDPR Art. 27):
   * `{ for: eu-gdpr, name: …, address: …, email: … }`.
   */
  representatives: z
    .array(
      z.strictObject({
        for: z.enum(['eu-gdpr', 'uk-gdpr']),
        name: TextSchema,
        address: TextSchema,
        email: z.email().optional(),
      }),
    )
    .optional(),
  /** Registrations with an authority (Kenya: the ODPC's certificate of registration as a data controller). */
  registrations: z
    .array(
      z.strictObject({
        jurisdiction: JurisdictionIdSchema,
        number: z.string().min(1),
        role: z.enum(['controller', 'processor', 'controller-and-processor']).optional(),
      }),
    )
    .optional(),
  languages: z.array(z.enum(locales)).min(1),
  effectiveDate: z.iso.date(),
})

const CommitmentsSchema = z.strictObject({
  /** Answer every request within this many days, even where the law allows longer. */
  requestDeadlineDays: z.int().positive().optional(),
  sellsPersonalData: z.boolean().optional(),
  automatedDecisions: z.boolean().optional(),
  /** We disclose data when the law requires it (court order, law-enforcement request). */
  legalDisclosure: z.boolean().optional(),
  /** We cooperate with the data protection authorities in their inquiries and investigations. */
  cooperatesWithAuthorities: z.boolean().optional(),
  /** How long the audit trail of who touched personal data is kept (default 12 months). */
  auditRetentionMonths: z.int().min(1).max(120).optional(),
  /**
   * Rights the shop gives everyone although a law it serves does not (RUMROM: portability in
   * Kuwait). The policy lists them, and requests for them run on the same clocks.
   */
  promisedRights: z.array(z.enum(rightIds)).optional(),
  /**
   * CCPA: sensitive personal information is used only for what Cal. Code Regs. tit. 11 § 7027(m)
   * allows (providing what you asked for, security), so the right to limit does not arise. `false`:
   * the policy offers the right to limit.
   */
  sensitiveUseLimited: z.boolean().optional(),
})

const SubjectSchema = z
  .strictObject({
    kind: z.enum(subjectKinds),
    description: TextSchema.optional(),
    /**
     * `controller` (default): we decide why and how their data is used. `processor`: we handle it for
     * another organisation (a client), which decides; the policy names it and states no legal basis of ours.
     */
    role: z.enum(['controller', 'processor']).optional(),
    /** The organisation that decides about this group's data when we act as its processor. */
    controller: z.strictObject({ name: TextSchema, contact: TextSchema.optional() }).optional(),
  })
  .refine((subject) => subject.role !== 'processor' || subject.controller !== undefined, {
    path: ['controller'],
    error:
      'a group we process for another organisation needs that organisation named: add e.g. "controller: { name: the client company that engaged us }"',
  })

/** `table.column` in the same system, or `system.table.column` in another one. */
const TableColumn = z.string().regex(/^([a-z][a-z0-9_-]*\.)?[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/, {
  error: 'expected "table.column", or "system.table.column" for a table in another system',
})

export const ReferenceSpecSchema = z.strictObject({
  to: TableColumn,
  /** `down` (default): this table's rows are found from the target's; `up`: the target row is found from this row. */
  follow: z.enum(['down', 'up']).optional(),
  /** With `follow: up`, when others refer to the same row: `unlink` (default) sets this column NULL, `keep` leaves it. */
  whenShared: z.enum(['unlink', 'keep']).optional(),
})
export type ReferenceSpec = z.infer<typeof ReferenceSpecSchema>

/** The target of a reference, in either form. */
export const referenceTarget = (reference: string | ReferenceSpec): string =>
  typeof reference === 'string' ? reference : reference.to

/** A reference's target split: `system` only when it names another system (`system.table.column`). */
export const referenceParts = (
  reference: string | ReferenceSpec,
): { system?: string; table: string; column: string } => {
  const parts = referenceTarget(reference).split('.')
  const [a = '', b = '', c] = parts
  return c === undefined ? { table: a, column: b } : { system: a, table: b, column: c }
}

/** A table's key columns: `key: id` or a composite `key: [order_id, line_no]`; `id` when unset. */
export const keyColumns = (table: { key?: string | readonly string[] | undefined }): string[] =>
  table.key === undefined ? ['id'] : typeof table.key === 'string' ? [table.key] : [...table.key]

const TableSchema = z.strictObject({
  /** The primary key: one column, or several (`[order_id, line_no]`) for a composite key. Default `id`. */
  key: z.union([Column, z.array(Column).min(1)]).optional(),
  /** Columns that identify the subject directly (looked up in a data-subject request). */
  identity: z.array(Column).optional(),
  /**
   * column → "table.column": rows of this table referring to the subject's rows are theirs too.
   * Or `{ to: "table.column", follow: up, whenShared: unlink | keep }`: the row this column points
   * at (an address several customers may share) is the subject's only as far as their row links to
   * it; an erasure changes it only when no one else refers to it, otherwise the link is cut or kept.
   */
  references: z.record(Column, z.union([TableColumn, ReferenceSpecSchema])).optional(),
  /** Columns that hold paths of uploaded files (erased with the row). */
  files: z.array(Column).optional(),
  /**
   * Retention event → the column holding when it happened for each row (`collection: created_at`,
   * `order-fulfilled: fulfilled_at`). An event without a column here is timed by Amana's own clock,
   * which `POST /v1/events` sets (docs/retention.md).
   */
  timestamps: z.partialRecord(z.enum(retentionEvents), Column).optional(),
  /** The column holding the person's country (ISO 3166-1 alpha-2): an incident places them by it. */
  country: Column.optional(),
  /** The column holding the language the person uses with the shop (`en`, `ar`): their notices use it. */
  language: Column.optional(),
})

const SystemSchema = z.strictObject({
  kind: z.enum(systemKinds),
  description: TextSchema.optional(),
  connection: z.strictObject({ env: EnvName, secretEnv: EnvName.optional() }).optional(),
  assignee: z.email().optional(),
  /** Where the system's data lives; a country outside a served law's region makes it a transfer. */
  country: Country,
  hostedBy: Id.optional(),
  /** The safeguard for the system's data abroad, when not its host's (`hostedBy`) `transfer`. */
  transfer: z
    .strictObject({ mechanism: z.enum(transferMechanisms), details: TextSchema.optional() })
    .optional(),
  tables: z.record(z.string().min(1), TableSchema).optional(),
})

const CategorySource = z.enum(['subject', 'third-party', 'automatic'])

const CategorySchema = z.strictObject({
  kind: z.enum(categoryKinds),
  label: TextSchema.optional(),
  description: TextSchema.optional(),
  sensitivity: z.enum(sensitivities).default('normal'),
  subjects: z.array(Id).optional(),
  /** Where it comes from: one source, or several (`[subject, third-party]`: you, or a friend ordering for you). */
  source: z.union([CategorySource, z.array(CategorySource).min(1)]).optional(),
  /**
   * GDPR Art. 13(2)(e): whether you must give it and what happens if you do not
   * (`{ required: true, consequence: "we cannot deliver your order" }`).
   */
  provision: z.strictObject({ required: z.boolean(), consequence: TextSchema.optional() }).optional(),
  /** system → table → fields */
  storage: z.record(Id, z.record(z.string().min(1), z.array(Column).min(1))).optional(),
  retention: RetentionSchema.optional(),
  permit: z.strictObject({ authority: z.string().min(1), reference: z.string().min(1) }).optional(),
})

/** One basis, or several the purpose rests on together (`[contract, legal-obligation]`). */
const LegalBasesSchema = z.union([LegalBasisSchema, z.array(LegalBasisSchema).min(1)])
/** Per jurisdiction (`{ eu-gdpr: consent, default: legitimate-interest }`), each one basis or several. */
const LegalBasisByJurisdiction = z.partialRecord(z.enum([...jurisdictionIds, 'default']), LegalBasesSchema)

const PurposeSchema = z.strictObject({
  kind: z.enum(purposeKinds),
  title: TextSchema,
  description: TextSchema.optional(),
  /** Required, except for a purpose whose subjects are all processed for another controller (`role: processor`). */
  legalBasis: z.union([LegalBasesSchema, LegalBasisByJurisdiction]).optional(),
  legitimateInterest: TextSchema.optional(),
  consent: z
    .strictObject({
      required: z.boolean(),
      toggleable: z.boolean().optional(),
      withdraw: z.array(z.enum(withdrawChannels)).optional(),
    })
    .optional(),
  categories: z.array(Id).min(1),
  subjects: z.array(Id).optional(),
  /** processor → categories this purpose sends it */
  shares: z.record(Id, z.array(Id).min(1)).optional(),
  retention: RetentionSchema.optional(),
})

const ProcessorSchema = z.strictObject({
  /** The provider's name: one string, or per language (`{ en: Tasdeed Payments, ar: تسديد للمدفوعات }`). */
  name: TextSchema,
  role: z.enum(recipientRoles).default('processor'),
  service: z.enum(processorServices),
  description: TextSchema.optional(),
  /** The allowlist: category → the fields it may receive, or "all". */
  categories: z.record(Id, z.union([z.literal('all'), z.array(Column).min(1)])),
  countries: z.array(Country).min(1),
  transfer: z
    .strictObject({ mechanism: z.enum(transferMechanisms), details: TextSchema.optional() })
    .optional(),
  security: z.array(z.enum(securityMeasures)).optional(),
  certifications: z.array(z.string().min(1)).optional(),
  policyUrl: z.url().optional(),
  contact: z
    .strictObject({ email: z.email().optional(), url: z.url().optional(), phone: Phone.optional() })
    .optional(),
})

const TrackerSchema = z.strictObject({
  provider: z.string().min(1),
  party: z.enum(['first', 'third']),
  type: z.enum(trackerTypes).default('cookie'),
  category: z.enum(cookieCategories),
  duration: z.union([z.literal('session'), DurationSchema]),
  purpose: Id,
  description: TextSchema.optional(),
  /** Categories the tracker collects (its provider must be allowed them). */
  collects: z.array(Id).optional(),
})

const CookiesSchema = z.strictObject({
  consentBanner: z.boolean(),
  preferencesUrl: z.url().optional(),
  trackers: z.record(z.string().min(1), TrackerSchema),
})

const ChildrenSchema = z.strictObject({
  directedAtChildren: z.boolean(),
  minimumAge: z.int().min(0).max(21),
  /** Another minimum age where a jurisdiction's law sets one (13 in California, 16 in the EEA). */
  minimumAgeBy: z.partialRecord(JurisdictionIdSchema, z.int().min(0).max(21)).optional(),
  parentalConsent: z.boolean(),
  ageVerification: TextSchema.optional(),
  neverUsedFor: z.array(z.enum(childUses)).optional(),
  parentsRights: TextSchema.optional(),
})

const SecuritySchema = z.strictObject({
  measures: z.array(z.enum(securityMeasures)).min(1),
  description: TextSchema.optional(),
  processorSelection: TextSchema.optional(),
})

const BreachSchema = z.strictObject({
  notifyRegulatorHours: z.int().min(0),
  notifyIndividualsHours: z.int().min(0),
  team: TextSchema.optional(),
  guidance: TextSchema.optional(),
})

/** Where a person can take a complaint we did not settle: an authority, a mediator, an arbitrator. */
const EscalationSchema = z
  .strictObject({
    kind: z.enum(['authority', 'mediation', 'arbitration', 'consumer-protection', 'ombudsman']),
    name: TextSchema,
    description: TextSchema.optional(),
    email: z.email().optional(),
    phone: Phone.optional(),
    postal: TextSchema.optional(),
    form: z.url().optional(),
    website: z.url().optional(),
  })
  .refine((route) => [route.email, route.phone, route.postal, route.form, route.website].some(Boolean), {
    error: 'an escalation route needs a way to reach it: add one of email, phone, postal, form or website',
  })
export type Escalation = z.infer<typeof EscalationSchema>

const ComplaintsSchema = z.strictObject({
  channels: z.array(z.enum(contactChannels)).min(1),
  acknowledgeDays: z.int().positive().optional(),
  responseDays: z.int().positive(),
  mediation: z.boolean().optional(),
  arbitration: z.boolean().optional(),
  consumerProtection: TextSchema.optional(),
  /** Routes beyond us, in the order to try them (the policy and the complaint acknowledgement list them). */
  escalation: z.array(EscalationSchema).optional(),
})

const ChangesSchema = z.strictObject({
  notify: z.array(z.enum(changeChannels)).min(1),
  /** Notices go out for significant changes only (small corrections are just published). */
  significantOnly: z.boolean().optional(),
  advanceDays: z.int().min(0).optional(),
})

const RequestsSchema = z.strictObject({
  channels: z.array(z.enum(contactChannels)).min(1),
  form: z.url().optional(),
  verification: z.array(z.enum(verificationMethods)).min(1),
  documents: TextSchema.optional(),
  // No default: the policy says "free of charge" only when the shop declares it.
  fee: z.enum(['free', 'reasonable-fee-for-repeated-requests']).optional(),
  /** Requests made by someone the person authorised (CCPA § 1798.135, Cal. Code Regs. tit. 11 § 7063). */
  authorisedAgents: z.boolean().optional(),
})

/**
 * How long Amana keeps its own records about requests and choices (defaults in own-records.ts,
 * which the policy and the own-records sweep both read). Each period counts from the event named.
 */
const OwnRecordsSchema = z.strictObject({
  /** A sent (or given-up) mail's outbox row, from when it was sent. Default P90D. */
  sentMail: DurationSchema.optional(),
  /** A verification code, from when it expired. Default P1D. */
  verificationCodes: DurationSchema.optional(),
  /** An access package's download period, from when it was ready. Default P30D. */
  accessPackages: DurationSchema.optional(),
  /** A request's record, from when it closed; then only a stub without personal data stays. Default P3Y. */
  requestRecords: DurationSchema.optional(),
  /** A consent record, from when the person withdrew or replaced that choice. Default P3Y. */
  consentRecords: DurationSchema.optional(),
  /** How long the host's log collector keeps Amana's service logs (Amana keeps no log file). */
  logs: DurationSchema.optional(),
})

/** An origin a page showing the banner is served from: scheme and host (and port), no path. */
const WebsiteOrigin = z
  .url({ protocol: /^https?$/, error: 'expected an origin such as https://staging.rumrom.com' })
  .refine((v) => !URL.canParse(v) || new URL(v).origin === v.replace(/\/$/, ''), {
    error: 'expected an origin (scheme and host, no path), such as https://staging.rumrom.com',
  })

export const ManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  organisation: OrganisationSchema,
  /** More origins whose pages show the banner and record choices (a staging site, a second domain, app web views), besides `organisation.website`. */
  websites: z.array(WebsiteOrigin).optional(),
  jurisdictions: z.array(JurisdictionIdSchema).min(1),
  commitments: CommitmentsSchema.optional(),
  subjects: z.record(Id, SubjectSchema),
  systems: z.record(Id, SystemSchema).optional(),
  categories: z.record(Id, CategorySchema),
  purposes: z.record(Id, PurposeSchema),
  processors: z.record(Id, ProcessorSchema).optional(),
  cookies: CookiesSchema.optional(),
  children: ChildrenSchema.optional(),
  security: SecuritySchema.optional(),
  breach: BreachSchema.optional(),
  complaints: ComplaintsSchema.optional(),
  changes: ChangesSchema.optional(),
  requests: RequestsSchema.optional(),
  /**
   * The events the shop's backend sends to POST /v1/events (`order.fulfilled`, `signed-in`, …):
   * `amana check` reports a retention rule that neither these nor a `timestamps:` column start.
   */
  events: z.array(z.string().min(1)).optional(),
  /** Amana's own records (sent mail, codes, packages, request and consent records, logs): their periods. */
  ownRecords: OwnRecordsSchema.optional(),
})

export type Manifest = z.infer<typeof ManifestSchema>
export type Organisation = Manifest['organisation']
export type Category = z.infer<typeof CategorySchema>
export type Purpose = z.infer<typeof PurposeSchema>
export type Processor = z.infer<typeof ProcessorSchema>
export type ManifestSystem = z.infer<typeof SystemSchema>
export type Tracker = z.infer<typeof TrackerSchema>
export type Subject = z.infer<typeof SubjectSchema>
export type OwnRecords = z.infer<typeof OwnRecordsSchema>

/** The JSON Schema editors use to autocomplete amana.yaml (what `amana schema` prints). */
export const manifestJsonSchema = (): Record<string, unknown> =>
  z.toJSONSchema(ManifestSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
