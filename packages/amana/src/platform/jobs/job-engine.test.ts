import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import { createTestLogger } from '../../testing/test-app.ts'
import { createTestDatabase } from '../../testing/test-database.ts'
import { createJobEngine, defineJob, type JobEngine, queueName } from './index.ts'
import { jobSupervision } from './job-engine.ts'

const waitFor = async (engine: JobEngine, name: string, id: string, states: string[], timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const state = await engine.state(name, id)
    if (state && states.includes(state.state)) return state
    if (Date.now() > deadline) throw new Error(`job ${id} stayed ${state?.state}`)
    await sleep(200)
  }
}

test('a job that throws is retried with backoff and ends visibly failed with its cause', async () => {
  const database = await createTestDatabase()
  const engine = await createJobEngine(database, createTestLogger())
  try {
    const flaky = defineJob({
      name: 'test.flaky',
      version: 1,
      payload: z.object({ fail: z.boolean() }),
      retryLimit: 2,
      retryDelaySeconds: 1,
    })
    const attempts: boolean[] = []
    engine.register(flaky, async ({ fail }) => {
      attempts.push(fail)
      if (fail) throw new Error('the courier API is down')
    })
    await engine.startWorker()
    const ok = await engine.send(flaky, { fail: false })
    const bad = await engine.send(flaky, { fail: true })
    assert.equal((await waitFor(engine, queueName(flaky), ok, ['completed'])).state, 'completed')
    const failed = await waitFor(engine, queueName(flaky), bad, ['failed'])
    assert.equal(failed.retryCount, 2)
    assert.match(JSON.stringify(failed.output), /the courier API is down/)
    assert.equal(attempts.filter(Boolean).length, 3, 'first try + 2 retries')
  } finally {
    await engine.stop({ graceful: false })
    await database.close()
  }
})

test('a payload that does not match the job schema is refused before it is queued', async () => {
  const database = await createTestDatabase()
  const engine = await createJobEngine(database, createTestLogger())
  try {
    const job = defineJob({ name: 'test.typed', version: 1, payload: z.object({ requestId: z.uuid() }) })
    await assert.rejects(engine.send(job, { requestId: 'nope' }), /requestId/)
  } finally {
    await engine.stop({ graceful: false })
    await database.close()
  }
})

test('a graceful stop lets the job in flight finish before it returns', async () => {
  const database = await createTestDatabase()
  const engine = await createJobEngine(database, createTestLogger())
  try {
    const slow = defineJob({ name: 'test.slow', version: 1, payload: z.object({}) })
    let started = false
    let finished = false
    engine.register(slow, async () => {
      started = true
      await sleep(1500)
      finished = true
    })
    await engine.startWorker()
    await engine.send(slow, {})
    const deadline = Date.now() + 15_000
    while (!started && Date.now() < deadline) await sleep(50)
    assert.ok(started, 'the job started')
    await engine.stop({ graceful: true, timeoutMs: 10_000 })
    assert.ok(finished, 'the job ran to its end before stop() returned')
  } finally {
    await database.close()
  }
})

test('a job that runs longer than the heartbeat interval is not given to another worker while its worker lives', async () => {
  const database = await createTestDatabase()
  const engine = await createJobEngine(database, createTestLogger())
  try {
    const long = defineJob({ name: 'test.long', version: 1, payload: z.object({}) })
    let runs = 0
    const runFor = (jobSupervision.heartbeatSeconds + 2 * jobSupervision.superviseIntervalSeconds) * 1000
    engine.register(long, async () => {
      runs++
      await sleep(runFor)
    })
    await engine.startWorker()
    const id = await engine.send(long, {})
    const done = await waitFor(engine, queueName(long), id, ['completed', 'failed', 'retry'], runFor + 30_000)
    assert.equal(done.state, 'completed', JSON.stringify(done.output))
    assert.equal(done.retryCount, 0)
    assert.equal(runs, 1, 'the supervisor saw its heartbeats and left it alone')
  } finally {
    await engine.stop({ graceful: false })
    await database.close()
  }
})
