import type { Connector, Rectification } from '../connector.ts'
import type { Subject, TablePlan } from '../plan.ts'
import { createManualTask } from './manual-task.ts'

/**
 * Every operation yields a task for staff (`awaiting-staff`); it is done only when staff complete
 * it with evidence (`completeManualTask`). `newId` and `now` come from the caller.
 */
export const createManualConnector = (options: {
  system: string
  instructions: string
  tables?: readonly TablePlan[]
  newId: () => string
  now: () => Date
}): Connector => {
  const { system, instructions } = options
  const tables = (options.tables ?? []).map((t) => t.table)
  const task = (
    operation: 'collect' | 'erase' | 'rectify',
    subject: Subject['identifiers'],
    detail?: string,
  ) =>
    createManualTask({
      id: options.newId(),
      system,
      operation,
      instructions,
      identifiers: subject,
      tables,
      now: options.now(),
      ...(detail ? { detail } : {}),
    })
  return {
    system,
    kind: 'manual',
    preflight: async () => ({ ok: true }),
    collect: async (subject: Subject) => ({
      status: 'awaiting-staff',
      system,
      task: task('collect', subject.identifiers),
    }),
    erase: async (subject: Subject) => ({
      status: 'awaiting-staff',
      system,
      task: task('erase', subject.identifiers),
    }),
    rectify: async (change: Rectification) => ({
      status: 'awaiting-staff',
      system,
      task: task(
        'rectify',
        [],
        `In ${change.table}, record ${JSON.stringify(change.key)}: set ${JSON.stringify(change.changes)}`,
      ),
    }),
    close: async () => {},
  }
}
