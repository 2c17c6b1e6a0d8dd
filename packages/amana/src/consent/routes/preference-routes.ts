import { randomUUID } from 'node:crypto'
import { type Locale, type PreferencePurposeView, preferenceChannels, renderPreferences } from '@amana/web'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AmanaServer } from '../../platform/http/index.ts'
import { parseSubjectRef, type RecordItem } from '../domain/consent-record.ts'
import { boxKey, preferenceChanges } from '../domain/preference-changes.ts'
import { localise } from '../domain/widget-config.ts'
import { actorOf, type ConsentRouteKit, hasGpc, json, localeOf, sendPage } from './kit.ts'
import { LangQuery, SubjectParam } from './schemas.ts'

interface PreferencePurpose {
  readonly id: string
  readonly title: string
  readonly description: string | undefined
  /** A marketing purpose: chosen per channel. */
  readonly communication: boolean
}

/** The purposes a person chooses on the preference page: consent-based ones, and opt-out sales or shares. */
const preferencePurposes = (kit: ConsentRouteKit, lang: Locale): PreferencePurpose[] =>
  Object.entries(kit.manifest.purposes)
    .map(([id, p]) => ({ id, p, rule: kit.consent.rule(id, kit.consent.homeJurisdiction) }))
    .filter(
      ({ rule }) => rule && (rule.consentBased || (rule.consentModel === 'opt-out' && rule.saleOrShare)),
    )
    .map(({ id, p }) => ({
      id,
      title: localise(p.title, lang) ?? id,
      description: localise(p.description, lang),
      communication: p.kind === 'marketing',
    }))

const pageState = (kit: ConsentRouteKit, request: FastifyRequest, token: string | undefined) => {
  if (!token) return { kind: 'missing' as const }
  const verified = kit.consent.verifyPreferenceToken(token, kit.ctx.now())
  if (!verified.ok)
    return { kind: verified.reason === 'expired' ? ('expired' as const) : ('invalid' as const) }
  request.log.debug('preference link accepted')
  // The link may cover more than one subject: the customer's id and the address (app/preference-link.ts).
  const subjectHashes: readonly string[] = [verified.value.h, ...(verified.value.a ?? [])]
  return { kind: 'ok' as const, subjectHashes }
}

/** The boxes (boxKey) a subject's current decisions allow, among the page's boxes. */
const allowedBoxes = async (
  kit: ConsentRouteKit,
  subjectHash: string,
  boxes: readonly RecordItem[],
): Promise<ReadonlySet<string>> => {
  const allows = await Promise.all(
    boxes.map(
      async (b) =>
        (await kit.consent.decide(subjectHash, b.id, b.channel === '*' ? undefined : { channel: b.channel }))
          ?.allow === true,
    ),
  )
  return new Set(boxes.filter((_, i) => allows[i]).map(boxKey))
}

/** Each subject's allowed boxes, in the order of the link's subjects. */
const allowedPerSubject = (
  kit: ConsentRouteKit,
  subjectHashes: readonly string[],
  boxes: readonly RecordItem[],
) => Promise.all(subjectHashes.map((h) => allowedBoxes(kit, h, boxes)))

/** The boxes as they stand now: ticked when the decision for any of the link's subjects allows it. */
const currentChoices = async (kit: ConsentRouteKit, subjectHashes: readonly string[], lang: Locale) => {
  const allowed = await allowedPerSubject(kit, subjectHashes, postedChoices(kit, lang, {}))
  const checked = (id: string, channel: string) => allowed.some((s) => s.has(boxKey({ id, channel })))
  return preferencePurposes(kit, lang).map(
    (p): PreferencePurposeView =>
      p.communication
        ? {
            id: p.id,
            title: p.title,
            description: p.description,
            channels: preferenceChannels.map((channel) => ({ channel, checked: checked(p.id, channel) })),
          }
        : { id: p.id, title: p.title, description: p.description, checked: checked(p.id, '*') },
  )
}

// Unchecked boxes are absent from a form post: every purpose shown is recorded, on or off.
const postedChoices = (
  kit: ConsentRouteKit,
  lang: Locale,
  body: Readonly<Record<string, string>>,
): RecordItem[] =>
  preferencePurposes(kit, lang).flatMap((p): RecordItem[] =>
    p.communication
      ? preferenceChannels.map((channel) => ({
          target: 'purpose' as const,
          id: p.id,
          channel,
          granted: body[`p:${p.id}:${channel}`] === 'on',
        }))
      : [
          {
            target: 'purpose' as const,
            id: p.id,
            channel: '*' as const,
            granted: body[`p:${p.id}`] === 'on',
          },
        ],
  )

/** POST /v1/consent/preference-links: a signed link to the preference page, for the shop to send (audited). */
export const preferenceLinkRoutes = (app: AmanaServer, kit: ConsentRouteKit) => {
  const { consent, ctx } = kit
  app.post(
    '/v1/consent/preference-links',
    {
      schema: {
        body: z.object({ subject: SubjectParam, validDays: z.int().min(1).max(365).default(30) }),
        tags: ['consent'],
        summary: 'A signed link to the preference centre, to send to the subject',
      },
      config: { permission: 'consent:write' },
    },
    async (request) => {
      const subject = parseSubjectRef(request.body.subject)
      const url = consent.preferenceLink(subject, ctx.now(), request.body.validDays)
      await consent.audit.append({
        action: 'consent.preference-link-issued',
        actor: actorOf(request),
        subject: consent.keys.hashSubject(subject),
      })
      return { url }
    },
  )
}

/** The preference page a signed link opens: the person's choices, and saving them to the ledger. */
// long-function: one resource's routes; each handler is a few lines
export const preferencePageRoutes = (app: AmanaServer, kit: ConsentRouteKit) => {
  const { consent, ctx } = kit
  app.get(
    '/privacy/preferences',
    {
      schema: {
        hide: true,
        querystring: LangQuery.extend({
          token: z.string().max(1024).optional(),
          saved: z.literal('1').optional(),
        }),
      },
      config: json,
    },
    async (request, reply) => {
      const lang = localeOf(request)
      const shopName = kit.shopName(lang)
      const s = pageState(kit, request, request.query.token)
      if (s.kind !== 'ok')
        return sendPage(
          reply,
          lang,
          s.kind === 'missing' ? 200 : 403,
          renderPreferences({ kind: s.kind, locale: lang, shopName }),
        )
      const purposes = await currentChoices(kit, s.subjectHashes, lang)
      const saved = request.query.saved === '1'
      const token = request.query.token ?? ''
      return sendPage(
        reply,
        lang,
        200,
        renderPreferences({
          kind: 'form',
          locale: lang,
          shopName,
          token,
          purposes,
          saved,
          combined: s.subjectHashes.length > 1,
        }),
      )
    },
  )

  app.post(
    '/privacy/preferences',
    {
      schema: {
        hide: true,
        querystring: LangQuery,
        body: z.record(z.string().max(200), z.string().max(2048)),
      },
      config: json,
    },
    async (request, reply) => {
      const lang = localeOf(request)
      const token = request.body.token
      const s = pageState(kit, request, token)
      if (s.kind !== 'ok' || !token)
        return sendPage(
          reply,
          lang,
          403,
          renderPreferences({
            kind: s.kind === 'ok' ? 'invalid' : s.kind,
            locale: lang,
            shopName: kit.shopName(lang),
          }),
        )
      const posted = postedChoices(kit, lang, request.body)
      const allowed = await allowedPerSubject(kit, s.subjectHashes, posted)
      const changes = preferenceChanges(posted, allowed)
      // One record per subject, each under the subject it concerns (see preferenceChanges).
      for (const [i, subjectHash] of s.subjectHashes.entries()) {
        const items = changes[i] ?? []
        if (items.length === 0) continue
        await consent.record({
          id: randomUUID(),
          subjectHash,
          subjectKind: 'account',
          method: 'preferences-page',
          items,
          policyVersion: consent.policyVersion,
          notice: `preferences-page:${lang}`,
          locale: lang,
          jurisdiction: (await consent.state(subjectHash)).jurisdiction ?? consent.homeJurisdiction,
          source: `${ctx.config.http.publicUrl}/privacy/preferences`,
          gpc: hasGpc(request),
          conflict: false,
          child: false,
          recordedAt: ctx.now(),
        })
      }
      // Post/redirect/get, so a reload does not post again.
      return reply.redirect(
        `/privacy/preferences?lang=${lang}&saved=1&token=${encodeURIComponent(token)}`,
        303,
      )
    },
  )
}
