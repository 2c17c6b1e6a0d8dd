import type { DatasetPlan, Opened, SubjectIdentifier } from '../connectors/index.ts'
import type { FrozenSubject } from './ports.ts'

/**
 * `kind/id` (`customer/42`, as clocks and `subject_freeze` name a subject) as identifiers the
 * connectors find rows by: an email or phone when the id is one, else the shop's customer key.
 */
export const identifiersOfRef = (ref: string): SubjectIdentifier[] => {
  const id = ref.includes('/') ? ref.slice(ref.indexOf('/') + 1) : ref
  if (id.includes('@')) return [{ kind: 'email', value: id }]
  if (/^\+?[0-9 ()-]{6,20}$/.test(id) && id.replace(/\D/g, '').length >= 6 && id.startsWith('+'))
    return [{ kind: 'phone', value: id }]
  return [{ kind: 'customer_id', value: id }]
}

/** What a sweep must leave alone: frozen subjects' refs, and the keys of their rows per table. */
export type Frozen = {
  refs: ReadonlySet<string>
  rows: ReadonlyMap<string, ReadonlySet<string>>
  count: number
}

export const frozenTable = (system: string, table: string) => `${system}\u0000${table}`

/**
 * Finds every row of every frozen subject with the same search an access request runs (the full
 * dataset plan's connectors): a due row among them is skipped, and with it everything the erasure
 * would have reached from it.
 */
export const findFrozenRows = async (
  plan: DatasetPlan,
  opened: Opened,
  subjects: readonly FrozenSubject[],
): Promise<Frozen> => {
  const refs = new Set<string>()
  const rows = new Map<string, Set<string>>()
  for (const s of subjects) {
    if (s.ref) refs.add(s.ref)
    const identifiers = s.identifiers ?? (s.ref ? identifiersOfRef(s.ref) : [])
    if (identifiers.length === 0) continue
    for (const [system, connector] of opened.connectors) {
      if (connector.kind !== 'postgres' && connector.kind !== 'mysql') continue
      const found = await connector.collect({ identifiers })
      if (found.status !== 'completed') continue
      for (const t of found.tables) {
        const key = plan.tables.find((x) => x.system === system && x.table === t.table)?.primaryKey[0] ?? 'id'
        const set = rows.get(frozenTable(system, t.table)) ?? new Set<string>()
        for (const row of t.rows) set.add(String(row[key]))
        rows.set(frozenTable(system, t.table), set)
      }
    }
  }
  return { refs, rows, count: subjects.length }
}
