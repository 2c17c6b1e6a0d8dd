import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/**
 * A queued message's address and body, sealed with AES-256-GCM under a key derived from the
 * configured root key (never stored in the database) and bound to its outbox id, so a copy of the
 * database taken while a message waits shows neither the address nor the codes and links in it.
 */
export interface MessageContent {
  readonly to: string
  readonly subject: string
  readonly text: string
  readonly html?: string
  readonly headers: Readonly<Record<string, string>>
}

const VERSION = 'v1'

export const sealMessage = (key: Buffer, outboxId: string, content: MessageContent): string => {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(outboxId))
  const body = Buffer.concat([cipher.update(JSON.stringify(content), 'utf8'), cipher.final()])
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
}

/** Throws when the key or the outbox id does not match (a moved or altered row). */
export const openMessage = (key: Buffer, outboxId: string, sealed: string): MessageContent => {
  const [version, payload] = sealed.split('.')
  if (version !== VERSION || !payload) throw new Error(`unknown sealed message format ${version}`)
  const bytes = Buffer.from(payload, 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12))
  decipher.setAAD(Buffer.from(outboxId))
  decipher.setAuthTag(bytes.subarray(12, 28))
  const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
  return JSON.parse(plain) as MessageContent
}
