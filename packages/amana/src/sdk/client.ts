// A tiny typed client for a shop's backend. No server imports: safe to copy into any Node or edge runtime.

export type DecisionReason =
  | 'consent-given'
  | 'consent-refused'
  | 'consent-absent'
  | 'legal-basis-not-consent'
  | 'restricted'
  | 'child'
  | 'gpc'
  | 'opt-out-default'

export interface AmanaDecision {
  readonly purpose: string
  readonly allow: boolean
  readonly reason: DecisionReason
}

export interface DecideOptions {
  readonly channel?: 'email' | 'sms' | 'whatsapp' | 'push'
  readonly jurisdiction?: string
  readonly child?: boolean
  /** The request you are serving carried `Sec-GPC: 1`. */
  readonly gpc?: boolean
}

export class AmanaClientError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'AmanaClientError'
    this.status = status
    this.code = code
  }
}

export interface AmanaClient {
  /** `subject`: `account:<id>`, `device:<id>`, or a bare account id. */
  decide(subject: string, purpose: string, options?: DecideOptions): Promise<AmanaDecision>
  decideMany(subject: string, purposes: readonly string[], options?: DecideOptions): Promise<AmanaDecision[]>
  /** A token to store instead of a value (e.g. a phone number); the same value gives the same token. */
  tokenise(subjectId: string, kind: string, value: string): Promise<string>
  /** The value behind a token; audited on Amana's side. Fails with SUBJECT_SHREDDED after erasure. */
  detokenise(token: string, purpose: string): Promise<{ subjectId: string; kind: string; value: string }>
}

export const createAmanaClient = (options: {
  baseUrl: string
  apiKey: string
  fetch?: typeof fetch
}): AmanaClient => {
  const base = options.baseUrl.replace(/\/$/, '')
  const f = options.fetch ?? fetch
  const call = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await f(`${base}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${options.apiKey}`,
        accept: 'application/json',
        ...(init?.body ? { 'content-type': 'application/json' } : {}),
      },
    })
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } }
    if (!res.ok)
      throw new AmanaClientError(
        res.status,
        body.error?.code ?? 'HTTP_ERROR',
        body.error?.message ?? `Amana answered ${res.status}`,
      )
    return body as T
  }
  return {
    decide(subject, purpose, o = {}) {
      const q = new URLSearchParams({ subject, purpose })
      if (o.channel) q.set('channel', o.channel)
      if (o.jurisdiction) q.set('jurisdiction', o.jurisdiction)
      if (o.child !== undefined) q.set('child', String(o.child))
      if (o.gpc !== undefined) q.set('gpc', String(o.gpc))
      return call<AmanaDecision>(`/v1/decisions?${q}`)
    },
    async decideMany(subject, purposes, o = {}) {
      const r = await call<{ decisions: AmanaDecision[] }>('/v1/decisions', {
        method: 'POST',
        body: JSON.stringify({ subject, purposes, ...o }),
      })
      return r.decisions
    },
    async tokenise(subjectId, kind, value) {
      const r = await call<{ token: string }>('/v1/tokens', {
        method: 'POST',
        body: JSON.stringify({ subjectId, kind, value }),
      })
      return r.token
    },
    detokenise(token, purpose) {
      return call<{ subjectId: string; kind: string; value: string }>('/v1/tokens/detokenise', {
        method: 'POST',
        body: JSON.stringify({ token, purpose }),
      })
    },
  }
}
