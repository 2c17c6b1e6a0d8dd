import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { formatAnchorLine, parseAnchorLines } from './anchor-line.ts'
import { deriveAuditSigningKey, signCheckpoint } from './checkpoint.ts'
import { checkAgainstAnchors } from './verify-anchors.ts'

const key = deriveAuditSigningKey(randomBytes(32))
const keys = new Map([[key.keyId, key.publicKey]])
const hashOf = (seq: number) => seq.toString(16).padStart(64, '0')
const anchorFile = (...seqs: number[]) =>
  parseAnchorLines(
    seqs
      .map((seq) =>
        formatAnchorLine(signCheckpoint(key, seq, hashOf(seq), new Date(Date.UTC(2026, 0, 1, seq)))),
      )
      .join('\n'),
  )

test('anchors before the retained chain are counted as pruned, not failed', () => {
  const report = checkAgainstAnchors(anchorFile(10, 20, 30), keys, {
    entries: 10,
    firstSeq: 21,
    lastSeq: 30,
    start: { seq: 20, hash: hashOf(20) },
    hashAt: new Map([[30, hashOf(30)]]),
  })
  assert.deepEqual(
    { ok: report.ok, beforeRetained: report.beforeRetained, anchors: report.anchors },
    { ok: true, beforeRetained: 1, anchors: 3 },
  )
  assert.deepEqual(report.newest, { seq: 30, at: '2026-01-02T06:00:00.000Z' })
})

test('an anchored entry missing from the middle of the ledger is reported as removed', () => {
  const report = checkAgainstAnchors(anchorFile(10, 20), keys, {
    entries: 29,
    firstSeq: 1,
    lastSeq: 30,
    start: { seq: 0, hash: '0'.repeat(64) },
    hashAt: new Map([[20, hashOf(20)]]),
  })
  assert.deepEqual(
    report.findings.map((f) => [f.kind, f.seq, f.line]),
    [['entries-removed', 10, 1]],
  )
  assert.match(
    report.findings[0]?.message ?? '',
    /entry 10, recorded by an anchor from 2026-01-01T10:00:00.000Z, is missing/,
  )
})
