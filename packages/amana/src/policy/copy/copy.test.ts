import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ar } from './ar.ts'
import { en } from './en.ts'
import { policyMessageKeys, policyText } from './index.ts'

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()

describe('policy catalogues', () => {
  it('every statement has the same placeholders in English and Arabic', () => {
    // Except Arabic's singular and dual counts (either case), which say the number in the noun ("سنتان", two years).
    const countedInTheNoun = (key: string) => /^count\.\w+\.(one|two)(\.nominative)?$/.test(key)
    const mismatched = policyMessageKeys.filter(
      (key) => !countedInTheNoun(key) && placeholders(en[key]).join() !== placeholders(ar[key]).join(),
    )
    assert.deepEqual(mismatched, [])
  })

  it('no entry is empty or left untranslated in the Arabic', () => {
    // Even the separators are Arabic ("، " and "؛ "); an entry in Latin letters only was copied, not written.
    const notArabic = policyMessageKeys.filter((key) => !/[\u0600-\u06FF]/.test(ar[key]))
    assert.deepEqual(notArabic, [])
    assert.deepEqual(
      policyMessageKeys.filter((key) => en[key].trim() === '' || ar[key].trim() === ''),
      [],
    )
  })

  it('fills placeholders once: a value that looks like a placeholder stays as written', () => {
    const t = policyText('en')
    assert.equal(t('introduction.laws', { laws: '{laws} $& law' }), 'It follows {laws} $& law.')
    assert.equal(t('introduction.laws'), 'It follows {laws}.')
  })
})
