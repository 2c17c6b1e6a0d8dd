import type { Kysely } from 'kysely'
import { type AuditLedger, parseBody } from '../audit/index.ts'
import { type Database, likeLiteral } from '../platform/db/index.ts'
import type { AuditBrowser, AuditSink } from './audit-port.ts'

/**
 * Connects the staff feature to the hash-chained ledger. The ledger's actor types have no
 * "anonymous"; a caller not yet identified is recorded as the system component 'unauthenticated'.
 */
export const createLedgerAuditSink = (ledger: Pick<AuditLedger, 'append'>): AuditSink => ({
  append: async (event) => {
    await ledger.append({
      actor:
        event.actor.type === 'anonymous'
          ? { type: 'system', id: 'unauthenticated' }
          : { type: event.actor.type, id: event.actor.id },
      action: event.action,
      ...(event.target ? { target: event.target } : {}),
      ...(event.ip ? { ip: event.ip } : {}),
      ...(event.requestId ? { requestId: event.requestId } : {}),
      ...(event.details ? { details: { ...event.details } } : {}),
    })
  },
})

const targetOf = (body: string): string | null => {
  try {
    return parseBody(body).target ?? null
  } catch {
    return null
  }
}

/**
 * The audit browser over the ledger's readable columns (generated from the hashed body, so they
 * cannot drift from it). Read-only; candidates to move into audit/ as its own listing function.
 */
export const createLedgerAuditBrowser = (
  db: Kysely<Database>,
  ledger: Pick<AuditLedger, 'verify'>,
): AuditBrowser => ({
  list: async (filter) => {
    let query = db
      .selectFrom('audit_entry')
      .select(['seq', 'at', 'actor_type', 'actor_id', 'action', 'subject_id', 'body'])
      .orderBy('seq', 'desc')
      .limit(filter.limit)
    if (filter.actor) {
      const [type, id] = filter.actor.includes(':') ? filter.actor.split(/:(.*)/s) : [undefined, filter.actor]
      if (type) query = query.where('actor_type', '=', type)
      if (id) query = query.where('actor_id', '=', id)
    }
    // What a person types is a prefix ("staff.log" finds staff.login and staff.logout); "*" too.
    if (filter.action)
      query = query.where('action', 'like', `${likeLiteral(filter.action.replace(/\*$/, ''))}%`)
    // A subject is the entry's subject, or what it acted on (a request's entries name the request).
    if (filter.subject) {
      const subject = filter.subject
      query = query.where((eb) =>
        eb.or([
          eb('subject_id', '=', subject),
          eb('body', 'like', `%${likeLiteral(JSON.stringify(subject))}%`),
        ]),
      )
    }
    if (filter.from) query = query.where('at', '>=', filter.from)
    if (filter.to) query = query.where('at', '<', filter.to)
    if (filter.beforeSeq) query = query.where('seq', '<', filter.beforeSeq)
    const rows = await query.execute()
    return rows.map((r) => ({
      seq: String(r.seq),
      at: new Date(r.at),
      actorType: r.actor_type,
      actorId: r.actor_id,
      action: r.action,
      subjectId: r.subject_id,
      target: targetOf(r.body),
    }))
  },
  lastCheckpoint: async () => {
    const row = await db
      .selectFrom('audit_checkpoint')
      .select('at')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row ? new Date(row.at) : undefined
  },
  verify: async () => {
    const report = await ledger.verify()
    if (report.ok) return { ok: true, entries: report.entries }
    const first = report.breaks[0]
    return {
      ok: false,
      problem: first
        ? `${first.kind} at entry ${first.seq}${first.toSeq ? `–${first.toSeq}` : ''} (${report.breaks.length}${report.truncated ? '+' : ''} problems)`
        : 'unknown problem',
    }
  },
})
