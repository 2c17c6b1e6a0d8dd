import { copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { AmanaError } from '../../platform/errors/index.ts'

/**
 * Uploads that rows refer to (a cake design's reference image). The port is what an object store
 * can offer as well: read, copy out, delete by a relative reference.
 */
export interface FileStore {
  readonly id: string
  read(ref: string): Promise<Buffer | null>
  /** Copies the file to `destination` (a path on this machine); false when it does not exist. */
  copyTo(ref: string, destination: string): Promise<boolean>
  /** Idempotent: a file already gone is reported as `absent`. */
  remove(ref: string): Promise<'removed' | 'absent'>
}

/**
 * Resolves a reference below `root`, refusing absolute paths and `..` escapes. Pure: the check is
 * on the path text; symlinks inside the store are the shop's own business.
 */
export const resolveInStore = (store: string, root: string, ref: string): string => {
  const reject = (why: string) =>
    new AmanaError('FILE_PATH_REJECTED', `${store}: file reference rejected (${why})`, { store, why })
  if (ref.length === 0) throw reject('empty')
  if (ref.includes('\u0000')) throw reject('NUL byte')
  if (isAbsolute(ref) || /^[a-zA-Z]:[\\/]/.test(ref) || ref.startsWith('\\')) throw reject('absolute path')
  const base = resolve(root)
  const full = resolve(base, ref)
  const rel = relative(base, full)
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel))
    throw reject('outside the store')
  if (ref.split(/[\\/]/).includes('..')) throw reject('".." segment')
  return full
}

const isMissing = (e: unknown) => (e as { code?: string }).code === 'ENOENT'

export const createLocalFileStore = (id: string, root: string): FileStore => ({
  id,
  async read(ref) {
    try {
      return await readFile(resolveInStore(id, root, ref))
    } catch (e) {
      if (isMissing(e)) return null
      throw e
    }
  },
  async copyTo(ref, destination) {
    const source = resolveInStore(id, root, ref)
    try {
      await stat(source)
    } catch (e) {
      if (isMissing(e)) return false
      throw e
    }
    await mkdir(dirname(destination), { recursive: true })
    await copyFile(source, destination)
    return true
  },
  async remove(ref) {
    const path = resolveInStore(id, root, ref)
    try {
      await stat(path)
    } catch (e) {
      if (isMissing(e)) return 'absent'
      throw e
    }
    await rm(path)
    return 'removed'
  },
})

/** Where an exported file goes inside an export directory, keeping the store's layout. */
export const exportPathOf = (exportDir: string, store: string, ref: string): string =>
  join(exportDir, 'files', store, ...ref.split(/[\\/]/))
