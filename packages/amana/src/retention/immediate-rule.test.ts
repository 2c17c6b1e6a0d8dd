import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { openManifest } from '../app/app-manifest.ts'
import { capabilitiesOf } from '../staff/index.ts'
import { addMember, staffAccessFor } from '../staff/testing.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'

const eventsKey = async (t: TestApp) => {
  const developer = await addMember(t, 'developer')
  const actor = { id: developer.id, role: 'developer' as const, permissions: capabilitiesOf('developer') }
  const created = await staffAccessFor(t).createApiKey(actor, {
    name: 'shop-events',
    scopes: ['events:write'],
  })
  assert.ok(created.ok)
  return { authorization: `Bearer ${created.key}` }
}

const post = (t: TestApp, headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/v1/events', headers, payload: payload as object })

test("the outsourcing firm's client records are handed to staff for deletion within a minute of service.completed", {
  timeout: 90_000,
}, async () => {
  const loaded = await openManifest(
    join(import.meta.dirname, '../../../../examples/kenya-outsourcing/amana.yaml'),
  )
  const scans = await mkdtemp(join(tmpdir(), 'amana-scans-'))
  const t = await createTestApp({
    manifest: loaded,
    worker: true,
    // The recruitment database is not reached: this rule lives in the client workspace (a manual system).
    env: { TANA_RECRUITMENT_DATABASE_URL: 'postgres://127.0.0.1:9/none', TANA_ID_SCANS_DIR: scans },
  })
  try {
    const started = Date.now()
    const response = await post(t, await eventsKey(t), {
      type: 'service.completed',
      subject: { kind: 'client_customer', id: 'acme-7731' },
      records: [{ table: 'client_files', key: 'case-7731' }],
    })
    assert.equal(response.statusCode, 202, response.body)
    assert.equal(response.json().immediate.length, 1, 'the P0D rule is swept at once, not daily')
    type Task = { system: string; tables: string[]; for: string[] }
    let task: Task | undefined
    while (!task && Date.now() - started < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      for (const run of await t.services.retention.runs(10)) {
        const tasks: Task[] = (run.progress as { staffTasks?: Task[] }).staffTasks ?? []
        task ??= tasks.find((x) => x.for.some((line) => line.includes('client_files:delete:case-7731')))
      }
    }
    assert.ok(task, 'a deletion task for the client record within a minute')
    assert.equal(task.system, 'client_workspace')
    assert.deepEqual(task.tables, ['client_files'])
  } finally {
    await t.close()
    await rm(scans, { recursive: true, force: true })
  }
})
