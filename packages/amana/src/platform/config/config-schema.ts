import { fileURLToPath } from 'node:url'
import { z } from 'zod'

/**
 * The one configuration schema. Read once at start (environment, then CLI flags on top) and passed
 * down; no other module reads process.env. `example` is shown next to every problem.
 */
const port = z.coerce.number().int().min(1).max(65535)
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const isLocalFileUrl = (v: string): boolean => {
  try {
    return fileURLToPath(v).length > 0
  } catch {
    return false
  }
}

/** An origin as a browser sends it: http(s)://host[:port], nothing after (a trailing slash is tolerated). */
const isOrigin = (v: string): boolean => {
  try {
    const url = new URL(v)
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.origin === v.replace(/\/$/, '') &&
      !url.username &&
      !url.password
    )
  } catch {
    return false
  }
}

export const configFields = {
  AMANA_MODE: { schema: z.enum(['demo', 'production']).default('production'), example: 'production' },
  AMANA_DATABASE_URL: {
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres:// or postgresql://')
      .optional(),
    example: 'postgres://amana@127.0.0.1:5432/amana',
  },
  AMANA_KEYSTORE_URL: {
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres:// or postgresql://')
      .optional(),
    example: 'postgres://amana@keys.internal:5432/amana_keys',
  },
  AMANA_DATA_DIR: { schema: z.string().min(1).default('.amana'), example: '/var/lib/amana' },
  AMANA_PORT: { schema: port.default(3000), example: '3000' },
  AMANA_HOST: { schema: z.string().min(1).default('127.0.0.1'), example: '0.0.0.0' },
  AMANA_PUBLIC_URL: { schema: z.url().optional(), example: 'https://privacy.example.com' },
  AMANA_MANIFEST: { schema: z.string().min(1).optional(), example: './amana.yaml' },
  AMANA_MASTER_KEY: {
    schema: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded as base64')
      .optional(),
    example: '$(openssl rand -base64 32)',
  },
  AMANA_PREVIOUS_MASTER_KEYS: {
    schema: z
      .string()
      .refine(
        (v) => v.split(',').every((k) => Buffer.from(k.trim(), 'base64').length === 32),
        'must be a comma-separated list of 32-byte base64 keys',
      )
      .optional(),
    example: '<old key base64>,<older key base64>',
  },
  AMANA_SESSION_SECRET: {
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
    example: '$(openssl rand -base64 48)',
  },
  AMANA_LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    example: 'info',
  },
  AMANA_WORKER: { schema: z.enum(['embedded', 'off']).default('embedded'), example: 'off' },
  AMANA_BODY_LIMIT: { schema: z.coerce.number().int().min(1024).default(1_048_576), example: '1048576' },
  AMANA_SMTP_URL: {
    schema: z
      .string()
      .regex(/^smtps?:\/\/.+/, 'must start with smtp://')
      .optional(),
    example: 'smtp://127.0.0.1:2525',
  },
  AMANA_MESSAGES_URL: {
    schema: z.url().optional(),
    example: 'https://sms-gateway.example/send',
  },
  AMANA_MESSAGES_TOKEN: { schema: z.string().min(8).optional(), example: '<provider API token>' },
  AMANA_MAIL_FROM: {
    schema: z.string().min(3).default('privacy@localhost'),
    example: 'privacy@rumrom.example',
  },
  AMANA_DKIM_DOMAIN: { schema: z.string().min(3).optional(), example: 'rumrom.example' },
  AMANA_DKIM_SELECTOR: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, 'must be a DNS label such as amana')
      .optional(),
    example: 'amana',
  },
  AMANA_DKIM_PRIVATE_KEY: {
    schema: z
      .string()
      .includes('PRIVATE KEY', { message: 'must be a PEM private key ("\\n" may stand for line breaks)' })
      .optional(),
    example: '"$(cat dkim.pem)"',
  },
  AMANA_TRUST_PROXY: { schema: bool.default(false), example: 'true' },
  // More origins (besides AMANA_PUBLIC_URL and the manifest's website) whose pages may show the banner.
  AMANA_ALLOWED_ORIGINS: {
    schema: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter((o) => o.length > 0),
      )
      .refine((list) => list.every(isOrigin), {
        message: 'must be comma-separated origins: scheme and host (and port), no path',
      })
      .transform((list) => list.map((o) => new URL(o).origin))
      .default([]),
    example: 'https://staging.shop.example,https://shop2.example',
  },
  // Where signed audit checkpoints are also written, outside the database (a directory or file:// URL).
  AMANA_AUDIT_ANCHOR: {
    schema: z
      .string()
      .refine((v) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || isLocalFileUrl(v), {
        message: 'must be a directory path or a file:///absolute/path URL',
      })
      .optional(),
    example: 'file:///var/lib/amana/audit-anchors',
  },
  AMANA_AUDIT_ANCHOR_WEBHOOK_URL: {
    schema: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
    example: 'https://anchors.example.com/amana',
  },
  AMANA_AUDIT_CHECKPOINT_EVERY: {
    schema: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
    example: '10000',
  },
  // Retention sweeps (docs/retention.md): how often the full sweep runs, and rows per batch (one transaction each).
  AMANA_RETENTION_SWEEP_HOURS: {
    schema: z.coerce.number().int().min(1).max(168).default(24),
    example: '24',
  },
  AMANA_RETENTION_BATCH_SIZE: {
    schema: z.coerce.number().int().min(1).max(10_000).default(500),
    example: '500',
  },
  // PDF exports (regulator reports, records, evidence) are printed by this Chromium; unset: /usr/bin/chromium when present.
  AMANA_CHROMIUM_PATH: { schema: z.string().min(1).optional(), example: '/usr/bin/chromium' },
  AMANA_DB_CONNECT_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(100).max(60_000).default(5000),
    example: '5000',
  },
} as const

export type ConfigKey = keyof typeof configFields

export const ConfigSchema = z.object(
  Object.fromEntries(Object.entries(configFields).map(([k, v]) => [k, v.schema])) as {
    [K in ConfigKey]: (typeof configFields)[K]['schema']
  },
)

export type RawConfig = z.infer<typeof ConfigSchema>
