import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { openConfiguredDatabase } from '../../app/start.ts'
import {
  type AnchorReport,
  type AuditExport,
  type AuditPublicKey,
  anchorFileAt,
  configuredAnchor,
  createAuditLedger,
  deriveAuditSigningKey,
  exportPublicKey,
  importPublicKey,
  type ParsedAnchors,
  parseAuditExport,
  readAnchorFile,
  type VerificationReport,
  verifyExport,
  verifyLedger,
  verifyLedgerAgainstAnchors,
} from '../../audit/index.ts'
import { AmanaError } from '../../platform/errors/index.ts'
import { type Command, type CommandIo, exitCodes, usageError } from '../cli-kit.ts'
import { databaseOptions } from '../config-flags.ts'
import { configFor } from '../load.ts'

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary:
    'Verify the audit ledger (hash chain, sequence, signed checkpoints) and its anchors, or an export offline',
  usage:
    'amana audit verify [--checkpoint FILE] [--json]\n       amana audit verify --export FILE [--public-key KEY] [--json]',
  options: {
    ...databaseOptions,
    checkpoint: {
      type: 'string',
      description:
        'Anchor file or directory of signed checkpoints kept outside the database (default: AMANA_AUDIT_ANCHOR)',
    },
    export: { type: 'string', description: 'Verify this export file offline; no database is opened' },
    'public-key': {
      type: 'string',
      description: 'With --export: the trusted key (base64url SPKI, or a file holding it)',
    },
    json: { type: 'boolean', description: 'Print the report as JSON' },
  },
  async run({ values }, io) {
    if (typeof values.export === 'string') {
      if (values.checkpoint !== undefined)
        throw usageError('--export verifies a file offline; --checkpoint applies to the database ledger')
      return verifyExportFile(values.export, values, io)
    }
    if (values['public-key'] !== undefined) throw usageError('--public-key goes with --export FILE')
    const config = configFor(values, io)
    const anchors = await loadAnchors(values.checkpoint, config.audit.anchorDir, io)
    const database = await openConfiguredDatabase(config)
    try {
      // Verification needs only the public key; it is derived here from the master key.
      const signing = deriveAuditSigningKey(config.secrets.rootKey)
      const publicKeys = [{ keyId: signing.keyId, publicKey: signing.publicKey }]
      if (!anchors) {
        const report = await verifyLedger({ db: database.db, publicKeys })
        if (values.json) io.out(JSON.stringify(report, null, 2))
        else {
          printLedgerReport(report, io)
          io.out(
            `No anchor file ${config.audit.anchorDir ? `in ${config.audit.anchorDir} yet` : '(AMANA_AUDIT_ANCHOR is unset)'}: entries removed together with their checkpoints would go unnoticed. Pass --checkpoint FILE to check against one.`,
          )
        }
        return report.ok ? exitCodes.ok : exitCodes.failure
      }
      const result = await verifyLedgerAgainstAnchors({
        db: database.db,
        publicKeys,
        anchors: anchors.parsed,
      })
      if (values.json) io.out(JSON.stringify({ ...result.ledger, anchors: result.anchors }, null, 2))
      else if (result.ledger.ok && !result.anchors.ok) {
        // Said outright: a chain that links up is exactly what a careful cut or rewrite leaves behind.
        io.out(
          `Audit ledger BROKEN: the chain in the database is consistent (${entriesText(result.ledger)}) but disagrees with the anchors in ${anchors.file}:`,
        )
        for (const f of result.anchors.findings) io.out(`  ${f.message}`)
      } else {
        printLedgerReport(result.ledger, io)
        printAnchorReport(result.anchors, anchors.file, io)
      }
      return result.ok ? exitCodes.ok : exitCodes.failure
    } finally {
      await database.close()
    }
  },
}

const printLedgerReport = (report: VerificationReport, io: CommandIo) => {
  if (report.ok) {
    io.out(
      `Audit ledger intact: ${entriesText(report)}, ${report.checkpoints} signed checkpoint(s)${report.signedThrough !== undefined ? `, signed through seq ${report.signedThrough}` : ''}.`,
    )
    return
  }
  io.out(
    `Audit ledger BROKEN: ${report.breaks.length}${report.truncated ? '+' : ''} problem(s) in ${report.entries} entries.`,
  )
  for (const b of report.breaks)
    io.out(`  seq ${b.seq}${b.toSeq !== undefined ? `–${b.toSeq}` : ''}: ${b.kind}`)
}

const entriesText = (report: VerificationReport) =>
  `${report.entries} entries${report.firstSeq !== undefined ? ` (seq ${report.firstSeq}–${report.lastSeq})` : ''}`

const printAnchorReport = (report: AnchorReport, file: string, io: CommandIo) => {
  if (report.ok) {
    io.out(
      report.newest
        ? `Anchors agree: ${report.anchors} checkpoint(s) in ${file}, the newest for entry ${report.newest.seq} (${report.newest.at})${report.beforeRetained > 0 ? `; ${report.beforeRetained} precede the retained entries (pruned)` : ''}.`
        : `No anchored checkpoints in ${file} yet.`,
    )
    return
  }
  io.out(`Anchors DISAGREE with the ledger (${file}):`)
  for (const f of report.findings) io.out(`  ${f.message}`)
}

/** The anchor file to check: the one named, else the configured one if it has been written yet. */
const loadAnchors = async (
  named: string | boolean | undefined,
  configured: string | undefined,
  io: CommandIo,
): Promise<{ file: string; parsed: ParsedAnchors } | undefined> => {
  const path = typeof named === 'string' ? resolve(io.cwd, named) : configured
  if (path === undefined) return undefined
  try {
    return { file: await anchorFileAt(path), parsed: await readAnchorFile(path) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    if (typeof named !== 'string' && code === 'ENOENT') return undefined
    throw new AmanaError(
      'VALIDATION_FAILED',
      `--checkpoint ${path}: cannot read the anchor file (${code}). Name the file or directory AMANA_AUDIT_ANCHOR points at.`,
    )
  }
}

/** Offline: an export file and a public key, no configuration and no database. */
const verifyExportFile = async (
  file: string,
  values: Record<string, string | boolean | undefined>,
  io: CommandIo,
): Promise<number> => {
  const path = resolve(io.cwd, file)
  let json: unknown
  try {
    json = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON'
    throw new AmanaError('VALIDATION_FAILED', `--export ${file}: cannot read the export (${reason}).`)
  }
  const parsed = parseAuditExport(json)
  if (!parsed.ok) throw new AmanaError('VALIDATION_FAILED', `--export ${file}: ${parsed.message}.`)
  const data = parsed.value
  const named = typeof values['public-key'] === 'string'
  const key = named ? await trustedKey(values['public-key'] as string, io) : keyOfExport(data, file)
  const report = verifyExport(data, key)
  if (values.json) {
    io.out(JSON.stringify({ ...report, keyId: key.keyId, keyFrom: named ? 'public-key' : 'export' }, null, 2))
    return report.ok ? exitCodes.ok : exitCodes.failure
  }
  if (!report.ok) {
    io.out(`Audit export BROKEN: ${report.breaks.length} problem(s) in ${data.entries.length} entries.`)
    for (const b of report.breaks)
      io.out(`  seq ${b.seq}${b.toSeq !== undefined ? `–${b.toSeq}` : ''}: ${b.kind}`)
    return exitCodes.failure
  }
  io.out(
    `Audit export intact: ${report.entries} entries${report.firstSeq !== undefined ? ` (seq ${report.firstSeq}–${report.lastSeq})` : ''} from ${data.range.from} to ${data.range.to}, signed by ${key.keyId}.`,
  )
  if (!named)
    io.out(
      `The key is the one the export names: check ${key.keyId} against the key id the ledger's owner gave you, or pass --public-key.`,
    )
  return exitCodes.ok
}

const keyOfExport = (data: AuditExport, file: string): AuditPublicKey => {
  const key = importKey(data.publicKey.spki, `--export ${file}: publicKey.spki`)
  if (key.keyId !== data.publicKey.keyId)
    throw new AmanaError(
      'VALIDATION_FAILED',
      `--export ${file}: the export names key ${data.publicKey.keyId} but its public key is ${key.keyId}.`,
    )
  return key
}

/** --public-key: base64url SPKI, or a file holding it (alone, or as an export's "publicKey"). */
const trustedKey = async (value: string, io: CommandIo): Promise<AuditPublicKey> => {
  let text = value
  try {
    text = (await readFile(resolve(io.cwd, value), 'utf8')).trim()
  } catch {
    // Not a file: the value is the key itself.
  }
  try {
    const json = JSON.parse(text) as { spki?: unknown; publicKey?: { spki?: unknown } }
    const spki = json.publicKey?.spki ?? json.spki
    if (typeof spki === 'string') text = spki
  } catch {
    // Not JSON: the text is the key itself.
  }
  return importKey(text, '--public-key')
}

const importKey = (spki: string, where: string): AuditPublicKey => {
  try {
    return importPublicKey(spki)
  } catch {
    throw new AmanaError(
      'VALIDATION_FAILED',
      `${where}: not an Ed25519 public key. Give it as base64url SPKI, as "amana audit export" prints it.`,
    )
  }
}

export const auditExportCommand: Command = {
  name: 'audit export',
  summary: 'Export a time range of the ledger with its proof, for an auditor',
  usage: 'amana audit export --from 2026-01-01 --to 2026-02-01 --out audit.json',
  options: {
    ...databaseOptions,
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
      const anchor = configuredAnchor(config.audit)
      const ledger = createAuditLedger({
        db: database.db,
        signingKey: deriveAuditSigningKey(config.secrets.rootKey),
        // The checkpoints an export signs are anchored like any other.
        ...(anchor ? { anchor, onAnchorError: (error: unknown) => io.err(anchorFailure(error)) } : {}),
      })
      const exported = await ledger.exportRange({ from, to })
      await ledger.flush()
      const text = JSON.stringify({ ...exported, publicKey: exportPublicKey(ledger.publicKey) }, null, 2)
      if (typeof values.out === 'string') {
        await writeFile(resolve(io.cwd, values.out), text)
        const key = exportPublicKey(ledger.publicKey)
        io.out(`Wrote the export and its proof to ${values.out}, signed by ${key.keyId}.`)
        io.out(`Public key (base64url SPKI): ${key.spki}`)
        io.out(`Verify offline: amana audit verify --export ${values.out} --public-key <that key>`)
      } else io.out(text)
      return exitCodes.ok
    } finally {
      await database.close()
    }
  },
}

const anchorFailure = (error: unknown) => {
  const reasons = error instanceof AggregateError ? error.errors : [error]
  const text = reasons.map((r) => (r instanceof Error ? r.message : String(r))).join('; ')
  return `amana: warning: the export's checkpoint could not be anchored (${text}).`
}
