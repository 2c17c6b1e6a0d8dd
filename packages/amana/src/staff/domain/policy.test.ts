import assert from 'node:assert/strict'
import { test } from 'node:test'
import { defaultAccessPolicy, loginGate, throttleWait } from './policy.ts'

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, seconds))
/** `count` failures, newest first, the latest at `latest` seconds. */
const failures = (count: number, latest: number) => Array.from({ length: count }, (_, i) => at(latest - i))

test('after the free failures each attempt waits 1 s, 2 s, 4 s … from the latest failure, up to the cap', () => {
  const pair = defaultAccessPolicy.pairThrottle
  assert.equal(throttleWait(failures(2, 0), pair, at(0)), 0)
  assert.equal(throttleWait(failures(3, 0), pair, at(0)), 1)
  assert.equal(throttleWait(failures(4, 0), pair, at(0)), 2)
  assert.equal(throttleWait(failures(5, 0), pair, at(1)), 3, 'counted from the latest failure')
  assert.equal(throttleWait(failures(5, 0), pair, at(4)), 0)
  assert.equal(throttleWait(failures(100, 0), pair, at(0)), 300, 'capped at five minutes')
})

test('the pair’s delay is reported before the address’s, and an empty address history is open', () => {
  const policy = defaultAccessPolicy
  assert.deepEqual(loginGate({ pairFailures: [], addressFailures: [], now: at(0) }, policy), { kind: 'open' })
  assert.deepEqual(
    loginGate({ pairFailures: failures(4, 0), addressFailures: failures(40, 0), now: at(0) }, policy),
    { kind: 'throttled', by: 'pair', retryAfterSeconds: 2 },
  )
  assert.deepEqual(loginGate({ pairFailures: [], addressFailures: failures(30, 0), now: at(0) }, policy), {
    kind: 'throttled',
    by: 'address',
    retryAfterSeconds: 1,
  })
})
