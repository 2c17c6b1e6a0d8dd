import { type Locale, negotiateLocale, renderPolicyPage, renderPolicyVersions } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import type { PolicyDocument } from '../document.ts'
import type { PolicyPorts } from '../ports.ts'
import { documentOf, renderAll } from '../publish.ts'
import { policyStore, type StoredPolicyVersion } from '../store.ts'
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

/** The public policy page (current, preview, every published version) in HTML, Markdown and JSON. */
export const policyPageRoutes = (ports: PolicyPorts) => async (app: AmanaServer) => {
  const store = policyStore(ports.database.db)

  const send = (
    reply: FastifyReply,
    locale: Locale,
    format: Format,
    doc: PolicyDocument,
    meta: { version?: number; effectiveDate?: string; path: string },
  ) => {
    reply.header('content-language', locale)
    if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(toMarkdown(doc))
    if (format === 'json') return reply.type('application/json; charset=utf-8').send(toJson(doc))
    const page = renderPolicyPage({
      locale,
      shopName: ports.shop.name[locale],
      title: doc.title,
      bodyHtml: toHtml(doc),
      version: meta.version,
      effectiveDate: meta.effectiveDate,
      path: meta.path,
    })
    return reply.type('text/html; charset=utf-8').send(page)
  }

  const sendVersion = (
    reply: FastifyReply,
    locale: Locale,
    format: Format,
    version: StoredPolicyVersion,
    path: string,
  ) =>
    send(reply, locale, format, storedDocument(version, locale), {
      version: version.version,
      effectiveDate: version.effectiveDate,
      path,
    })

  app.get(
    '/privacy/policy',
    { schema: { hide: true, querystring: PageQuery }, config: { permission: 'public' } },
    async (request, reply) => {
      const locale = localeOf(request)
      const latest = await store.latest()
      if (latest) return sendVersion(reply, locale, request.query.format, latest, '/privacy/policy')
      // Nothing published yet: show the policy the current manifest would publish, marked as a preview.
      const docs = renderAll(ports.manifest.manifest, ports.manifest.packs, 'draft')
      const preview = docs[locale] ?? docs.en ?? docs.ar
      if (preview === undefined) throw new AmanaError('INTERNAL', 'The manifest publishes in no language.')
      return send(reply, locale, request.query.format, preview, { path: '/privacy/policy' })
    },
  )

  app.get(
    '/privacy/policy/versions',
    { schema: { hide: true, querystring: PageQuery }, config: { permission: 'public' } },
    async (request, reply) => {
      const locale = localeOf(request)
      const versions = await store.list()
      return reply
        .type('text/html; charset=utf-8')
        .send(renderPolicyVersions({ locale, shopName: ports.shop.name[locale], versions }))
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
      const path = `/privacy/policy/v/${version.version}`
      return sendVersion(reply, localeOf(request), request.query.format, version, path)
    },
  )
}
