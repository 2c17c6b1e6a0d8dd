import { z } from 'zod'
import { isJurisdictionId } from '../../jurisdictions/index.ts'
import { isUnderMinimumAge } from '../../manifest/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { type DecideContext, notCached } from '../consent-service.ts'
import { type Decision, decisionReasons } from '../domain/decide.ts'
import { type ConsentRouteKit, hasGpc, unknownField } from './kit.ts'
import { type DecisionAnswer, DecisionBody, DecisionQuery, DecisionView } from './schemas.ts'

// The reasons are a closed set: each is written out once.
const reasonJson: Readonly<Record<string, string>> = Object.fromEntries(
  decisionReasons.map((r) => [r, JSON.stringify(r)]),
)

// Asked on every page view and send: not access-logged one by one (metrics count them);
// warnings, errors and refusals (audited) still are.
const decisionRoute = { config: { permission: 'decisions:read' }, logLevel: 'warn' } as const

/** GET and POST /v1/decisions: may a purpose be used for a subject now. */
// long-function: one resource's routes; each handler is a few lines
export const decisionRoutes = (app: AmanaServer, kit: ConsentRouteKit) => {
  const { consent, purposeIds, manifest } = kit
  const home = manifest.jurisdictions.find(isJurisdictionId) ?? 'kw'
  // A stated age makes the person a child under the same minimum age the policy states for their law.
  const childOf = (child: boolean | undefined, age: number | undefined, jurisdiction: string | undefined) =>
    child ?? isUnderMinimumAge(manifest.children, jurisdiction ?? home, age)
  // A subject whose state is in memory is answered without a promise; otherwise from the database.
  const answerOf = (decision: Decision | undefined, purpose: string, field: string): DecisionAnswer => {
    if (!decision) throw unknownField(field, purpose, purposeIds)
    return { purpose, allow: decision.allow, reason: decision.reason }
  }
  const decideOne = (
    subject: string,
    purpose: string,
    context: DecideContext,
    field: string,
  ): DecisionAnswer | Promise<DecisionAnswer> => {
    const subjectHash = consent.keys.hashSubject(subject)
    const cached = consent.decideCached(subjectHash, purpose, context)
    return cached === notCached
      ? consent.decide(subjectHash, purpose, context).then((decision) => answerOf(decision, purpose, field))
      : answerOf(cached, purpose, field)
  }

  app.get(
    '/v1/decisions',
    {
      schema: {
        querystring: DecisionQuery,
        response: { 200: DecisionView },
        tags: ['decisions'],
        summary: 'May this purpose be used for this subject now?',
      },
      ...decisionRoute,
      // The hottest route: its three fields are written out by name (the same allowlist the schema
      // enforces, without a schema pass or an object per answer); the schema still documents it.
      serializerCompiler: () => (view) => {
        const { purpose, allow, reason } = view as DecisionAnswer
        return `{"purpose":${JSON.stringify(purpose)},"allow":${allow === true},"reason":${reasonJson[reason] ?? JSON.stringify(reason)}}`
      },
    },
    (request) => {
      const q = request.query
      return decideOne(
        q.subject,
        q.purpose,
        {
          channel: q.channel,
          jurisdiction: q.jurisdiction,
          child: childOf(q.child, q.age, q.jurisdiction),
          gpc: q.gpc ?? (hasGpc(request) || undefined),
        },
        'querystring.purpose',
      )
    },
  )

  app.post(
    '/v1/decisions',
    {
      schema: {
        body: DecisionBody,
        response: { 200: z.object({ decisions: z.array(DecisionView) }) },
        tags: ['decisions'],
        summary: 'Decisions for several purposes at once',
      },
      ...decisionRoute,
    },
    async (request) => {
      const b = request.body
      return {
        decisions: await Promise.all(
          b.purposes.map((p, i) =>
            decideOne(
              b.subject,
              p,
              { ...b, child: childOf(b.child, b.age, b.jurisdiction) },
              `body.purposes.${i}`,
            ),
          ),
        ),
      }
    },
  )
}
