import { randomUUID } from 'node:crypto'
import { setTimeout as sleepFor } from 'node:timers/promises'
import { z } from 'zod'
import { isAmanaError } from '../../platform/errors/index.ts'
import type { Connector, EraseOptions, Rectification } from '../connector.ts'
import { connectorFailed, connectorUnavailable, describeEndpoint } from '../connector-errors.ts'
import type { Subject, TablePlan } from '../plan.ts'
import { webhookHeaders } from './standard-webhooks.ts'

export type RetryPolicy = { attempts: number; baseDelayMs: number; maxDelayMs: number }

export type WebhookConnectorOptions = {
  system: string
  url: string
  /** `whsec_` + base64 key, shared with the shop's endpoint. */
  secret: string
  tables?: readonly TablePlan[]
  retry?: RetryPolicy
  timeoutMs?: number
  now?: () => Date
  sleep?: (ms: number) => Promise<unknown>
}

const RowSchema = z.record(z.string(), z.unknown())
export const WebhookCollectAnswerSchema = z.object({
  tables: z.array(z.object({ table: z.string(), rows: z.array(RowSchema) })),
})
export const WebhookEraseAnswerSchema = z.object({
  alreadyErased: z.boolean(),
  steps: z.array(
    z.object({
      table: z.string(),
      action: z.enum(['delete', 'anonymise', 'held', 'none']),
      rows: z.number().int().min(0),
      columns: z.array(z.string()).default([]),
      reason: z.string().optional(),
    }),
  ),
})
export const WebhookRectifyAnswerSchema = z.object({ changed: z.number().int().min(0) })

/** The JSON body the shop's endpoint receives; documented in docs/connectors.md. */
export type WebhookOperation =
  | { type: 'dsr.collect'; subject: Subject; tables: string[] }
  | { type: 'dsr.erase'; subject: Subject; tables: string[]; dryRun: boolean }
  | { type: 'dsr.rectify'; change: Rectification }

const isRetryableStatus = (status: number) => status >= 500 || status === 429 || status === 408

/**
 * For systems Amana cannot reach directly: each operation is POSTed to the shop's endpoint,
 * signed per Standard Webhooks. 5xx, 429 and network errors are retried with exponential backoff,
 * under one `webhook-id` so the endpoint can de-duplicate; a 4xx or a malformed answer is final.
 */
// long-function: the connector's methods close over one endpoint and its signing secret
export const createWebhookConnector = (options: WebhookConnectorOptions): Connector => {
  const { system, url, secret } = options
  const retry = options.retry ?? { attempts: 4, baseDelayMs: 500, maxDelayMs: 8000 }
  const now = options.now ?? (() => new Date())
  const sleep = options.sleep ?? sleepFor
  const endpoint = describeEndpoint(url)
  const tables = (options.tables ?? []).map((t) => t.table)

  const post = async <T>(operation: WebhookOperation, schema: z.ZodType<T>): Promise<T> => {
    const id = `msg_${randomUUID()}`
    const body = JSON.stringify(operation)
    let lastReason = ''
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      if (attempt > 1) await sleep(Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 2)))
      let response: Response
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...webhookHeaders(secret, id, now(), body) },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        })
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause
        lastReason =
          (error as Error).name === 'TimeoutError'
            ? 'timeout'
            : `network error (${cause?.code ?? cause?.message ?? 'unknown'})`
        continue
      }
      if (isRetryableStatus(response.status)) {
        await response.body?.cancel()
        lastReason = `HTTP ${response.status}`
        continue
      }
      if (!response.ok) {
        await response.body?.cancel()
        throw connectorFailed(system, `${endpoint} answered HTTP ${response.status} to ${operation.type}`)
      }
      let json: unknown
      try {
        json = await response.json()
      } catch (error) {
        throw connectorFailed(system, `${endpoint} answered ${operation.type} with invalid JSON`, error)
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success)
        throw connectorFailed(
          system,
          `${endpoint} answered ${operation.type} with an unexpected shape: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
        )
      return parsed.data
    }
    throw connectorUnavailable(system, `${lastReason} at ${endpoint} after ${retry.attempts} attempts`)
  }

  return {
    system,
    kind: 'webhook',
    // Nothing to check the plan against: the endpoint owns its schema.
    preflight: async () => ({ ok: true }),
    async collect(subject: Subject) {
      const answer = await post({ type: 'dsr.collect', subject, tables }, WebhookCollectAnswerSchema)
      return { status: 'completed', system, tables: answer.tables }
    },
    async erase(subject: Subject, { dryRun = false }: EraseOptions) {
      const answer = await post({ type: 'dsr.erase', subject, tables, dryRun }, WebhookEraseAnswerSchema)
      return {
        status: 'completed',
        system,
        dryRun,
        alreadyErased: answer.alreadyErased,
        steps: answer.steps.map((s) => ({
          table: s.table,
          action: s.action,
          rows: s.rows,
          columns: s.columns,
          ...(s.reason === undefined ? {} : { reason: s.reason }),
        })),
      }
    },
    async rectify(change: Rectification) {
      try {
        const answer = await post({ type: 'dsr.rectify', change }, WebhookRectifyAnswerSchema)
        return { status: 'completed', system, changed: answer.changed }
      } catch (error) {
        if (isAmanaError(error)) throw error
        throw connectorFailed(system, 'rectify failed', error)
      }
    },
    close: async () => {},
  }
}
