/**
 * Alerts: recorded in a persisted outbox, delivered to the log, the live stream and signed
 * webhooks by a dispatcher, at least once and deduplicated by id.
 */
export * from './types.js';
export { AlertOutbox, type AlertListFilter, type AlertWithDeliveries, type ChannelKinds, type DueDelivery } from './outbox.js';
export { AlertDispatcher, type DispatcherOptions, type DispatchSummary } from './dispatcher.js';
export { alertStream, onAlert, publishAlert, type AlertStreamOptions } from './stream.js';
export { retryDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
export {
  ALERT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, postWebhook, signPayload, verifySignature, type VerifyOptions,
} from './webhook.js';
export { alertLogLine } from './log-sink.js';
export { openMonitorDb, checkDay, MonitorInputError, type MonitorDb, type MonitorMigration } from './monitor-db.js';
