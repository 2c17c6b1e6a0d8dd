/** `child` has a column referring to `parent`: child rows must go before parent rows. */
export type Dependency = { child: string; parent: string }

/**
 * Orders tables so that every child comes before its parents (Kahn's algorithm). Tables in a
 * reference cycle cannot be ordered; they come last, in plan order, and are named in `cycles`.
 */
export const orderChildrenFirst = (
  tables: readonly string[],
  dependencies: readonly Dependency[],
): { order: string[]; cycles: string[] } => {
  const known = new Set(tables)
  // In the reversed graph an edge parent → child; a table is ready when no child of it remains.
  const pendingChildren = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]))
  for (const d of dependencies) {
    if (!known.has(d.child) || !known.has(d.parent) || d.child === d.parent) continue
    pendingChildren.get(d.parent)?.add(d.child)
  }
  const order: string[] = []
  const done = new Set<string>()
  let progressed = true
  while (progressed) {
    progressed = false
    for (const t of tables) {
      if (done.has(t)) continue
      const children = pendingChildren.get(t) ?? new Set()
      if ([...children].every((c) => done.has(c))) {
        order.push(t)
        done.add(t)
        progressed = true
      }
    }
  }
  const cycles = tables.filter((t) => !done.has(t))
  return { order: [...order, ...cycles], cycles }
}
