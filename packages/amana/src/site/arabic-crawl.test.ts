import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  adminMessageKeys,
  consolePageMessageKeys,
  messageKeys,
  preferenceLinkMail,
  requestMessageKeys,
  requestPageMessageKeys,
  t,
  ta,
  tp,
  tr,
  trp,
} from '@amana/web'
import { ar as complaintAr } from '../complaints/copy/ar.ts'
import { en as complaintEn } from '../complaints/copy/en.ts'
import { renderAcknowledgement } from '../complaints/index.ts'
import { consentCopy } from '../consent/copy/index.ts'
import { ar as incidentAr } from '../incidents/copy/ar.ts'
import { en as incidentEn } from '../incidents/copy/en.ts'
import { renderNotice } from '../incidents/domain/notice.ts'
import { reminderMail } from '../incidents/domain/reminder-mail.ts'
import { ar as policyAr } from '../policy/copy/ar.ts'
import { en as policyEn } from '../policy/copy/en.ts'
import { publishPolicy } from '../policy/index.ts'
import { ar as requestStaffAr } from '../requests/copy/ar.ts'
import { en as requestStaffEn } from '../requests/copy/en.ts'
import { deadlineReminderMail } from '../requests/reminder-mail.ts'
import { ar as retentionAr } from '../retention/copy/ar.ts'
import { en as retentionEn } from '../retention/copy/en.ts'
import { invitationMail } from '../staff/invitation-mail.ts'
import { addMember, signIn } from '../staff/testing.ts'
import { crawlSetup } from '../testing/crawl-setup.ts'
import { createTestApp } from '../testing/test-app.ts'

/**
 * English sentences from the catalogues: each value's literal parts (placeholders cut out) of two
 * words or more and 14 characters or more, unless the Arabic value of the same key holds them too
 * (a brand, an example address).
 */
/** A catalogue value as text: a function's arguments become slots, cut out like placeholders. */
const SLOT = '{slot}'
const asText = (value: unknown): string =>
  typeof value === 'function'
    ? String((value as (...a: string[]) => unknown)(...Array.from({ length: value.length }, () => SLOT)))
    : String(value)

/** The features' own catalogues (consent, incidents, complaints, policy, retention), as key → en/ar. */
const featureCatalogues: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['consent', consentCopy.en, consentCopy.ar],
  ['incidents', incidentEn, incidentAr],
  ['complaints', complaintEn, complaintAr],
  ['policy', policyEn, policyAr],
  ['retention', retentionEn, retentionAr],
  ['requests staff mail', requestStaffEn, requestStaffAr],
]

const englishFragments = (): Map<string, string> => {
  const catalogues: [readonly string[], (locale: 'en' | 'ar', key: never) => string][] = [
    [adminMessageKeys, ta as never],
    [consolePageMessageKeys, tp as never],
    [messageKeys, t as never],
    [requestMessageKeys, tr as never],
    [requestPageMessageKeys, trp as never],
    ...featureCatalogues.map(([name, en, ar]): [string[], (locale: 'en' | 'ar', key: never) => string] => [
      Object.keys(en).map((k) => `${name}:${k}`),
      (locale, key: string) => asText((locale === 'en' ? en : ar)[key.slice(name.length + 1)]),
    ]),
  ]
  const fragments = new Map<string, string>()
  for (const [keys, translate] of catalogues)
    for (const key of keys) {
      const en = translate('en', key as never)
      const ar = translate('ar', key as never)
      for (const part of en.split(/\{\w+\}/)) {
        const fragment = part.trim().replace(/[.:,;·—]+$/, '')
        if (fragment.length >= 14 && fragment.includes(' ') && !ar.includes(fragment))
          fragments.set(fragment, key)
      }
    }
  return fragments
}

/** What an Arabic reader sees as text: no markup, no isolated values (<bdi>, <code>), no English marked as such. */
const visibleText = (page: string): string =>
  page
    .replace(/<(script|style|title|code|bdi)\b[\s\S]*?<\/\1>/g, ' ')
    // A value a catalogue isolates inside a sentence (FSI … PDI), as <bdi> does in markup.
    .replace(/\u2068[^\u2069]*\u2069/g, ' ')
    .replace(/<(?!html\b)(\w+)[^>]*\blang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')

/** Latin words an Arabic reader may meet: brands (the shop's, its systems' and processors') and file formats. Addresses, links and references are cut first. */
const ALLOWED_LATIN = new Set([
  ...['RUMROM', 'Bakery', 'Amana', 'PostgreSQL', 'Google', 'WhatsApp'],
  ...['PDF', 'CSV', 'JSON', 'ZIP', 'HTML', 'PNG', 'JPEG', 'SMS'],
])
const latinWords = (text: string): string[] =>
  [
    ...text
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
      .replace(/\b[A-Z]{1,5}-[A-Z0-9]{3,}(-[A-Z0-9]+)*\b/g, ' ')
      .matchAll(/[A-Za-z][A-Za-z’'-]*/g),
  ]
    .map((m) => m[0])
    .filter((w) => !ALLOWED_LATIN.has(w))

test('Arabic pages (customer and console) and the preference-link mail contain no untranslated English catalogue sentence and no Latin word outside the allowlist', async () => {
  const t0 = await createTestApp()
  try {
    const { cookie, menu, requestId } = await crawlSetup(t0)
    assert.ok(menu.includes('/admin/policy') && menu.includes('/admin/manifest'), 'the menu is read')
    const pages = [
      '/privacy',
      '/privacy/requests',
      '/privacy/complaints',
      '/privacy/preferences',
      '/privacy/preferences/link',
      ...menu,
      `/admin/requests/${requestId}`,
      '/admin/policy/1',
    ]
    const fragments = englishFragments()
    assert.ok(fragments.size > 100, `${fragments.size} English sentences to look for`)
    // The same search finds the English sentences on the English pages: it can see a leak.
    for (const path of ['/privacy', '/admin/policy']) {
      const english = visibleText(
        (
          await t0.app.inject({
            url: `${path}?lang=en`,
            headers: path.startsWith('/admin') ? { cookie } : {},
          })
        ).body,
      )
      assert.ok(
        [...fragments.keys()].some((f) => english.includes(f)),
        `${path} in English holds catalogue sentences`,
      )
      assert.ok(latinWords(english).length > 20, `${path} in English holds Latin words`)
    }
    const leaks: string[] = []
    for (const path of pages) {
      const response = await t0.app.inject({
        url: `${path}?lang=ar`,
        headers: path.startsWith('/admin') ? { cookie } : {},
      })
      assert.equal(response.statusCode, 200, `${path}: ${response.statusCode}`)
      const text = visibleText(response.body)
      for (const word of new Set(latinWords(text))) leaks.push(`${path}: Latin "${word}"`)
      for (const [fragment, key] of fragments)
        if (text.includes(fragment)) leaks.push(`${path}: "${fragment}" (${key})`)
    }
    const mail = preferenceLinkMail(
      'ar',
      t0.ctx.shop.name.ar,
      'https://shop.example/privacy/preferences?token=x',
    )
    for (const [fragment, key] of fragments)
      if (`${mail.subject}\n${mail.text}`.includes(fragment))
        leaks.push(`preference-link mail: "${fragment}" (${key})`)
    assert.deepEqual(leaks, [])
  } finally {
    await t0.close()
  }
})

test('every mail Amana sends, in Arabic, and the newsletter unsubscribe page hold no English: request codes and outcomes, holds, inactivity notice, incident notice, complaint acknowledgement, invitation, preference link, parent consent, staff reminders', async () => {
  const t0 = await createTestApp()
  try {
    const manifest = t0.ctx.manifest.manifest
    const shop = t0.ctx.shop.name.ar
    const link = 'https://shop.example/privacy/requests/DSR-7Q2K-9F3M?token=abc'
    const sample: Record<string, string> = {
      link,
      url: link,
      reference: 'DSR-7Q2K-9F3M',
      code: '482913',
      shop,
      date: '٢٠ ديسمبر ٢٠٢٦',
      lastActivity: '٣ يناير ٢٠٢٥',
      period: 'سنتين',
      type: tr('ar', 'req.type.erasure'),
    }
    const fill = (template: string) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) => sample[name] ?? 'نص')
    const mails: [string, string][] = [
      // The requests feature's mails, as tell() and sendCode() fill them.
      ...requestMessageKeys
        .filter((k) => k.startsWith('mail.'))
        .map((k): [string, string] => [`requests ${k}`, fill(tr('ar', k))]),
      ...(['notice.subject', 'notice.body'] as const).map((k): [string, string] => [
        `retention ${k}`,
        fill(retentionAr[k]),
      ]),
    ]
    const add = (name: string, mail: { subject: string; text: string }) =>
      mails.push([name, `${mail.subject}\n${mail.text}`])
    add(
      'incident notice',
      renderNotice({
        manifest,
        locale: 'ar',
        categories: Object.keys(manifest.categories).slice(0, 3),
        discoveredAt: new Date('2026-11-20T00:00:00Z'),
        text: {
          whatHappened: { ar: 'دخل شخص غير مصرح له إلى نظام الطلبات.' },
          whatWeAreDoing: { ar: 'أغلقنا الثغرة وأبلغنا الجهة المختصة.' },
        },
      }),
    )
    add(
      'complaint acknowledgement',
      renderAcknowledgement({
        manifest,
        packs: t0.ctx.manifest.packs,
        locale: 'ar',
        reference: 'CMP-7Q2K-9F3M',
        dueAt: new Date('2026-12-20T00:00:00Z'),
      }),
    )
    add(
      'invitation',
      invitationMail({
        locale: 'ar',
        shopName: shop,
        role: 'support-agent',
        setupUrl: 'https://shop.example/admin/setup?token=abc',
        expiresAt: new Date('2026-12-20T00:00:00Z'),
      }),
    )
    add('preference link', preferenceLinkMail('ar', shop, link))
    // The reminders to staff who read Arabic: a request's deadline, an incident's clock.
    add(
      'request deadline reminder',
      deadlineReminderMail(
        'ar',
        {
          id: '1b1e0c4e-7f0a-4d7e-9c55-0a4e6f1d2b3c',
          reference: 'DSR-7Q2K-9F3M',
          type: 'erasure',
          status: 'verified',
        },
        new Date('2026-12-20T00:00:00Z'),
        'https://shop.example',
      ),
    )
    const kw = t0.ctx.manifest.packs.find((p) => p.id === 'kw')
    assert.ok(kw, 'the demo shop serves Kuwait')
    for (const audience of ['regulator', 'individuals'] as const)
      add(
        `incident team reminder (${audience})`,
        reminderMail('ar', {
          reference: 'INC-7Q2K9F3M',
          discoveredAt: new Date('2026-11-20T08:00:00Z'),
          jurisdictionName: kw.name,
          hoursLeft: 4.8,
          clock: {
            jurisdiction: 'kw',
            authority: kw.authority.value.name,
            audience,
            people: 120,
            hours: 24,
            from: 'jurisdiction',
            verified: true,
            text: { en: '', ar: '' },
            dueAt: '2026-11-21T08:00:00Z',
            remainingSeconds: 4.8 * 3600,
            state: 'running',
          },
        }),
      )
    add('parent consent', {
      subject: consentCopy.ar['parent.subject']('ليلى', shop),
      text: consentCopy.ar['parent.body']('ليلى', shop, link, 'privacy@rumrom.example'),
    })
    const unsubscribe = await t0.app.inject({ url: '/v1/unsubscribe/abc?lang=ar' })
    assert.equal(unsubscribe.statusCode, 200)
    mails.push(['newsletter unsubscribe page', visibleText(unsubscribe.body)])
    assert.ok(mails.length >= 20, `${mails.length} mails`)

    const fragments = englishFragments()
    const leaks: string[] = []
    for (const [name, text] of mails) {
      for (const word of new Set(latinWords(text))) leaks.push(`${name}: Latin "${word}"`)
      for (const [fragment, key] of fragments)
        if (text.includes(fragment)) leaks.push(`${name}: "${fragment}" (${key})`)
    }
    // The same search finds English in the English mails: it can see a leak.
    const english = invitationMail({
      locale: 'en',
      shopName: 'RUMROM Bakery',
      role: 'support-agent',
      setupUrl: 'https://shop.example/admin/setup?token=abc',
      expiresAt: new Date('2026-12-20T00:00:00Z'),
    })
    assert.ok(latinWords(english.text).length > 5)
    assert.deepEqual(leaks, [])
  } finally {
    await t0.close()
  }
})
