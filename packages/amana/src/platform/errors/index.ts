export { AmanaError, isAmanaError } from './amana-error.ts'
export { type ErrorCode, errorCodes } from './codes.ts'
