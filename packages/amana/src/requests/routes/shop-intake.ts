import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { isRequestType, type RequestType } from '../domain/request-types.ts'
import type { RequestsService, SubmitProblem } from '../requests-service.ts'

/**
 * A request the shop's backend submits for a customer it has signed in (the SDK's
 * `submitRequestForCustomer`, a mobile app's backend). The API key vouches for the identity, as the
 * in-process shop-session hook does for the privacy centre: no code is emailed. The key's
 * `requests:submit` scope is the shop's statement that it authenticated the person; the audit
 * ledger records which key said so.
 */
const Customer = z
  .object({
    email: z.email('must be an email address, e.g. layla@example.com').max(254).optional(),
    phone: z
      .string()
      .regex(/^\+[1-9][0-9 ()-]{6,20}$/, 'must be in international form, e.g. +96599095385')
      .optional(),
    customerId: z.string().min(1).max(128).optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    message: 'name the signed-in customer by email or phone (customerId alone cannot receive the answer)',
  })

const Body = z.object({
  type: z
    .string()
    .refine(isRequestType, 'unknown request type: access, erasure, rectification, portability, …'),
  locale: z.enum(['en', 'ar']).default('en'),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code, e.g. KW')
    .optional(),
  details: z.string().max(4000).optional(),
  customer: Customer,
})

const Submitted = z.object({
  reference: z.string(),
  token: z.string(),
  status: z.string(),
  statusUrl: z.string(),
})

/** A submission the service refused, as the API answers it: 429 when rate-limited, else 400 naming each field. */
export const refusedSubmission = (problems: readonly SubmitProblem[], rateLimited: string): AmanaError =>
  problems.includes('rateLimited')
    ? new AmanaError('RATE_LIMITED', rateLimited)
    : new AmanaError(
        'VALIDATION_FAILED',
        `Invalid request: ${problems.join(', ')}.`,
        problems.map((p) => ({ field: p, message: 'is missing or invalid' })),
      )

/** Per key and customer: a backend's loop cannot flood one person's requests, nor share another shop's budget. */
const limitKey = (keyId: string, customer: z.infer<typeof Customer>) =>
  `shop:${keyId}:${customer.customerId ?? customer.email ?? customer.phone}`

/** The identity as the service takes it: only the fields the shop named. */
const identityOf = (c: z.infer<typeof Customer>) => ({
  ...(c.email === undefined ? {} : { email: c.email }),
  ...(c.phone === undefined ? {} : { phone: c.phone }),
  ...(c.customerId === undefined ? {} : { customerId: c.customerId }),
})

export const shopIntakeRoutes = (requests: RequestsService) => async (app: AmanaServer) => {
  app.post(
    '/v1/requests/for-customer',
    {
      schema: {
        summary: 'Submit a request for a customer the shop has signed in (no emailed code)',
        tags: ['requests'],
        body: Body,
        response: { 202: Submitted },
      },
      config: { permission: 'requests:submit' },
    },
    async (request, reply) => {
      const { customer, ...b } = request.body
      const principal = request.principal!
      const outcome = await requests.submit(
        {
          type: b.type as RequestType,
          locale: b.locale,
          channel: 'email',
          requester: 'self',
          ...(b.country ? { country: b.country.toUpperCase() } : {}),
          ...(b.details ? { details: b.details } : {}),
        },
        { ip: limitKey(principal.id, customer), shopIdentity: identityOf(customer) },
      )
      if (!outcome.ok)
        throw refusedSubmission(outcome.problems, 'Too many requests for this customer. Retry in an hour.')
      const status = await requests.statusOf(outcome.reference, outcome.token)
      if (status)
        await requests.deps.audit.append({
          action: 'request.submitted-for-customer',
          actor: { type: principal.kind, id: principal.id },
          subject: status.row.id,
          details: { type: b.type, reference: outcome.reference },
        })
      return reply.code(202).send({
        reference: outcome.reference,
        token: outcome.token,
        status: outcome.status,
        statusUrl: status ? requests.statusLink(status.row) : '',
      })
    },
  )
}
