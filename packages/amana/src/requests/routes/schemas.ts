import { z } from 'zod'
import { isRequestType, requesterKinds, verificationChannels } from '../domain/request-types.ts'

/** A request as the privacy centre's form and `POST /v1/requests` submit it. */
export const SubmitBody = z.object({
  type: z.string().refine(isRequestType, 'unknown request type'),
  locale: z.enum(['en', 'ar']).default('en'),
  email: z.string().max(254).optional(),
  phone: z.string().max(32).optional(),
  channel: z.enum(verificationChannels).default('email'),
  country: z.string().max(2).optional(),
  details: z.string().max(4000).optional(),
  orderNumber: z.string().max(64).optional(),
  requester: z.enum(requesterKinds).default('self'),
  agentName: z.string().max(200).optional(),
})

export const Reference = z.object({ reference: z.string().regex(/^DSR-[0-9A-Z]{4}-[0-9A-Z]{4}$/) })
export const TokenBody = z.object({ token: z.string().max(64) })
export const LangQuery = z.object({ lang: z.string().optional() }).loose()

/** Options of the privacy centre's HTML pages: hidden from the API description, open to anyone. */
export const html = { schema: { hide: true }, config: { permission: 'public' as const } }
