import { type DestinationStream, type Logger, pino } from 'pino'

export type { Logger }

/**
 * Paths pino removes before a line is written. Personal data and secrets never reach logs: request
 * bodies are not logged at all, and these cover headers and the fields our own log calls might carry.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.phone',
  '*.name',
  '*.token',
  '*.code',
  '*.secret',
  '*.masterKey',
  '*.sessionSecret',
  '*.apiKey',
  '*.value',
  'body',
  '*.body',
]

export interface LoggerOptions {
  readonly level: string
  readonly destination?: DestinationStream
}

export const createLogger = ({ level, destination }: LoggerOptions): Logger =>
  pino(
    {
      level,
      base: { service: 'amana' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: {
        // Only method, route pattern and id: paths and query strings can carry emails or tokens, so
        // a URL no route matched is logged as "unmatched", never as itself.
        req: (req: { id?: string; method?: string; routeOptions?: { url?: string } }) => ({
          id: req.id,
          method: req.method,
          route: req.routeOptions?.url ?? 'unmatched',
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  )
