import { type Locale, negotiateLocale, renderPolicyPage, renderPolicyVersions } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import type { PolicyDocument } from '../document.ts'
import type { PolicyPorts } from '../ports.ts'
import { documentOf, renderAll } from '../publish.ts'
import { isScheduled, policyDay, policyStore, type StoredPolicyVersion } from '../store.ts'
import { toHtml } from '../to-html.ts'
import { toJson, toMarkdown } from '../to-markdown.ts'

const PageQuery = z.object({
  lang: z.enum(['en', 'ar']).optional(),
  format: z.enum(['html', 'md', 'json']).default('html'),
})
type Format = z.infer<typeof PageQuery>['format']
const VersionParams = z.object({ version: z.coerce.number().int().positive() })

const localeOf = (request: FastifyRequest): Locale =>
  negotiateLocale((request.query as { lang?: string }).lang, request.headers['accept-language'])

const storedDocument = (version: StoredPolicyVersion, locale: Locale): PolicyDocument => {
  const document = documentOf(version, locale)
  if (document === undefined)
    throw new AmanaError('INTERNAL', `Policy version ${version.version} was stored without a document.`)
  return document
}

/** Where a page goes: the reply, the reader's language (the document may be a fallback), the format. */
interface Target {
  readonly reply: FastifyReply
  readonly locale: Locale
  readonly format: Format
  readonly shopName: string
}

interface PageMeta {
  readonly version?: number
  readonly effectiveDate?: string
  readonly path: string
}

const send = ({ reply, locale, format, shopName }: Target, doc: PolicyDocument, meta: PageMeta) => {
  reply.header('content-language', locale)
  if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(toMarkdown(doc))
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(toJson(doc))
  const page = renderPolicyPage({
    locale,
    shopName,
    title: doc.title,
    bodyHtml: toHtml(doc),
    version: meta.version,
    effectiveDate: meta.effectiveDate,
    path: meta.path,
  })
  return reply.type('text/html; charset=utf-8').send(page)
}

const sendVersion = (to: Target, version: StoredPolicyVersion, path: string) =>
  send(to, storedDocument(version, to.locale), {
    version: version.version,
    effectiveDate: version.effectiveDate,
    path,
  })

/** The public policy page (current, preview, every published version) in HTML, Markdown and JSON. */
export const policyPageRoutes = (ports: PolicyPorts) => async (app: AmanaServer) => {
  const store = policyStore(ports.database.db)

  const target = (request: FastifyRequest, reply: FastifyReply, format: Format): Target => {
    const locale = localeOf(request)
    return { reply, locale, format, shopName: ports.shop.name[locale] }
  }

  app.get(
    '/privacy/policy',
    { schema: { hide: true, querystring: PageQuery }, config: { permission: 'public' } },
    async (request, reply) => {
      const to = target(request, reply, request.query.format)
      // A version published with a future effective date is scheduled: the one in effect today is served.
      const current = await store.current(policyDay(ports.now()))
      if (current) return sendVersion(to, current, '/privacy/policy')
      // Nothing in effect yet: show the policy the current manifest would publish, marked as a preview.
      const docs = renderAll(ports.manifest.manifest, ports.manifest.packs, 'draft')
      const preview = docs[to.locale] ?? docs.en ?? docs.ar
      if (preview === undefined) throw new AmanaError('INTERNAL', 'The manifest publishes in no language.')
      return send(to, preview, { path: '/privacy/policy' })
    },
  )

  app.get(
    '/privacy/policy/versions',
    { schema: { hide: true, querystring: PageQuery }, config: { permission: 'public' } },
    async (request, reply) => {
      const locale = localeOf(request)
      const today = policyDay(ports.now())
      const versions = (await store.list()).map((v) => ({
        ...v,
        scheduled: isScheduled(v.effectiveDate, today),
      }))
      const current = versions.find((v) => !v.scheduled)?.version
      return reply
        .type('text/html; charset=utf-8')
        .send(renderPolicyVersions({ locale, shopName: ports.shop.name[locale], versions, current }))
    },
  )

  app.get(
    '/privacy/policy/v/:version',
    {
      schema: { hide: true, querystring: PageQuery, params: VersionParams },
      config: { permission: 'public' },
    },
    async (request, reply) => {
      const version = await store.get(request.params.version)
      if (!version)
        throw new AmanaError(
          'NOT_FOUND',
          `Policy version ${request.params.version} does not exist. See /privacy/policy/versions.`,
        )
      return sendVersion(
        target(request, reply, request.query.format),
        version,
        `/privacy/policy/v/${version.version}`,
      )
    },
  )
}
