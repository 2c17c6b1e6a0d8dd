import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'

/**
 * For tests: an outbox row of a mail Amana sent at `sentAt` (created at `createdAt`), its address and
 * body already gone as after sending. Returns its id.
 */
export const addSentMail = async (
  db: Kysely<Database>,
  sentAt: Date | null,
  options: { status?: string; createdAt?: Date } = {},
): Promise<string> => {
  const id = randomUUID()
  const createdAt = options.createdAt ?? sentAt ?? new Date()
  await db
    .insertInto('mail_outbox')
    .values({
      id,
      kind: 'transactional',
      recipient: null,
      recipient_hash: 'h',
      status: options.status ?? 'sent',
      message: null,
      created_at: createdAt,
      sent_at: sentAt,
    } as never)
    .execute()
  return id
}
