import { createHmac, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Kysely } from 'kysely'
import {
  type AuditEntry,
  type AuditLedger,
  createAuditLedger,
  deriveAuditSigningKey,
  parseBody,
  type VerificationReport,
} from '../../packages/amana/src/audit/index.ts'
import type { DatasetPlan } from '../../packages/amana/src/connectors/index.ts'
import { packsFor } from '../../packages/amana/src/jurisdictions/index.ts'
import type { Manifest } from '../../packages/amana/src/manifest/index.ts'
import type { AmanaDatabase } from '../../packages/amana/src/platform/db/index.ts'
import { createJobEngine, type JobEngine, queueName } from '../../packages/amana/src/platform/jobs/index.ts'
import {
  createMailer,
  createMailTransport,
  registerMailJobs,
} from '../../packages/amana/src/platform/mail/index.ts'
import {
  createExecutor,
  createRequestsService,
  type Executor,
  executeRequestJob,
  planFromManifest,
  type RequestsOptions,
  type RequestsService,
} from '../../packages/amana/src/requests/index.ts'
import { eventClockReader } from '../../packages/amana/src/retention/index.ts'
import { createStaffLanguageReader } from '../../packages/amana/src/staff/index.ts'
import {
  mailHeader,
  mailSubject,
  mailText,
  type SmtpInbox,
  startSmtpInbox,
} from '../../packages/amana/src/testing/smtp-inbox.ts'
import { createTestLogger } from '../../packages/amana/src/testing/test-app.ts'
import { createTestDatabase } from '../../packages/amana/src/testing/test-database.ts'
import {
  createConfigKeyProvider,
  createKeyStore,
  createVault,
  deriveBlindIndexKey,
  type KeyStoreTables,
  migrateKeyStore,
  type Vault,
} from '../../packages/amana/src/vault/index.ts'
import { createShopDatabase, type ShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { shopManifest } from './shop-manifest.ts'

/** A message the SMTP server received: the recipient, subject and text as the person reads them. */
export type SentMail = { to: string; subject: string; text: string }

/** An execution job that did not complete: its request and the error the job engine recorded. */
export type FailedJob = { requestId: string; state: string; error: string }

export interface Harness {
  readonly database: AmanaDatabase
  readonly vault: Vault
  readonly service: RequestsService
  readonly executor: Executor
  /** The real ledger every request step is appended to. */
  readonly ledger: AuditLedger
  /** The real SMTP server the outbox delivers to. */
  readonly inbox: SmtpInbox
  /** The real job engine (pg-boss on the test database) running executions and mail. */
  readonly jobs: JobEngine
  readonly manifest: Manifest
  readonly plan: DatasetPlan | undefined
  readonly shop: ShopDatabase | undefined
  readonly filesRoot: string
  readonly clock: { now: Date }
  /** Every message delivered so far, once the outbox has nothing left to send. */
  mails(): Promise<SentMail[]>
  /** Waits for the newest mail to `to` that `match` accepts. */
  mailTo(to: string, match?: (mail: SentMail) => boolean): Promise<SentMail>
  /** The 6-digit code last mailed to `to` (waits for its mail). */
  codeFor(to: string): Promise<string>
  /** The ledger's entries in order, once every append is committed. */
  auditEntries(): Promise<AuditEntry[]>
  /** The chain checked as `amana audit verify` checks it. */
  verifyAudit(): Promise<VerificationReport>
  /** The requests an execution job was sent for, in order. */
  queued(): readonly string[]
  /**
   * Waits until every execution job sent so far has settled. A job that failed (or waits for a retry)
   * fails the test with its error, unless the test expects failures: then they are returned.
   */
  drain(options?: { expectFailures?: boolean }): Promise<FailedJob[]>
  /** Waits for the job engine's own retry of a request's failed execution to complete (its backoff: 5 s). */
  awaitRetry(requestId: string): Promise<void>
  close(): Promise<void>
}

const parseMail = (raw: string): SentMail => ({
  to: (mailHeader(raw, 'to') ?? '').replace(/^.*<(.+)>$/, '$1').toLowerCase(),
  subject: mailSubject(raw),
  text: mailText(raw),
})

export const setupRequests = async (
  options: {
    /** Without `url`, a PostgreSQL shop is an embedded PGlite served over the wire protocol. */
    shop?: { kind: 'postgres' | 'mysql'; url: string | undefined }
    /** Customers in the test shop (default 12). */
    customers?: number
    processors?: boolean
    requests?: Partial<RequestsOptions>
    manifest?: Manifest
    env?: Record<string, string>
    database?: AmanaDatabase
    now?: Date
    /**
     * false: verified requests are only listed (`queued()`), not sent to the worker — for a benchmark
     * that times a worker draining a full queue. Default true: they run as in production.
     */
    runExecutions?: boolean
    /** Where the service and job engine log (default: the test log file, when AMANA_TEST_TMP is set). */
    logger?: ReturnType<typeof createTestLogger>
  } = {},
): Promise<Harness> => {
  const database = options.database ?? (await createTestDatabase())
  await migrateKeyStore(database.db as unknown as Kysely<KeyStoreTables>)
  const masterKey = randomBytes(32)
  const vault = createVault({
    db: database.db,
    keyStore: createKeyStore(database.db as unknown as Kysely<KeyStoreTables>),
    keyProvider: createConfigKeyProvider(masterKey),
    hmacKey: deriveBlindIndexKey(masterKey),
  })
  const filesRoot = await mkdtemp(join(tmpdir(), 'amana-req-'))
  let shop: ShopDatabase | undefined
  if (options.shop) {
    shop = await createShopDatabase(options.shop.kind, options.shop.url, {
      customers: options.customers ?? 12,
    })
    for (const row of shop.rows.cake_designs ?? []) {
      const path = join(filesRoot, 'designs', String(row.image_path))
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, `png of design ${row.id}`)
    }
  }
  const manifest =
    options.manifest ??
    shopManifest(options.shop?.kind ?? 'postgres', options.processors === false ? { processors: false } : {})
  const planResult = planFromManifest(manifest, {
    SHOP_DB_URL: shop?.url ?? 'postgres://nobody@127.0.0.1:1/none',
    DESIGN_FILES_ROOT: join(filesRoot, 'designs'),
    ...options.env,
  })
  const clock = { now: options.now ?? new Date() }
  const logger = options.logger ?? createTestLogger()
  const ledger = createAuditLedger({
    db: database.db,
    signingKey: deriveAuditSigningKey(masterKey),
    now: () => clock.now,
  })
  const inbox = await startSmtpInbox()
  const jobs = await createJobEngine(database, logger)
  const recipientKey = randomBytes(32)
  const mailer = createMailer({
    database,
    transport: createMailTransport({ smtpUrl: inbox.url, from: 'privacy@amana.test' } as Parameters<
      typeof createMailTransport
    >[0]),
    from: 'privacy@amana.test',
    jobs,
    hashRecipient: (address) =>
      createHmac('sha256', recipientKey).update(address.toLowerCase()).digest('hex'),
    sealKey: randomBytes(32),
    // Request mail is transactional: no marketing gate applies.
    gate: async () => false,
  })
  const sent: { requestId: string; jobId: string }[] = []
  const service = createRequestsService({
    db: database.db,
    manifest,
    packs: packsFor(manifest.jurisdictions),
    plan: planResult,
    vault,
    // As app/services.ts appends a request's steps.
    audit: {
      append: (event) =>
        ledger
          .append({
            actor:
              event.actor.type === 'requester'
                ? { type: 'subject', id: event.subject }
                : { type: event.actor.type, id: event.actor.id },
            action: event.action,
            target: event.subject,
            ...(event.details ? { details: { ...event.details } } : {}),
          })
          .then(() => {}),
    },
    mail: mailer,
    enqueueExecution: async (requestId) => {
      if (options.runExecutions === false) sent.push({ requestId, jobId: '' })
      else sent.push({ requestId, jobId: await jobs.send(executeRequestJob, { requestId }) })
    },
    filesDir: join(filesRoot, 'amana'),
    // As app/services.ts wires retention's event clock (holds counted from POST /v1/events).
    eventClock: eventClockReader(database.db),
    // As app/services.ts wires the staff members' languages (deadline reminders).
    staffLanguages: createStaffLanguageReader(database.db),
    publicUrl: 'http://amana.test',
    masterKey,
    logger,
    now: () => clock.now,
    ...(options.requests ? { options: options.requests } : {}),
  })
  const executor = createExecutor(service)
  // The worker's wiring (requests/jobs.ts, platform/mail): executions and mail run as jobs.
  jobs.register(executeRequestJob, async ({ requestId }) => {
    await executor.run(requestId)
  })
  registerMailJobs(jobs, mailer, () => new Date())
  await jobs.startWorker()

  const outboxEmpty = async (deadline: number) => {
    for (;;) {
      const waiting = await database.db
        .selectFrom('mail_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'queued')
        .executeTakeFirst()
      if (Number(waiting?.n ?? 0) === 0) return
      if (Date.now() > deadline)
        throw new Error(`${waiting?.n} mail(s) still queued in the outbox after 60 s`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const mails = async () => {
    await outboxEmpty(Date.now() + 60_000)
    return inbox.received.map(parseMail)
  }
  // Every queued message has reached the SMTP server once the outbox is empty: the newest is then known.
  const mailTo = async (to: string, match: (mail: SentMail) => boolean = () => true) => {
    const wanted = to.toLowerCase()
    const found = (await mails()).findLast((m) => m.to === wanted && match(m))
    if (!found) throw new Error(`no matching mail reached ${to} (${inbox.received.length} received)`)
    return found
  }
  const queue = queueName(executeRequestJob)
  /** Until the job completed, or failed: a job waiting for its retry has failed once, unless `throughRetries`. */
  const settle = async (
    job: { requestId: string; jobId: string },
    throughRetries = false,
  ): Promise<FailedJob | undefined> => {
    const deadline = Date.now() + 90_000
    for (;;) {
      const state = await jobs.state(queue, job.jobId)
      if (state?.state === 'completed') return undefined
      if (state?.state === 'failed' || (state?.state === 'retry' && !throughRetries))
        return { requestId: job.requestId, state: state.state, error: JSON.stringify(state.output) }
      if (Date.now() > deadline)
        throw new Error(`execution job for ${job.requestId} still ${state?.state} after 90 s`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  let drained = 0
  return {
    database,
    vault,
    service,
    executor,
    ledger,
    inbox,
    jobs,
    manifest,
    plan: planResult.ok ? planResult.plan : undefined,
    shop,
    filesRoot,
    clock,
    mails,
    mailTo,
    async codeFor(to) {
      const mail = await mailTo(to, (m) => /\b\d{6}\b/.test(m.subject))
      const code = mail.subject.match(/\b(\d{6})\b/)?.[1]
      if (!code) throw new Error(`no code was mailed to ${to}`)
      return code
    },
    async auditEntries() {
      await ledger.flush()
      const rows = await database.db.selectFrom('audit_entry').select('body').orderBy('seq').execute()
      return rows.map((r) => parseBody(r.body))
    },
    async verifyAudit() {
      await ledger.flush()
      return ledger.verify()
    },
    queued: () => sent.map((s) => s.requestId),
    async drain(drainOptions = {}) {
      const failures: FailedJob[] = []
      // Jobs sent while draining (an execution that queues another) are waited for too.
      while (drained < sent.length) {
        const job = sent[drained++] as { requestId: string; jobId: string }
        const failed = await settle(job)
        if (failed) failures.push(failed)
      }
      if (failures.length > 0 && !drainOptions.expectFailures)
        throw new Error(`execution failed: ${failures.map((f) => `${f.requestId}: ${f.error}`).join('; ')}`)
      await mails()
      return failures
    },
    async awaitRetry(requestId) {
      const job = sent.findLast((s) => s.requestId === requestId)
      if (!job) throw new Error(`no execution job was sent for ${requestId}`)
      const failed = await settle(job, true)
      if (failed) throw new Error(`execution failed again: ${failed.error}`)
      await mails()
    },
    async close() {
      await jobs.stop({ graceful: false })
      await inbox.close()
      await service.close()
      await ledger.flush()
      if (!options.database) await database.close()
      await shop?.drop()
      await rm(filesRoot, { recursive: true, force: true })
    },
  }
}

/** Submits and verifies a request the way a customer would (email code). */
export const verifiedRequest = async (
  h: Harness,
  input: {
    type: Parameters<RequestsService['submit']>[0]['type']
    email: string
    country?: string
    locale?: 'en' | 'ar'
  },
) => {
  const submitted = await h.service.submit(
    {
      type: input.type,
      email: input.email,
      channel: 'email',
      requester: 'self',
      locale: input.locale ?? 'en',
      ...(input.country ? { country: input.country } : {}),
    },
    { ip: '203.0.113.7' },
  )
  if (!submitted.ok) throw new Error(`submit refused: ${submitted.problems.join(', ')}`)
  const check = await h.service.verifyCode(submitted.reference, submitted.token, await h.codeFor(input.email))
  if (!check.ok) throw new Error(`code refused: ${check.reason}`)
  const row = await h.service.store.byReference(submitted.reference)
  return { ...submitted, id: row?.id as string }
}
