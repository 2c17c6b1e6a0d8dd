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
