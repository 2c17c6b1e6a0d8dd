export type { ShopProfile, SitePorts } from './ports.ts'
export { siteRoutes } from './routes.ts'
