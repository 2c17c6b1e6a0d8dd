import { mkdir, realpath, stat } from 'node:fs/promises'
import lockfile from 'proper-lockfile'
import { AmanaError } from '../errors/index.ts'

export interface DirectoryLock {
  readonly lockPath: string
  release(): Promise<void>
}

export interface DirectoryLockOptions {
  /**
   * A lock whose holder has shown no sign of life for this long is taken over: a process killed with
   * SIGKILL (or a crashed machine) cannot release it. The holder touches it every `staleMs / 5`.
   */
  readonly staleMs?: number
  /** The lock was taken over (the holder's event loop stalled past `staleMs`): stop writing. */
  readonly onCompromised?: (error: Error) => void
}

/**
 * Creates `dir` if needed and holds it exclusively for this process: PGlite is one process's database, and
 * two processes writing one data directory lose each other's writes. The lock is a directory beside
 * `dir` (`<dir>.lock`, created with mkdir, atomic on every filesystem a volume is shared on), kept
 * fresh by proper-lockfile and removed on exit. When it is held, this waits up to one refresh to tell
 * a live holder (refused at once with DATA_DIR_LOCKED) from one killed without releasing it (its lock
 * goes stale and is taken over, so a restart after a crash succeeds within `staleMs`).
 */
export const lockDirectory = async (
  dir: string,
  options: DirectoryLockOptions = {},
): Promise<DirectoryLock> => {
  const staleMs = options.staleMs ?? 10_000
  const updateMs = Math.max(1000, Math.floor(staleMs / 5))
  const real = await mkdir(dir, { recursive: true })
    .then(() => realpath(dir))
    .catch((error: NodeJS.ErrnoException) => {
      throw new AmanaError(
        'DATA_DIR_NOT_WRITABLE',
        `Cannot create ${dir} (${error.code ?? 'error'}). Set AMANA_DATA_DIR to a writable directory, or fix its permissions.`,
      )
    })
  const lockPath = `${real}.lock`
  const deadline = Date.now() + staleMs + 2 * updateMs
  let firstSeen: number | undefined
  for (;;) {
    try {
      const release = await lockfile.lock(real, {
        stale: staleMs,
        update: updateMs,
        realpath: false,
        lockfilePath: lockPath,
        onCompromised: (error) => {
          process.emitWarning(`Lost the lock on ${dir} (${error.message}); closing the embedded database.`, {
            code: 'DATA_DIR_LOCKED',
          })
          options.onCompromised?.(error)
        },
      })
      return { lockPath, release: () => release().catch(() => {}) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
    }
    const touched = await stat(lockPath).then(
      (s) => s.mtimeMs,
      () => undefined,
    )
    firstSeen ??= touched
    const holderAlive = touched !== undefined && firstSeen !== undefined && touched !== firstSeen
    if (holderAlive || Date.now() > deadline) throw lockedError(dir, lockPath, staleMs)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

const lockedError = (dir: string, lockPath: string, staleMs: number) =>
  new AmanaError(
    'DATA_DIR_LOCKED',
    `${dir} is open in another Amana process (lock ${lockPath}). An embedded database belongs to one process: stop the other one, or run several processes on PostgreSQL (AMANA_DATABASE_URL and AMANA_KEYSTORE_URL). A lock left by a killed process is taken over ${Math.round(staleMs / 1000)} s after it stopped.`,
    { dir, lockPath },
  )
