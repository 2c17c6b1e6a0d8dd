import { z } from 'zod'
import { AmanaError } from '../platform/errors/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import { checkDisclosure, type Refusal } from './domain/check-disclosure.ts'
import type { DisclosureAuditPort, DisclosuresAppPorts } from './ports.ts'

const Identifier = z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'letters, digits and _ . : - only (1–200)')
const FieldName = z
  .string()
  .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)?$/, 'a column: "column" or "table.column"')
const FieldValue = z.union([z.string().max(4096), z.number(), z.boolean(), z.null()])

const Body = z.object({
  processor: Identifier.describe('the processor id in amana.yaml processors, e.g. couriers'),
  purpose: Identifier.describe('the purpose in amana.yaml purposes this hand-over serves, e.g. orders'),
  subject: Identifier.describe("the shop's own reference for the person, e.g. customer:42 (never an email)"),
  reference: Identifier.optional().describe('what is handed over, e.g. order:1001'),
  fields: z
    .record(FieldName, FieldValue)
    .refine((fields) => Object.keys(fields).length > 0, 'name at least one field')
    .refine((fields) => Object.keys(fields).length <= 100, 'at most 100 fields')
    .describe(
      'field → value; a field is a column named in a category storage ("phone" or "customers.phone")',
    ),
})

const Released = z.object({
  processor: z.string(),
  purpose: z.string(),
  categories: z.array(z.string()),
  released: z.record(z.string(), FieldValue),
})

const refusalMessage = (processor: string, refusals: readonly Refusal[]): string => {
  const first = refusals[0] as Refusal
  const more = refusals.length > 1 ? ` (${refusals.length - 1} more in details)` : ''
  return `Not handed to ${processor}: ${first.field} refused. ${first.fix}${more}`
}

/**
 * The disclosure check: before the shop hands a person's data to a processor (a courier, a payment
 * provider), it asks Amana, which releases the fields only if the manifest allows that processor
 * every one of them for the named purpose, and records the hand-over (field names and categories,
 * never values) in the audit ledger. A refusal is audited too and answers 422 naming each field and the fix.
 */
export const disclosuresRoutes =
  (ctx: DisclosuresAppPorts, deps: { audit: DisclosureAuditPort }) => async (app: AmanaServer) => {
    app.post(
      '/v1/disclosures',
      {
        schema: {
          tags: ['disclosures'],
          summary: "Check and record handing a person's fields to a processor the manifest names",
          body: Body,
          response: { 200: Released },
        },
        config: { permission: 'disclosures:write' },
      },
      async (request) => {
        const body = request.body
        const check = checkDisclosure(ctx.manifest.manifest, body)
        const principal = request.principal!
        const event = {
          actor: { type: principal.kind, id: principal.id },
          subjectId: body.subject,
          purpose: body.purpose,
          target: `processor:${body.processor}`,
          requestId: request.id,
        } as const
        const reference = body.reference === undefined ? {} : { reference: body.reference }
        if (!check.ok) {
          const refused = check.refusals.map((r) => r.field)
          await deps.audit.append({
            ...event,
            action: 'disclosure.refused',
            details: { processor: body.processor, fields: refused, ...reference },
          })
          throw new AmanaError(
            'DISCLOSURE_REFUSED',
            refusalMessage(body.processor, check.refusals),
            check.refusals,
          )
        }
        await deps.audit.append({
          ...event,
          action: 'disclosure.sent',
          details: {
            processor: body.processor,
            fields: Object.keys(check.released).sort(),
            categories: [...check.categories],
            ...reference,
          },
        })
        return {
          processor: body.processor,
          purpose: body.purpose,
          categories: [...check.categories],
          released: check.released,
        }
      },
    )
  }
