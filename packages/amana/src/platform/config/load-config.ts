import { randomBytes } from 'node:crypto'
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AmanaError } from '../errors/index.ts'
import { type ConfigKey, ConfigSchema, configFields, type RawConfig } from './config-schema.ts'

/** The reference shop's manifest, used by the demo. */
export const demoManifestPath = fileURLToPath(
  new URL('../../../../../examples/rumrom-bakery/amana.yaml', import.meta.url),
)

export interface Config {
  readonly mode: 'demo' | 'production'
  readonly database:
    | { readonly kind: 'pglite'; readonly dataDir: string }
    | { readonly kind: 'postgres'; readonly url: string }
  readonly dataDir: string
  /** The vault's key store: a database apart from the main one, so its backups never hold data keys. */
  readonly keyStore:
    | { readonly kind: 'pglite'; readonly dataDir: string }
    | { readonly kind: 'postgres'; readonly url: string }
  readonly http: {
    readonly port: number
    readonly host: string
    readonly publicUrl: string
    readonly bodyLimit: number
    readonly trustProxy: boolean
    /** Origins allowed besides the public URL and the manifest's website (AMANA_ALLOWED_ORIGINS). */
    readonly allowedOrigins: readonly string[]
  }
  readonly manifestPath: string
  /**
   * `masterKey` wraps data keys; `previousMasterKeys` are keys being rotated away from (still able to
   * unwrap until rotation ends). `rootKey` derives the keys that must never change — blind indexes and
   * the audit signing key — so it is the oldest configured master key: rotation re-wraps data keys only.
   */
  readonly secrets: {
    readonly masterKey: Buffer
    readonly previousMasterKeys: readonly Buffer[]
    readonly rootKey: Buffer
    readonly sessionSecret: string
  }
  readonly log: { readonly level: RawConfig['AMANA_LOG_LEVEL'] }
  readonly worker: RawConfig['AMANA_WORKER']
  readonly mail: {
    readonly smtpUrl: string | undefined
    readonly from: string
    /** DKIM signing by Amana itself (nodemailer); unset when the relay signs. */
    readonly dkim:
      | { readonly domain: string; readonly selector: string; readonly privateKey: string }
      | undefined
    /** Demo mode without AMANA_SMTP_URL: mail is delivered into this directory (the demo mailbox). */
    readonly mailboxDir?: string | undefined
  }
  /** SMS and WhatsApp provider (HTTP, JSON { channel, to, text }, bearer token); unset: email only. */
  readonly messages: { readonly url: string; readonly token: string } | undefined
  readonly dbConnectTimeoutMs: number
  /** The Chromium that prints PDF exports (AMANA_CHROMIUM_PATH, else /usr/bin/chromium when present); unset: PDF answers 503, HTML stays. */
  readonly pdf: { readonly chromiumPath: string | undefined }
  /** Retention sweeps: the full sweep every `sweepHours`; `batchSize` rows per transaction. */
  readonly retention: { readonly sweepHours: number; readonly batchSize: number }
  readonly audit: {
    /** Directory of the append-only checkpoint file, outside the database; unset: checkpoints stay in it only. */
    readonly anchorDir: string | undefined
    /** Each checkpoint is also POSTed here as JSON. */
    readonly anchorWebhookUrl: string | undefined
    /** A checkpoint is signed whenever the chain passes a multiple of this many entries (and hourly). */
    readonly checkpointEvery: number
  }
  /** What the start should tell the operator (e.g. "generated a demo secret"). */
  readonly notices: readonly string[]
}

export interface ConfigIssue {
  readonly variable: string
  readonly message: string
  readonly example: string
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; issues: ConfigIssue[] }

/** Flags from the CLI, already mapped to variable names (e.g. --port → AMANA_PORT). */
export type ConfigOverrides = Partial<Record<ConfigKey, string>>

/** Validates every variable at once; reports all problems together. Does no I/O. */
export const parseConfig = (
  env: Record<string, string | undefined>,
  overrides: ConfigOverrides = {},
): { ok: true; raw: RawConfig } | { ok: false; issues: ConfigIssue[] } => {
  const input: Record<string, string | undefined> = {}
  for (const key of Object.keys(configFields) as ConfigKey[]) {
    const value = overrides[key] ?? env[key]
    input[key] = value === '' ? undefined : value
  }
  const parsed = ConfigSchema.safeParse(input)
  if (parsed.success) return { ok: true, raw: parsed.data }
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'config')
      const example = configFields[variable as ConfigKey]?.example ?? ''
      const got = input[variable]
      const secret = /KEY|SECRET|URL/.test(variable)
      return {
        variable,
        message: `${issue.message}${got !== undefined && !secret ? ` (got "${got}")` : ''}`,
        example,
      }
    }),
  }
}

export const formatConfigIssues = (issues: readonly ConfigIssue[]): string =>
  issues.map((i) => `${i.variable}: ${i.message}. Example: ${i.variable}=${i.example}`).join('\n')

/**
 * Reads and validates configuration, then resolves secrets: from config in production (missing → error),
 * or generated once into `<dataDir>/secrets.json` (mode 0600) in the demo.
 */
// long-function: the one config schema resolved: each group of settings is a few lines, kept here so every setting is read in one place
export const loadConfig = (
  env: Record<string, string | undefined>,
  overrides: ConfigOverrides = {},
  cwd = process.cwd(),
): ConfigResult => {
  const parsed = parseConfig(env, overrides)
  if (!parsed.ok) return parsed
  const raw = parsed.raw
  const dataDir = isAbsolute(raw.AMANA_DATA_DIR) ? raw.AMANA_DATA_DIR : resolve(cwd, raw.AMANA_DATA_DIR)
  const notices: string[] = []
  const issues: ConfigIssue[] = []

  let masterKey: Buffer | undefined = raw.AMANA_MASTER_KEY
    ? Buffer.from(raw.AMANA_MASTER_KEY, 'base64')
    : undefined
  let sessionSecret = raw.AMANA_SESSION_SECRET
  if (!masterKey || !sessionSecret) {
    if (raw.AMANA_MODE === 'production') {
      if (!masterKey)
        issues.push({
          variable: 'AMANA_MASTER_KEY',
          message: 'is required in production mode (it encrypts personal data)',
          example: configFields.AMANA_MASTER_KEY.example,
        })
      if (!sessionSecret)
        issues.push({
          variable: 'AMANA_SESSION_SECRET',
          message: 'is required in production mode (it signs staff sessions)',
          example: configFields.AMANA_SESSION_SECRET.example,
        })
    } else {
      const demo = demoSecrets(dataDir)
      if (!demo.ok) return { ok: false, issues: [demo.issue] }
      masterKey ??= demo.masterKey
      sessionSecret ??= demo.sessionSecret
      notices.push(
        demo.created
          ? `Generated demo secrets in ${demo.file} (mode 0600). Set AMANA_MASTER_KEY and AMANA_SESSION_SECRET for production.`
          : `Using demo secrets from ${demo.file}.`,
      )
    }
  }
  const dkimSet = [raw.AMANA_DKIM_DOMAIN, raw.AMANA_DKIM_SELECTOR, raw.AMANA_DKIM_PRIVATE_KEY].filter(
    (v) => v !== undefined,
  ).length
  if (dkimSet > 0 && dkimSet < 3) {
    for (const variable of ['AMANA_DKIM_DOMAIN', 'AMANA_DKIM_SELECTOR', 'AMANA_DKIM_PRIVATE_KEY'] as const) {
      if (raw[variable] === undefined)
        issues.push({
          variable,
          message: 'is required when any AMANA_DKIM_* variable is set',
          example: configFields[variable].example,
        })
    }
  }
  issues.push(...keyStoreIssues(raw))
  // The demo ships with the RUMROM Bakery manifest; production must name its own.
  const manifestPath = raw.AMANA_MANIFEST
    ? resolve(cwd, raw.AMANA_MANIFEST)
    : raw.AMANA_MODE === 'demo'
      ? demoManifestPath
      : undefined
  if (!manifestPath)
    issues.push({
      variable: 'AMANA_MANIFEST',
      message: 'is required in production mode (the privacy manifest everything derives from)',
      example: configFields.AMANA_MANIFEST.example,
    })
  if (issues.length > 0 || !manifestPath || !masterKey || !sessionSecret) return { ok: false, issues }

  const publicUrl =
    raw.AMANA_PUBLIC_URL ??
    `http://${raw.AMANA_HOST === '0.0.0.0' ? '127.0.0.1' : raw.AMANA_HOST}:${raw.AMANA_PORT}`
  return {
    ok: true,
    config: {
      mode: raw.AMANA_MODE,
      database: raw.AMANA_DATABASE_URL
        ? { kind: 'postgres', url: raw.AMANA_DATABASE_URL }
        : { kind: 'pglite', dataDir: join(dataDir, 'pgdata') },
      dataDir,
      keyStore: raw.AMANA_KEYSTORE_URL
        ? { kind: 'postgres', url: raw.AMANA_KEYSTORE_URL }
        : { kind: 'pglite', dataDir: join(dataDir, 'keystore') },
      http: {
        port: raw.AMANA_PORT,
        host: raw.AMANA_HOST,
        publicUrl: publicUrl.replace(/\/$/, ''),
        bodyLimit: raw.AMANA_BODY_LIMIT,
        trustProxy: raw.AMANA_TRUST_PROXY,
        allowedOrigins: raw.AMANA_ALLOWED_ORIGINS,
      },
      manifestPath,
      secrets: secretsOf(masterKey, raw.AMANA_PREVIOUS_MASTER_KEYS, sessionSecret),
      log: { level: raw.AMANA_LOG_LEVEL },
      worker: raw.AMANA_WORKER,
      mail: {
        smtpUrl: raw.AMANA_SMTP_URL,
        from: raw.AMANA_MAIL_FROM,
        dkim:
          raw.AMANA_DKIM_DOMAIN && raw.AMANA_DKIM_SELECTOR && raw.AMANA_DKIM_PRIVATE_KEY
            ? {
                domain: raw.AMANA_DKIM_DOMAIN,
                selector: raw.AMANA_DKIM_SELECTOR,
                privateKey: raw.AMANA_DKIM_PRIVATE_KEY.replaceAll('\\n', '\n'),
              }
            : undefined,
        mailboxDir: raw.AMANA_MODE === 'demo' && !raw.AMANA_SMTP_URL ? join(dataDir, 'mailbox') : undefined,
      },
      messages:
        raw.AMANA_MESSAGES_URL && raw.AMANA_MESSAGES_TOKEN
          ? { url: raw.AMANA_MESSAGES_URL, token: raw.AMANA_MESSAGES_TOKEN }
          : undefined,
      dbConnectTimeoutMs: raw.AMANA_DB_CONNECT_TIMEOUT_MS,
      pdf: { chromiumPath: chromiumPathOf(raw.AMANA_CHROMIUM_PATH, cwd) },
      retention: { sweepHours: raw.AMANA_RETENTION_SWEEP_HOURS, batchSize: raw.AMANA_RETENTION_BATCH_SIZE },
      audit: {
        anchorDir: raw.AMANA_AUDIT_ANCHOR
          ? raw.AMANA_AUDIT_ANCHOR.startsWith('file://')
            ? fileURLToPath(raw.AMANA_AUDIT_ANCHOR)
            : resolve(cwd, raw.AMANA_AUDIT_ANCHOR)
          : raw.AMANA_MODE === 'demo'
            ? join(dataDir, 'audit-anchors')
            : undefined,
        anchorWebhookUrl: raw.AMANA_AUDIT_ANCHOR_WEBHOOK_URL,
        checkpointEvery: raw.AMANA_AUDIT_CHECKPOINT_EVERY,
      },
      notices,
    },
  }
}

/**
 * The key store is a database apart from the main one so that backups of the main database never
 * hold a data key (docs/security.md, "Key store"). On PostgreSQL every process must share one, so
 * production names it; the demo may keep its embedded one in AMANA_DATA_DIR.
 */
const keyStoreIssues = (raw: RawConfig): ConfigIssue[] => {
  const main = raw.AMANA_DATABASE_URL
  const keys = raw.AMANA_KEYSTORE_URL
  const example = configFields.AMANA_KEYSTORE_URL.example
  if (main && !keys && raw.AMANA_MODE === 'production')
    return [
      {
        variable: 'AMANA_KEYSTORE_URL',
        message:
          'is required in production on PostgreSQL (AMANA_DATABASE_URL is set): the vault keeps its data keys in a PostgreSQL database of its own, apart from the main one so that its backups never hold a key, and shared by every Amana process',
        example,
      },
    ]
  if (main && keys && sameDatabase(main, keys))
    return [
      {
        variable: 'AMANA_KEYSTORE_URL',
        message:
          'names the same database as AMANA_DATABASE_URL; the key store must be another database (on the same server or another) so that backups of the main database never hold a data key',
        example,
      },
    ]
  return []
}

/** Debian's Chromium is the default when installed; a relative path is the caller's directory's. */
const chromiumPathOf = (configured: string | undefined, cwd: string): string | undefined =>
  configured ? resolve(cwd, configured) : existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined

/** Host, port and database name: what decides which database a URL opens, whoever logs in. */
const databaseOf = (url: string): string => {
  const u = new URL(url)
  const host = u.searchParams.get('host') ?? u.hostname
  const database = decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username)
  return `${host.toLowerCase()}:${u.port || '5432'}/${database}`
}

const sameDatabase = (a: string, b: string): boolean => {
  try {
    return databaseOf(a) === databaseOf(b)
  } catch {
    return a === b
  }
}

const secretsOf = (
  masterKey: Buffer,
  previous: string | undefined,
  sessionSecret: string,
): Config['secrets'] => {
  const previousMasterKeys = (previous ?? '')
    .split(',')
    .filter((k) => k.trim())
    .map((k) => Buffer.from(k.trim(), 'base64'))
  return { masterKey, previousMasterKeys, rootKey: previousMasterKeys.at(-1) ?? masterKey, sessionSecret }
}

type DemoSecrets =
  | { ok: true; masterKey: Buffer; sessionSecret: string; file: string; created: boolean }
  | { ok: false; issue: ConfigIssue }

const demoSecrets = (dataDir: string): DemoSecrets => {
  const file = join(dataDir, 'secrets.json')
  try {
    if (existsSync(file)) {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { masterKey: string; sessionSecret: string }
      return {
        ok: true,
        masterKey: Buffer.from(stored.masterKey, 'base64'),
        sessionSecret: stored.sessionSecret,
        file,
        created: false,
      }
    }
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    accessSync(dataDir, constants.W_OK)
    const masterKey = randomBytes(32)
    const sessionSecret = randomBytes(48).toString('base64url')
    writeFileSync(file, JSON.stringify({ masterKey: masterKey.toString('base64'), sessionSecret }), {
      mode: 0o600,
      flag: 'wx',
    })
    chmodSync(file, 0o600)
    return { ok: true, masterKey, sessionSecret, file, created: true }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    return {
      ok: false,
      issue: {
        variable: 'AMANA_DATA_DIR',
        message: `${dataDir} is not writable (${reason}); choose a directory Amana may write to`,
        example: configFields.AMANA_DATA_DIR.example,
      },
    }
  }
}

/** Throwing variant for callers that cannot continue without config. */
/**
 * The manifest a command that needs no full configuration works on (`amana check`): AMANA_MANIFEST
 * when set, else the demo's. Relative paths are the caller's to resolve.
 */
export const manifestPathFromEnv = (env: Readonly<Record<string, string | undefined>>): string => {
  const parsed = configFields.AMANA_MANIFEST.schema.safeParse(env.AMANA_MANIFEST || undefined)
  return (parsed.success ? parsed.data : undefined) ?? demoManifestPath
}

export const requireConfig = (result: ConfigResult): Config => {
  if (result.ok) return result.config
  throw new AmanaError('CONFIG_INVALID', formatConfigIssues(result.issues), result.issues)
}
