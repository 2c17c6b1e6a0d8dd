import { AmanaApiError } from './errors.ts'

export interface RetryOptions {
  /** Further attempts after the first, on 503 and 429 (and network errors). Default 3; 0 turns retries off. */
  readonly retries?: number
  /** First backoff; doubled each attempt, with full jitter. Default 250 ms. */
  readonly baseDelayMs?: number
  /** A wait longer than this (e.g. a Retry-After of an hour) is not waited for: the error is thrown. Default 10 s. */
  readonly maxDelayMs?: number
}

export interface HttpOptions {
  readonly baseUrl: string
  /** An API key (`amana api-key create`); omitted for the public calls (request intake and status). */
  readonly apiKey?: string | undefined
  readonly fetch?: typeof fetch
  readonly retry?: RetryOptions
  /** Per attempt. Default 10 s. */
  readonly timeoutMs?: number
}

export type Call = <T>(path: string, init?: { method?: string; body?: unknown; auth?: boolean }) => Promise<T>

const retryable = (status: number) => status === 503 || status === 429

const retryAfterOf = (res: Response): number | undefined => {
  const value = res.headers.get('retry-after')
  if (value === null) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000)
}

const errorOf = async (res: Response): Promise<AmanaApiError> => {
  const body = (await res.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; requestId?: string; details?: unknown }
  }
  return new AmanaApiError({
    status: res.status,
    code: body.error?.code ?? 'HTTP_ERROR',
    message: body.error?.message ?? `Amana answered HTTP ${res.status}`,
    requestId: body.error?.requestId ?? res.headers.get('x-request-id') ?? undefined,
    details: body.error?.details,
    retryAfterSeconds: retryAfterOf(res),
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** One JSON call with the key, retried with exponential backoff (or Retry-After) on 503 and 429. */
export const createCall = (options: HttpOptions): Call => {
  const base = options.baseUrl.replace(/\/+$/, '')
  const f = options.fetch ?? globalThis.fetch
  const retries = options.retry?.retries ?? 3
  const baseDelay = options.retry?.baseDelayMs ?? 250
  const maxDelay = options.retry?.maxDelayMs ?? 10_000
  const timeout = options.timeoutMs ?? 10_000

  const attempt = async (url: string, init: RequestInit): Promise<Response | AmanaApiError> => {
    try {
      return await f(url, { ...init, signal: AbortSignal.timeout(timeout) })
    } catch (e) {
      return new AmanaApiError({
        status: 0,
        code: 'NETWORK',
        message: `Amana could not be reached: ${String(e)}`,
      })
    }
  }

  return async <T>(path: string, init: { method?: string; body?: unknown; auth?: boolean } = {}) => {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (init.auth !== false && options.apiKey) headers.authorization = `Bearer ${options.apiKey}`
    if (init.body !== undefined) headers['content-type'] = 'application/json'
    const request: RequestInit = {
      method: init.method ?? 'GET',
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }
    for (let n = 0; ; n++) {
      const res = await attempt(`${base}${path}`, request)
      if (!(res instanceof AmanaApiError) && res.ok) return (await res.json()) as T
      const error = res instanceof AmanaApiError ? res : await errorOf(res)
      // A lost connection may have delivered a write: only reads are retried then. 503 and 429 wrote nothing.
      const again = retryable(error.status) || (error.status === 0 && request.method === 'GET')
      if (n >= retries || !again) throw error
      const wait =
        error.retryAfterSeconds !== undefined
          ? error.retryAfterSeconds * 1000
          : Math.random() * baseDelay * 2 ** n
      if (wait > maxDelay) throw error
      await sleep(wait)
    }
  }
}
