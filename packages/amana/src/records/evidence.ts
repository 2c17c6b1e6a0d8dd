import type { AuditRangePort, RequestEvidencePort } from './ports.ts'

/**
 * A request's evidence bundle: the request, its timeline and steps, and the audit ledger's export of
 * the request's whole lifetime with its chain proof (signed checkpoints around it, every entry in
 * between, so the chain verifies offline); `requestEntries` names the entries about this request.
 */
export const requestEvidence = async (
  deps: { readonly requests: RequestEvidencePort; readonly audit: AuditRangePort; readonly now: () => Date },
  id: string,
) => {
  const request = await deps.requests.request(id)
  if (!request) return undefined
  const to = new Date((request.completedAt ?? deps.now()).getTime() + 1000)
  const audit = await deps.audit.exportRange({ from: request.receivedAt, to })
  const requestEntries = audit.entries.filter((e) => e.body.includes(`"${id}"`)).map((e) => Number(e.seq))
  return {
    format: 'amana-request-evidence-v1',
    request: {
      ...request,
      receivedAt: request.receivedAt.toISOString(),
      dueAt: request.dueAt.toISOString(),
      completedAt: request.completedAt?.toISOString() ?? null,
    },
    timeline: (await deps.requests.events(id)).map((e) => ({ ...e, at: e.at.toISOString() })),
    steps: (await deps.requests.steps(id)).map((s) => ({
      ...s,
      startedAt: s.startedAt?.toISOString() ?? null,
      finishedAt: s.finishedAt?.toISOString() ?? null,
    })),
    requestEntries,
    audit,
  }
}
