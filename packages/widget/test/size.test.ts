import assert from 'node:assert/strict'
import { test } from 'node:test'
import { gzipSync } from 'node:zlib'
import { buildWidget } from '../src/build-widget.ts'

// Issue 20: the banner's code, without the shop's configuration, stays within 7 KB gzipped (read strictly:
// 7,000 bytes). bench/widget-size.ts compares it with the peers; this keeps a change from growing past it.
test('the consent widget is at most 7,000 bytes gzipped (level 9), English and Arabic strings included', async () => {
  const code = await buildWidget()
  const gzipped = gzipSync(Buffer.from(code), { level: 9 }).length
  assert.ok(
    gzipped <= 7000,
    `the widget is ${gzipped} B gzipped: over the 7,000 B budget by ${gzipped - 7000} B`,
  )
  assert.match(code, /Accept all/, 'the English strings are in the bundle')
  assert.match(code, /[\u0600-\u06FF]{3}/, 'the Arabic strings are in the bundle')
})
