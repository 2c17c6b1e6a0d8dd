import { z } from 'zod'

/**
 * What a staff task is about, as a code and its values (migration 0021), so every reader renders it
 * in their own language: the console in the page's, the API in the one asked for.
 */
export const SystemTaskSchema = z.object({
  code: z.enum(['collect-in-system', 'erase-in-system', 'correct-in-system']),
  params: z.object({ system: z.string() }),
})
export const ProcessorTaskSchema = z.object({
  code: z.literal('tell-processor'),
  params: z.object({
    processor: z.string(),
    /** The processor's name as the manifest gave it when the task was made (its English name). */
    name: z.string(),
    email: z.string().optional(),
    categories: z.array(z.string()),
  }),
})
export const ConsentTaskSchema = z.object({
  code: z.literal('record-consent'),
  /** `*`: every purpose (a restriction). */
  params: z.object({ type: z.string(), purposes: z.array(z.string()) }),
})
export const NotFoundTaskSchema = z.object({
  code: z.literal('subject-not-found'),
  /** The kinds of identifier searched by (email, phone, customer_id), never their values. */
  params: z.object({ identifiers: z.array(z.string()) }),
})

export const StaffTaskSchema = z.discriminatedUnion('code', [
  SystemTaskSchema,
  ProcessorTaskSchema,
  ConsentTaskSchema,
  NotFoundTaskSchema,
])
export type StaffTask = z.infer<typeof StaffTaskSchema>
export type StaffTaskCode = StaffTask['code']

/** A task a step asks staff for: `target` keeps it once per request and step. */
export type TaskRequest = { readonly target: string; readonly task: StaffTask }

/** The step whose manual systems a system task is for. */
export const systemTaskCodes = {
  collect: 'collect-in-system',
  erase: 'erase-in-system',
  rectify: 'correct-in-system',
} as const

/** A stored task's code and values; undefined for one stored before codes (or not derivable from its title). */
export const staffTaskOf = (code: string | null, params: unknown): StaffTask | undefined => {
  if (code === null) return undefined
  const parsed = StaffTaskSchema.safeParse({ code, params })
  return parsed.success ? parsed.data : undefined
}
