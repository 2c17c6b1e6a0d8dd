import type { ConfigOverrides } from '../platform/config/index.ts'
import type { OptionSpec } from './cli-kit.ts'

/** Where a command's database is: for every command that opens Amana's database. */
export const databaseOptions: Readonly<Record<string, OptionSpec>> = {
  'database-url': {
    type: 'string',
    description: 'PostgreSQL URL (AMANA_DATABASE_URL); unset: embedded database',
  },
  'data-dir': {
    type: 'string',
    description: 'Data directory for the embedded database and demo secrets (AMANA_DATA_DIR)',
  },
  demo: {
    type: 'boolean',
    description: 'Demo mode: generated secrets, the RUMROM demo manifest (AMANA_MODE=demo)',
  },
}

/** Which manifest: only for the commands that read it (start, worker, policy publish, retention). */
export const manifestOption: Readonly<Record<string, OptionSpec>> = {
  manifest: { type: 'string', description: 'Path to amana.yaml (AMANA_MANIFEST)' },
}

/** Both: commands that open the database and read the manifest. */
export const configOptions: Readonly<Record<string, OptionSpec>> = { ...databaseOptions, ...manifestOption }

/** Flags of `amana worker`: the database and mode, but no HTTP listener flags (a worker listens on nothing). */
export const workerOptions: Readonly<Record<string, OptionSpec>> = configOptions

/** Flags of `amana start`: the worker's, plus where the HTTP server listens. */
export const serverOptions: Readonly<Record<string, OptionSpec>> = {
  ...workerOptions,
  port: { type: 'string', short: 'p', description: 'Port to listen on (AMANA_PORT, default 3000)' },
  host: { type: 'string', description: 'Address to listen on (AMANA_HOST, default 127.0.0.1)' },
}

export const toOverrides = (values: Record<string, string | boolean | undefined>): ConfigOverrides => {
  const o: ConfigOverrides = {}
  if (typeof values['database-url'] === 'string') o.AMANA_DATABASE_URL = values['database-url']
  if (typeof values['data-dir'] === 'string') o.AMANA_DATA_DIR = values['data-dir']
  if (typeof values.manifest === 'string') o.AMANA_MANIFEST = values.manifest
  if (typeof values.port === 'string') o.AMANA_PORT = values.port
  if (typeof values.host === 'string') o.AMANA_HOST = values.host
  if (values.demo === true) o.AMANA_MODE = 'demo'
  return o
}
