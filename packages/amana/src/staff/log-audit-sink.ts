import type { Logger } from '../platform/logging/index.ts'
import type { AuditSink } from './audit-port.ts'

/**
 * Interim sink while the audit ledger (audit/) is being wired in: writes each event to the log as
 * ids and action only. Events never carry passwords, keys, tokens or emails.
 */
export const createLogAuditSink = (logger: Logger): AuditSink => ({
  append: async (event) => {
    logger.info(
      {
        audit: {
          action: event.action,
          actorType: event.actor.type,
          actorId: event.actor.id,
          target: event.target,
          requestId: event.requestId,
          details: event.details,
        },
      },
      'audit',
    )
  },
})
