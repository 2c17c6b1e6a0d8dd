export type { SystemPorts } from './ports.ts'
export { systemRoutes } from './routes.ts'
