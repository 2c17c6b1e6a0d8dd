import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { ConsoleKit } from './console-kit.ts'
import { IdParams } from './console-kit.ts'

const LangQuery = z.object({ lang: z.string().optional() }).loose()
const Form = z.object({
  csrf: z.string().optional(),
  reason: z.string().max(2000).optional(),
  note: z.string().max(2000).optional(),
  into: z.string().max(20).optional(),
  changes: z.string().max(20_000).optional(),
  evidence: z.string().max(2000).optional(),
})

const Changes = z
  .array(
    z.object({
      system: z.string(),
      table: z.string(),
      key: z.record(z.string(), z.unknown()),
      changes: z.record(z.string(), z.unknown()),
    }),
  )
  .min(1)

/** A rectification's changes as staff typed them (JSON), or VALIDATION_FAILED with an example. */
const parseChanges = (text: string | undefined): unknown[] => {
  try {
    return Changes.parse(JSON.parse(text ?? ''))
  } catch {
    throw new AmanaError(
      'VALIDATION_FAILED',
      'changes: give a JSON list such as [{"system":"shop_db","table":"customers","key":{"id":7},"changes":{"full_name":"Sara"}}].',
    )
  }
}

const manage = {
  schema: { hide: true, params: IdParams, body: Form, querystring: LangQuery },
  config: { permission: 'requests:manage' as const },
}
const refuse = (message: string): never => {
  throw new AmanaError('CONFLICT', message)
}

/** Approve (with a rectification's changes), check a proof, decline. */
const decisionRoutes = ({ app, requests, load, actorOf }: ConsoleKit, done: Done) => {
  app.post('/admin/requests/:id/approve', manage, async (request, reply) => {
    const row = await load(request.params.id)
    const changes = row.type === 'rectification' ? parseChanges(request.body.changes) : undefined
    if (!(await requests.approve(row.id, actorOf(request), changes)))
      refuse('Only a verified request can be approved.')
    return done(request, reply)
  })
  app.post('/admin/requests/:id/verify-proof', manage, async (request, reply) => {
    if (!(await requests.verifyProof(request.params.id, actorOf(request))))
      refuse('This request is not waiting for a proof check.')
    return done(request, reply)
  })
  app.post('/admin/requests/:id/deny', manage, async (request, reply) => {
    if (!(await requests.deny(request.params.id, actorOf(request), request.body.reason ?? '')))
      refuse('Give a reason of at least 5 characters; a closed or running request cannot be declined.')
    return done(request, reply)
  })
}

/** Extend the deadline, add a note, merge a duplicate. */
const caseRoutes = ({ app, requests, load, actorOf }: ConsoleKit, done: Done) => {
  app.post('/admin/requests/:id/extend', manage, async (request, reply) => {
    const outcome = await requests.extend(request.params.id, actorOf(request), request.body.reason ?? '')
    if (!outcome.ok) refuse(`Cannot extend: ${outcome.reason}.`)
    return done(request, reply)
  })
  app.post('/admin/requests/:id/notes', manage, async (request, reply) => {
    await load(request.params.id)
    await requests.addNote(request.params.id, actorOf(request), request.body.note ?? '')
    return done(request, reply)
  })
  app.post('/admin/requests/:id/merge', manage, async (request, reply) => {
    const outcome = await requests.merge(
      request.params.id,
      actorOf(request),
      (request.body.into ?? '').trim().toUpperCase(),
    )
    if (!outcome.ok) refuse(`Cannot merge: ${outcome.reason}.`)
    return done(request, reply)
  })
}

/** Run a failed step again; record a manual task done, with its evidence. */
const runRoutes = ({ app, requests, actorOf }: ConsoleKit, done: Done) => {
  app.post('/admin/requests/:id/retry', manage, async (request, reply) => {
    if (!(await requests.retry(request.params.id, actorOf(request))))
      refuse('Only a running or waiting request can be retried.')
    return done(request, reply)
  })
  app.post(
    '/admin/requests/:id/tasks/:taskId',
    { ...manage, schema: { ...manage.schema, params: IdParams.extend({ taskId: z.uuid() }) } },
    async (request, reply) => {
      if (
        !(await requests.completeTask(
          request.params.id,
          request.params.taskId,
          actorOf(request),
          request.body.evidence ?? '',
        ))
      )
        refuse('Describe the evidence (3 characters at least); the task may be done already.')
      return done(request, reply)
    },
  )
}

/** The proof of authority an agent uploaded; every view is audited. */
const proofRoute = ({ app, requests, load, actorOf }: ConsoleKit) => {
  app.get(
    '/admin/requests/:id/proof',
    { schema: { hide: true, params: IdParams }, config: { permission: 'requests:read' } },
    async (request, reply) => {
      const row = await load(request.params.id)
      const file = await requests.store.fileOf(row.id, 'proof')
      if (!file) throw new AmanaError('NOT_FOUND', 'This request has no proof upload.')
      await requests.audit('proof-viewed', actorOf(request), row.id)
      const bytes = await requests.files.get(row.subject_id, file.id, file.key_enc)
      return reply
        .type(file.content_type)
        .header('content-disposition', 'attachment; filename="proof"')
        .header('cache-control', 'no-store')
        .send(bytes)
    },
  )
}

type Done = (request: FastifyRequest, reply: FastifyReply) => FastifyReply

/** Staff actions on one request (each back to the request's page), and its proof upload. */
export const actionRoutes = (kit: ConsoleKit) => {
  const done: Done = (request, reply) =>
    reply.redirect(
      `/admin/requests/${(request.params as { id: string }).id}?lang=${kit.localeOf(request)}`,
      303,
    )
  decisionRoutes(kit, done)
  caseRoutes(kit, done)
  runRoutes(kit, done)
  proofRoute(kit)
}
