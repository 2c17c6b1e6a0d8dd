import { z } from 'zod'
import {
  ConsentTaskSchema,
  NotFoundTaskSchema,
  ProcessorTaskSchema,
  SystemTaskSchema,
  staffTaskOf,
} from '../domain/staff-task.ts'
import { staffTaskTitle } from '../task-title.ts'
import { type ConsoleKit, IdParams } from './console-kit.ts'

const TaskBase = z.object({
  id: z.uuid(),
  step: z.string(),
  target: z.string().describe('What the task is for within its step: a system, a processor, `consent`'),
  state: z.enum(['open', 'done']),
  title: z
    .string()
    .describe(
      'The task in the language asked for (`lang`, else Accept-Language; English by default), rendered from `code` and `params`',
    ),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
})

/** A task as the API shows it: its code and values, and its title in the caller's language. */
const TaskView = z.discriminatedUnion('code', [
  TaskBase.extend(SystemTaskSchema.shape),
  TaskBase.extend(ProcessorTaskSchema.shape),
  TaskBase.extend(ConsentTaskSchema.shape),
  TaskBase.extend(NotFoundTaskSchema.shape),
  // A task made before codes whose English title said nothing derivable: only its stored title.
  TaskBase.extend({ code: z.null(), params: z.null() }),
])

type TaskRow = Awaited<ReturnType<ConsoleKit['requests']['store']['tasks']>>[number]
type Task = NonNullable<ReturnType<typeof staffTaskOf>>

const viewOf = (row: TaskRow, task: Task | undefined, title: string): z.infer<typeof TaskView> => ({
  id: row.id,
  step: row.step,
  target: row.target,
  state: row.state,
  title,
  createdAt: row.created_at.toISOString(),
  doneAt: row.done_at?.toISOString() ?? null,
  ...(task ?? { code: null, params: null }),
})

/**
 * `GET /v1/admin/requests/:id/tasks`: what a request waits for from staff. Not audited as a read of
 * personal data: a task names the shop's systems, processors, purposes and the kinds of identifier
 * searched by, never the requester or what staff wrote as evidence.
 */
export const tasksApiRoute = ({ app, ctx, requests, load, localeOf }: ConsoleKit) => {
  app.get(
    '/v1/admin/requests/:id/tasks',
    {
      schema: {
        summary: 'The staff tasks of a request, in the language asked for',
        description:
          'Each task a request waits for (a manual system to search or erase, a processor to tell, a choice to record, a requester found nowhere) and the ones done: its `code` and `params` (what it is about, for code), and its `title` in English or Arabic (`lang`, else Accept-Language). The evidence staff recorded is not included.',
        tags: ['requests'],
        params: IdParams,
        querystring: z.object({ lang: z.enum(['en', 'ar']).optional() }),
        response: { 200: z.object({ tasks: z.array(TaskView) }) },
      },
      config: { permission: 'requests:read' },
    },
    async (request, reply) => {
      const row = await load(request.params.id)
      const locale = localeOf(request)
      const context = { reference: row.reference, processors: ctx.manifest.manifest.processors }
      const tasks = (await requests.store.tasks(row.id)).map((t) => {
        const task = staffTaskOf(t.code, t.params)
        return viewOf(t, task, task ? staffTaskTitle(task, locale, context) : t.title)
      })
      return reply.header('content-language', locale).send({ tasks })
    },
  )
}
