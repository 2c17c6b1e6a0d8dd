export { type AmanaClient, createAmanaClient } from './client.ts'
export { AmanaApiError } from './errors.ts'
export type { HttpOptions, RetryOptions } from './http.ts'
export type * from './types.ts'
