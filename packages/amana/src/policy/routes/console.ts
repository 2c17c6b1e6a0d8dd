import {
  type AdminFrame,
  type AdminPolicyView,
  type Locale,
  type PolicyVersionStatus,
  renderAdminPolicy,
  renderAdminPolicyPreview,
  type TracedStatement,
  tp,
  tpIsolated,
} from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { markUnverified } from '../../jurisdictions/index.ts'
import type { Manifest } from '../../manifest/index.ts'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { diffPolicies } from '../diff-policies.ts'
import type { PolicyDocument } from '../document.ts'
import { formatDate } from '../format.ts'
import { manifestHash } from '../policy-version.ts'
import type { PolicyPorts } from '../ports.ts'
import { documentOf, publishPolicy, renderAll } from '../publish.ts'
import { isScheduled, policyDay, policyStore } from '../store.ts'
import { toHtml } from '../to-html.ts'
import { changeViews, summaryLines } from './diff-view.ts'

/** A staff action the console records: who published which version, taking effect when. */
export interface PolicyAuditPort {
  append(event: {
    readonly actor: { readonly type: 'staff' | 'api-key'; readonly id: string }
    readonly action: 'policy.published'
    readonly target: string
    readonly requestId: string
    readonly details: {
      readonly version: number
      readonly effectiveFrom: string
      readonly scheduled: boolean
    }
  }): Promise<unknown>
}

export interface PolicyConsoleDeps {
  readonly consoleFrame: (request: FastifyRequest) => AdminFrame
  readonly audit: PolicyAuditPort
}

const Lang = z.enum(['en', 'ar']).optional()
const ListQuery = z.object({
  lang: Lang,
  from: z.coerce.number().int().positive().optional(),
  to: z.coerce.number().int().positive().optional(),
  published: z.coerce.number().int().positive().optional(),
  unchanged: z.coerce.number().int().positive().optional(),
})
const PreviewQuery = z.object({ lang: Lang, doc: Lang, trace: z.enum(['1']).optional() })
const PreviewParams = z.object({ version: z.union([z.literal('draft'), z.coerce.number().int().positive()]) })
const PublishBody = z.object({ csrf: z.string().optional(), effectiveDate: z.string().max(40).optional() })

const isIsoDate = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))

const sendHtml = (reply: FastifyReply, locale: Locale, page: string, status = 200) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-language', locale)
    .header('cache-control', 'no-store')
    .send(page)

/** Each statement and table row with its trace, for the preview's trace view; unverified pack values carry ⚠. */
const traced = (document: PolicyDocument) =>
  document.sections.map((section) => ({
    id: section.id,
    title: section.title,
    statements: section.blocks.flatMap((block): TracedStatement[] =>
      block.kind === 'table'
        ? block.rows.map((row) => ({
            id: row.id,
            text: row.cells.join(' — '),
            sources: row.sourcePaths.map(markUnverified),
          }))
        : [{ id: block.id, text: block.text, sources: block.sourcePaths.map(markUnverified) }],
    ),
  }))

/** What the console's policy routes share: the ports, the store and the page's view builders. */
const policyConsoleKit = (ports: PolicyPorts, deps: PolicyConsoleDeps) => {
  const store = policyStore(ports.database.db)
  const listView = async (
    request: FastifyRequest,
    extra: Pick<AdminPolicyView, 'diff' | 'notice'>,
  ): Promise<AdminPolicyView> => {
    const frame = deps.consoleFrame(request)
    const today = policyDay(ports.now())
    const versions = await store.list()
    const live = versions.find((v) => !isScheduled(v.effectiveDate, today))?.version
    const same = await store.byHash(manifestHash(ports.manifest.manifest))
    return {
      ...frame,
      today,
      canPublish: request.principal?.permissions.has('policy:publish') === true,
      draft: same ? { sameAs: same.version } : {},
      versions: versions.map((v) => ({
        version: v.version,
        effectiveDate: v.effectiveDate,
        publishedAt: v.publishedAt,
        status: (isScheduled(v.effectiveDate, today)
          ? 'scheduled'
          : v.version === live
            ? 'live'
            : 'retired') satisfies PolicyVersionStatus,
      })),
      ...extra,
    }
  }

  /** Two versions compared: the material changes and what changed in the text, in the reader's words. */
  const diffView = async (from: number, to: number, locale: Locale): Promise<AdminPolicyView['diff']> => {
    const [a, b] = await Promise.all([store.get(from), store.get(to)])
    if (!a || !b) return { from, to, changes: 'bad' }
    const [before, after] = [a.manifest as Manifest, b.manifest as Manifest]
    const [docA, docB] = [documentOf(a, locale), documentOf(b, locale)]
    return {
      from,
      to,
      changes: changeViews(diffPolicies(before, after), after, locale),
      ...(docA && docB ? { summary: summaryLines(docA, docB, ports.manifest.packs, locale) } : {}),
    }
  }

  return { ports, deps, store, listView, diffView }
}
type PolicyConsoleKit = ReturnType<typeof policyConsoleKit>
const read = { permission: 'manifest:read' } as const

/** GET /admin/policy: the versions, a comparison of two, the outcome of a publish. */
const listRoute = (app: AmanaServer, { ports, deps, store, listView, diffView }: PolicyConsoleKit) => {
  app.get(
    '/admin/policy',
    { schema: { hide: true, querystring: ListQuery }, config: read },
    async (request, reply) => {
      const q = request.query
      const frame = deps.consoleFrame(request)
      const locale = frame.locale
      const diff =
        q.from !== undefined && q.to !== undefined ? await diffView(q.from, q.to, locale) : undefined
      let notice: AdminPolicyView['notice']
      if (q.published !== undefined) {
        const version = await store.get(q.published)
        if (version) {
          const scheduled = isScheduled(version.effectiveDate, policyDay(ports.now()))
          notice = {
            kind: 'success',
            text: tpIsolated(locale, scheduled ? 'pol.publish.scheduled' : 'pol.publish.live', {
              version: String(version.version),
              date: formatDate(version.effectiveDate, locale),
            }),
          }
        }
      } else if (q.unchanged !== undefined)
        notice = {
          kind: 'error',
          text: tpIsolated(locale, 'pol.publish.unchanged', { version: String(q.unchanged) }),
        }
      return sendHtml(
        reply,
        locale,
        renderAdminPolicy(
          await listView(request, { ...(diff ? { diff } : {}), ...(notice ? { notice } : {}) }),
        ),
      )
    },
  )
}

/** GET /admin/policy/:version: a version (or the draft) in either language, with its trace on demand. */
const previewRoute = (app: AmanaServer, { ports, deps, store }: PolicyConsoleKit) => {
  app.get(
    '/admin/policy/:version',
    { schema: { hide: true, params: PreviewParams, querystring: PreviewQuery }, config: read },
    async (request, reply) => {
      const frame = deps.consoleFrame(request)
      const docLocale = request.query.doc ?? frame.locale
      const { version } = request.params
      let document: PolicyDocument | undefined
      if (version === 'draft') {
        const latest = await store.latest()
        const drafts = renderAll(
          ports.manifest.manifest,
          ports.manifest.packs,
          String((latest?.version ?? 0) + 1),
        )
        document = drafts[docLocale] ?? drafts.en ?? drafts.ar
      } else {
        const stored = await store.get(version)
        if (!stored)
          throw new AmanaError(
            'NOT_FOUND',
            `Policy version ${version} has not been published. The console's policy page lists the versions.`,
          )
        document = documentOf(stored, docLocale)
      }
      if (!document) throw new AmanaError('INTERNAL', 'The policy has no document in any language.')
      return sendHtml(
        reply,
        frame.locale,
        renderAdminPolicyPreview({
          ...frame,
          ...(version === 'draft' ? {} : { version }),
          trace: request.query.trace === '1',
          document: { locale: document.locale, html: toHtml(document), sections: traced(document) },
        }),
      )
    },
  )
}

/** POST /admin/policy/publish: publishes the running manifest with an effective date, audited. */
const publishRoute = (app: AmanaServer, { ports, deps, listView }: PolicyConsoleKit) => {
  app.post(
    '/admin/policy/publish',
    {
      schema: { hide: true, body: PublishBody, querystring: z.object({ lang: Lang }) },
      config: { permission: 'policy:publish' },
    },
    async (request, reply) => {
      const frame = deps.consoleFrame(request)
      const locale = frame.locale
      const date = request.body.effectiveDate?.trim() ?? ''
      if (!isIsoDate(date)) {
        const view = await listView(request, {
          notice: {
            kind: 'error',
            text: tpIsolated(locale, 'pol.publish.badDate', { example: policyDay(ports.now()) }),
          },
        })
        return sendHtml(reply, locale, renderAdminPolicy(view), 400)
      }
      const outcome = await publishPolicy(ports.database.db, ports.manifest.manifest, {
        effectiveDate: date,
        now: ports.now(),
      })
      if (!outcome.ok) return reply.redirect(`/admin/policy?lang=${locale}&unchanged=${outcome.version}`, 303)
      const principal = request.principal!
      await deps.audit.append({
        actor: { type: principal.kind === 'api-key' ? 'api-key' : 'staff', id: principal.id },
        action: 'policy.published',
        target: `policy:${outcome.version}`,
        requestId: request.id,
        details: {
          version: outcome.version,
          // As a timestamp: a bare YYYY-MM-DD reads like a phone number to the ledger's personal-data guard.
          effectiveFrom: `${date}T00:00:00.000Z`,
          scheduled: isScheduled(date, policyDay(ports.now())),
        },
      })
      return reply.redirect(`/admin/policy?lang=${locale}&published=${outcome.version}`, 303)
    },
  )
}

/**
 * The console's policy page: versions with their status (live, scheduled, retired) and dates, the
 * draft (the running manifest, when it differs from every version), preview in either language with
 * each sentence's trace on demand, the material changes between two versions, and publishing.
 */
export const policyConsoleRoutes =
  (ports: PolicyPorts, deps: PolicyConsoleDeps) => async (app: AmanaServer) => {
    const kit = policyConsoleKit(ports, deps)
    listRoute(app, kit)
    previewRoute(app, kit)
    publishRoute(app, kit)
  }
