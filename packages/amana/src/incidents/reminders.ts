import { z } from 'zod'
import type { JobEngine } from '../platform/jobs/index.ts'
import { defineJob } from '../platform/jobs/index.ts'
import { reminderMail } from './domain/reminder-mail.ts'
import type { Incidents } from './incidents-service.ts'
import type { IncidentMailPort } from './ports.ts'

const isEmail = (s: string) => /^[^\s@]+@[^\s@]+$/.test(s)

/**
 * One reminder to the response team before one clock of an incident expires. Scheduled (pg-boss
 * `startAfter`) when the incident is opened and again when its scope changes the jurisdictions
 * involved; `key` is `jurisdiction:audience:point` (point `half` or `last-fifth`).
 */
export const incidentReminderJob = defineJob({
  name: 'incident.reminder',
  version: 1,
  payload: z.object({ incidentId: z.uuid(), key: z.string().min(1).max(200) }),
  retryLimit: 5,
  retryDelaySeconds: 30,
})

/**
 * Mails the team (its members given as email addresses) the reminder `key` of an open incident.
 * Idempotent: the key is claimed once (incident_reminders), so a job run twice, or scheduled twice,
 * mails once; a closed incident or an expired clock mails nothing. Returns the mails queued.
 */
export const remindTeam = async (
  incidents: Incidents,
  mail: IncidentMailPort,
  job: { incidentId: string; key: string },
  now: Date,
): Promise<number> => {
  const view = await incidents.get(job.incidentId)
  if (!view || view.status === 'closed') return 0
  const clock = view.clocks.find((c) => job.key.startsWith(`${c.jurisdiction}:${c.audience}:`))
  if (!clock || clock.state !== 'running') return 0
  if (!(await incidents.store.claimReminder(view.id, job.key, now))) return 0
  const hoursLeft = Math.round(((clock.remainingSeconds ?? 0) / 3600) * 10) / 10
  const team = view.team.filter(isEmail)
  // Each member reads it in their own language when the address is a staff member's, else in the
  // organisation's first declared language.
  const languages = await incidents.mailLanguages(team)
  const facts = {
    reference: view.reference,
    discoveredAt: new Date(view.discoveredAt),
    clock,
    jurisdictionName: incidents.jurisdictionName(clock.jurisdiction),
    hoursLeft,
  }
  let sent = 0
  for (const to of team) {
    const locale = languages.get(to) ?? 'en'
    await mail.enqueue(
      { kind: 'transactional', to, ...reminderMail(locale, facts), headers: { 'Content-Language': locale } },
      now,
    )
    sent++
  }
  return sent
}

/** The worker side: runs each scheduled reminder job. */
export const registerIncidentJobs = (
  jobs: JobEngine,
  incidents: Incidents,
  mail: IncidentMailPort,
  now: () => Date,
): void => {
  jobs.register(incidentReminderJob, async (payload) => {
    await remindTeam(incidents, mail, payload, now())
  })
}
