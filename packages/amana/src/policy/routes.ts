import type { AmanaServer } from '../platform/http/index.ts'
import type { PolicyPorts } from './ports.ts'
import { policyApiRoutes } from './routes/api.ts'
import { policyPageRoutes } from './routes/pages.ts'

/** The policy's routes: the public pages (routes/pages.ts) and the API (routes/api.ts). */
export const policyRoutes = (ports: PolicyPorts) => async (app: AmanaServer) => {
  await policyPageRoutes(ports)(app)
  await policyApiRoutes(ports)(app)
}
