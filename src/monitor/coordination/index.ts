export * from './types.js';
export * from './errors.js';
export { CoordinationLog, type CoordinationDbConfig, type CoordinationLogOptions } from './log.js';
export { applyStep, fileItem, visibleTo, type StepRequest, type Transition } from './state-machine.js';
