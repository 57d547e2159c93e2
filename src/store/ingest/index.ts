export { ingestItems } from './ingest-documents.js';
export { documentPrint, findNearCopy, type DocumentPrint } from './near-copy.js';
export { assignDocumentEvents, type DocumentIncidents } from './assign-events.js';
export { untilAborted } from './abortable.js';
export type { IngestChanges, IngestContext, IngestCounts, IngestError, IngestProgress, IngestSummary } from './types.js';
