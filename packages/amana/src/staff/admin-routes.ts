import { renderAdminRefused } from '@amana/web'
import { isAmanaError } from '../platform/errors/index.ts'
import { type AmanaServer, errorHandler } from '../platform/http/index.ts'
import { auditRoutes } from './audit-routes.ts'
import { createConsoleFrame, localeOfRequest } from './console-frame.ts'
import { languageRoutes, passwordRoutes, secondFactorAccountRoutes } from './pages/account-pages.ts'
import { apiKeyRoutes } from './pages/api-key-pages.ts'
import { type AdminRoutesOptions, htmlPage, staffPageKit } from './pages/page-kit.ts'
import { homeRoutes, setupRoutes } from './pages/setup-pages.ts'
import { secondFactorRoutes, signInRoutes } from './pages/sign-in-pages.ts'
import { staffRoutes } from './pages/staff-pages.ts'

export type { AdminRoutesOptions } from './pages/page-kit.ts'

/**
 * The admin console's staff pages: sign-in (+ second factor), setup links, staff and roles, API
 * keys, the audit browser and one's own account. Server-rendered forms, no scripts; every page
 * declares its permission like the API, and every form carries a CSRF token.
 */
export const staffAdminRoutes = (options: AdminRoutesOptions) => async (app: AmanaServer) => {
  const frameOf = createConsoleFrame(options)
  const kit = staffPageKit(options, frameOf)

  // Pages answer refusals as pages: sign in again, "not allowed", or "form expired".
  app.setErrorHandler((error, request, reply) => {
    const locale = localeOfRequest(request)
    if (isAmanaError(error) && error.code === 'UNAUTHENTICATED')
      return reply.redirect(`/admin/sign-in?lang=${locale}&m=session`, 303)
    if (isAmanaError(error) && (error.code === 'FORBIDDEN' || error.code === 'CSRF_FAILED')) {
      request.log.info({ code: error.code }, 'request refused')
      const reason = error.code === 'CSRF_FAILED' ? 'csrf' : 'forbidden'
      return htmlPage(reply, locale, renderAdminRefused({ locale, shopName: kit.shop(locale), reason }), 403)
    }
    return errorHandler(error, request, reply)
  })

  signInRoutes(app, kit)
  secondFactorRoutes(app, kit)
  setupRoutes(app, kit)
  homeRoutes(app, kit)
  staffRoutes(app, kit)
  apiKeyRoutes(app, kit)
  await app.register(
    auditRoutes({
      access: options.access,
      frameOf,
      ...(options.auditBrowser ? { browser: options.auditBrowser } : {}),
      ...(options.requestReferences ? { references: options.requestReferences } : {}),
    }),
  )
  secondFactorAccountRoutes(app, kit)
  passwordRoutes(app, kit)
  languageRoutes(app, kit)
}
