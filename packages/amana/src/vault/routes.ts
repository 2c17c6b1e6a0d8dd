import { z } from 'zod'
import type { AuditLedger } from '../audit/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import type { Vault } from './vault.ts'

const Identifier = z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'letters, digits and _ . : - only (1–200)')

/**
 * Tokenisation for the shop's own backend: store `tok_…` instead of a phone number, and ask Amana
 * for the value only when a named purpose needs it. Every detokenisation is audited; erasure of the
 * subject (crypto-shredding) makes their tokens unresolvable.
 */
export const vaultRoutes =
  (deps: { vault: Vault; audit: Pick<AuditLedger, 'append'> }) => async (app: AmanaServer) => {
    app.post(
      '/v1/tokens',
      {
        schema: {
          tags: ['vault'],
          summary: 'Tokenise a value for a subject (deterministic per subject, kind and value)',
          body: z.object({
            subjectId: Identifier,
            kind: Identifier.describe('e.g. phone, email, national-id'),
            value: z.string().min(1).max(4096),
          }),
          response: { 201: z.object({ token: z.string() }) },
        },
        config: { permission: 'vault:tokenise' },
      },
      async (request, reply) => {
        const token = await deps.vault.tokenise(request.body.subjectId, request.body.kind, request.body.value)
        return reply.code(201).send({ token })
      },
    )

    app.post(
      '/v1/tokens/detokenise',
      {
        schema: {
          tags: ['vault'],
          summary: 'The value behind a token, for a named purpose (audited)',
          body: z.object({
            token: z.string().min(1).max(512),
            purpose: Identifier.describe('the purpose from the manifest this read serves'),
          }),
          response: { 200: z.object({ subjectId: z.string(), kind: z.string(), value: z.string() }) },
        },
        config: { permission: 'vault:detokenise' },
      },
      async (request) => {
        const result = await deps.vault.detokenise(request.body.token)
        const principal = request.principal!
        await deps.audit.append({
          actor: { type: principal.kind === 'staff' ? 'staff' : 'api-key', id: principal.id },
          action: 'personal-data.read',
          subjectId: result.subjectId,
          purpose: request.body.purpose,
          target: `token:${result.kind}`,
          ...(request.ip ? { ip: request.ip } : {}),
          requestId: request.id,
        })
        return { subjectId: result.subjectId, kind: result.kind, value: result.value }
      },
    )
  }
