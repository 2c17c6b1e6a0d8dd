import assert from 'node:assert/strict'
import { test } from 'node:test'
import { staffTaskTitle } from './task-title.ts'

const context = { reference: 'DSR-7K2M9Q' }

test('a choice to record names its purposes, every purpose for a restriction, or that none applies, in English and Arabic', () => {
  const say = (purposes: string[], locale: 'en' | 'ar') =>
    staffTaskTitle({ code: 'record-consent', params: { type: 'objection', purposes } }, locale, context)
  assert.equal(
    say(['marketing', 'analytics'], 'en'),
    'Record the requester’s choice in the consent records (request DSR-7K2M9Q): marketing, analytics',
  )
  assert.equal(
    say(['*'], 'en'),
    'Record the requester’s choice in the consent records (request DSR-7K2M9Q): every purpose',
  )
  assert.equal(
    say([], 'en'),
    'Record the requester’s choice in the consent records (request DSR-7K2M9Q): no purpose applies',
  )
  assert.match(say(['marketing', 'analytics'], 'ar'), /\u2068marketing، analytics\u2069$/)
  assert.match(say(['*'], 'ar'), /جميع الأغراض$/)
  assert.match(say([], 'ar'), /لا ينطبق أي غرض$/)
})

test('a processor the manifest no longer lists is named as the task stored it; one without an address is told without one', () => {
  const title = staffTaskTitle(
    {
      code: 'tell-processor',
      params: { processor: 'old_couriers', name: 'Old Couriers', categories: ['contact'] },
    },
    'en',
    { ...context, processors: {} },
  )
  assert.equal(title, 'Tell Old Couriers to erase the requester of request DSR-7K2M9Q (contact)')
})

test('a manual system’s task says what to do there: find and export, erase, or correct', () => {
  const say = (code: 'collect-in-system' | 'erase-in-system' | 'correct-in-system', locale: 'en' | 'ar') =>
    staffTaskTitle({ code, params: { system: 'paper_files' } }, locale, context)
  assert.equal(
    say('collect-in-system', 'en'),
    'Find and export the requester’s records in paper_files (request DSR-7K2M9Q)',
  )
  assert.equal(
    say('correct-in-system', 'en'),
    'Correct the requester’s records in paper_files as approved (request DSR-7K2M9Q)',
  )
  assert.match(say('correct-in-system', 'ar'), /^صحّح سجلات صاحب الطلب في \u2068paper_files\u2069/)
  assert.match(say('erase-in-system', 'ar'), /^احذف سجلات صاحب الطلب/)
})
