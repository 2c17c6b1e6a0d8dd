import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { eraseSubject } from './execute.ts'
import { openConnectors } from './open-connectors.ts'
import { DatasetPlanSchema } from './plan.ts'

// A webhook system cannot search under Amana's locks: its erasure still asks "what do you hold?"
// first, and that answer alone says whether the subject was found anywhere.
const secret = `whsec_${Buffer.from('a shared secret of 32 bytes long').toString('base64')}`
const posted: string[] = []
let rows: Record<string, unknown>[] = []
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (c) => {
    body += c
  })
  req.on('end', () => {
    const { type } = JSON.parse(body) as { type: string }
    posted.push(type)
    const answer =
      type === 'dsr.collect'
        ? { tables: [{ table: 'members', rows }] }
        : {
            alreadyErased: rows.length === 0,
            steps: [{ table: 'members', action: 'delete', rows: rows.length }],
          }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
  })
})
let url = ''
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/amana`
})
after(() => server.close())

const planOf = () =>
  DatasetPlanSchema.parse({
    systems: [{ id: 'loyalty', kind: 'webhook', connection: { url, secret } }],
    tables: [
      {
        system: 'loyalty',
        table: 'members',
        primaryKey: 'id',
        identity: [{ column: 'email', kind: 'email' }],
        fields: [{ column: 'email', category: 'contact', onErase: 'delete-row' }],
      },
    ],
  })

test('an erasure with a webhook system asks it first, then erases: a subject it does not hold is "not found"', async () => {
  const plan = planOf()
  const opened = openConnectors(plan, { newId: () => 'task-1', now: () => new Date() })
  const subject = [{ kind: 'email' as const, value: 'sara@example.com' }]

  rows = []
  posted.length = 0
  const none = await eraseSubject(plan, opened, subject, { now: new Date() })
  assert.deepEqual(posted, ['dsr.collect', 'dsr.erase'], 'searched first, then erased')
  assert.equal(none.subjectFound, false, 'the webhook holds no row of the subject')

  rows = [{ id: 7, email: 'sara@example.com' }]
  posted.length = 0
  const found = await eraseSubject(plan, opened, subject, { now: new Date() })
  assert.deepEqual(posted, ['dsr.collect', 'dsr.erase'])
  assert.equal(found.subjectFound, true)
  const [result] = found.results
  assert.ok(result?.ok && result.outcome.status === 'completed')
  assert.equal(result.outcome.steps[0]?.rows, 1)
  await opened.close()
})
