import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Manifest } from '../manifest/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import { type PdfRenderer, pdfReply, sendPdf } from '../platform/pdf/index.ts'
import { odpcRegistration } from './domain/odpc-registration.ts'
import { type RecordLocale, recordOfProcessing, transfersOf } from './domain/record-of-processing.ts'
import { evidenceHtml, odpcHtml, recordCsv, recordHtml, transfersHtml } from './domain/render.ts'
import { requestEvidence } from './evidence.ts'
import type { AuditRangePort, RecordsAuditPort, RequestEvidencePort } from './ports.ts'

const lang = z.enum(['en', 'ar']).default('en')
const Query = z.object({ lang, format: z.enum(['json', 'csv', 'html', 'pdf']).default('json') })
const PrintFormat = z.enum(['json', 'html', 'pdf'])
const Printable = z.object({ lang, format: PrintFormat.default('json') })
const tags = ['records']

interface RecordsContext {
  readonly manifest: { readonly manifest: Manifest }
  readonly shop: { readonly name: Readonly<Record<RecordLocale, string>> }
  readonly now: () => Date
}

/** A printable export as HTML, or the same HTML printed to PDF (`filename` without its extension). */
const printable = (
  reply: FastifyReply,
  pdf: PdfRenderer | undefined,
  format: 'html' | 'pdf',
  html: string,
  filename: string,
) =>
  format === 'pdf'
    ? sendPdf(reply, pdf, html, `${filename}.pdf`)
    : reply.type('text/html; charset=utf-8').send(html)

const actorOf = (request: FastifyRequest) => ({
  type: request.principal?.kind === 'api-key' ? ('api-key' as const) : ('staff' as const),
  id: request.principal?.id ?? 'unknown',
})

/** A staff download of a count-only report, in the ledger: who, which report, which format and language. */
const downloaded = (
  exports: RecordsAuditPort | undefined,
  request: FastifyRequest,
  report: 'record-of-processing' | 'transfer-register' | 'odpc-registration',
  query: { format: string; lang: string },
) =>
  exports?.append({
    action: 'records.report-downloaded',
    actor: actorOf(request),
    target: report,
    details: { report, format: query.format, lang: query.lang },
  })

/** The regulator's and auditor's view: the record of processing and the transfer register, from the manifest. */
export const recordsRoutes =
  (
    ctx: RecordsContext,
    deps?: {
      readonly requests: RequestEvidencePort
      readonly audit: AuditRangePort
      /** Each export of an evidence bundle (JSON, HTML or PDF) is recorded here. */
      readonly exports?: RecordsAuditPort
    },
    pdf?: PdfRenderer,
  ) =>
  async (app: AmanaServer) => {
    if (deps) evidenceRoutes(app, { ...deps, now: ctx.now }, pdf, deps.exports)
    recordRoutes(app, ctx.manifest.manifest, ctx.shop.name, pdf, deps?.exports)
    publicTransferRoutes(app, ctx.manifest.manifest, ctx.shop.name, pdf)
  }

/** A request's evidence bundle: JSON (verifiable offline), printable HTML or PDF. */
const evidenceRoutes = (
  app: AmanaServer,
  evidence: Parameters<typeof requestEvidence>[0],
  pdf: PdfRenderer | undefined,
  exports: RecordsAuditPort | undefined,
) => {
  app.get(
    '/v1/requests/:id/evidence',
    {
      schema: {
        summary: "A request's evidence bundle: timeline, steps, audit entries with their chain proof",
        description:
          'JSON (the default) holds the audit export that `amana audit verify --export` checks offline; `format=html` or `format=pdf` (`lang=ar` for Arabic) prints the same bundle for a reader.',
        tags,
        params: z.object({ id: z.uuid() }),
        querystring: Printable,
      },
      config: { permission: 'audit:read' },
    },
    async (request, reply) => {
      const bundle = await requestEvidence(evidence, request.params.id)
      if (!bundle) throw new AmanaError('NOT_FOUND', 'No request has this id.')
      const { format, lang } = request.query
      await exports?.append({
        action: 'records.evidence-exported',
        actor: actorOf(request),
        target: bundle.request.id,
        details: { format, lang },
      })
      const name = `evidence-${bundle.request.reference}`
      if (format !== 'json') return printable(reply, pdf, format, evidenceHtml(bundle, lang), name)
      return reply.header('content-disposition', `attachment; filename="${name}.json"`).send(bundle)
    },
  )
}

/** The record of processing, the transfer register and Kenya's ODPC registration, for staff; each download audited. */
const recordRoutes = (
  app: AmanaServer,
  manifest: Manifest,
  shopName: Readonly<Record<RecordLocale, string>>,
  pdf: PdfRenderer | undefined,
  exports: RecordsAuditPort | undefined,
) => {
  app.get(
    '/v1/records/processing',
    {
      schema: {
        summary:
          'Record of processing activities (Art. 30 shape): JSON, CSV, printable HTML or PDF, English or Arabic',
        tags,
        querystring: Query,
      },
      config: { permission: 'manifest:read' },
    },
    async (request, reply) => {
      const { lang, format } = request.query
      await downloaded(exports, request, 'record-of-processing', request.query)
      const record = recordOfProcessing(manifest, lang)
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="record-of-processing-${lang}.csv"`)
          .send(recordCsv(record, lang))
      if (format === 'json') return record
      return printable(reply, pdf, format, recordHtml(record, lang), `record-of-processing-${lang}`)
    },
  )
  app.get(
    '/v1/records/transfers',
    {
      schema: {
        summary: 'Transfer register: recipients abroad, countries, mechanism (JSON, printable HTML or PDF)',
        tags,
        querystring: Printable,
      },
      config: { permission: 'manifest:read' },
    },
    async (request, reply) => {
      const { lang, format } = request.query
      await downloaded(exports, request, 'transfer-register', request.query)
      const list = transfersOf(manifest, lang)
      if (format === 'json') return { transfers: list }
      return printable(reply, pdf, format, transfersHtml(list, lang, shopName[lang]), `transfers-${lang}`)
    },
  )
  // Kenya: what the ODPC registration of a data controller asks for, answered from the manifest.
  app.get(
    '/v1/records/odpc-registration',
    {
      schema: {
        summary:
          'Kenya ODPC registration: what it asks, answered from the manifest (JSON, printable HTML or PDF)',
        description:
          "The particulars the registration of a data controller with Kenya's Data Commissioner asks for (controller, personal data, purposes, data subjects, recipients, transfers, risks and safeguards), answered from the manifest; indemnity measures and turnover/staff are marked for the shop to write. Not verified against the Act's text.",
        tags,
        querystring: Printable,
      },
      config: { permission: 'manifest:read' },
    },
    async (request, reply) => {
      const { lang, format } = request.query
      await downloaded(exports, request, 'odpc-registration', request.query)
      const registration = odpcRegistration(manifest, lang)
      if (format === 'json') return registration
      return printable(reply, pdf, format, odpcHtml(registration, lang), `odpc-registration-${lang}`)
    },
  )
}

/** The "transfer documentation" the policy offers customers: public, the same facts, HTML, PDF or JSON. */
const publicTransferRoutes = (
  app: AmanaServer,
  manifest: Manifest,
  shopName: Readonly<Record<RecordLocale, string>>,
  pdf: PdfRenderer | undefined,
) => {
  const printed = new Map<RecordLocale, Promise<Buffer>>()
  app.get(
    '/privacy/transfers',
    {
      schema: { hide: true, querystring: z.object({ lang, format: PrintFormat.default('html') }) },
      config: { permission: 'public' },
    },
    async (request, reply) => {
      const { lang, format } = request.query
      const list = transfersOf(manifest, lang)
      if (format === 'json')
        return reply
          .header('content-disposition', 'attachment; filename="transfers.json"')
          .send({ transfers: list })
      const html = transfersHtml(list, lang, shopName[lang])
      if (format === 'pdf') {
        // Public: printed once per language (the manifest is fixed while Amana runs), so no visitor can
        // make Amana start Chromium again and again.
        if (!pdf) return sendPdf(reply, pdf, html, '')
        const bytes = printed.get(lang) ?? pdf.render(html)
        printed.set(lang, bytes)
        bytes.catch(() => printed.delete(lang))
        return pdfReply(reply, await bytes, `transfers-${lang}.pdf`)
      }
      return reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', `inline; filename="transfers-${lang}.html"`)
        .send(html)
    },
  )
}
