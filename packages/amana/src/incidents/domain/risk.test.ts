import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'node:test'
import { ar } from '../copy/ar.ts'
import { en } from '../copy/en.ts'
import { assessRisk } from './risk.ts'

test('risk reasons take their words from the EN/AR catalogue, none are written in the code', async () => {
  const risk = assessRisk({
    categories: [
      { id: 'health-notes', kind: 'health', sensitivity: 'sensitive', protected: false },
      { id: 'payment', kind: 'payment', sensitivity: 'confidential', protected: false },
      { id: 'national-id', kind: 'government-id', sensitivity: 'confidential', protected: true },
    ],
    children: true,
  })
  assert.equal(risk.likelyHighRisk, true)
  assert.deepEqual(
    risk.reasons.map((r) => [r.code, r.weight, r.text.en, r.text.ar]),
    [
      ['sensitive', 'raises', en['risk.sensitive']('health-notes'), ar['risk.sensitive']('health-notes')],
      ['financial', 'raises', en['risk.financial']('payment'), ar['risk.financial']('payment')],
      ['children', 'raises', en['risk.children'], ar['risk.children']],
      ['protected', 'lowers', en['risk.protected']('national-id'), ar['risk.protected']('national-id')],
    ],
  )
  // Only vaulted data: nothing raises the risk.
  const low = assessRisk({
    categories: [{ id: 'payment', kind: 'payment', sensitivity: 'confidential', protected: true }],
    children: false,
  })
  assert.equal(low.likelyHighRisk, false)
  const source = await readFile(join(import.meta.dirname, 'risk.ts'), 'utf8')
  assert.doesNotMatch(source, /[\u0600-\u06FF]/, 'no Arabic text in risk.ts')
  assert.doesNotMatch(source, /in clear|children may be/, 'no English reason text in risk.ts')
})
