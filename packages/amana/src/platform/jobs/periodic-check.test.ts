import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { periodicCheck } from './periodic-check.ts'

test('checks once after the first delay, then every interval, and never after stop', async () => {
  const at: number[] = []
  const started = Date.now()
  const schedule = periodicCheck(
    async () => {
      at.push(Date.now() - started)
    },
    100,
    30,
  )
  await sleep(260)
  schedule.stop()
  const seen = at.length
  // First at ~30 ms, then at ~100 and ~200 ms.
  assert.ok(seen >= 3 && seen <= 4, `checked ${seen} times: ${at.join(', ')}`)
  assert.ok((at[0] ?? 0) < 90, `the first check came at ${at[0]} ms, before the first interval`)
  await sleep(250)
  assert.equal(at.length, seen, 'no check after stop()')
})

test('check() runs the check on demand', async () => {
  let runs = 0
  const schedule = periodicCheck(
    async () => {
      runs++
    },
    60_000,
    60_000,
  )
  await schedule.check()
  schedule.stop()
  assert.equal(runs, 1)
})

test('its timers do not keep a process alive', async () => {
  const { spawnSync } = await import('node:child_process')
  const script = `import { periodicCheck } from ${JSON.stringify(new URL('./periodic-check.ts', import.meta.url).href)}
periodicCheck(async () => {}, 60_000, 60_000)`
  const started = Date.now()
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 })
  assert.equal(result.status, 0, String(result.stderr))
  assert.ok(Date.now() - started < 15_000, 'the process ended without waiting for the timers')
})
