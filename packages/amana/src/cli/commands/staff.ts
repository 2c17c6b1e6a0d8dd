import { openConfiguredDatabase } from '../../app/start.ts'
import { createLogger } from '../../platform/logging/index.ts'
import { createLogAuditSink, createStaffAccess, deriveStaffKeys, isRole, roles } from '../../staff/index.ts'
import { type Command, exitCodes, usageError } from '../cli-kit.ts'
import { databaseOptions } from '../config-flags.ts'
import { configFor } from '../load.ts'

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

export const staffCreateCommand: Command = {
  name: 'staff create',
  summary: 'Create a staff member (e.g. the first owner); prints a one-time setup link',
  usage:
    'amana staff create --owner --email owner@shop.example [--password-stdin] [--database-url postgres://…]',
  options: {
    ...databaseOptions,
    email: { type: 'string', description: 'Work email of the new member' },
    owner: { type: 'boolean', description: 'Make the member an owner (same as --role owner)' },
    role: { type: 'string', description: `Role: ${roles.join(', ')}` },
    language: {
      type: 'string',
      description: "Language of the member's mail from Amana (reminders): en or ar (default en)",
    },
    'password-stdin': {
      type: 'boolean',
      description: 'Read the password from standard input instead of printing a setup link',
    },
  },
  async run({ values }, io) {
    const email = values.email
    if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email))
      throw usageError('--email is required, e.g. --email owner@shop.example')
    const role = values.owner === true ? 'owner' : values.role
    if (!isRole(role)) throw usageError(`Choose a role with --owner or --role (${roles.join(', ')}).`)
    const language = values.language ?? 'en'
    if (language !== 'en' && language !== 'ar') throw usageError('--language is en or ar, e.g. --language ar')
    const password = values['password-stdin'] === true ? await readStdin() : undefined
    const config = configFor(values, io)
    const database = await openConfiguredDatabase(config)
    try {
      const access = createStaffAccess({
        db: database.db,
        keys: deriveStaffKeys(config.secrets),
        audit: createLogAuditSink(createLogger({ level: 'silent' })),
        now: () => new Date(),
        publicUrl: config.http.publicUrl,
        issuer: 'Amana',
      })
      const result = await access.createMember({
        email,
        role,
        language,
        ...(password === undefined ? {} : { password }),
      })
      if (!result.ok) {
        io.err(
          `amana staff create: ${result.reason === 'invalid' || result.reason === 'conflict' ? result.message : result.reason}`,
        )
        return exitCodes.failure
      }
      io.out(`Created ${role} ${result.staff.email}.`)
      if (result.setupUrl) {
        io.out(
          `Open this one-time link to choose a password (valid until ${result.expiresAt?.toISOString()}):`,
        )
        io.out(`  ${result.setupUrl}`)
      }
      return exitCodes.ok
    } finally {
      await database.close()
    }
  },
}
