import type { CommandIo } from '../cli/cli-kit.ts'

/** A CLI's output caught in arrays, for tests that run `runCli` in-process. */
export const captureCliIo = (env: Record<string, string | undefined> = {}) => {
  const out: string[] = []
  const err: string[] = []
  const io: CommandIo = {
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
    env,
    cwd: process.cwd(),
  }
  return { out, err, io }
}
