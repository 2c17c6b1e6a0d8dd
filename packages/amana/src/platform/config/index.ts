export { type ConfigKey, ConfigSchema, configFields } from './config-schema.ts'
export {
  type Config,
  type ConfigIssue,
  type ConfigOverrides,
  type ConfigResult,
  demoManifestPath,
  formatConfigIssues,
  loadConfig,
  manifestPathFromEnv,
  parseConfig,
  requireConfig,
} from './load-config.ts'
