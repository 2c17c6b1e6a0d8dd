// What /api/openapi.json says about each operation beyond its route's schema: a description (for a
// developer reading the contract) and, for the calls a shop's backend makes most, examples. A route's own
// `schema.description` wins over the text here. system/openapi.test.ts fails when a documented operation has
// no description, or when an entry here names an operation that no longer exists.
import type { OperationDoc } from '../platform/http/index.ts'

const subject = 'account:42'

export const apiDocs: Readonly<Record<string, OperationDoc>> = {
  // System -------------------------------------------------------------------------------------------
  'GET /healthz': {
    description:
      'Liveness: answers while the process runs, without touching the database. For load balancers.',
  },
  'GET /readyz': {
    description:
      'Readiness: 200 when the database answers and every migration has run, else 503 with what is missing. Route traffic only to a ready process.',
  },

  // Staff sessions and API keys -------------------------------------------------------------------------
  'POST /v1/session': {
    description:
      'Signs a staff member in. Sets the HttpOnly session cookie; a member with TOTP enrolled also sends `totp`. Failed attempts are rate-limited per address and account.',
  },
  'GET /v1/session': {
    description:
      'The signed-in member (id, email, role, capabilities) and the CSRF token to send as `x-csrf-token` with every state-changing request made with the session cookie.',
  },
  'DELETE /v1/session': { description: 'Ends the current session; the cookie is cleared.' },
  'PUT /v1/session/password': {
    description:
      'Changes the signed-in member’s password (current one required). Every session of the member ends; a new one is issued to this browser.',
  },
  'POST /v1/session/totp': {
    description:
      'Starts TOTP enrolment: answers the secret and an otpauth:// URI once. Enrolment finishes with POST /v1/session/totp/confirm.',
  },
  'DELETE /v1/session/totp': { description: 'Removes the second factor; a current TOTP code is required.' },
  'POST /v1/session/totp/confirm': {
    description: 'Finishes TOTP enrolment with a current code; from then on sign-in asks for one.',
  },
  'GET /v1/staff': { description: 'Every staff member with role, second-factor state and live sessions.' },
  'POST /v1/staff': {
    description:
      'Invites a staff member with a role. Answers a one-time setup link valid 24 hours, to hand over out of band. Audited.',
  },
  'PUT /v1/staff/{id}/role': {
    description:
      'Changes a member’s role; their sessions end so the new capabilities apply at once. Audited.',
  },
  'DELETE /v1/staff/{id}/sessions': {
    description: 'Ends every session of a member (a lost laptop). Audited.',
  },
  'GET /v1/api-keys': {
    description: 'The API keys: name, scopes, creator, last use, revoked or not. Never the secret.',
  },
  'POST /v1/api-keys': {
    description:
      'Creates a key for the shop’s backend with the scopes it needs (never more than the creator holds). The secret is in this answer only; store it in the backend’s secrets. Also `amana api-key create`.',
    body: { name: 'shop-backend', scopes: ['decisions:read', 'consent:write'] },
  },
  'DELETE /v1/api-keys/{id}': { description: 'Revokes a key: its next request is refused. Audited.' },

  // Policy -----------------------------------------------------------------------------------------------
  'GET /v1/policy/versions': {
    description: 'Every published policy version with its effective date, newest first.',
  },
  'GET /v1/policy/diff': {
    description:
      'The material changes between two published versions (purposes, recipients, transfers, retention), the list the banner uses to decide whom to ask again.',
  },
  'POST /v1/policy/publish': {
    description:
      'Publishes the running manifest as a new immutable policy version, optionally effective from a future date. Audited.',
  },

  // Consent ----------------------------------------------------------------------------------------------
  'POST /v1/consent': {
    description:
      'The banner’s own call: records a visitor’s choice for a device. Accepted from the shop’s websites only (CORS: organisation.website, websites:, AMANA_ALLOWED_ORIGINS). A replayed recordId is stored once (200 `duplicate`). Grants under an outdated policy version are refused with 409; refusals are always recorded.',
    body: {
      recordId: '8f14e45fceea167a5a36dedd4bea2543',
      deviceId: 'h2Kq9xT0bVw3RZp1',
      method: 'banner-reject-all',
      granted: [],
      refused: ['analytics', 'marketing'],
      policyVersion: '3f9c0a7d1e2b4c58',
      locale: 'en',
      gpc: false,
      source: 'https://rumrom.com/cakes',
    },
  },
  'GET /v1/consent': {
    description:
      'A subject’s consent state per purpose and channel, and their full ledger. The read is audited (it is personal data).',
    query: { subject },
  },
  'POST /v1/consent/records': {
    description:
      'Records a choice the customer made in the shop itself: account settings, a checkout box, a parent for a child. Each choice names a purpose from amana.yaml and, for communications, a channel. Returns the record id and its signed receipt’s address.',
    body: {
      subject,
      method: 'account-settings',
      choices: [
        { purpose: 'marketing', channel: 'email', granted: true },
        { purpose: 'advertising', granted: false },
      ],
      locale: 'en',
      source: 'https://rumrom.com/account/privacy',
    },
    answer: {
      id: '0b7e8d8a-4a52-4c8e-9a43-3c1f1a0d5e21',
      status: 'recorded',
      receipt: '/v1/consent/0b7e8d8a-4a52-4c8e-9a43-3c1f1a0d5e21/receipt',
    },
  },
  'GET /v1/consent/config': {
    description:
      'The banner’s configuration for a language (categories, cookie table, texts, Consent Mode defaults). The script at /consent.js already carries it; this is for pages that build their own banner.',
    query: { lang: 'ar' },
  },
  'GET /v1/consent/{id}/receipt': {
    description: 'The signed receipt (compact JWS, EdDSA) of one record, for the customer to keep.',
  },
  'GET /v1/consent/receipt-key': {
    description: 'The public key (JWK set) receipts are signed with, so anyone can check a receipt offline.',
  },
  'POST /v1/consent/receipts/verify': {
    description:
      'Checks a receipt’s signature and that its record is in the ledger; answers valid or the reason not.',
  },
  'GET /v1/consent/stats': {
    description:
      'Per day, how many choices granted or refused each purpose and banner category. No subject appears.',
    query: { from: '2026-11-01', to: '2026-11-30' },
  },
  'GET /v1/consent/export': {
    description:
      'The ledger as JSON or CSV, for one subject or a period (default: the last 30 days). Audited; CSV cells are formula-guarded.',
    query: { format: 'csv', from: '2026-11-01', to: '2026-11-30' },
  },
  'GET /v1/decisions': {
    description:
      'The question a shop’s backend asks before using personal data: may this purpose be used for this subject now? Answers `allow` and the `reason` (consent-given, consent-refused, consent-absent, legal-basis-not-consent, gpc, child, …) from the ledger, the manifest and the jurisdiction. Fast and not access-logged one by one.',
    query: { subject, purpose: 'marketing', channel: 'email' },
    answer: { purpose: 'marketing', allow: true, reason: 'consent-given' },
  },
  'POST /v1/decisions': {
    description: 'The same decision for several purposes of one subject in one call.',
    body: { subject, purposes: ['marketing', 'advertising'], channel: 'email' },
    answer: {
      decisions: [
        { purpose: 'marketing', allow: true, reason: 'consent-given' },
        { purpose: 'advertising', allow: false, reason: 'consent-refused' },
      ],
    },
  },
  'POST /v1/consent/preference-links': {
    description:
      'A signed link to the preference centre for one subject (default 30 days), to put in a mail or the shop’s account page; the customer changes their choices there without signing in. Audited.',
    body: { subject, validDays: 30 },
    answer: { url: 'https://privacy.rumrom.com/privacy/preferences?token=…' },
  },
  'POST /v1/unsubscribe/{token}': {
    description:
      'RFC 8058 one-click unsubscribe, posted by mail clients from the List-Unsubscribe header: withdraws the marketing consent the token names. No cookie, no confirmation.',
  },

  // Requests ---------------------------------------------------------------------------------------------
  'POST /v1/requests': {
    description:
      'Submits a data-subject request (access, erasure, rectification, …) for a person, who then confirms a one-time code sent to the address. The answer is the same whether or not an account exists. Keep `token`: it reads the status.',
    body: { type: 'access', email: 'layla@example.com', locale: 'ar', channel: 'email' },
    answer: { reference: 'DSR-7K2M-Q9XD', token: '…', status: 'verifying' },
  },
  'POST /v1/requests/for-customer': {
    description:
      'For the shop’s backend (or a mobile app’s backend): submits a request for a customer the shop has signed in. The API key vouches for the identity, so no code is emailed; the audit ledger records which key did. Name the customer by email or phone (and your customer id), which the answer and the connectors use. Rate-limited per key and customer. Keep `token` to read the status.',
    body: {
      type: 'access',
      locale: 'ar',
      country: 'KW',
      customer: { email: 'layla@example.com', customerId: '42' },
    },
    answer: { reference: 'DSR-7K2M-Q9XD', token: '…', status: 'in-progress', statusUrl: '…' },
  },
  'GET /v1/requests/{reference}': {
    description:
      'A request’s status and deadline, for whoever holds its token (the person, or the shop’s app for them).',
    query: { token: '…' },
  },
  'POST /v1/requests/{reference}/verify': {
    description: 'Confirms the one-time code; a wrong code answers the attempts left.',
    body: { token: '…', code: '482913' },
  },
  'POST /v1/requests/{reference}/resend': { description: 'Sends a new code (rate-limited).' },
  'POST /v1/requests/{reference}/download': {
    description: 'A one-time link, valid 15 minutes, to the finished access package.',
  },
  'GET /v1/admin/requests': {
    description: 'The request queue for staff: status, type, deadline and what waits for a person.',
  },

  // Vault --------------------------------------------------------------------------------------------------
  'POST /v1/tokens': {
    description:
      'Stores a value (a phone number, an email) in the vault for a subject and answers a `tok_…` token the shop keeps instead. The same subject, kind and value always give the same token. Erasing the subject makes the token unresolvable.',
    body: { subjectId: 'customer-42', kind: 'phone', value: '+96599095385' },
    answer: { token: 'tok_…' },
  },
  'POST /v1/tokens/detokenise': {
    description:
      'The value behind a token, for a purpose named in amana.yaml. Every call is recorded in the audit ledger with the caller and purpose.',
    body: { token: 'tok_…', purpose: 'orders' },
  },

  // Retention ----------------------------------------------------------------------------------------------
  'POST /v1/events': {
    description:
      'Tells Amana something happened in the shop (an order fulfilled, an account closed): starts or resets the retention clocks of the records it names.',
    body: {
      type: 'order.fulfilled',
      subject: { kind: 'customer', id: '42' },
      records: [{ table: 'orders', key: '1001' }],
    },
  },
  'GET /v1/retention/plan': {
    description:
      'Dry run: what each retention rule would delete or anonymise today, this week and this month.',
  },
  'GET /v1/retention/runs': {
    description: 'The latest sweeps with counts per rule and table, and their digests.',
  },
  'POST /v1/retention/runs': {
    description: 'Queues a full retention sweep now, instead of waiting for the schedule.',
  },
  'PUT /v1/retention/pause': {
    description:
      'Pauses or resumes deletions (a legal hold, an investigation). While paused no sweep deletes. Audited.',
  },

  // Incidents ----------------------------------------------------------------------------------------------
  'POST /v1/incidents': {
    description:
      'Opens an incident in the register: when it was discovered, what happened, which systems. Starts the notification clocks.',
  },
  'GET /v1/incidents': { description: 'The incident register, newest first, with status and deadlines.' },
  'GET /v1/incidents/{id}': {
    summary: 'One incident',
    description: 'One incident with its timeline, scope, notices and the deadlines of each authority.',
  },
  'PATCH /v1/incidents/{id}': {
    description: 'Changes an incident’s status, team or outside experts. Audited.',
  },
  'POST /v1/incidents/{id}/actions': { description: 'Adds a dated action to the incident’s timeline.' },
  'POST /v1/incidents/{id}/attachments': {
    description: 'Attaches one file (multipart, up to 10 MB) to the incident, stored encrypted.',
  },
  'GET /v1/incidents/{id}/attachments/{attachment}': {
    summary: 'Download an attachment',
    description: 'Downloads one attachment of an incident. Audited.',
  },
  'POST /v1/incidents/{id}/scope': {
    description: 'Lists the people affected, from the data map of the systems and categories involved.',
  },
  'POST /v1/incidents/{id}/people/locale': {
    description: 'Sets the language one affected person’s notice is sent in.',
  },
  'POST /v1/incidents/{id}/notices': {
    description: 'Sends the reviewed notices to the affected people, each person once, through the outbox.',
  },
  'GET /v1/incidents/{id}/notices': {
    summary: 'The notices of an incident',
    description: 'The notices of an incident: to whom, in which language, sent or not.',
  },
  'GET /v1/incidents/{id}/reports/{jurisdiction}': {
    description: 'The report to one authority, as JSON or printable HTML, filled from the register.',
  },

  // Complaints -------------------------------------------------------------------------------------------
  'POST /v1/complaints': {
    description:
      'Files a privacy complaint from the public form; the person gets an acknowledgement by email at once, in their language, and the answer deadline starts. Rate-limited per address.',
  },
  'POST /v1/complaints/logged': {
    description:
      'Logs a complaint that reached the shop by email, phone, WhatsApp or post, with when it arrived.',
  },
  'GET /v1/complaints': {
    description: 'The complaints, by due date; `?overdue=1` lists only the late ones.',
  },
  'GET /v1/complaints/{id}': { description: 'One complaint with its text and history. The read is audited.' },
  'PATCH /v1/complaints/{id}': {
    description: 'Assigns a complaint, adds a note, or resolves it with the answer given. Audited.',
  },

  // Records ------------------------------------------------------------------------------------------------
  'GET /v1/requests/{id}/evidence': {
    description:
      'The evidence bundle of one request: its timeline, each step, and the audit entries with the proof that they sit in the hash chain, for an authority or a court.',
  },
  'GET /v1/records/processing': {
    description:
      'The record of processing activities, derived from amana.yaml: purposes, categories, recipients, retention.',
  },
  'GET /v1/records/transfers': {
    description:
      'The transfer register: recipients abroad, their countries and the transfer mechanism for each.',
  },

  // Disclosures --------------------------------------------------------------------------------------------
  'POST /v1/disclosures': {
    description:
      'Before the shop’s backend hands a person’s fields to a processor: checks each field against what amana.yaml allows for that processor and purpose, records the disclosure, and refuses (422 DISCLOSURE_REFUSED) with every field that may not go.',
  },
}
