import { readFile } from 'node:fs/promises'
import { AmanaError } from '../platform/errors/index.ts'
import type { ManifestResult } from './manifest-issue.ts'
import { type ParsedManifest, parseManifest } from './parse-manifest.ts'

/** Reads and parses a manifest file. A missing file is an error; manifest problems come back as issues. */
export const loadManifest = async (path: string): Promise<ManifestResult<ParsedManifest>> => {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    throw new AmanaError('NOT_FOUND', `Cannot read the manifest at ${path}.`, { path }, { cause })
  }
  return parseManifest(text, path)
}
