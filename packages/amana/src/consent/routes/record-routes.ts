import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { toRecordView, toStateView } from '../consent-views.ts'
import { parseSubjectRef } from '../domain/consent-record.ts'
import { listRecords } from '../store.ts'
import { actorOf, type ConsentRouteKit, hasGpc, json, recordSource, unknownField } from './kit.ts'
import { ApiRecordSchema, SubjectParam, WidgetRecordSchema } from './schemas.ts'

type WidgetRecord = z.infer<typeof WidgetRecordSchema>

/** A banner's post names only the manifest's optional categories, each either granted or refused. */
const checkBannerChoice = (kit: ConsentRouteKit, body: WidgetRecord) => {
  const { optionalCategories, consent } = kit
  body.granted.forEach((c, i) => {
    if (!optionalCategories.includes(c)) throw unknownField(`body.granted.${i}`, c, optionalCategories)
  })
  body.refused.forEach((c, i) => {
    if (!optionalCategories.includes(c)) throw unknownField(`body.refused.${i}`, c, optionalCategories)
  })
  const overlap = body.granted.find((c) => body.refused.includes(c))
  if (overlap)
    throw new AmanaError(
      'VALIDATION_FAILED',
      `Invalid request. body.refused: "${overlap}" is also in body.granted; a category is either granted or refused.`,
      [{ field: 'body.refused', message: 'overlaps granted' }],
    )
  // A banner built from an older manifest: refusals are always honoured (withdrawal must never be
  // lost), grants are not, because the visitor was not shown what they would now agree to.
  if (body.policyVersion !== consent.policyVersion && body.granted.length > 0) {
    throw new AmanaError(
      'CONFLICT',
      `The banner showed policy version ${body.policyVersion}, but the current one is ${consent.policyVersion}. Reload the page to see the current choices.`,
      { field: 'body.policyVersion', current: consent.policyVersion },
    )
  }
}

const recordedAnswer = (outcome: { status: string; record: { id: string } }) => ({
  id: outcome.record.id,
  status: outcome.status,
  receipt: `/v1/consent/${outcome.record.id}/receipt`,
})

/** POST /v1/consent: a choice made in the banner (public, rate-limited per address, CORS for the shop's origins). */
export const bannerRecordRoutes = (
  app: AmanaServer,
  kit: ConsentRouteKit,
  recordRateLimit: { max: number; timeWindow: number },
) => {
  const { consent, ctx } = kit
  for (const url of ['/v1/consent', '/v1/consent/config']) {
    app.options(url, { schema: { hide: true }, config: json }, async (request, reply) => {
      kit.cors(request, reply)
      return reply.code(204).header('access-control-max-age', '600').send()
    })
  }
  app.post(
    '/v1/consent',
    {
      schema: {
        body: WidgetRecordSchema,
        tags: ['consent'],
        summary: 'Record a choice made in the consent banner',
      },
      config: { ...json, rateLimit: recordRateLimit },
      // Before the rate limit's hook, so a banner can read its 429 too.
      onRequest: async (request, reply) => kit.cors(request, reply),
    },
    async (request, reply) => {
      const body = request.body
      checkBannerChoice(kit, body)
      const outcome = await consent.record({
        id: body.recordId,
        subjectHash: consent.keys.hashSubject({ kind: 'device', id: body.deviceId }),
        subjectKind: 'device',
        method: body.method,
        items: [
          ...body.granted.map((id) => ({ id, granted: true })),
          ...body.refused.map((id) => ({ id, granted: false })),
        ].map((c) => ({ target: 'category', id: c.id, channel: '*', granted: c.granted })),
        policyVersion: body.policyVersion,
        notice: `banner:${body.locale}`,
        locale: body.locale,
        jurisdiction: consent.homeJurisdiction,
        // A refusal from the banner is never turned away over its page URL: an unusable one is dropped.
        source: recordSource(body.source),
        gpc: body.gpc || hasGpc(request),
        conflict: body.conflict === true,
        child: false,
        recordedAt: ctx.now(),
      })
      return reply.code(outcome.status === 'recorded' ? 201 : 200).send(recordedAnswer(outcome))
    },
  )
}

/** POST /v1/consent/records (the shop's own records) and GET /v1/consent (a subject's state and ledger, audited). */
export const apiRecordRoutes = (app: AmanaServer, kit: ConsentRouteKit) => {
  const { consent, ctx, manifest, purposeIds } = kit
  app.post(
    '/v1/consent/records',
    {
      schema: {
        body: ApiRecordSchema,
        tags: ['consent'],
        summary: 'Record a choice made in the shop (account settings, parent, API)',
      },
      config: { permission: 'consent:write' },
    },
    async (request, reply) => {
      const body = request.body
      body.choices.forEach((c, i) => {
        if (!Object.hasOwn(manifest.purposes, c.purpose))
          throw unknownField(`body.choices.${i}.purpose`, c.purpose, purposeIds)
      })
      const subject = parseSubjectRef(body.subject)
      const subjectHash = consent.keys.hashSubject(subject)
      const outcome = await consent.record({
        id: body.recordId ?? randomUUID(),
        subjectHash,
        subjectKind: subject.kind,
        method: body.method,
        items: body.choices.map((c) => ({
          target: 'purpose',
          id: c.purpose,
          channel: c.channel ?? '*',
          granted: c.granted,
        })),
        policyVersion: consent.policyVersion,
        notice: body.notice,
        locale: body.locale,
        jurisdiction: body.jurisdiction ?? consent.homeJurisdiction,
        source: body.source,
        gpc: hasGpc(request),
        conflict: false,
        child: body.child || body.method === 'parent',
        recordedAt: ctx.now(),
      })
      await consent.audit.append({
        action: 'consent.recorded-by-staff',
        actor: actorOf(request),
        subject: subjectHash,
        details: { method: body.method, record: outcome.record.id },
      })
      return reply.code(outcome.status === 'recorded' ? 201 : 200).send(recordedAnswer(outcome))
    },
  )

  app.get(
    '/v1/consent',
    {
      schema: {
        querystring: z.object({ subject: SubjectParam }),
        tags: ['consent'],
        summary: "A subject's consent state and ledger",
      },
      config: { permission: 'consent:read' },
    },
    async (request) => {
      const subjectHash = consent.keys.hashSubject(request.query.subject)
      const [state, records] = await Promise.all([
        consent.state(subjectHash),
        listRecords(ctx.database.db, { subjectHash, limit: 1000 }),
      ])
      await consent.audit.append({ action: 'consent.read', actor: actorOf(request), subject: subjectHash })
      return { subjectHash, state: toStateView(state), records: records.map(toRecordView) }
    },
  )
}
