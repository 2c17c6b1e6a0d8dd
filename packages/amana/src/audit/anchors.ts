import { mkdir, open, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { formatAnchorLine, type ParsedAnchors, parseAnchorLines } from './domain/anchor-line.ts'
import type { Checkpoint } from './domain/checkpoint.ts'

/** Somewhere outside the database that keeps each signed checkpoint (the ledger's port). */
export interface CheckpointAnchor {
  publish(checkpoint: Checkpoint): Promise<void>
}

/** The file inside the anchor directory: one signed checkpoint per line, only ever appended to. */
export const ANCHOR_FILE_NAME = 'audit-checkpoints.jsonl'

/**
 * Appends each checkpoint to `<dir>/audit-checkpoints.jsonl` (O_APPEND, flushed to disk before the
 * promise resolves). Opened in append mode on every write, so the file may be made append-only
 * (`chattr +a`) or live on a mount the database host cannot rewrite.
 */
export const fileAnchor = (dir: string): CheckpointAnchor => {
  const path = join(dir, ANCHOR_FILE_NAME)
  return {
    async publish(checkpoint) {
      await mkdir(dir, { recursive: true, mode: 0o700 })
      const handle = await open(path, 'a', 0o600)
      try {
        await handle.appendFile(`${formatAnchorLine(checkpoint)}\n`)
        await handle.datasync()
      } finally {
        await handle.close()
      }
    },
  }
}

/** POSTs each checkpoint as JSON (the same object as a file line); any answer but 2xx is a failure. */
export const webhookAnchor = (url: string, timeoutMs = 10_000): CheckpointAnchor => ({
  async publish(checkpoint) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: formatAnchorLine(checkpoint),
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.body?.cancel()
    // The URL may carry a token: it stays out of the message.
    if (!response.ok) throw new Error(`the audit anchor webhook answered HTTP ${response.status}`)
  },
})

/** The anchors configured (file and/or webhook); undefined when none is. Every one is tried. */
export const configuredAnchor = (options: {
  readonly anchorDir: string | undefined
  readonly anchorWebhookUrl: string | undefined
}): CheckpointAnchor | undefined => {
  const anchors = [
    ...(options.anchorDir ? [fileAnchor(options.anchorDir)] : []),
    ...(options.anchorWebhookUrl ? [webhookAnchor(options.anchorWebhookUrl)] : []),
  ]
  if (anchors.length === 0) return undefined
  return {
    async publish(checkpoint) {
      const results = await Promise.allSettled(anchors.map((a) => a.publish(checkpoint)))
      const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
      if (failed.length > 0)
        throw new AggregateError(failed, `checkpoint ${checkpoint.seq} could not be anchored`)
    },
  }
}

/** The anchor file at `path`, or inside it when `path` is an anchor directory. */
export const anchorFileAt = async (path: string): Promise<string> =>
  (await stat(path)).isDirectory() ? join(path, ANCHOR_FILE_NAME) : path

export const readAnchorFile = async (path: string): Promise<ParsedAnchors> =>
  parseAnchorLines(await readFile(await anchorFileAt(path), 'utf8'))
