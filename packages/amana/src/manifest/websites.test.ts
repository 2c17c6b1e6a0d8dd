import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { formatIssue, parseManifest } from './index.ts'

const rumrom = readFileSync(new URL('../../../../examples/rumrom-bakery/amana.yaml', import.meta.url), 'utf8')
const withWebsites = (list: string) => rumrom.replace('jurisdictions:', `websites: ${list}\njurisdictions:`)

describe('manifest websites: the origins whose pages show the banner', () => {
  it('accepts origins, with or without a trailing slash', () => {
    const result = parseManifest(withWebsites('[https://staging.rumrom.com, "http://localhost:8080/"]'))
    assert.ok(result.ok)
    assert.deepEqual(result.value.manifest.websites, ['https://staging.rumrom.com', 'http://localhost:8080/'])
  })

  it('refuses a URL with a path, naming the entry and an example', () => {
    const text = withWebsites('[https://rumrom.com, https://rumrom.com/shop]')
    const result = parseManifest(text, 'amana.yaml')
    assert.equal(result.ok, false)
    const [issue] = result.ok ? [] : result.issues
    assert.ok(issue)
    assert.equal(issue.path, 'websites[1]')
    assert.match(
      formatIssue(issue),
      /websites\[1\]: expected an origin \(scheme and host, no path\), such as https:\/\/staging\.rumrom\.com/,
    )
  })

  it('refuses something that is not an http(s) URL', () => {
    const result = parseManifest(withWebsites('[rumrom.com, "ftp://rumrom.com"]'))
    assert.equal(result.ok, false)
    const paths = result.ok ? [] : result.issues.map((i) => i.path)
    assert.deepEqual(paths, ['websites[0]', 'websites[1]'])
  })
})
