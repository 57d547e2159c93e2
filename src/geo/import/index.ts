export { importGazetteer, locateSources, type ImportProgress, type ImportSummary } from './import-gazetteer.js';
