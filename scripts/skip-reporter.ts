/**
 * A node:test reporter for scripts/test.ts: one JSON line per test that did not run — skipped
 * (`{ skip }`, `t.skip()`), todo (`{ todo }`, `t.todo()`), or a skipped suite, whose tests are
 * then never reported at all. scripts/test.ts prints them and checks them against the allowlist.
 */
import type { TestEvent } from 'node:test/reporters'

export type SkipRecord = {
  readonly file: string
  /** The test's name after its suites' names, joined by " > ". */
  readonly name: string
  readonly kind: 'skip' | 'todo'
  /** What the test said, or undefined when it gave no reason. */
  readonly reason: string | undefined
  /** A skipped `describe`: the tests inside it were not run and cannot be counted. */
  readonly suite: boolean
}

const reasonOf = (value: string | boolean) => (typeof value === 'string' && value !== '' ? value : undefined)

export default async function* skipReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  // Names by file and testId (unique within a file's process), to name a test after its suites.
  const started = new Map<string, { name: string; parentId: number | undefined }>()
  const key = (file: string | undefined, id: number | undefined) => `${file ?? ''}#${id}`
  const fullName = (file: string | undefined, name: string, parentId: number | undefined) => {
    const names = [name]
    for (
      let parent = started.get(key(file, parentId));
      parent;
      parent = started.get(key(file, parent.parentId))
    )
      names.unshift(parent.name)
    return names.join(' > ')
  }

  for await (const event of source) {
    if (event.type === 'test:start') {
      started.set(key(event.data.file, event.data.testId), {
        name: event.data.name,
        parentId: event.data.parentId,
      })
      continue
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue
    const { skip, todo, file, name, parentId, details } = event.data
    if (skip === undefined && todo === undefined) continue
    const record: SkipRecord = {
      file: file ?? '(unknown file)',
      name: fullName(file, name, parentId),
      kind: skip !== undefined ? 'skip' : 'todo',
      reason: reasonOf(skip ?? todo ?? false),
      suite: details.type === 'suite',
    }
    yield `${JSON.stringify(record)}\n`
  }
}
