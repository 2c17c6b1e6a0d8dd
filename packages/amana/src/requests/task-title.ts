import { fillIn, type Locale, trp } from '@amana/web'
import { type Manifest, processorName } from '../manifest/index.ts'
import type { StaffTask } from './domain/staff-task.ts'

/** What a task's title is filled from besides the task: its request and the manifest's processors. */
export type TaskTitleContext = {
  readonly reference: string
  readonly processors?: Manifest['processors']
}

const list = (locale: Locale, items: readonly string[]) => items.join(locale === 'ar' ? '، ' : ', ')
const identifierKeys: Readonly<Record<string, string>> = {
  email: 'rp.task.id.email',
  phone: 'rp.task.id.phone',
  customer_id: 'rp.task.id.customer_id',
}
const identifiers = (locale: Locale, kinds: readonly string[]) =>
  new Intl.ListFormat(locale, { type: 'conjunction' }).format(
    kinds.map((kind) => {
      const key = identifierKeys[kind]
      return key ? trp(locale, key) : kind
    }),
  )

const consentKey = (purposes: readonly string[]) =>
  purposes.length === 0
    ? 'rp.task.consent.none'
    : purposes.includes('*')
      ? 'rp.task.consent.all'
      : 'rp.task.consent'

/** A processor's name in the reader's language while the manifest still has it, else as stored. */
const processorTitle = (
  locale: Locale,
  task: Extract<StaffTask, { code: 'tell-processor' }>,
  context: TaskTitleContext,
) => {
  const processor = context.processors?.[task.params.processor]
  const { email } = task.params
  return fillIn(trp(locale, email ? 'rp.task.processorAt' : 'rp.task.processor'), {
    reference: context.reference,
    processor: processor ? processorName(processor, locale) : task.params.name,
    categories: list(locale, task.params.categories),
    ...(email ? { email } : {}),
  })
}

/** A staff task's title in `locale`, from its code and values (the catalogue's rp.task.* sentences). */
export const staffTaskTitle = (task: StaffTask, locale: Locale, context: TaskTitleContext): string => {
  const say = (key: string, params: Record<string, string> = {}) =>
    fillIn(trp(locale, key), { reference: context.reference, ...params })
  switch (task.code) {
    case 'collect-in-system':
      return say('rp.task.collect', task.params)
    case 'erase-in-system':
      return say('rp.task.erase', task.params)
    case 'correct-in-system':
      return say('rp.task.rectify', task.params)
    case 'tell-processor':
      return processorTitle(locale, task, context)
    case 'record-consent':
      return say(consentKey(task.params.purposes), { purposes: list(locale, task.params.purposes) })
    case 'subject-not-found':
      return say('rp.task.notFound', { identifiers: identifiers(locale, task.params.identifiers) })
  }
}
