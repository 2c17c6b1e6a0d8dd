import type { Config } from '../platform/config/index.ts'
import type { DatabaseTarget } from '../platform/db/index.ts'
import { type KeyStore, type OpenedKeyStore, openKeyStore } from '../vault/index.ts'

/**
 * The vault's key store, opened on first use: most processes (and most requests) never touch a data
 * key, and a second embedded database would otherwise add a second to every start.
 */
export const lazyKeyStore = (target: DatabaseTarget): { keyStore: KeyStore; close(): Promise<void> } => {
  let opened: Promise<OpenedKeyStore> | undefined
  const open = () => {
    // A failed open (unreachable, or DATA_DIR_LOCKED by another process) is retried on the next use.
    opened ??= openKeyStore(target).catch((error: unknown) => {
      opened = undefined
      throw error
    })
    return opened
  }
  const store = new Proxy({} as KeyStore, {
    get:
      (_target, method: keyof KeyStore) =>
      async (...args: unknown[]) => {
        const { keyStore } = await open()
        return (keyStore[method] as (...a: unknown[]) => unknown)(...args)
      },
  })
  return {
    keyStore: store,
    close: async () => {
      if (opened) await (await opened.catch(() => undefined))?.database.close()
    },
  }
}

export const keyStoreTarget = (config: Config): DatabaseTarget =>
  config.keyStore.kind === 'postgres'
    ? { kind: 'postgres', url: config.keyStore.url }
    : { kind: 'pglite', dataDir: config.keyStore.dataDir }
