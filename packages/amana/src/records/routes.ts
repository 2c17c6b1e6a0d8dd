import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Manifest } from '../manifest/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import { odpcRegistration } from './domain/odpc-registration.ts'
import { type RecordLocale, recordOfProcessing, transfersOf } from './domain/record-of-processing.ts'
import { odpcHtml, recordCsv, recordHtml, transfersHtml } from './domain/render.ts'
import { requestEvidence } from './evidence.ts'
import type { AuditRangePort, RequestEvidencePort } from './ports.ts'

const Query = z.object({
  lang: z.enum(['en', 'ar']).default('en'),
  format: z.enum(['json', 'csv', 'html']).default('json'),
})

/** The regulator's and auditor's view: the record of processing and the transfer register, from the manifest. */
export const recordsRoutes =
  (
    ctx: {
      readonly manifest: { readonly manifest: Manifest }
      readonly shop: { readonly name: Readonly<Record<RecordLocale, string>> }
      readonly now: () => Date
    },
    deps?: { readonly requests: RequestEvidencePort; readonly audit: AuditRangePort },
  ) =>
  async (app: AmanaServer) => {
    if (deps) {
      const evidence = { ...deps, now: ctx.now }
      app.get(
        '/v1/requests/:id/evidence',
        {
          schema: {
            summary: "A request's evidence bundle: timeline, steps, audit entries with their chain proof",
            tags: ['records'],
            params: z.object({ id: z.uuid() }),
          },
          config: { permission: 'audit:read' },
        },
        async (request, reply) => {
          const bundle = await requestEvidence(evidence, request.params.id)
          if (!bundle) throw new AmanaError('NOT_FOUND', 'No request has this id.')
          return reply
            .header('content-disposition', `attachment; filename="evidence-${bundle.request.reference}.json"`)
            .send(bundle)
        },
      )
    }
    const manifest = ctx.manifest.manifest
    app.get(
      '/v1/records/processing',
      {
        schema: {
          summary:
            'Record of processing activities (Art. 30 shape): JSON, CSV or printable HTML, English or Arabic',
          tags: ['records'],
          querystring: Query,
        },
        config: { permission: 'manifest:read' },
      },
      async (request, reply) => {
        const { lang, format } = request.query
        const record = recordOfProcessing(manifest, lang)
        if (format === 'csv')
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="record-of-processing-${lang}.csv"`)
            .send(recordCsv(record, lang))
        if (format === 'html') return reply.type('text/html; charset=utf-8').send(recordHtml(record, lang))
        return record
      },
    )
    const transfers = async (
      request: FastifyRequest<{ Querystring: z.infer<typeof Query> }>,
      reply: import('fastify').FastifyReply,
    ) => {
      const { lang, format } = request.query
      const list = transfersOf(manifest, lang)
      if (format === 'json') return { transfers: list }
      return reply.type('text/html; charset=utf-8').send(transfersHtml(list, lang, ctx.shop.name[lang]))
    }
    app.get(
      '/v1/records/transfers',
      {
        schema: {
          summary: 'Transfer register: recipients abroad, countries, mechanism',
          tags: ['records'],
          querystring: Query,
        },
        config: { permission: 'manifest:read' },
      },
      transfers,
    )
    // Kenya: what the ODPC registration of a data controller asks for, answered from the manifest.
    app.get(
      '/v1/records/odpc-registration',
      {
        schema: {
          summary:
            'Kenya ODPC registration: what it asks, answered from the manifest (JSON or printable HTML)',
          description:
            "The particulars the registration of a data controller with Kenya's Data Commissioner asks for (controller, personal data, purposes, data subjects, recipients, transfers, risks and safeguards), answered from the manifest; indemnity measures and turnover/staff are marked for the shop to write. Not verified against the Act's text.",
          tags: ['records'],
          querystring: Query.extend({ format: z.enum(['json', 'html']).default('json') }),
        },
        config: { permission: 'manifest:read' },
      },
      async (request, reply) => {
        const { lang, format } = request.query
        const registration = odpcRegistration(manifest, lang)
        if (format === 'html')
          return reply.type('text/html; charset=utf-8').send(odpcHtml(registration, lang))
        return registration
      },
    )
    // The "transfer documentation" the policy offers customers: public, the same facts.
    app.get(
      '/privacy/transfers',
      {
        schema: {
          hide: true,
          querystring: Query.extend({ format: z.enum(['json', 'html']).default('html') }),
        },
        config: { permission: 'public' },
      },
      async (request, reply) => {
        const { lang, format } = request.query
        const list = transfersOf(manifest, lang)
        if (format === 'json')
          return reply
            .header('content-disposition', 'attachment; filename="transfers.json"')
            .send({ transfers: list })
        return reply
          .type('text/html; charset=utf-8')
          .header('content-disposition', `inline; filename="transfers-${lang}.html"`)
          .send(transfersHtml(list, lang, ctx.shop.name[lang]))
      },
    )
    void transfers
  }
