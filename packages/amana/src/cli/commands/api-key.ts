import { openConfiguredDatabase } from '../../app/start.ts'
import { configuredAnchor, createAuditLedger, deriveAuditSigningKey } from '../../audit/index.ts'
import type { Config } from '../../platform/config/index.ts'
import { createLogger } from '../../platform/logging/index.ts'
import {
  type ApiKeyScope,
  apiKeyScopes,
  capabilitiesOf,
  createLedgerAuditSink,
  createStaffAccess,
  deriveStaffKeys,
  type StaffAccess,
  type StaffActor,
} from '../../staff/index.ts'
import { type Command, type CommandIo, exitCodes, usageError } from '../cli-kit.ts'
import { databaseOptions } from '../config-flags.ts'
import { configFor } from '../load.ts'

/**
 * Opens the database and the staff feature's access, recording into the audit ledger exactly as
 * the HTTP routes do (api-key.created / api-key.revoked, actor: the staff member named).
 */
const withAccess = async <T>(config: Config, io: CommandIo, use: (access: StaffAccess) => Promise<T>) => {
  const database = await openConfiguredDatabase(config)
  try {
    const anchor = configuredAnchor(config.audit)
    const ledger = createAuditLedger({
      db: database.db,
      signingKey: deriveAuditSigningKey(config.secrets.rootKey),
      checkpointEvery: config.audit.checkpointEvery,
      ...(anchor
        ? {
            anchor,
            onAnchorError: (error: unknown) =>
              io.err(
                `amana: warning: a checkpoint could not be anchored (${error instanceof Error ? error.message : String(error)}).`,
              ),
          }
        : {}),
    })
    const access = createStaffAccess({
      db: database.db,
      keys: deriveStaffKeys(config.secrets),
      audit: createLedgerAuditSink(ledger),
      now: () => new Date(),
      publicUrl: config.http.publicUrl,
      issuer: 'Amana',
    })
    const result = await use(access)
    await ledger.flush()
    return result
  } finally {
    await database.close()
  }
}

/**
 * The staff member the CLI acts as: the one named by email, or the only owner when there is
 * exactly one. They must be allowed to manage API keys, as the HTTP route requires.
 */
const actingMember = async (
  access: StaffAccess,
  email: string | boolean | undefined,
  flag: string,
): Promise<StaffActor & { email: string }> => {
  const staff = await access.listStaff()
  let member: (typeof staff)[number] | undefined
  if (typeof email === 'string') {
    member = staff.find((s) => s.email.toLowerCase() === email.toLowerCase())
    if (!member) throw usageError(`${flag}: no staff member has the email ${email}.`)
  } else {
    const owners = staff.filter((s) => s.role === 'owner')
    if (owners.length !== 1)
      throw usageError(
        `Name the staff member this is done as with ${flag} EMAIL (${owners.length === 0 ? 'there is no owner yet: amana staff create --owner --email …' : 'there is more than one owner'}).`,
      )
    member = owners[0]
  }
  if (!member) throw usageError(`${flag} EMAIL is required.`)
  const permissions = capabilitiesOf(member.role)
  if (!permissions.has('api-keys:manage'))
    throw usageError(
      `${member.email} (${member.role}) may not manage API keys; name an owner or privacy officer with ${flag}.`,
    )
  return { id: member.id, role: member.role, permissions, email: member.email }
}

const isApiKeyScope = (value: string): value is ApiKeyScope =>
  (apiKeyScopes as readonly string[]).includes(value)

const scopesOf = (values: readonly string[]): ApiKeyScope[] => {
  const unknown = values.filter((s) => !isApiKeyScope(s))
  if (unknown.length > 0)
    throw usageError(`unknown scope ${unknown.join(', ')}. Valid scopes: ${apiKeyScopes.join(', ')}.`)
  if (values.length === 0)
    throw usageError(
      `--scope is required, e.g. --scope decisions:read. Valid scopes: ${apiKeyScopes.join(', ')}.`,
    )
  return values.filter(isApiKeyScope)
}

export const apiKeyCreateCommand: Command = {
  name: 'api-key create',
  summary: "Create an API key for the shop's backend; the key is printed once",
  usage: 'amana api-key create --name NAME --scope SCOPE [--scope SCOPE …] [--created-by owner@shop.example]',
  options: {
    ...databaseOptions,
    name: { type: 'string', description: 'What the key is for, e.g. "shop backend"' },
    scope: {
      type: 'string',
      multiple: true,
      description: `A capability of the key (repeat, or comma-separate, for more): ${apiKeyScopes.join(', ')}`,
    },
    'created-by': {
      type: 'string',
      description:
        "Email of the staff member creating it (default: the only owner); scopes must be within this member's role",
    },
  },
  async run({ values }, io) {
    const name = typeof values.name === 'string' ? values.name.trim() : ''
    if (name.length === 0 || name.length > 80)
      throw usageError('--name is required (1–80 characters), e.g. --name "shop backend"')
    const raw = typeof values.scope === 'string' ? values.scope : ''
    const scopes = scopesOf(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    const config = configFor(values, io)
    return withAccess(config, io, async (access) => {
      const actor = await actingMember(access, values['created-by'], '--created-by')
      const result = await access.createApiKey(actor, { name, scopes })
      if (!result.ok) {
        io.err(`amana api-key create: ${'message' in result ? result.message : result.reason}`)
        return exitCodes.usage
      }
      io.out(`Created API key ${result.view.id} "${name}" (${scopes.join(' ')}), by ${actor.email}.`)
      io.out("The key is shown this once; store it in your backend's secrets now:")
      io.out(`  ${result.key}`)
      return exitCodes.ok
    })
  },
}

export const apiKeyListCommand: Command = {
  name: 'api-key list',
  summary: 'List API keys (never their secrets)',
  usage: 'amana api-key list [--database-url postgres://…]',
  options: databaseOptions,
  async run({ values }, io) {
    const config = configFor(values, io)
    return withAccess(config, io, async (access) => {
      const keys = await access.listApiKeys()
      if (keys.length === 0)
        io.out('No API keys yet. Create one with: amana api-key create --name … --scope …')
      for (const k of keys)
        io.out(
          [
            k.id,
            `${k.displayPrefix}…`,
            k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active',
            JSON.stringify(k.name),
            k.scopes.join(' '),
            `created ${k.createdAt.toISOString()}`,
            k.lastUsedAt ? `last used ${k.lastUsedAt.toISOString()}` : 'never used',
          ].join('  '),
        )
      return exitCodes.ok
    })
  },
}

export const apiKeyRevokeCommand: Command = {
  name: 'api-key revoke',
  summary: 'Revoke an API key at once',
  usage: 'amana api-key revoke ID [--revoked-by owner@shop.example]',
  allowPositionals: true,
  options: {
    ...databaseOptions,
    'revoked-by': {
      type: 'string',
      description: 'Email of the staff member revoking it, for the audit ledger (default: the only owner)',
    },
  },
  async run({ values, positionals }, io) {
    const [id, ...extra] = positionals
    if (!id || extra.length > 0)
      throw usageError('give one key id, as "amana api-key list" shows it: amana api-key revoke ID')
    const config = configFor(values, io)
    return withAccess(config, io, async (access) => {
      const actor = await actingMember(access, values['revoked-by'], '--revoked-by')
      const result = await access.revokeApiKey(actor, id)
      if (!result.ok) {
        io.err(`amana api-key revoke: no API key ${id}. "amana api-key list" shows the ids.`)
        return exitCodes.failure
      }
      io.out(`Revoked API key ${id}; it is refused from now on.`)
      return exitCodes.ok
    })
  },
}
