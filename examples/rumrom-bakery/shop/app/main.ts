import { createShopApp } from './server.ts'

// The RUMROM shop on its own: node examples/rumrom-bakery/shop/app/main.ts. `npm start` runs it for
// you in demo mode; here every address comes from the environment.
const need = (name: string): string => {
  const value = process.env[name]
  if (!value) {
    process.stderr.write(`${name} is not set (e.g. ${examples[name]})\n`)
    process.exit(2)
  }
  return value
}
const examples: Record<string, string> = {
  RUMROM_DATABASE_URL: 'postgres://postgres@127.0.0.1:5433/postgres',
  RUMROM_UPLOADS_DIR: '/var/lib/rumrom/uploads',
  AMANA_URL: 'http://127.0.0.1:3000',
  AMANA_API_KEY: 'the key from "amana api-key create --scope disclosures:write --scope consent:read"',
  SANDBOX_URL: 'http://127.0.0.1:4010',
}
const port = Number(process.env.SHOP_PORT ?? 4000)
const app = await createShopApp({
  databaseUrl: need('RUMROM_DATABASE_URL'),
  uploadsDir: need('RUMROM_UPLOADS_DIR'),
  amanaUrl: need('AMANA_URL'),
  amanaApiKey: process.env.AMANA_API_KEY_FILE
    ? { file: process.env.AMANA_API_KEY_FILE }
    : need('AMANA_API_KEY'),
  sandboxUrl: need('SANDBOX_URL'),
  publicUrl: process.env.SHOP_PUBLIC_URL ?? `http://127.0.0.1:${port}`,
})
await app.listen({ host: '127.0.0.1', port })
process.stdout.write(`RUMROM shop: http://127.0.0.1:${port}/en\n`)
// Started by `amana start --demo`: stop when Amana's end of stdin closes, however Amana ended.
if (process.env.STOP_WITH_PARENT) {
  process.stdin.on('end', () => process.exit(0))
  process.stdin.resume()
}
