import { openManifest } from '../../app/app-manifest.ts'
import { openConfiguredDatabase } from '../../app/start.ts'
import { packsFor } from '../../jurisdictions/index.ts'
import {
  diffVersions,
  explainPolicy,
  policyStore,
  publishPolicy,
  renderPolicy,
  type SectionId,
  sectionIds,
} from '../../policy/index.ts'
import { type Command, exitCodes, usageError } from '../cli-kit.ts'
import { databaseOptions, manifestOption } from '../config-flags.ts'
import { configFor } from '../load.ts'
import { manifestPathFor } from './check.ts'

const withDatabase = async <T>(
  values: Record<string, string | boolean | undefined>,
  io: Parameters<Command['run']>[1],
  fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>,
) => {
  const config = configFor(values, io)
  const database = await openConfiguredDatabase(config)
  try {
    return await fn(database)
  } finally {
    await database.close()
  }
}

export const policyPublishCommand: Command = {
  name: 'policy publish',
  summary: 'Publish the manifest as a new immutable policy version',
  usage: 'amana policy publish [--effective-date YYYY-MM-DD] [--manifest amana.yaml]',
  options: {
    ...databaseOptions,
    ...manifestOption,
    'effective-date': { type: 'string', description: 'When the version takes effect (default: today)' },
  },
  async run({ values }, io) {
    const effectiveDate =
      typeof values['effective-date'] === 'string'
        ? values['effective-date']
        : new Date().toISOString().slice(0, 10)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate) || Number.isNaN(Date.parse(effectiveDate)))
      throw usageError(`--effective-date must be a date like 2026-12-01 (got "${effectiveDate}")`)
    // The manifest is read first: a wrong --manifest is named before any database is opened.
    const { manifest } = await openManifest(configFor(values, io).manifestPath)
    return withDatabase(values, io, async (database) => {
      const outcome = await publishPolicy(database.db, manifest, { effectiveDate, now: new Date() })
      if (!outcome.ok) {
        io.out(`Nothing to publish: this manifest is already version ${outcome.version}.`)
        return exitCodes.ok
      }
      io.out(`Published policy version ${outcome.version}, effective ${effectiveDate}.`)
      for (const change of outcome.changes) io.out(`  material change: ${change.summary}`)
      return exitCodes.ok
    })
  },
}

export const policyDiffCommand: Command = {
  name: 'policy diff',
  summary: 'List the material changes between two published versions',
  usage: 'amana policy diff <from-version> <to-version> [--json]',
  options: { ...databaseOptions, json: { type: 'boolean', description: 'Print as JSON' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const [from, to] = positionals.map(Number)
    if (positionals.length !== 2 || !Number.isInteger(from) || !Number.isInteger(to))
      throw usageError('give two version numbers, e.g. "amana policy diff 1 2"')
    return withDatabase(values, io, async (database) => {
      const changes = await diffVersions(database.db, from!, to!)
      if (values.json) io.out(JSON.stringify({ changes }, null, 2))
      else if (changes.length === 0) io.out(`No material changes between versions ${from} and ${to}.`)
      else for (const c of changes) io.out(`${c.kind}\t${c.path}\t${c.summary}`)
      return exitCodes.ok
    })
  },
}

export const policyListCommand: Command = {
  name: 'policy list',
  summary: 'List published policy versions',
  usage: 'amana policy list',
  options: databaseOptions,
  async run({ values }, io) {
    return withDatabase(values, io, async (database) => {
      const versions = await policyStore(database.db).list()
      if (versions.length === 0)
        io.out('No policy version has been published yet. Run "amana policy publish".')
      for (const v of versions)
        io.out(
          `${v.version}\teffective ${v.effectiveDate}\tpublished ${v.publishedAt.toISOString()}\t${v.manifestHash.slice(0, 12)}`,
        )
      return exitCodes.ok
    })
  },
}

export const policyExplainCommand: Command = {
  name: 'policy explain',
  summary: 'Print every statement of the policy with the manifest paths and law-pack entries it rests on',
  usage: 'amana policy explain [path/to/amana.yaml] [--section rights] [--lang ar]',
  options: {
    section: { type: 'string', description: `One section: ${sectionIds.join(', ')}` },
    lang: { type: 'string', description: 'en (default) or ar' },
  },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const lang = values.lang ?? 'en'
    if (lang !== 'en' && lang !== 'ar') throw usageError(`--lang must be en or ar (got "${lang}")`)
    const section = values.section
    if (section !== undefined && !(sectionIds as readonly string[]).includes(String(section)))
      throw usageError(`--section must be one of ${sectionIds.join(', ')} (got "${section}")`)
    const { manifest } = await openManifest(manifestPathFor(positionals, io))
    const document = renderPolicy(manifest, packsFor(manifest.jurisdictions), {
      locale: lang,
      version: 'draft',
    })
    for (const line of explainPolicy(document, section as SectionId | undefined)) io.out(line)
    return exitCodes.ok
  },
}
