/**
 * The skip allowlist (test/skip-allowlist.json): the only skips `npm test` accepts, each with the
 * condition under which it may happen and why. Everything else that did not run fails the run.
 */
import { z } from 'zod'
import type { SkipRecord } from './skip-reporter.ts'

/** When a listed skip is allowed: the engine the run is on, a missing MariaDB, or running as root. */
export const SkipConditionSchema = z.enum(['pglite', 'postgres', 'no-mysql', 'root'])
export type SkipCondition = z.infer<typeof SkipConditionSchema>

const AllowedSkipSchema = z.strictObject({
  /** The test file, relative to the repository root. */
  file: z.string().min(1),
  /** A regular expression matched against the whole name ("suite > test"). */
  test: z.string().min(1),
  when: SkipConditionSchema,
  reason: z.string().min(10, 'say why the skip is acceptable'),
})
export type AllowedSkip = z.infer<typeof AllowedSkipSchema>

export const AllowlistSchema = z.strictObject({
  $comment: z.string().optional(),
  skips: z.array(AllowedSkipSchema),
})

export type SkipVerdict =
  | { readonly ok: true; readonly skip: SkipRecord; readonly entry: AllowedSkip }
  | { readonly ok: false; readonly skip: SkipRecord; readonly problem: string }

const matches = (entry: AllowedSkip, skip: SkipRecord) =>
  entry.file === skip.file && new RegExp(`^(?:${entry.test})$`).test(skip.name)

/** Each skip, allowed by an entry whose condition holds now, or refused with the reason. */
export const judgeSkips = (
  skips: readonly SkipRecord[],
  allowlist: readonly AllowedSkip[],
  conditions: ReadonlySet<SkipCondition>,
): SkipVerdict[] =>
  skips.map((skip): SkipVerdict => {
    if (skip.suite)
      return {
        ok: false,
        skip,
        problem:
          'a skipped describe hides how many tests it holds: pass { skip } to the tests inside it instead',
      }
    const entries = allowlist.filter((entry) => matches(entry, skip))
    const entry = entries.find((e) => conditions.has(e.when))
    if (entry) return { ok: true, skip, entry }
    if (entries.length > 0)
      return {
        ok: false,
        skip,
        problem: `allowed only when ${entries.map((e) => e.when).join(' or ')}, which does not hold in this run`,
      }
    return { ok: false, skip, problem: 'not in test/skip-allowlist.json' }
  })
