import type { Logger } from '../platform/logging/index.ts'
import { reminderDue } from './domain/clocks.ts'
import type { Incidents } from './incidents-service.ts'
import type { IncidentMailPort } from './ports.ts'

const isEmail = (s: string) => /^[^\s@]+@[^\s@]+$/.test(s)

/**
 * Mails the response team (its members given as email addresses) before each clock of an open
 * incident expires: at half-time and with a fifth left. Each reminder goes once (its key is stored).
 */
export const remindTeams = async (
  incidents: Incidents,
  mail: IncidentMailPort,
  now: Date,
): Promise<number> => {
  let sent = 0
  for (const row of await incidents.store.open()) {
    const view = await incidents.get(row.id)
    if (!view) continue
    const done = await incidents.store.remindersSent(row.id)
    for (const clock of view.clocks) {
      const key = reminderDue(clock, done)
      if (!key || !(await incidents.store.claimReminder(row.id, key, now))) continue
      const hoursLeft = Math.round(((clock.remainingSeconds ?? 0) / 3600) * 10) / 10
      for (const to of view.team.filter(isEmail)) {
        await mail.enqueue(
          {
            kind: 'transactional',
            to,
            subject: `${view.reference}: ${hoursLeft} h left to notify (${clock.jurisdiction}, ${clock.audience})`,
            text: [
              `Incident ${view.reference} (${view.status}), discovered ${view.discoveredAt}.`,
              `The ${clock.audience === 'regulator' ? 'regulator' : 'affected people'} must be notified for ${clock.jurisdiction} by ${clock.dueAt} (${clock.hours} h from discovery).`,
              `People in this jurisdiction: ${clock.people}.`,
            ].join('\n'),
          },
          now,
        )
        sent++
      }
    }
  }
  return sent
}

/** The worker side: the reminder sweep at once and then every minute. Call `stop()` at shutdown. */
export const startIncidentReminders = (
  incidents: Incidents,
  mail: IncidentMailPort,
  options: { now: () => Date; logger: Logger; intervalMs?: number },
): { stop(): void } => {
  let running: Promise<unknown> | undefined
  const sweep = () => {
    running ??= remindTeams(incidents, mail, options.now())
      .catch((err: unknown) => options.logger.error({ err }, 'incident reminder sweep failed'))
      .finally(() => {
        running = undefined
      })
  }
  const first = setTimeout(sweep, 0)
  const timer = setInterval(sweep, options.intervalMs ?? 60_000)
  first.unref()
  timer.unref()
  return {
    stop: () => {
      clearTimeout(first)
      clearInterval(timer)
    },
  }
}
