import {
  type AdminFrame,
  type AdminManifestView,
  type Locale,
  renderAdminManifest,
  renderAdminProcessors,
  renderAdminTransfers,
} from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { type Finding, findingText, type Manifest, processorName } from '../../manifest/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { transfersOf } from '../../records/index.ts'
import { formatDuration, pick } from '../format.ts'
import {
  actionLabels,
  basisLabels,
  categoryLabels,
  eventLabels,
  mechanismLabels,
  serviceLabels,
} from '../labels.ts'
import type { PolicyPorts } from '../ports.ts'

/** How many hand-overs to each processor Amana checked since a moment (the disclosures feature's audit entries). */
export interface DisclosureCountsPort {
  countsSince(since: Date): Promise<ReadonlyMap<string, { readonly sent: number; readonly refused: number }>>
}

export interface ManifestConsoleDeps {
  readonly consoleFrame: (request: FastifyRequest) => AdminFrame
  readonly findings: readonly Finding[]
  readonly disclosures: DisclosureCountsPort
}

const DAY = 86_400_000
const LangQuery = z.object({ lang: z.enum(['en', 'ar']).optional() })

const sendHtml = (reply: FastifyReply, locale: Locale, page: string) =>
  reply
    .type('text/html; charset=utf-8')
    .header('content-language', locale)
    .header('cache-control', 'no-store')
    .send(page)

const categoryLabel = (manifest: Manifest, id: string, locale: Locale): string => {
  const category = manifest.categories[id]
  if (!category) return id
  return pick(category.label, locale) ?? categoryLabels[category.kind][locale]
}

type Basis = keyof typeof basisLabels
/** One basis, several together, or either per jurisdiction: the manifest allows each shape. */
const basesIn = (value: unknown, locale: Locale): string =>
  (Array.isArray(value) ? (value as Basis[]) : [value as Basis])
    .map((b) => basisLabels[b]?.[locale] ?? String(b))
    .join(locale === 'ar' ? ' و' : ' and ')

const basisText = (
  manifest: Manifest,
  id: string,
  locale: Locale,
  packs: PolicyPorts['manifest']['packs'],
) => {
  const basis: unknown = manifest.purposes[id]?.legalBasis
  if (basis === undefined) return ''
  if (typeof basis === 'string' || Array.isArray(basis)) return basesIn(basis, locale)
  return Object.entries(basis as Record<string, unknown>)
    .map(([where, b]) => {
      const pack = packs.find((p) => p.id === where)
      const label = basesIn(b, locale)
      return where === 'default' || pack === undefined ? label : `${pack.name[locale]}: ${label}`
    })
    .join(' · ')
}

/** A finding in the reader's language when the check catalogue has its words (values isolated), else the CLI's English. */
const findingWords = (f: Finding, locale: Locale): { message: string; fix: string; lang: Locale } =>
  f.copy && locale !== 'en'
    ? { ...findingText(locale, f.copy, (value) => `\u2068${value}\u2069`), lang: locale }
    : { message: f.message, fix: f.fix, lang: 'en' }

/** The manifest in the reader's words, read-only: systems, categories with retention, purposes, check findings. */
export const manifestView = (
  manifest: Manifest,
  packs: PolicyPorts['manifest']['packs'],
  findings: readonly Finding[],
  locale: Locale,
): Omit<AdminManifestView, keyof AdminFrame> => ({
  findings: findings.map((f) => ({
    severity: f.severity,
    rule: f.rule,
    path: f.path,
    ...(f.line === undefined ? {} : { line: f.line }),
    ...findingWords(f, locale),
  })),
  systems: Object.entries(manifest.systems ?? {}).map(([id, s]) => ({
    id,
    kind: s.kind,
    description: pick(s.description, locale) ?? id,
    country: s.country,
    tables: Object.keys(s.tables ?? {}),
  })),
  categories: Object.entries(manifest.categories).map(([id, c]) => ({
    id,
    label: categoryLabel(manifest, id, locale),
    sensitivity: c.sensitivity,
    ...(c.retention
      ? {
          retention: {
            keep: formatDuration(c.retention.keep, locale, 'nominative'),
            event: eventLabels[c.retention.after][locale],
            action: actionLabels[c.retention.action][locale],
          },
        }
      : {}),
  })),
  purposes: Object.entries(manifest.purposes).map(([id, p]) => ({
    id,
    title: pick(p.title, locale) ?? id,
    basis: basisText(manifest, id, locale, packs),
    categories: p.categories.map((c) => categoryLabel(manifest, c, locale)),
  })),
})

/** The console's read-only manifest pages: the manifest itself, the processors, the transfer register. */
export const manifestConsoleRoutes =
  (ports: PolicyPorts, deps: ManifestConsoleDeps) => async (app: AmanaServer) => {
    const read = {
      schema: { hide: true, querystring: LangQuery },
      config: { permission: 'manifest:read' },
    } as const
    const { manifest, packs } = ports.manifest

    app.get('/admin/manifest', read, async (request, reply) => {
      const frame = deps.consoleFrame(request)
      return sendHtml(
        reply,
        frame.locale,
        renderAdminManifest({ ...frame, ...manifestView(manifest, packs, deps.findings, frame.locale) }),
      )
    })

    app.get('/admin/processors', read, async (request, reply) => {
      const frame = deps.consoleFrame(request)
      const locale = frame.locale
      const counts = await deps.disclosures.countsSince(new Date(ports.now().getTime() - 30 * DAY))
      return sendHtml(
        reply,
        locale,
        renderAdminProcessors({
          ...frame,
          processors: Object.entries(manifest.processors ?? {}).map(([id, p]) => ({
            id,
            name: processorName(p, locale),
            service: serviceLabels[p.service][locale],
            receives: Object.entries(p.categories).map(([category, fields]) => ({
              category: categoryLabel(manifest, category, locale),
              ...(fields === 'all' ? {} : { fields }),
            })),
            countries: p.countries,
            sent: counts.get(id)?.sent ?? 0,
            refused: counts.get(id)?.refused ?? 0,
          })),
        }),
      )
    })

    app.get('/admin/transfers', read, async (request, reply) => {
      const frame = deps.consoleFrame(request)
      const locale = frame.locale
      const mechanisms = new Map(
        Object.values(manifest.processors ?? {}).map(
          (p) => [processorName(p, locale), p.transfer?.mechanism] as const,
        ),
      )
      return sendHtml(
        reply,
        locale,
        renderAdminTransfers({
          ...frame,
          transfers: transfersOf(manifest, locale).map((t) => {
            const mechanism = mechanisms.get(t.recipient)
            return {
              recipient: t.recipient,
              countries: t.countries,
              ...(mechanism ? { mechanism: mechanismLabels[mechanism][locale] } : {}),
              details: t.details,
            }
          }),
        }),
      )
    })
  }
