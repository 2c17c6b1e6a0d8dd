import type { RecordItem } from './consent-record.ts'

/** One box of the preference page: a purpose, on one channel or all (`*`). */
export const boxKey = (item: { readonly id: string; readonly channel: string }): string =>
  `${item.id}:${item.channel}`

/**
 * What one save of the preference page records under each subject the link covers (one person's
 * choices kept under their customer id and under their address). A box shows ticked when any of
 * them allows it, so:
 * - an unticked box is recorded as withdrawn under every subject: withdrawing is as easy as giving
 *   (GDPR Art. 7(3)), and the shop reading either subject stops;
 * - a ticked box is recorded as given under a subject that already allows it, and under every
 *   subject when it was shown unticked (the person ticked it: a clear affirmative act);
 * - a box that was ticked only by another subject's record, and left so, gives nothing under this
 *   one: a pre-ticked box is not consent (CJEU C-673/17, Planet49).
 * Each record stays under the subject it concerns; nothing earlier is re-keyed or merged, so every
 * record still proves what was given when, and under which notice (Art. 7(1)).
 *
 * `allowed[i]` holds the boxes subject i allows now; the result's i-th list is what to record for it.
 */
export const preferenceChanges = (
  posted: readonly RecordItem[],
  allowed: readonly ReadonlySet<string>[],
): RecordItem[][] =>
  allowed.map((own) =>
    posted.filter((item) => {
      const key = boxKey(item)
      return !item.granted || own.has(key) || !allowed.some((other) => other.has(key))
    }),
  )
