import { type Locale, negotiateLocale, renderPolicyPage, renderPolicyVersions } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AppContext } from '../app/app-context.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import type { PolicyDocument } from './document.ts'
import { diffVersions, documentOf, publishPolicy, renderAll } from './publish.ts'
import { policyStore } from './store.ts'
import { toHtml } from './to-html.ts'
import { toJson, toMarkdown } from './to-markdown.ts'

const PageQuery = z.object({
  lang: z.enum(['en', 'ar']).optional(),
  format: z.enum(['html', 'md', 'json']).default('html'),
})
const VersionParams = z.object({ version: z.coerce.number().int().positive() })
const MaterialChangeView = z.object({
  kind: z.string(),
  path: z.string(),
  purposes: z.array(z.string()),
  summary: z.string(),
})

/** The public policy (current and every published version, in HTML, Markdown and JSON) and its API. */
export const policyRoutes = (ctx: AppContext) => async (app: AmanaServer) => {
  const store = policyStore(ctx.database.db)
  const localeOf = (request: FastifyRequest): Locale =>
    negotiateLocale((request.query as { lang?: string }).lang, request.headers['accept-language'])

  const send = (
    reply: FastifyReply,
    request: FastifyRequest,
    locale: Locale,
    format: 'html' | 'md' | 'json',
    doc: PolicyDocument,
    meta: { version?: number; effectiveDate?: string; path: string },
  ) => {
    reply.header('content-language', locale)
    if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(toMarkdown(doc))
    if (format === 'json') return reply.type('application/json; charset=utf-8').send(toJson(doc))
    return reply.type('text/html; charset=utf-8').send(
      renderPolicyPage({
        locale,
        shopName: ctx.shop.name[locale],
        title: doc.title,
        bodyHtml: toHtml(doc),
        version: meta.version,
        effectiveDate: meta.effectiveDate,
        path: meta.path,
      }),
    )
  }

  app.get(
    '/privacy/policy',
    { schema: { hide: true, querystring: PageQuery }, config: { permission: 'public' } },
    async (request, reply) => {
      const locale = localeOf(request)
      const latest = await store.latest()
      if (latest) {
        const doc = documentOf(latest, locale)!
        return send(reply, request, locale, request.query.format, doc, {
          version: latest.version,
          effectiveDate: latest.effectiveDate,
          path: '/privacy/policy',
        })
      }
      // Nothing published yet: show the policy the current manifest would publish, marked as a preview.
      const docs = renderAll(ctx.manifest.manifest, ctx.manifest.packs, 'draft')
      return send(reply, request, locale, request.query.format, (docs[locale] ?? docs.en ?? docs.ar)!, {
        path: '/privacy/policy',
      })
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
        .send(renderPolicyVersions({ locale, shopName: ctx.shop.name[locale], versions }))
    },
  )

  app.get(
    '/privacy/policy/v/:version',
    {
      schema: { hide: true, querystring: PageQuery, params: VersionParams },
      config: { permission: 'public' },
    },
    async (request, reply) => {
      const locale = localeOf(request)
      const version = await store.get(request.params.version)
      if (!version)
        throw new AmanaError(
          'NOT_FOUND',
          `Policy version ${request.params.version} does not exist. See /privacy/policy/versions.`,
        )
      return send(reply, request, locale, request.query.format, documentOf(version, locale)!, {
        version: version.version,
        effectiveDate: version.effectiveDate,
        path: `/privacy/policy/v/${version.version}`,
      })
    },
  )

  app.get(
    '/v1/policy/versions',
    {
      schema: {
        tags: ['policy'],
        summary: 'Published policy versions, newest first',
        response: {
          200: z.object({
            versions: z.array(
              z.object({
                version: z.number(),
                effectiveDate: z.string(),
                manifestHash: z.string(),
                publishedAt: z.string(),
              }),
            ),
          }),
        },
      },
      config: { permission: 'public' },
    },
    async () => ({
      versions: (await store.list()).map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })),
    }),
  )

  app.get(
    '/v1/policy/diff',
    {
      schema: {
        tags: ['policy'],
        summary: 'Material changes between two published versions',
        querystring: z.object({
          from: z.coerce.number().int().positive(),
          to: z.coerce.number().int().positive(),
        }),
        response: { 200: z.object({ changes: z.array(MaterialChangeView) }) },
      },
      config: { permission: 'public' },
    },
    async (request) => ({
      changes: (await diffVersions(ctx.database.db, request.query.from, request.query.to)).map((c) => ({
        kind: c.kind,
        path: c.path,
        purposes: [...c.purposes],
        summary: c.summary,
      })),
    }),
  )

  app.post(
    '/v1/policy/publish',
    {
      schema: {
        tags: ['policy'],
        summary: 'Publish the current manifest as a new immutable policy version',
        body: z.object({ effectiveDate: z.iso.date().describe('YYYY-MM-DD') }),
        response: { 201: z.object({ version: z.number(), changes: z.array(MaterialChangeView) }) },
      },
      config: { permission: 'policy:publish' },
    },
    async (request, reply) => {
      const outcome = await publishPolicy(ctx.database.db, ctx.manifest.manifest, {
        effectiveDate: request.body.effectiveDate,
        now: ctx.now(),
      })
      if (!outcome.ok)
        throw new AmanaError(
          'CONFLICT',
          `This manifest is already published as version ${outcome.version}. Change the manifest before publishing again.`,
        )
      return reply.code(201).send({
        version: outcome.version,
        changes: outcome.changes.map((c) => ({
          kind: c.kind,
          path: c.path,
          purposes: [...c.purposes],
          summary: c.summary,
        })),
      })
    },
  )
}
