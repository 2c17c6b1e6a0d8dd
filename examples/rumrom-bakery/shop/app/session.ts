import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'

/** The strictly necessary cookie the manifest declares (rumrom_session): basket and sign-in. */
export const SESSION_COOKIE = 'rumrom_session'

export interface CartLine {
  readonly productId: string
  readonly designId: string | null
  quantity: number
}

/** Baskets by session id, in memory: a demo shop's basket does not outlive the process. */
export const createCarts = () => {
  const carts = new Map<string, CartLine[]>()
  return {
    get: (sessionId: string): CartLine[] => carts.get(sessionId) ?? [],
    add(sessionId: string, line: CartLine) {
      const cart = carts.get(sessionId) ?? []
      const same = cart.find((l) => l.productId === line.productId && l.designId === line.designId)
      if (same) same.quantity += line.quantity
      else cart.push(line)
      carts.set(sessionId, cart)
    },
    remove(sessionId: string, index: number) {
      carts.get(sessionId)?.splice(index, 1)
    },
    clear: (sessionId: string) => carts.delete(sessionId),
  }
}
export type Carts = ReturnType<typeof createCarts>

/** The visitor's session id, set on first visit. */
export const sessionId = (request: FastifyRequest, reply: FastifyReply): string => {
  const existing = request.cookies[SESSION_COOKIE]
  if (existing && /^[a-f0-9]{48}$/.test(existing)) return existing
  const id = randomBytes(24).toString('hex')
  reply.setCookie(SESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax' })
  request.cookies[SESSION_COOKIE] = id
  return id
}
