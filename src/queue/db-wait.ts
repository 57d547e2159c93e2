/** The store's wait-for-the-database helpers, as the queue uses them. */
export { isConnectionError, untilDatabaseAnswers, type DbWaitOptions } from '../store/postgres/connection-errors.js';
