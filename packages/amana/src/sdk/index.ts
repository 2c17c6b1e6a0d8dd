export {
  type AmanaClient,
  AmanaClientError,
  type AmanaDecision,
  createAmanaClient,
  type DecideOptions,
  type DecisionReason,
} from './client.ts'
