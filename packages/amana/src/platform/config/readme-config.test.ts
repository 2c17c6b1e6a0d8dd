import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { configFields } from './config-schema.ts'

const readme = readFileSync(new URL('../../../../../README.md', import.meta.url), 'utf8')

/** The text of a `## heading` section, up to the next one. */
const section = (heading: string): string => {
  const start = readme.indexOf(`\n## ${heading}\n`)
  assert.ok(start >= 0, `README.md has a "## ${heading}" section`)
  const end = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, end < 0 ? undefined : end)
}

const variablesIn = (text: string) => new Set(text.match(/\bAMANA_[A-Z0-9_]+/g) ?? [])
const schemaVariables = Object.keys(configFields).sort()

test("the README's configuration table lists every variable of the config schema, and no other", () => {
  const firstColumns = section('Configuration')
    .split('\n')
    .filter((line) => line.startsWith('| `AMANA_'))
    .map((line) => line.split('|')[1] ?? '')
  const listed = variablesIn(firstColumns.join(' '))
  assert.deepEqual(
    schemaVariables.filter((v) => !listed.has(v)),
    [],
    'add a row for each to the table in README.md "## Configuration"',
  )
  assert.deepEqual(
    [...listed].filter((v) => !(v in configFields)),
    [],
    'README.md lists variables config-schema.ts does not read',
  )
})

test("the README's production layout sets every variable of the config schema", () => {
  const production = variablesIn(section('Production on PostgreSQL'))
  assert.deepEqual(
    schemaVariables.filter((v) => !production.has(v)),
    [],
    'add each to the environment file in README.md "## Production on PostgreSQL"',
  )
})
