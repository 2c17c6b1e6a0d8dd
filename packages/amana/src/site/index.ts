export type { ShopProfile, SitePorts } from './ports.ts'
export { errorPageFor, siteRoutes } from './routes.ts'
