import type { Manifest, RetentionEvent } from '../../manifest/index.ts'

/** The events a shop sends (`POST /v1/events`) and the retention clock each starts or resets. */
export const eventTypes = {
  'order.fulfilled': 'order-fulfilled',
  'service.completed': 'service-completed',
  'account.closed': 'account-closed',
  'application.closed': 'application-closed',
  'consent.withdrawn': 'consent-withdrawn',
  'record.collected': 'collection',
  'signed-in': 'last-activity',
  activity: 'last-activity',
} as const satisfies Record<string, RetentionEvent>
export type EventType = keyof typeof eventTypes

export const isEventType = (value: string): value is EventType => Object.hasOwn(eventTypes, value)

export type EventInput = {
  type: string
  occurredAt?: string | undefined
  /** The language the person uses (their sign-in's), for an inactivity notice. */
  locale?: string | undefined
  subject?: { kind: string; id: string } | undefined
  records?: readonly { system?: string | undefined; table: string; key: string }[] | undefined
}

export type ResolvedEvent = {
  event: RetentionEvent
  occurredAt: Date
  locale?: string
  subject?: { kind: string; id: string }
  records: { system: string; table: string; key: string }[]
}

export type FieldProblem = { field: string; message: string }

/** Systems holding `table`: declared under `systems.*.tables` or named in a category's storage. */
const systemsWith = (manifest: Manifest, table: string) =>
  Object.entries(manifest.systems ?? {})
    .filter(
      ([id, s]) =>
        s.tables?.[table] !== undefined ||
        Object.values(manifest.categories).some((c) => c.storage?.[id]?.[table] !== undefined),
    )
    .map(([id]) => id)

const resolveRecord = (
  manifest: Manifest,
  r: NonNullable<EventInput['records']>[number],
  i: number,
): { ok: true; record: ResolvedEvent['records'][number] } | { ok: false; problem: FieldProblem } => {
  const candidates = systemsWith(manifest, r.table).filter((s) => !r.system || s === r.system)
  const [system] = candidates
  if (system === undefined)
    return {
      ok: false,
      problem: {
        field: `records[${i}].table`,
        message: `"${r.system ? `${r.system}.` : ''}${r.table}" is not a table the manifest declares; use one of the tables under systems.*.tables`,
      },
    }
  if (candidates.length > 1)
    return {
      ok: false,
      problem: {
        field: `records[${i}].system`,
        message: `"${r.table}" is in ${candidates.join(' and ')}; name the system`,
      },
    }
  return { ok: true, record: { system, table: r.table, key: r.key } }
}

/**
 * Checks an event against the manifest: a known type, a subject kind the manifest declares, tables
 * it names, a time not in the future. Every problem names its field and how to fix it.
 */
export const resolveEvent = (
  manifest: Manifest,
  input: EventInput,
  now: Date,
): { ok: true; event: ResolvedEvent } | { ok: false; problems: FieldProblem[] } => {
  const problems: FieldProblem[] = []
  if (!isEventType(input.type))
    problems.push({
      field: 'type',
      message: `unknown event type "${input.type}"; use one of ${Object.keys(eventTypes).join(', ')}`,
    })
  if (input.subject && !Object.hasOwn(manifest.subjects, input.subject.kind))
    problems.push({
      field: 'subject.kind',
      message: `unknown subject kind "${input.subject.kind}"; the manifest declares ${Object.keys(manifest.subjects).join(', ')}`,
    })
  if (!input.subject && (input.records ?? []).length === 0)
    problems.push({
      field: 'subject',
      message: 'name the subject ({ kind, id }) or the records ([{ table, key }]) the event is about',
    })
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now
  if (occurredAt.getTime() > now.getTime() + 5 * 60_000)
    problems.push({ field: 'occurredAt', message: 'is in the future; send the time the event happened' })
  const records: ResolvedEvent['records'] = []
  ;(input.records ?? []).forEach((r, i) => {
    const resolved = resolveRecord(manifest, r, i)
    if (resolved.ok) records.push(resolved.record)
    else problems.push(resolved.problem)
  })
  if (problems.length > 0 || !isEventType(input.type)) return { ok: false, problems }
  return {
    ok: true,
    event: {
      event: eventTypes[input.type],
      occurredAt,
      ...(input.locale ? { locale: input.locale } : {}),
      ...(input.subject ? { subject: { kind: input.subject.kind, id: input.subject.id } } : {}),
      records,
    },
  }
}
