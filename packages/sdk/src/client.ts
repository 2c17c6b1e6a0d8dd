import { type Call, createCall, type HttpOptions } from './http.ts'
import type {
  AmanaDecision,
  ConsentChoice,
  ConsentMethod,
  ConsentRecordResult,
  ConsentView,
  CustomerRequest,
  DecideOptions,
  RequestStatus,
  RequestSubmission,
  RetentionEvent,
  SubmittedRequest,
} from './types.ts'

export interface AmanaClient {
  /** May `purpose` be used for `subject` now? `subject`: `account:<id>`, `device:<id>` or a bare account id. */
  decide(subject: string, purpose: string, options?: DecideOptions): Promise<AmanaDecision>
  /** The same for several purposes in one call. */
  decideMany(subject: string, purposes: readonly string[], options?: DecideOptions): Promise<AmanaDecision[]>
  /**
   * Records choices the customer made in the shop (account settings, a checkout box, a parent). A `recordId` is
   * generated when absent, so a retried call is stored once.
   */
  recordConsent(record: {
    subject: string
    method: Extract<ConsentMethod, 'account-settings' | 'parent' | 'api' | 'email-unsubscribe'>
    choices: readonly ConsentChoice[]
    locale?: string
    jurisdiction?: string
    source?: string
    notice?: string
    child?: boolean
    recordId?: string
  }): Promise<ConsentRecordResult>
  /** A subject's state and ledger (audited on Amana's side). Needs `consent:read`. */
  consentOf(subject: string): Promise<ConsentView>
  /** A signed link to the preference centre, to send to the customer or show in their account. */
  preferenceLink(subject: string, validDays?: number): Promise<string>
  /** Tells Amana something happened (an order fulfilled, an account closed): retention clocks start or reset. */
  event(event: RetentionEvent): Promise<{ event: string; clocks: number; immediate: string[] }>
  /** Submits a data-subject request; the person confirms a code sent to the address. Public: no key sent. */
  submitRequest(request: RequestSubmission): Promise<SubmittedRequest>
  /**
   * Submits a request for a customer your shop has signed in: your API key vouches for the identity, so no
   * code is emailed, and the audit ledger records the key. Scope `requests:submit`.
   */
  submitRequestForCustomer(request: CustomerRequest): Promise<SubmittedRequest & { statusUrl: string }>
  /** The code the person received. */
  verifyRequest(
    reference: string,
    token: string,
    code: string,
  ): Promise<{ verified: boolean; reason?: string; attemptsLeft?: number }>
  /** A request's status for the holder of its token. Public: no key sent. */
  requestStatus(reference: string, token: string): Promise<RequestStatus>
  /** The banner's configuration (its `policyVersion`, categories), e.g. for an app's own tracking settings. Public. */
  bannerConfig(
    lang?: 'en' | 'ar',
  ): Promise<{ policyVersion: string; categories: { id: string; required: boolean; title: string }[] }>
  /** A token to store instead of a value (e.g. a phone number); the same value gives the same token. */
  tokenise(subjectId: string, kind: string, value: string): Promise<string>
  /** The value behind a token, for a purpose from amana.yaml; audited. Fails with SUBJECT_SHREDDED after erasure. */
  detokenise(token: string, purpose: string): Promise<{ subjectId: string; kind: string; value: string }>
}

const decisionQuery = (subject: string, purpose: string, o: DecideOptions) => {
  const q = new URLSearchParams({ subject, purpose })
  if (o.channel) q.set('channel', o.channel)
  if (o.jurisdiction) q.set('jurisdiction', o.jurisdiction)
  if (o.child !== undefined) q.set('child', String(o.child))
  if (o.gpc !== undefined) q.set('gpc', String(o.gpc))
  return q
}

const requestPath = (reference: string) => `/v1/requests/${encodeURIComponent(reference)}`

const consentCalls = (call: Call) => ({
  decide: (subject: string, purpose: string, o: DecideOptions = {}) =>
    call<AmanaDecision>(`/v1/decisions?${decisionQuery(subject, purpose, o)}`),
  decideMany: async (subject: string, purposes: readonly string[], o: DecideOptions = {}) =>
    (
      await call<{ decisions: AmanaDecision[] }>('/v1/decisions', {
        method: 'POST',
        body: { subject, purposes, ...o },
      })
    ).decisions,
  recordConsent: (record: Parameters<AmanaClient['recordConsent']>[0]) =>
    call<ConsentRecordResult>('/v1/consent/records', {
      method: 'POST',
      body: { ...record, recordId: record.recordId ?? crypto.randomUUID() },
    }),
  consentOf: (subject: string) => call<ConsentView>(`/v1/consent?${new URLSearchParams({ subject })}`),
  preferenceLink: async (subject: string, validDays?: number) =>
    (
      await call<{ url: string }>('/v1/consent/preference-links', {
        method: 'POST',
        body: validDays === undefined ? { subject } : { subject, validDays },
      })
    ).url,
})

const requestCalls = (call: Call) => ({
  submitRequest: (request: RequestSubmission) =>
    call<SubmittedRequest>('/v1/requests', { method: 'POST', body: request, auth: false }),
  verifyRequest: (reference: string, token: string, code: string) =>
    call<{ verified: boolean; reason?: string; attemptsLeft?: number }>(`${requestPath(reference)}/verify`, {
      method: 'POST',
      body: { token, code },
      auth: false,
    }),
  submitRequestForCustomer: (request: CustomerRequest) =>
    call<SubmittedRequest & { statusUrl: string }>('/v1/requests/for-customer', {
      method: 'POST',
      body: request,
    }),
  requestStatus: (reference: string, token: string) =>
    call<RequestStatus>(`${requestPath(reference)}?${new URLSearchParams({ token })}`, { auth: false }),
})

/** A client for the shop's backend. Never put the API key in a browser or a mobile app. */
export const createAmanaClient = (options: HttpOptions): AmanaClient => {
  const call = createCall(options)
  return {
    ...consentCalls(call),
    ...requestCalls(call),
    event: (event) => call('/v1/events', { method: 'POST', body: event }),
    bannerConfig: (lang) => call(`/v1/consent/config${lang ? `?lang=${lang}` : ''}`, { auth: false }),
    tokenise: async (subjectId, kind, value) =>
      (await call<{ token: string }>('/v1/tokens', { method: 'POST', body: { subjectId, kind, value } }))
        .token,
    detokenise: (token, purpose) =>
      call<{ subjectId: string; kind: string; value: string }>('/v1/tokens/detokenise', {
        method: 'POST',
        body: { token, purpose },
      }),
  }
}
