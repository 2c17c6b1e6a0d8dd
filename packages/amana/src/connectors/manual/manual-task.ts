import type { SubjectIdentifier } from '../plan.ts'

/**
 * A task for staff, for records Amana cannot reach (paper order books, a till's printouts). Pure
 * data and transitions; the caller stores it and supplies `id` and `now`.
 */
export type ManualOperation = 'collect' | 'erase' | 'rectify'

export type Evidence = { text: string; fileRef?: string }

export type ManualTask = {
  id: string
  system: string
  operation: ManualOperation
  /** What staff look for, and what they do with it. */
  instructions: string
  identifiers: SubjectIdentifier[]
  tables: string[]
  createdAt: string
  state: 'open' | 'completed' | 'cancelled'
  completedAt?: string
  completedBy?: string
  evidence?: Evidence
  cancelReason?: string
}

export type TaskResult =
  | { ok: true; task: ManualTask }
  | { ok: false; issues: { path: string; message: string }[] }

const verbs: Record<ManualOperation, string> = {
  collect: 'Find and copy every record of this person',
  erase: 'Find and destroy (shred or black out) every record of this person, except those under legal hold',
  rectify: 'Correct the records of this person as described',
}

export const createManualTask = (input: {
  id: string
  system: string
  operation: ManualOperation
  instructions: string
  identifiers: readonly SubjectIdentifier[]
  tables?: readonly string[]
  detail?: string
  now: Date
}): ManualTask => ({
  id: input.id,
  system: input.system,
  operation: input.operation,
  instructions: [`${verbs[input.operation]}.`, input.instructions, input.detail].filter(Boolean).join('\n'),
  identifiers: [...input.identifiers],
  tables: [...(input.tables ?? [])],
  createdAt: input.now.toISOString(),
  state: 'open',
})

/** Staff confirm with evidence: what they did, and optionally a stored file (a photo, a scan). */
export const completeManualTask = (
  task: ManualTask,
  input: { by: string; evidence: Evidence; now: Date },
): TaskResult => {
  const issues: { path: string; message: string }[] = []
  if (task.state !== 'open') issues.push({ path: 'state', message: `the task is already ${task.state}` })
  if (input.by.trim() === '') issues.push({ path: 'by', message: 'name the staff member who did the work' })
  if (input.evidence.text.trim().length < 10)
    issues.push({
      path: 'evidence.text',
      message:
        'describe what was found and done (at least 10 characters), e.g. "Shredded 2 order slips from the March binder"',
    })
  if (input.evidence.fileRef !== undefined && input.evidence.fileRef.trim() === '')
    issues.push({ path: 'evidence.fileRef', message: 'leave out the file reference or give one' })
  if (issues.length > 0) return { ok: false, issues }
  return {
    ok: true,
    task: {
      ...task,
      state: 'completed',
      completedAt: input.now.toISOString(),
      completedBy: input.by,
      evidence: { ...input.evidence, text: input.evidence.text.trim() },
    },
  }
}

export const cancelManualTask = (task: ManualTask, input: { reason: string }): TaskResult => {
  if (task.state !== 'open')
    return { ok: false, issues: [{ path: 'state', message: `the task is already ${task.state}` }] }
  if (input.reason.trim() === '') return { ok: false, issues: [{ path: 'reason', message: 'give a reason' }] }
  return { ok: true, task: { ...task, state: 'cancelled', cancelReason: input.reason.trim() } }
}

export const isTaskDone = (task: ManualTask): boolean => task.state === 'completed'
