import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { toLedgerCsv, toRateSeries, toRecordView } from '../consent-views.ts'
import type { LedgerRecord } from '../domain/consent-record.ts'
import { receiptJwk, verifyReceipt } from '../domain/receipt.ts'
import { consentRates, getRecords, listRecords } from '../store.ts'
import { actorOf, type ConsentRouteKit, dayRange, json } from './kit.ts'
import { Period, RecordId, SubjectParam } from './schemas.ts'

/** Signed receipts (compact JWS, EdDSA): one record's, the public key, and a check against the ledger. */
export const receiptRoutes = (app: AmanaServer, kit: ConsentRouteKit) => {
  const { consent, ctx } = kit
  app.get(
    '/v1/consent/:id/receipt',
    {
      schema: {
        params: z.object({ id: RecordId }),
        tags: ['consent'],
        summary: 'A signed receipt (compact JWS, EdDSA) for one record',
      },
      config: json,
    },
    async (request, reply) => {
      const receipt = await consent.receipt(request.params.id)
      if (!receipt)
        throw new AmanaError('NOT_FOUND', 'No consent record has this id. Check the receipt link.')
      return reply.type('application/jose; charset=utf-8').send(receipt)
    },
  )

  app.get(
    '/v1/consent/receipt-key',
    { schema: { tags: ['consent'], summary: 'The public key receipts are signed with (JWK)' }, config: json },
    async () => ({ keys: [receiptJwk(consent.keys.receiptKey)] }),
  )

  app.post(
    '/v1/consent/receipts/verify',
    {
      schema: {
        body: z.object({ receipt: z.string().min(1).max(16_384) }),
        tags: ['consent'],
        summary: 'Verify a consent receipt',
      },
      config: json,
    },
    async (request) => {
      const result = verifyReceipt(request.body.receipt, consent.keys.receiptKey)
      if (!result.ok) return { valid: false, reason: result.reason }
      const [record] = await getRecords(ctx.database.db, [result.body.consentReceiptID]).catch(() => [])
      if (!record) return { valid: false, reason: 'not-in-ledger' }
      return { valid: true, receipt: result.body }
    },
  )
}

/** Every ledger record of a subject or a period, read in pages of 5,000. */
const readLedger = async (
  kit: ConsentRouteKit,
  filter: { subjectHash: string | undefined; range: ReturnType<typeof dayRange> | undefined },
) => {
  const records: LedgerRecord[] = []
  let afterSeq: string | undefined
  for (;;) {
    const page = await listRecords(kit.ctx.database.db, {
      subjectHash: filter.subjectHash,
      from: filter.range?.from,
      to: filter.range?.toExclusive,
      afterSeq,
      limit: 5000,
    })
    records.push(...page)
    if (page.length < 5000) break
    afterSeq = page[page.length - 1]?.seq
  }
  return records
}

/** Consent rates per day and the ledger export (CSV or JSON; the export is audited). */
export const ledgerRoutes = (app: AmanaServer, kit: ConsentRouteKit) => {
  const { consent, ctx } = kit
  app.get(
    '/v1/consent/stats',
    {
      schema: {
        querystring: Period,
        tags: ['consent'],
        summary: 'Consent rates per purpose and category per day',
      },
      config: { permission: 'consent:read' },
    },
    async (request) => {
      const range = dayRange(request.query, ctx.now())
      return {
        from: range.fromDay,
        to: range.toDay,
        series: toRateSeries(await consentRates(ctx.database.db, range.from, range.toExclusive)),
      }
    },
  )

  app.get(
    '/v1/consent/export',
    {
      schema: {
        querystring: Period.extend({
          format: z.enum(['csv', 'json']).default('json'),
          subject: SubjectParam.optional(),
        }),
        tags: ['consent'],
        summary: 'Export the ledger for a subject or a period',
      },
      config: { permission: 'consent:read' },
    },
    async (request, reply) => {
      const { format, subject } = request.query
      const subjectHash = subject ? consent.keys.hashSubject(subject) : undefined
      const range =
        request.query.from || request.query.to || !subject ? dayRange(request.query, ctx.now()) : undefined
      const records = await readLedger(kit, { subjectHash, range })
      await consent.audit.append({
        action: 'consent.export',
        actor: actorOf(request),
        ...(subjectHash ? { subject: subjectHash } : {}),
        details: { format, records: records.length },
      })
      const name = `consent-ledger-${subject ? 'subject' : `${range?.fromDay}-${range?.toDay}`}`
      reply.header('content-disposition', `attachment; filename="${name}.${format}"`)
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toLedgerCsv(records))
      return reply.type('application/json; charset=utf-8').send({ records: records.map(toRecordView) })
    },
  )
}
