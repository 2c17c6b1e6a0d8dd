import { randomBytes, randomUUID } from 'node:crypto'
import type { JurisdictionPack } from '../jurisdictions/index.ts'
import type { Manifest } from '../manifest/index.ts'
import type { AmanaDatabase } from '../platform/db/index.ts'
import { type ComplaintLocale, escalationRoutes, renderAcknowledgement } from './domain/acknowledgement.ts'
import { type ComplaintChannel, complaintDeadline, dayOf, dueAt, isOverdue } from './domain/complaint.ts'
import type {
  ComplaintAuditPort,
  ComplaintFreezePort,
  ComplaintMailPort,
  ComplaintVaultPort,
} from './ports.ts'
import { type ComplaintRow, complaintStore } from './store.ts'

export interface ComplaintDeps {
  readonly database: AmanaDatabase
  readonly manifest: Manifest
  readonly packs: readonly JurisdictionPack[]
  readonly audit: ComplaintAuditPort
  readonly mail: ComplaintMailPort
  readonly vault: ComplaintVaultPort
  readonly freeze?: ComplaintFreezePort
  readonly now: () => Date
}

export interface ComplaintActor {
  readonly type: 'staff' | 'api-key' | 'subject' | 'system'
  readonly id: string
}

export interface NewComplaint {
  readonly channel: ComplaintChannel
  readonly locale: ComplaintLocale
  readonly email?: string | undefined
  readonly summary: string
  /** The shop's reference for the person (customer/2) when staff know it. */
  readonly subjectRef?: string | undefined
}

const ctx = (id: string, field: string) => ({ record: `complaint:${id}`, field })

/** Privacy complaints: filed or logged, acknowledged at once in the person's language, due, assigned, resolved. */
export const createComplaints = (deps: ComplaintDeps) => {
  const store = complaintStore(deps.database.db)
  const deadline = complaintDeadline(deps.manifest.complaints?.responseDays)
  const record = async (id: string, actor: ComplaintActor, kind: string, note: string) => {
    await store.addEvent({ complaintId: id, at: deps.now(), actor: `${actor.type}:${actor.id}`, kind, note })
    await deps.audit.append({ action: `complaint.${kind}`, actor, target: id })
  }
  const k: Kit = { deps, store, deadline, record }
  return {
    store,
    deadline,
    file: fileComplaint(k),
    /** The routes beyond the shop, in one language, as the acknowledgement states them. */
    escalation: (locale: 'en' | 'ar') => escalationRoutes(deps.manifest, deps.packs, locale),
    ...staffUseCases(k),
  }
}

/** What the complaint use cases share: the store, the due-date rule and the audited timeline. */
interface Kit {
  readonly deps: ComplaintDeps
  readonly store: ReturnType<typeof complaintStore>
  readonly deadline: ReturnType<typeof complaintDeadline>
  readonly record: (id: string, actor: ComplaintActor, kind: string, note: string) => Promise<void>
}

/** A complaint as listed: no text, no address. */
const summaryOf = (row: ComplaintRow, now: Date) => ({
  id: row.id,
  reference: row.reference,
  channel: row.channel,
  locale: row.locale,
  status: row.status,
  assignee: row.assignee,
  receivedAt: row.received_at.toISOString(),
  dueAt: row.due_at.toISOString(),
  day: dayOf(row.received_at, now),
  overdue: isOverdue({ status: row.status, dueAt: row.due_at }, now),
  acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
  resolvedAt: row.resolved_at?.toISOString() ?? null,
})

/** Files or logs a complaint (text and address sealed in the vault) and acknowledges it at once by email. */
const fileComplaint =
  ({ deps, store, deadline, record }: Kit) =>
  async (input: NewComplaint, actor: ComplaintActor) => {
    const now = deps.now()
    const id = randomUUID()
    const reference = `CMP-${randomBytes(4).toString('hex').toUpperCase()}`
    const vaultSubject = `complaint:${id}`
    const due = dueAt(now, deadline.days)
    await store.insert({
      id,
      reference,
      channel: input.channel,
      locale: input.locale,
      subject_ref: input.subjectRef ?? null,
      contact_enc: input.email ? await deps.vault.encrypt(vaultSubject, ctx(id, 'email'), input.email) : null,
      vault_subject: vaultSubject,
      summary_enc: await deps.vault.encrypt(vaultSubject, ctx(id, 'summary'), input.summary),
      received_at: now,
      due_at: due,
    })
    await record(id, actor, 'received', `received by ${input.channel}`)
    if (input.subjectRef) await deps.freeze?.freeze([input.subjectRef], { kind: 'complaint', id }, now)
    if (input.email) {
      const ack = renderAcknowledgement({
        manifest: deps.manifest,
        packs: deps.packs,
        locale: input.locale,
        reference,
        dueAt: due,
      })
      await deps.mail.enqueue({ kind: 'transactional', to: input.email, ...ack }, now)
      await store.acknowledged(id, now)
      await record(
        id,
        { type: 'system', id: 'complaints' },
        'acknowledged',
        `acknowledged in ${input.locale}`,
      )
    }
    return summaryOf((await store.get(id)) as ComplaintRow, now)
  }

/** Staff: list by due date, read (audited), assign, note, resolve. */
const staffUseCases = ({ deps, store, record }: Kit) => ({
  async list(filter: { overdue?: boolean; status?: string }) {
    const now = deps.now()
    const rows = await store.list({
      ...(filter.overdue ? { overdueAt: now } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    })
    return rows.map((r) => summaryOf(r, now))
  },
  /** One complaint with its text and address unsealed: a staff read of personal data, audited. */
  async read(id: string, actor: ComplaintActor) {
    const row = await store.get(id)
    if (!row) return undefined
    await deps.audit.append({ action: 'complaint.read', actor, target: id })
    return {
      ...summaryOf(row, deps.now()),
      summary: await deps.vault.decrypt(row.vault_subject, ctx(id, 'summary'), row.summary_enc),
      email: row.contact_enc
        ? await deps.vault.decrypt(row.vault_subject, ctx(id, 'email'), row.contact_enc)
        : null,
      resolution: row.resolution,
      timeline: (await store.events(id)).map((e) => ({ ...e, at: e.at.toISOString() })),
    }
  },
  async change(
    id: string,
    change: { assignee?: string | undefined; resolution?: string | undefined; note?: string | undefined },
    actor: ComplaintActor,
  ) {
    const row = await store.get(id)
    if (!row) return undefined
    const now = deps.now()
    if (change.assignee !== undefined) {
      await store.update(id, { assignee: change.assignee })
      await record(id, actor, 'assigned', `assigned to ${change.assignee}`)
    }
    if (change.note) await record(id, actor, 'note', change.note)
    if (change.resolution !== undefined && row.status === 'open') {
      await store.update(id, { status: 'resolved', resolution: change.resolution, resolvedAt: now })
      await record(id, actor, 'resolved', 'resolved')
      await deps.freeze?.release({ kind: 'complaint', id }, now)
    }
    return summaryOf((await store.get(id)) as ComplaintRow, now)
  },
})

export type Complaints = ReturnType<typeof createComplaints>
