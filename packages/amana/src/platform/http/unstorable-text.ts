/**
 * Text PostgreSQL cannot store (U+0000 is refused in `text` and `jsonb`) or that is not Unicode
 * at all (an unpaired UTF-16 surrogate, which JSON's `\ud800` escapes can produce). Found once, in
 * the shell, so no route answers 500 for it.
 */
const isStorable = (text: string): boolean => !text.includes('\u0000') && text.isWellFormed()

/**
 * The path of the first string (or property name) in `value` that cannot be stored as text, e.g.
 * `body.items.2.name`; undefined when every string is fine. Walks parsed JSON and form bodies
 * (plain objects and arrays) without recursion, so no nesting depth overflows the stack; other
 * objects (buffers, streams) are not text and are left alone.
 */
export const unstorableTextAt = (value: unknown, root: string): string | undefined => {
  const pending: [unknown, string][] = [[value, root]]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next
    if (typeof item === 'string') {
      if (!isStorable(item)) return path
      continue
    }
    if (item === null || typeof item !== 'object') continue
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push([item[i], `${path}.${i}`])
      continue
    }
    // Plain and null-prototype objects (Fastify's parsed query strings are the latter, one step
    // removed); not Buffers or streams.
    const prototype = Object.getPrototypeOf(item)
    if (prototype !== Object.prototype && prototype !== null && Object.getPrototypeOf(prototype) !== null)
      continue
    const entries = Object.entries(item)
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown]
      if (!isStorable(key)) return `${path} (a property name)`
      pending.push([child, `${path}.${key}`])
    }
  }
  return undefined
}
