import assert from 'node:assert/strict'
import { test } from 'node:test'
import { toCsv } from './to-csv.ts'

test('quotes commas, quotes and newlines; guards formulas; keeps numbers', () => {
  const csv = toCsv([
    { name: 'Sara, "Bakes"', note: '=HYPERLINK("x")', amount: -12.5, text: '-not a number' },
  ])
  assert.equal(
    csv,
    'name,note,amount,text\r\n"Sara, ""Bakes""","\'=HYPERLINK(""x"")",-12.5,\'-not a number\r\n',
  )
})

test('an empty table still has its header, and a BOM when asked', () => {
  assert.equal(toCsv([], { columns: ['a', 'b'], bom: true }), '\uFEFFa,b\r\n')
})
