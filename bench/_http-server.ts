/**
 * One server for the out-of-process HTTP benchmarks (bench/_out-of-process.ts starts it pinned to
 * its own core): `empty` is a bare Fastify route; `amana` the whole application as `amana start`
 * serves it, with production logging (info, asynchronous) into /dev/null, on PGlite or on
 * PostgreSQL (BENCH_DATABASE_URL), with a real API key and SUBJECTS subjects that each have a
 * recorded choice. Prints one JSON line (url, headers to send) when it listens; stops on SIGTERM.
 */
import Fastify from 'fastify'
import { pino } from 'pino'
import { createLogger } from '../packages/amana/src/platform/logging/index.ts'
import { addMember, staffAccessFor } from '../packages/amana/src/staff/testing.ts'
import { createTestApp } from '../packages/amana/src/testing/test-app.ts'

const kind = process.argv[2]
const subjects = Number(process.env.SUBJECTS ?? 1000)

const ready = (url: string, headers: Record<string, string>, close: () => Promise<void>) => {
  process.stdout.write(`${JSON.stringify({ url, headers })}\n`)
  process.on('SIGTERM', () => void close().then(() => process.exit(0)))
}

if (kind === 'empty') {
  const bare = Fastify({ logger: false })
  bare.get('/empty', async () => ({ status: 'ok' }))
  ready(await bare.listen({ port: 0, host: '127.0.0.1' }), {}, () => bare.close())
} else if (kind === 'amana') {
  if (process.env.BENCH_ENGINE === 'postgres')
    process.env.TEST_DATABASE_URL =
      process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  else delete process.env.TEST_DATABASE_URL
  const t = await createTestApp({
    logger: createLogger({
      level: 'info',
      destination: pino.destination({ dest: '/dev/null', sync: false }),
    }),
  })
  const owner = await addMember(t, 'owner')
  const created = await staffAccessFor(t).createApiKey(
    { id: owner.id, role: 'owner', permissions: new Set(['decisions:read', 'consent:write']) },
    { name: 'bench backend', scopes: ['decisions:read', 'consent:write'] },
  )
  if (!created.ok) throw new Error('could not create the API key')
  const headers = { authorization: `Bearer ${created.key}` }
  for (let s = 0; s < subjects; s += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, subjects - s) }, (_, k) =>
        t.app.inject({
          method: 'POST',
          url: '/v1/consent/records',
          headers,
          payload: {
            subject: `account:${s + k}`,
            method: 'api',
            choices: [{ purpose: 'marketing', channel: 'email', granted: (s + k) % 2 === 0 }],
          },
        }),
      ),
    )
  }
  ready(await t.app.listen({ port: 0, host: '127.0.0.1' }), headers, () => t.close())
} else {
  throw new Error(`usage: node bench/_http-server.ts empty|amana (got ${kind})`)
}
