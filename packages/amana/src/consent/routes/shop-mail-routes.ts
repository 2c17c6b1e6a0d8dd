import { z } from 'zod'
import { jurisdictionIds } from '../../jurisdictions/index.ts'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { consentCopy } from '../copy/index.ts'
import { parseSubjectRef } from '../domain/consent-record.ts'
import { actorOf, type ConsentRouteKit, unknownField } from './kit.ts'
import { Id, SubjectParam } from './schemas.ts'

const ParentRequestSchema = z.object({
  subject: SubjectParam,
  parentEmail: z.email(),
  /** How the child is named in the mail (their first name): shown to the parent, never stored. */
  childName: z.string().trim().min(1).max(80),
  /** The language the child chose: the parent's mail is written in it. */
  locale: z.enum(['en', 'ar']),
  /** The shop's page where the parent confirms; it must be on one of the shop's origins. */
  approveUrl: z.url({ protocol: /^https?$/ }).max(2048),
})

const MarketingMailSchema = z.object({
  subject: SubjectParam,
  to: z.email(),
  purpose: Id,
  subjectLine: z.string().trim().min(1).max(200),
  /** Plain text; `{unsubscribe}` is replaced by the one-click link (added at the end when absent). */
  text: z.string().min(1).max(100_000),
  html: z.string().max(500_000).optional(),
  jurisdiction: z.enum(jurisdictionIds).optional(),
})

const refusals: Record<string, string> = {
  'consent-absent': 'this person has not given consent for it',
  'consent-refused': 'this person refused or withdrew consent for it',
  suppressed: 'this address unsubscribed from it',
}

/**
 * Mail the shop's backend sends through Amana (API key with consent:write): a parent's consent
 * request for a minor's account, in the child's language; and marketing mail, which goes out only
 * with the subject's consent and always with a one-click unsubscribe link and RFC 8058 headers.
 */
// long-function: one resource's routes; each handler is a few lines
export const shopMailRoutes = (app: AmanaServer, kit: ConsentRouteKit) => {
  const { consent, ctx, manifest } = kit
  app.post(
    '/v1/consent/parent-requests',
    {
      schema: {
        body: ParentRequestSchema,
        tags: ['consent'],
        summary: "Ask a minor's parent for consent by email, in the child's language",
        description:
          "For a customer under the manifest's minimum age: Amana emails the parent or guardian, in the child's language (en or ar), a link to the shop's page where they agree (approveUrl, on one of the shop's origins). The shop then records the parent's agreement with POST /v1/consent/records, method parent. Audited as consent.parent-asked, without the address.",
      },
      config: { permission: 'consent:write' },
    },
    async (request, reply) => {
      const body = request.body
      const origin = new URL(body.approveUrl).origin
      if (!consent.allowedOrigins.has(origin))
        throw new AmanaError(
          'VALIDATION_FAILED',
          `Invalid request. body.approveUrl: ${origin} is not one of the shop's origins (${[...consent.allowedOrigins].join(', ')}). Fix: link to a page on the shop's website, or add its origin to AMANA_ALLOWED_ORIGINS or the manifest's websites.`,
          [{ field: 'body.approveUrl', message: 'not an origin of the shop' }],
        )
      const t = consentCopy[body.locale]
      const shop = kit.shopName(body.locale)
      const contact =
        manifest.organisation.privacyContact?.email ?? manifest.organisation.contacts.email ?? ''
      const now = ctx.now()
      const subjectHash = consent.keys.hashSubject(parseSubjectRef(body.subject))
      const outboxId = await consent.mailer.enqueue(
        {
          kind: 'transactional',
          to: body.parentEmail,
          subject: t['parent.subject'](body.childName, shop),
          text: t['parent.body'](body.childName, shop, body.approveUrl, contact),
        },
        now,
      )
      await consent.audit.append({
        action: 'consent.parent-asked',
        actor: actorOf(request),
        subject: subjectHash,
        details: { locale: body.locale },
      })
      return reply.code(202).send({ status: 'queued', outboxId })
    },
  )

  app.post(
    '/v1/consent/marketing-mail',
    {
      schema: {
        body: MarketingMailSchema,
        tags: ['consent'],
        summary: 'Send a marketing mail (a newsletter) if, and only if, the subject consents',
        description:
          'Queues the mail only when the subject consents to the purpose on the email channel and the address has not unsubscribed; otherwise 409 with the reason, and nothing is sent. Every mail carries List-Unsubscribe and List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058), and the link in its text where it says {unsubscribe} (or at the end).',
      },
      config: { permission: 'consent:write' },
    },
    async (request, reply) => {
      const body = request.body
      if (!Object.hasOwn(manifest.purposes, body.purpose))
        throw unknownField('body.purpose', body.purpose, kit.purposeIds)
      const subject = parseSubjectRef(body.subject)
      const sent = await consent.sendMarketingMail(
        {
          subject,
          to: body.to,
          purpose: body.purpose,
          subjectLine: body.subjectLine,
          text: body.text,
          ...(body.html ? { html: body.html } : {}),
          ...(body.jurisdiction ? { jurisdiction: body.jurisdiction } : {}),
        },
        ctx.now(),
      )
      if (!sent.ok)
        throw new AmanaError(
          'CONFLICT',
          `Not sent: ${refusals[sent.reason] ?? sent.reason} (purpose ${body.purpose}). Nothing was queued; ask for consent first (POST /v1/consent/records).`,
          { field: 'body.subject', reason: sent.reason },
        )
      await consent.audit.append({
        action: 'consent.marketing-mail-queued',
        actor: actorOf(request),
        subject: consent.keys.hashSubject(subject),
        details: { purpose: body.purpose },
      })
      return reply.code(202).send({ status: 'queued', outboxId: sent.outboxId })
    },
  )
}
