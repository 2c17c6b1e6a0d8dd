import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'

/** The example's own programs beside its manifest: the shop (`shop/app/main.ts`) and its sandbox (`payments/main.ts`). */
export const demoAppsSourceOf = (manifestPath: string): { shop: string; sandbox: string } | undefined => {
  const dir = dirname(manifestPath)
  const shop = join(dir, 'shop', 'app', 'main.ts')
  const sandbox = join(dir, 'payments', 'main.ts')
  return existsSync(shop) && existsSync(sandbox) ? { shop, sandbox } : undefined
}

export interface DemoAppPorts {
  readonly shopPort: number
  readonly sandboxPort: number
  readonly shopUrl: string
  readonly sandboxUrl: string
}

export interface DemoApps extends DemoAppPorts {
  stop(): Promise<void>
}

const freeLoopbackPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/**
 * Two free loopback ports, chosen before Amana starts so the shop's origin can be added to the
 * origins whose pages may show the banner and record consent.
 */
export const reserveDemoAppPorts = async (): Promise<DemoAppPorts> => {
  const shopPort = await freeLoopbackPort()
  const sandboxPort = await freeLoopbackPort()
  return {
    shopPort,
    sandboxPort,
    shopUrl: `http://127.0.0.1:${shopPort}`,
    sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
  }
}

/** Starts `file` with Node and waits for it to print its address (20 s at most). */
const startChild = (file: string, env: Record<string, string>): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    // stdin stays open while Amana runs: the child exits when it closes, even if Amana was killed.
    const child = spawn(process.execPath, [file], {
      env: { ...env, STOP_WITH_PARENT: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let errors = ''
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`${file} did not start within 20 s: ${errors.trim()}`))
    }, 20_000)
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString()
    })
    child.stdout?.once('data', () => {
      clearTimeout(timer)
      resolve(child)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${file} exited with code ${code}: ${errors.trim()}`))
    })
  })

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

/**
 * Runs the example shop and its sandbox (payments + courier) as two processes beside Amana, each on a
 * free loopback port. The shop reads its API key from `keyFile`, which Amana writes once an owner
 * exists (the key is created on the owner's behalf and audited like any other).
 */
export const startDemoApps = async (options: {
  readonly source: { shop: string; sandbox: string }
  readonly ports: DemoAppPorts
  /** The shop database's connection variables (RUMROM_DATABASE_URL, RUMROM_UPLOADS_DIR). */
  readonly shopEnv: Readonly<Record<string, string>>
  readonly amanaUrl: string
  readonly keyFile: string
  /** PATH and the like for the children; nothing secret of Amana's is passed. */
  readonly baseEnv: Readonly<Record<string, string | undefined>>
}): Promise<DemoApps> => {
  const { shopPort, sandboxPort, shopUrl, sandboxUrl } = options.ports
  const base: Record<string, string> = {}
  for (const name of ['PATH', 'HOME', 'LANG', 'TZ'])
    if (options.baseEnv[name] !== undefined) base[name] = options.baseEnv[name] as string
  const sandbox = await startChild(options.source.sandbox, {
    ...base,
    SANDBOX_PORT: String(sandboxPort),
    SHOP_ORIGIN: shopUrl,
  })
  const shop = await startChild(options.source.shop, {
    ...base,
    ...options.shopEnv,
    SHOP_PORT: String(shopPort),
    AMANA_URL: options.amanaUrl,
    AMANA_API_KEY_FILE: options.keyFile,
    SANDBOX_URL: sandboxUrl,
  }).catch(async (error: unknown) => {
    await stopChild(sandbox)
    throw error
  })
  return {
    ...options.ports,
    stop: async () => {
      await Promise.all([stopChild(shop), stopChild(sandbox)])
    },
  }
}
