import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RequestVaultPort } from './ports.ts'

/**
 * Files Amana keeps for a request (proof uploads, collected data, packages), on disk under
 * `<dataDir>/requests`, each encrypted with its own AES-256-GCM key. The key is sealed by the vault
 * under the request's subject: shredding the subject makes every such file unreadable, even from a backup.
 */
export interface SealedFiles {
  put(subjectId: string, id: string, bytes: Buffer): Promise<{ keyEnc: string }>
  get(subjectId: string, id: string, keyEnc: string): Promise<Buffer>
  remove(id: string): Promise<void>
}

export const createSealedFiles = (dir: string, vault: RequestVaultPort): SealedFiles => {
  const pathOf = (id: string) => join(dir, `${id.replace(/[^a-f0-9-]/gi, '')}.bin`)
  const context = (id: string) => ({ record: `dsr_file:${id}`, field: 'key' })
  return {
    async put(subjectId, id, bytes) {
      await mkdir(dir, { recursive: true })
      const key = randomBytes(32)
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([iv, cipher.update(bytes), cipher.final(), cipher.getAuthTag()])
      const keyEnc = await vault.encrypt(subjectId, context(id), key.toString('base64'))
      key.fill(0)
      // Written aside and renamed: a crash never leaves a half file under the final name.
      const tmp = `${pathOf(id)}.${randomBytes(4).toString('hex')}.tmp`
      await writeFile(tmp, body, { mode: 0o600 })
      await rename(tmp, pathOf(id))
      return { keyEnc }
    },
    async get(subjectId, id, keyEnc) {
      const key = Buffer.from(await vault.decrypt(subjectId, context(id), keyEnc), 'base64')
      const body = await readFile(pathOf(id))
      const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12))
      decipher.setAuthTag(body.subarray(body.length - 16))
      const out = Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()])
      key.fill(0)
      return out
    },
    async remove(id) {
      await rm(pathOf(id), { force: true })
    },
  }
}
