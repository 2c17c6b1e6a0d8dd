import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * scrypt (RFC 7914), memory-hard. N = 2^15, r = 8, p = 1 uses 32 MiB and about 50–100 ms per hash on
 * a current server core — OWASP's recommended minimum for scrypt. The parameters are stored with
 * each hash, so raising them later re-hashes each password at its next sign-in.
 * Format: `scrypt$N=32768,r=8,p=1$<salt base64url>$<hash base64url>`.
 */
export const scryptParams = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const

export const passwordRules = { minLength: 12, maxLength: 256 } as const

interface Params {
  readonly N: number
  readonly r: number
  readonly p: number
}

const derive = (password: string, salt: Buffer, params: Params, keyLength: number) =>
  new Promise<Buffer>((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      keyLength,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    )
  })

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(scryptParams.saltLength)
  const key = await derive(password, salt, scryptParams, scryptParams.keyLength)
  return `scrypt$N=${scryptParams.N},r=${scryptParams.r},p=${scryptParams.p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

const parse = (stored: string): { params: Params; salt: Buffer; key: Buffer } | undefined => {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored)
  if (!match) return undefined
  return {
    params: { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) },
    salt: Buffer.from(match[4] ?? '', 'base64url'),
    key: Buffer.from(match[5] ?? '', 'base64url'),
  }
}

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const parsed = parse(stored)
  if (!parsed || parsed.key.length === 0) return false
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length)
  return timingSafeEqual(key, parsed.key)
}

/** True when the stored hash uses weaker parameters than today's. */
export const needsRehash = (stored: string): boolean => {
  const parsed = parse(stored)
  return (
    !parsed ||
    parsed.params.N < scryptParams.N ||
    parsed.params.r < scryptParams.r ||
    parsed.params.p < scryptParams.p
  )
}

let dummy: Promise<string> | undefined
/**
 * Spends the same work as a real check, for sign-ins with an unknown email or an account without a
 * password, so response time does not tell whether an account exists.
 */
export const verifyDummyPassword = async (password: string): Promise<false> => {
  dummy ??= hashPassword(randomBytes(16).toString('hex'))
  await verifyPassword(password, await dummy)
  return false
}

export const checkNewPassword = (password: string): { ok: true } | { ok: false; message: string } => {
  if (password.length < passwordRules.minLength)
    return { ok: false, message: `must be at least ${passwordRules.minLength} characters` }
  if (password.length > passwordRules.maxLength)
    return { ok: false, message: `must be at most ${passwordRules.maxLength} characters` }
  return { ok: true }
}
