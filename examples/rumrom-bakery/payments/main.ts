import { createSandbox } from './sandbox.ts'

// node examples/rumrom-bakery/payments/main.ts — SANDBOX_PORT (default 4010) on loopback; SHOP_ORIGIN
// is the only origin its payment page returns customers to.
const port = Number(process.env.SANDBOX_PORT ?? 4010)
const { app } = createSandbox(process.env.SHOP_ORIGIN ? { shopOrigin: process.env.SHOP_ORIGIN } : {})
await app.listen({ host: '127.0.0.1', port })
process.stdout.write(`RUMROM sandbox (payments + courier): http://127.0.0.1:${port}\n`)
// Started by `amana start --demo`: stop when Amana's end of stdin closes, however Amana ended.
if (process.env.STOP_WITH_PARENT) {
  process.stdin.on('end', () => process.exit(0))
  process.stdin.resume()
}
