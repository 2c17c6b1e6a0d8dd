export type { ShopProfile, SitePorts } from './ports.ts'
export { type PreferenceLinkPort, preferenceLinkRoutes } from './preference-link-routes.ts'
export { errorPageFor, siteRoutes } from './routes.ts'
