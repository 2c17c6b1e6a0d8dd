import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import type { MaterialChange } from '../diff-policies.ts'
import type { PolicyPorts } from '../ports.ts'
import { diffVersions, publishPolicy } from '../publish.ts'
import { isScheduled, policyDay, policyStore } from '../store.ts'

const MaterialChangeView = z.object({
  kind: z.string(),
  path: z.string(),
  purposes: z.array(z.string()),
  summary: z.string(),
})

const changeView = (change: MaterialChange): z.infer<typeof MaterialChangeView> => ({
  kind: change.kind,
  path: change.path,
  purposes: [...change.purposes],
  summary: change.summary,
})

const VersionsResponse = z.object({
  versions: z.array(
    z.object({
      version: z.number(),
      effectiveDate: z.string(),
      manifestHash: z.string(),
      publishedAt: z.string(),
      status: z
        .enum(['current', 'scheduled', 'superseded'])
        .describe('current: in effect today; scheduled: its effective date has not come yet'),
    }),
  ),
})

/** The policy API: published versions, the material changes between two, publishing a new one. */
export const policyApiRoutes = (ports: PolicyPorts) => async (app: AmanaServer) => {
  const store = policyStore(ports.database.db)

  app.get(
    '/v1/policy/versions',
    {
      schema: {
        tags: ['policy'],
        summary: 'Published policy versions, newest first',
        response: { 200: VersionsResponse },
      },
      config: { permission: 'public' },
    },
    async () => {
      const today = policyDay(ports.now())
      const versions = await store.list()
      const current = versions.find((v) => !isScheduled(v.effectiveDate, today))?.version
      return {
        versions: versions.map((v) => ({
          ...v,
          publishedAt: v.publishedAt.toISOString(),
          status: isScheduled(v.effectiveDate, today)
            ? ('scheduled' as const)
            : v.version === current
              ? ('current' as const)
              : ('superseded' as const),
        })),
      }
    },
  )

  app.get(
    '/v1/policy/diff',
    {
      schema: {
        tags: ['policy'],
        summary: 'Material changes between two published versions',
        querystring: z.object({
          from: z.coerce.number().int().positive(),
          to: z.coerce.number().int().positive(),
        }),
        response: { 200: z.object({ changes: z.array(MaterialChangeView) }) },
      },
      config: { permission: 'public' },
    },
    async (request) => ({
      changes: (await diffVersions(ports.database.db, request.query.from, request.query.to)).map(changeView),
    }),
  )

  app.post(
    '/v1/policy/publish',
    {
      schema: {
        tags: ['policy'],
        summary: 'Publish the current manifest as a new immutable policy version',
        body: z.object({ effectiveDate: z.iso.date().describe('YYYY-MM-DD') }),
        response: { 201: z.object({ version: z.number(), changes: z.array(MaterialChangeView) }) },
      },
      config: { permission: 'policy:publish' },
    },
    async (request, reply) => {
      const outcome = await publishPolicy(ports.database.db, ports.manifest.manifest, {
        effectiveDate: request.body.effectiveDate,
        now: ports.now(),
      })
      if (!outcome.ok)
        throw new AmanaError(
          'CONFLICT',
          `This manifest is already published as version ${outcome.version}. Change the manifest before publishing again.`,
        )
      return reply.code(201).send({ version: outcome.version, changes: outcome.changes.map(changeView) })
    },
  )
}
