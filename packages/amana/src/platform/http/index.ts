export { type AmanaServer, createServer, type ServerOptions } from './create-server.ts'
export { type ErrorBody, errorHandler, notFound, toErrorBody } from './error-handler.ts'
export { createMetrics, type Metrics } from './metrics.ts'
export { isPermission, type Permission, permissions } from './permissions.ts'
