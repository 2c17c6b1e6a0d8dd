import type { Locale } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { ActionRefusal, StaffAccess } from '../access.ts'
import type { AuditBrowser } from '../audit-port.ts'
import type { ConsoleFrameOf } from '../console-frame.ts'
import { formTokenFor, newNonce, type StaffKeys, safeEqual } from '../domain/tokens.ts'
import { type CookiePolicy, formCookie, refusalError } from '../http-kit.ts'
import type { ConsoleTodayPort, RequestReferencePort, StaffMailPort } from '../ports.ts'

export const Lang = z.object({ lang: z.enum(['en', 'ar']).optional() }).loose()
export const Form = z.object({ csrf: z.string().max(200).optional() }).loose()
export const IdParams = z.object({ id: z.string().max(64) })
export const pub = { permission: 'public' as const }
export const hide = { hide: true }

export interface AdminRoutesOptions {
  readonly access: StaffAccess
  readonly keys: StaffKeys
  readonly cookies: CookiePolicy
  readonly shopName: { readonly en: string; readonly ar: string }
  readonly auditBrowser?: AuditBrowser
  /** The demo mailbox (/admin/mailbox) is registered: demo mode without SMTP. */
  readonly mailbox?: boolean
  readonly today?: ConsoleTodayPort
  readonly now?: () => Date
  /** The mail outbox: invitations go out by email; without it the inviter copies the link. */
  readonly mail?: StaffMailPort
  /** Requests by reference, so the audit log names requests as staff know them. */
  readonly requestReferences?: RequestReferencePort
}

/** What every staff page group shares, built once per app. */
export interface StaffPageKit {
  readonly options: AdminRoutesOptions
  readonly access: StaffAccess
  readonly frameOf: ConsoleFrameOf
  now(): Date
  shop(locale: Locale): string
  html(reply: FastifyReply, locale: Locale, body: string, status?: number): FastifyReply
  /** The pre-session form token (login CSRF): a nonce cookie and its HMAC in the form. */
  issueFormToken(request: FastifyRequest, reply: FastifyReply): string
  formTokenValid(request: FastifyRequest, sent: string | undefined): boolean
}

export const htmlPage = (reply: FastifyReply, locale: Locale, body: string, status = 200) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-language', locale)
    .header('cache-control', 'no-store')
    .send(body)

export const staffPageKit = (options: AdminRoutesOptions, frameOf: ConsoleFrameOf): StaffPageKit => {
  const { keys, cookies } = options
  return {
    options,
    access: options.access,
    frameOf,
    now: options.now ?? (() => new Date()),
    shop: (locale) => options.shopName[locale],
    html: htmlPage,
    issueFormToken(request, reply) {
      let nonce = request.cookies[formCookie]
      if (!nonce || !/^[\w-]{16,64}$/.test(nonce)) {
        nonce = newNonce()
        reply.setCookie(formCookie, nonce, {
          httpOnly: true,
          sameSite: 'strict',
          secure: cookies.secure,
          path: '/admin',
          maxAge: 3600,
        })
      }
      return formTokenFor(keys, nonce)
    },
    formTokenValid(request, sent) {
      const nonce = request.cookies[formCookie]
      return !!nonce && typeof sent === 'string' && safeEqual(sent, formTokenFor(keys, nonce))
    },
  }
}

type PageDrawer<R> = (
  kit: StaffPageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: { error: string },
  status: number,
) => R

/** A page drawn again with a refused action's message, answered with the refusal's HTTP status. */
export const refusedOn =
  <R>(page: PageDrawer<R>) =>
  (kit: StaffPageKit, request: FastifyRequest, reply: FastifyReply, refusal: ActionRefusal): R => {
    const error = refusalError(refusal)
    return page(kit, request, reply, { error: error.message }, error.httpStatus)
  }
