import { z } from 'zod'
import { jurisdictionIds } from '../../jurisdictions/index.ts'
import { channels, consentMethods } from '../domain/consent-record.ts'
import { decisionReasons } from '../domain/decide.ts'
import { cleanRecordOrigin } from '../domain/record-origin.ts'

export const Id = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'ids are lowercase letters, digits, "_" and "-" (at most 64)')
// The widget's ids are 32 hex digits; API callers may send a UUID. Both are stored as a UUID.
export const RecordId = z
  .string()
  .regex(
    /^[0-9a-fA-F]{32}$|^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'expected 32 hex digits or a UUID',
  )
  .transform((v) => {
    const h = v.replaceAll('-', '').toLowerCase()
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  })

// A language tag, never free text: it is stored in the append-only ledger.
const LanguageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'expected a language tag such as en or ar-KW')
  .max(35)

export const WidgetRecordSchema = z.object({
  recordId: RecordId,
  deviceId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected the random device id from the amana_consent cookie'),
  method: z.enum(['banner-accept-all', 'banner-reject-all', 'banner-custom', 'gpc']),
  granted: z.array(Id).max(16),
  refused: z.array(Id).max(16),
  policyVersion: z.string().min(1).max(64),
  locale: LanguageTag,
  gpc: z.boolean(),
  conflict: z.literal(true).optional(),
  source: z.string().max(2048),
})

export const SubjectParam = z
  .string()
  .min(1)
  .max(256)
  .describe('account:<id>, device:<id>, or a bare account id')
const JurisdictionParam = z.enum(jurisdictionIds)

// The ledger is append-only: what lands in `source` or `notice` can never be erased, so both are
// reduced to origin + path (URLs) or refused unless a short label (see docs/consent.md).
const RecordOrigin = (fallback: string) =>
  z
    .string()
    .max(2048)
    .default(fallback)
    .transform((value, issue) => {
      const cleaned = cleanRecordOrigin(value)
      if (cleaned.ok) return cleaned.value
      issue.addIssue({ code: 'custom', message: cleaned.problem })
      return z.NEVER
    })

export const ApiRecordSchema = z.object({
  recordId: RecordId.optional(),
  subject: SubjectParam,
  method: z.enum(consentMethods),
  choices: z
    .array(z.object({ purpose: Id, channel: z.enum(channels).optional(), granted: z.boolean() }))
    .min(1)
    .max(64),
  locale: LanguageTag.default('und'),
  jurisdiction: JurisdictionParam.optional(),
  notice: RecordOrigin('api'),
  source: RecordOrigin('api'),
  child: z.boolean().default(false),
})

export const DecisionQuery = z.object({
  subject: SubjectParam,
  purpose: Id,
  channel: z.enum(channels).optional(),
  jurisdiction: JurisdictionParam.optional(),
  child: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** The person's age in whole years: under the manifest's minimum age for the jurisdiction = a child. */
  age: z
    .string()
    .regex(/^\d{1,3}$/, 'a whole number of years, e.g. 15')
    .transform(Number)
    .optional(),
  gpc: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
})

export const DecisionBody = z.object({
  subject: SubjectParam,
  purposes: z.array(Id).min(1).max(64),
  channel: z.enum(channels).optional(),
  jurisdiction: JurisdictionParam.optional(),
  child: z.boolean().optional(),
  /** The person's age in whole years: under the manifest's minimum age for the jurisdiction = a child. */
  age: z.int().min(0).max(150).optional(),
  gpc: z.boolean().optional(),
})

export const DecisionView = z.object({
  purpose: z.string(),
  allow: z.boolean(),
  reason: z.enum(decisionReasons),
})
export type DecisionAnswer = z.infer<typeof DecisionView>

export const LangQuery = z.object({ lang: z.enum(['en', 'ar']).optional() })
const day = z.iso.date()
export const Period = z.object({ from: day.optional(), to: day.optional() })
