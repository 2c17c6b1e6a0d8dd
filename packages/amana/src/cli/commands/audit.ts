import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { openConfiguredDatabase } from '../../app/start.ts'
import { createAuditLedger, deriveAuditSigningKey, exportPublicKey, verifyLedger } from '../../audit/index.ts'
import { type Command, exitCodes, usageError } from '../cli-kit.ts'
import { configOptions } from '../config-flags.ts'
import { configFor } from '../load.ts'

const dbOptions = {
  ...configOptions,
  demo: { type: 'boolean', description: 'Demo mode (AMANA_MODE=demo)' },
} as const

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Verify the audit ledger: hash chain, sequence and signed checkpoints',
  usage: 'amana audit verify [--json]',
  options: { ...dbOptions, json: { type: 'boolean', description: 'Print the report as JSON' } },
  async run({ values }, io) {
    const config = configFor(values, io)
    const database = await openConfiguredDatabase(config)
    try {
      // Verification needs only the public key; it is derived here from the master key.
      const signing = deriveAuditSigningKey(config.secrets.rootKey)
      const report = await verifyLedger({
        db: database.db,
        publicKeys: [{ keyId: signing.keyId, publicKey: signing.publicKey }],
      })
      if (values.json) io.out(JSON.stringify(report, null, 2))
      else if (report.ok)
        io.out(
          `Audit ledger intact: ${report.entries} entries${report.firstSeq !== undefined ? ` (seq ${report.firstSeq}–${report.lastSeq})` : ''}, ${report.checkpoints} signed checkpoint(s)${report.signedThrough !== undefined ? `, signed through seq ${report.signedThrough}` : ''}.`,
        )
      else {
        io.out(
          `Audit ledger BROKEN: ${report.breaks.length}${report.truncated ? '+' : ''} problem(s) in ${report.entries} entries.`,
        )
        for (const b of report.breaks)
          io.out(`  seq ${b.seq}${b.toSeq !== undefined ? `–${b.toSeq}` : ''}: ${b.kind}`)
      }
      return report.ok ? exitCodes.ok : exitCodes.failure
    } finally {
      await database.close()
    }
  },
}

export const auditExportCommand: Command = {
  name: 'audit export',
  summary: 'Export a time range of the ledger with its proof, for an auditor',
  usage: 'amana audit export --from 2026-01-01 --to 2026-02-01 --out audit.json',
  options: {
    ...dbOptions,
    from: { type: 'string', description: 'Start (ISO date or time)' },
    to: { type: 'string', description: 'End (ISO date or time)' },
    out: { type: 'string', description: 'File to write (default: standard output)' },
  },
  async run({ values }, io) {
    const from = new Date(String(values.from ?? ''))
    const to = new Date(String(values.to ?? ''))
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
      throw usageError('--from and --to must be dates, e.g. --from 2026-01-01 --to 2026-02-01')
    const config = configFor(values, io)
    const database = await openConfiguredDatabase(config)
    try {
      const ledger = createAuditLedger({
        db: database.db,
        signingKey: deriveAuditSigningKey(config.secrets.rootKey),
      })
      const exported = await ledger.exportRange({ from, to })
      const text = JSON.stringify({ ...exported, publicKey: exportPublicKey(ledger.publicKey) }, null, 2)
      if (typeof values.out === 'string') {
        await writeFile(resolve(io.cwd, values.out), text)
        io.out(
          `Wrote the export and its proof to ${values.out}. Verify offline with the public key it names.`,
        )
      } else io.out(text)
      return exitCodes.ok
    } finally {
      await database.close()
    }
  },
}
