export {
  createJobEngine,
  deferJobEngine,
  defineJob,
  type JobDefinition,
  type JobEngine,
  type JobHandler,
  type JobState,
  queueName,
} from './job-engine.ts'
export { type PeriodicCheck, periodicCheck } from './periodic-check.ts'
