import type { AuditRangePort, RecordsAuditPort, RequestEvidencePort } from '../records/index.ts'
import type { Services } from './services.ts'

/** The records feature's evidence bundle reads a request through these ports, from the shared services. */
export const requestEvidenceDeps = (
  services: Services,
): {
  readonly requests: RequestEvidencePort
  readonly audit: AuditRangePort
  readonly exports: RecordsAuditPort
} => {
  const store = services.requests.store
  return {
    requests: {
      async request(id) {
        const row = await store.byId(id)
        return row
          ? {
              id: row.id,
              reference: row.reference,
              type: row.type,
              status: row.status,
              receivedAt: row.received_at,
              dueAt: row.due_at,
              completedAt: row.completed_at,
            }
          : undefined
      },
      events: async (id) =>
        (await store.events(id)).map((e) => ({
          at: e.at,
          kind: e.kind,
          actor: `${e.actor_type}:${e.actor_id}`,
          from: e.from_status,
          to: e.to_status,
        })),
      steps: async (id) =>
        (await store.steps(id)).map((s) => ({
          step: s.step,
          status: s.status,
          attempts: s.attempts,
          startedAt: s.started_at,
          finishedAt: s.finished_at,
          error: s.error,
        })),
    },
    audit: { exportRange: async (range) => ({ ...(await services.audit.exportRange(range)) }) },
    exports: {
      append: (event) => services.audit.append({ ...event, details: { ...event.details } }).then(() => {}),
    },
  }
}
