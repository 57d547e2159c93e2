/** Agreement files: the format, loading and validation, geometry, and writing them back. */
export { AgreementError, formatProblems, type AgreementProblem } from './errors.js';
export { agreementFileSchema, type AgreementFile } from './format.js';
export { areaKm2, boxOf, bufferLine, containsPoint, type Box, type ZoneGeometry } from './geometry.js';
export { loadAgreementFile, loadAgreementsDir, parseAgreement, type LoadOptions } from './load.js';
export { describePlace, resolvePlaceRef, type PlaceSource } from './resolve-places.js';
export { agreementGeoJson, agreementToFileObject, agreementToYaml } from './serialise.js';
export { buildAgreement, type BuildOptions } from './validate.js';
