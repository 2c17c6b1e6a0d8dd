import { hash } from 'node:crypto'
import { assertStorableString, canonicalJson, type JsonObject } from './canonical-json.ts'

export const actorTypes = ['staff', 'api-key', 'subject', 'system'] as const
export type ActorType = (typeof actorTypes)[number]

export interface AuditActor {
  readonly type: ActorType
  /** Staff id, API key id, subject id, or a system component name ('retention-sweep'). */
  readonly id: string
}

/** The actions Amana records; features may add more of the same `area.verb` shape. */
export const auditActions = [
  'personal-data.read',
  'personal-data.exported',
  'consent.changed',
  'request.step',
  'disclosure.sent',
  'staff.login',
  'staff.login-failed',
  'staff.role-changed',
  'config.changed',
  'subject.shredded',
  'audit.exported',
] as const
export type AuditAction = (typeof auditActions)[number] | (string & {})

/** What a caller records. `details` must hold no raw personal data: ids, field names, counts. */
export interface AuditEvent {
  readonly actor: AuditActor
  readonly action: AuditAction
  readonly subjectId?: string
  readonly purpose?: string
  readonly target?: string
  readonly ip?: string
  readonly userAgent?: string
  readonly requestId?: string
  readonly details?: JsonObject
}

export interface AuditEntry extends AuditEvent {
  readonly seq: number
  readonly at: Date
}

/** A row as stored and as exported: the hashed body and the chain links. */
export interface ChainRow {
  readonly seq: number
  readonly body: string
  readonly prevHash: string
  readonly hash: string
  /** From the database only: whether the readable columns agree with the body. */
  readonly projectionOk?: boolean
}

/** The readable copies of the body's first fields, stored beside it for filtering. */
export interface EntryProjection {
  readonly at: Date
  readonly actorType: ActorType
  readonly actorId: string
  readonly action: string
  readonly subjectId: string | null
}

export const GENESIS_HASH = '0'.repeat(64)
export const BODY_VERSION = 1

/**
 * Body format v1, the exact bytes the hash covers: a JSON array
 * `[1, seq, atMs, actorType, actorId, action, subjectId, purpose, target, ip, userAgent, requestId, details]`
 * with absent values as null and `details` in canonical JSON (keys sorted). Positional, so a verifier
 * checks `seq` with a prefix comparison instead of parsing a million bodies.
 */
export interface PreparedEvent {
  /** Everything after `[1,seq,` — computed outside the chain lock. */
  readonly tail: string
  readonly projection: EntryProjection
}

const ACTION_PATTERN = /^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/
// Ids need no JSON escaping, which keeps the database-side projection check to plain concatenation.
const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/
const EMAIL_PATTERN = /[^\s@]+@[^\s@]+\.[^\s@]+/
const PHONE_PATTERN = /^\+?[\d\s().-]{7,}$/
// A calendar date (a deadline, a hold's end) is not a phone number, though it is digits and dashes.
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

export type EventIssue = { readonly path: string; readonly message: string }

/** Checks an event and returns its issues; an empty list means it can be appended. */
export const checkEvent = (event: AuditEvent): EventIssue[] => {
  const issues: EventIssue[] = []
  if (!actorTypes.includes(event.actor.type))
    issues.push({ path: 'actor.type', message: `must be one of ${actorTypes.join(', ')}` })
  if (!ID_PATTERN.test(event.actor.id))
    issues.push({ path: 'actor.id', message: 'must be 1–200 of A–Z a–z 0–9 _ . : -' })
  if (event.subjectId !== undefined && !ID_PATTERN.test(event.subjectId)) {
    issues.push({ path: 'subjectId', message: 'must be 1–200 of A–Z a–z 0–9 _ . : -' })
  }
  if (!ACTION_PATTERN.test(event.action))
    issues.push({ path: 'action', message: "must look like 'area.verb', e.g. 'consent.changed'" })
  for (const key of ['subjectId', 'purpose', 'target', 'ip', 'userAgent', 'requestId'] as const) {
    const value = event[key]
    if (value !== undefined && value.length > 1024)
      issues.push({ path: key, message: 'is longer than 1,024 characters' })
  }
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      // Refuse what is plainly contact data; ids, field names and counts are what belongs here.
      if (EMAIL_PATTERN.test(value) || (PHONE_PATTERN.test(value) && !DATE_PATTERN.test(value))) {
        issues.push({
          path,
          message: 'looks like an email address or phone number; details must not hold personal data',
        })
      }
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${path}[${i}]`)
    } else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`)
  }
  visit(event.details ?? {}, 'details')
  return issues
}

/** Builds the body tail. Throws RangeError for strings or numbers that cannot be stored. */
export const prepareEvent = (event: AuditEvent, at: Date): PreparedEvent => {
  const fields = [
    event.actor.type,
    event.actor.id,
    event.action,
    event.subjectId,
    event.purpose,
    event.target,
    event.ip,
    event.userAgent,
    event.requestId,
  ]
  for (const f of fields) if (f !== undefined) assertStorableString(f)
  const head = JSON.stringify([at.getTime(), ...fields.map((f) => f ?? null)])
  const projection = {
    at,
    actorType: event.actor.type,
    actorId: event.actor.id,
    action: event.action,
    subjectId: event.subjectId ?? null,
  }
  return { tail: `${head.slice(1, -1)},${canonicalJson(event.details ?? {})}]`, projection }
}

export const bodyPrefix = (seq: number): string => `[${BODY_VERSION},${seq},`

export const buildBody = (seq: number, prepared: PreparedEvent): string => bodyPrefix(seq) + prepared.tail

/** hash = SHA-256 hex of (prevHash ‖ body), both as UTF-8 text. */
export const entryHash = (prevHash: string, body: string): string => linkedHash(prevHash + body)

/** entryHash over `prevHash ‖ body` already joined (a slice of a chain text). */
export const linkedHash = (prevHashAndBody: string): string => hash('sha256', prevHashAndBody)

/** Characters in a hash and in a prevHash: hex SHA-256. */
export const HASH_CHARS = 64

/** Reads a body back into an entry. Throws on a body that is not format v1. */
export const parseBody = (body: string): AuditEntry => {
  const parsed: unknown = JSON.parse(body)
  if (!Array.isArray(parsed) || parsed.length !== 13 || parsed[0] !== BODY_VERSION)
    throw new SyntaxError('not an audit body v1')
  const [
    ,
    seq,
    atMs,
    actorType,
    actorId,
    action,
    subjectId,
    purpose,
    target,
    ip,
    userAgent,
    requestId,
    details,
  ] = parsed as [
    number,
    number,
    number,
    ActorType,
    string,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    JsonObject,
  ]
  const optional = { subjectId, purpose, target, ip, userAgent, requestId }
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== null)) as Partial<
    Record<keyof typeof optional, string>
  >
  return { seq, at: new Date(atMs), actor: { type: actorType, id: actorId }, action, ...present, details }
}
