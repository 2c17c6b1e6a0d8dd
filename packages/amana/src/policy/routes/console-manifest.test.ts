import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { openManifest } from '../../app/app-manifest.ts'
import { packsFor } from '../../jurisdictions/index.ts'
import { plantedManifests } from '../../manifest/check/planted-manifests.ts'
import { checkManifest, processorName } from '../../manifest/index.ts'
import { ownRecordFindings } from '../../own-records/index.ts'
import { retentionFindings } from '../../retention/index.ts'
import { capabilitiesOf } from '../../staff/index.ts'
import { addMember, signIn, staffAccessFor } from '../../staff/testing.ts'
import { createTestApp } from '../../testing/test-app.ts'
import { manifestView } from './console-manifest.ts'

test('the manifest, processors and transfers pages read the manifest in plain words, EN and AR, with hand-over counts from the audit ledger', async () => {
  const t = await createTestApp()
  try {
    const manifest = t.ctx.manifest.manifest
    // The shop's backend hands an order to the courier twice and is refused once.
    const developer = await addMember(t, 'developer')
    const created = await staffAccessFor(t).createApiKey(
      { id: developer.id, role: 'developer', permissions: capabilitiesOf('developer') },
      { name: 'shop-backend', scopes: ['disclosures:write'] },
    )
    assert.ok(created.ok)
    const handOver = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/disclosures',
        headers: { authorization: `Bearer ${created.key}` },
        payload: { processor: 'couriers', purpose: 'orders', subject: 'customer:42', fields },
      })
    assert.equal((await handOver({ first_name: 'Noura', phone: '+965 5555 0101' })).statusCode, 200)
    assert.equal((await handOver({ first_name: 'Noura' })).statusCode, 200)
    assert.equal((await handOver({ first_name: 'Noura', password_hash: 'x' })).statusCode, 422)
    await t.services.audit.flush()

    const viewer = await addMember(t, 'viewer')
    const { cookie } = await signIn(t, viewer.email, viewer.password)
    const page = async (url: string) => {
      const response = await t.app.inject({ url, headers: { cookie } })
      assert.equal(response.statusCode, 200, response.body)
      return response.body
    }

    // The manifest: every system, category and purpose, by its words, and the check's findings.
    for (const lang of ['en', 'ar'] as const) {
      const body = await page(`/admin/manifest?lang=${lang}`)
      for (const id of Object.keys(manifest.systems ?? {}))
        assert.match(body, new RegExp(`data-system="${id}"`))
      for (const id of Object.keys(manifest.categories))
        assert.match(body, new RegExp(`data-category="${id}"`))
      for (const id of Object.keys(manifest.purposes)) assert.match(body, new RegExp(`data-purpose="${id}"`))
      const findings = t.ctx.manifest.findings
      if (findings.length === 0)
        assert.match(body, lang === 'en' ? /The check finds nothing to fix/ : /لم يجد الفحص/)
      else for (const f of findings) assert.ok(body.includes(`data-rule="${f.rule}"`), f.rule)
    }
    const [categoryId, category] = Object.entries(manifest.categories).find(([, c]) => c.retention) ?? []
    assert.ok(categoryId && category?.retention)
    const en = await page('/admin/manifest?lang=en')
    const row = en.slice(en.indexOf(`data-category="${categoryId}"`)).split('</tr>')[0] ?? ''
    assert.match(row, /, then (securely deleted|anonymised)/, 'retention in words, not P7Y')
    assert.doesNotMatch(row, /P\d+[YMWD]/)

    // Processors: what each receives, and the hand-overs Amana checked in the last 30 days.
    const processors = await page('/admin/processors?lang=en')
    for (const id of Object.keys(manifest.processors ?? {}))
      assert.match(processors, new RegExp(`data-processor="${id}"`))
    const courier = processors.slice(processors.indexOf('data-processor="couriers"')).split('</tr>')[0] ?? ''
    assert.match(courier, /data-sent="2"/)
    assert.match(courier, /data-refused="1"/)
    assert.doesNotMatch(processors, /Noura|5555/, 'counts only, never a value handed over')
    const processorsAr = await page('/admin/processors?lang=ar')
    assert.match(processorsAr, /<th scope="col">مرات التسليم خلال ٣٠ يومًا<\/th>/)

    // Transfers: the register's recipients abroad with their safeguard, in words.
    const abroad = Object.values(manifest.processors ?? {}).filter((p) =>
      p.countries.some((c) => c !== manifest.organisation.homeCountry),
    )
    const transfers = await page('/admin/transfers?lang=en')
    const transfersAr = await page('/admin/transfers?lang=ar')
    for (const p of abroad) {
      assert.ok(transfers.includes(`<bdi>${processorName(p)}</bdi>`), processorName(p))
      assert.ok(transfersAr.includes(`<bdi>${processorName(p, 'ar')}</bdi>`), processorName(p, 'ar'))
    }
    if (abroad.length === 0) assert.match(transfers, /No data leaves the home country/)
    assert.doesNotMatch(transfersAr, /standard-contractual-clauses|adequacy</)

    // A support agent's role does not open them.
    const agent = await addMember(t, 'support-agent')
    const agentSession = await signIn(t, agent.email, agent.password)
    for (const path of ['/admin/manifest', '/admin/processors', '/admin/transfers'])
      assert.equal(
        (await t.app.inject({ url: path, headers: { cookie: agentSession.cookie } })).statusCode,
        403,
        path,
      )
  } finally {
    await t.close()
  }
})

test("the check's findings read in Arabic on the Arabic manifest page (the CLI's English on the English one), their values isolated", async () => {
  // Lumen's example manifest still carries example.com addresses: text.placeholder warnings.
  const lumen = await openManifest(
    fileURLToPath(new URL('../../../../../examples/lumen-web-shop/amana.yaml', import.meta.url)),
  )
  const placeholders = lumen.findings.filter((f) => f.rule === 'text.placeholder')
  assert.ok(placeholders.length > 0, 'Lumen has placeholder findings')
  const t = await createTestApp({ manifest: lumen })
  try {
    const owner = await addMember(t, 'owner')
    const { cookie } = await signIn(t, owner.email, owner.password)
    const page = async (lang: 'en' | 'ar') =>
      (await t.app.inject({ url: `/admin/manifest?lang=${lang}`, headers: { cookie } })).body
    const ar = await page('ar')
    assert.match(ar, /<html lang="ar"/)
    const first = placeholders[0]
    assert.ok(first)
    const value = first.copy?.params.value ?? ''
    const row = (body: string) =>
      body.slice(body.indexOf(`data-rule="text.placeholder"`)).split('</tr>')[0] ?? ''
    assert.equal(
      row(ar)
        .replace(/<[^>]+>/g, '')
        .trim()
        .split('\n')
        .at(-1)
        ?.includes(
          `\u2068${value}\u2069 على نطاق مخصص للأمثلة، ولا أحد يرد عليه. اكتب العنوان أو الرابط الحقيقي`,
        ),
      true,
      row(ar),
    )
    assert.doesNotMatch(row(ar), /lang="en"/)
    // English: the CLI's own words, unchanged.
    assert.ok(
      row(await page('en')).includes(`${first.message.replaceAll('"', '&quot;')}. ${first.fix}`),
      row(await page('en')),
    )
  } finally {
    await t.close()
  }
})

test('on the Arabic manifest page every finding of every rule reads in Arabic, its values isolated', async () => {
  const rumrom = await openManifest(
    fileURLToPath(new URL('../../../../../examples/rumrom-bakery/amana.yaml', import.meta.url)),
  )
  const findings = plantedManifests(rumrom.manifest).flatMap(({ manifest }) => [
    ...checkManifest(manifest, packsFor(manifest.jurisdictions), rumrom.sourceMap),
    ...retentionFindings(manifest, rumrom.sourceMap),
    ...ownRecordFindings(manifest, rumrom.sourceMap),
  ])
  const view = manifestView(rumrom.manifest, rumrom.packs, findings, 'ar')
  assert.equal(view.findings.length, findings.length)
  for (const f of view.findings) {
    assert.equal(f.lang, 'ar', `${f.rule}: ${f.message}`)
    // Outside the isolated values (names, paths, examples) nothing is Latin.
    const words = `${f.message} ${f.fix}`.replace(/\u2068[^\u2069]*\u2069/g, '')
    assert.doesNotMatch(words, /[A-Za-z]/, `${f.rule}: ${f.message}`)
  }
  // The route reads the same view: RUMROM's own findings (retention rules nothing starts) are there.
  assert.ok(rumrom.findings.some((f) => f.rule === 'retention.event-unsent'))
})
