import type { Command } from 'commander';
import { registerAgreementsCommand } from './agreements.js';
import { registerBackupCommands } from './backup.js';
import { registerCoordinationCommand } from './coordination.js';
import { registerDataCommand } from './data.js';
import { registerDemoCommand } from './demo.js';
import { registerEvalCommand } from './eval.js';
import { registerExportCommand } from './export.js';
import { registerExtractCommand } from './extract.js';
import { registerIngestCommand } from './ingest.js';
import { registerJobsCommand } from './jobs.js';
import { registerReprocessCommand } from './reprocess.js';
import { registerWorkerCommand } from './worker.js';
import { registerMonitorCommand } from './monitor.js';
import { registerReportCommand } from './report.js';
import { registerReviewCommand } from './review.js';
import { registerSearchCommand } from './search.js';
import { registerServeCommand } from './serve.js';
import { registerUsersCommands } from './users.js';

/** Every sub-command, in the order `marsad --help` lists them: the pipeline's order. */
export function registerCommands(program: Command): void {
  registerExtractCommand(program);
  registerIngestCommand(program);
  registerWorkerCommand(program);
  registerJobsCommand(program);
  registerReprocessCommand(program);
  registerSearchCommand(program);
  registerExportCommand(program);
  registerAgreementsCommand(program);
  registerMonitorCommand(program);
  registerCoordinationCommand(program);
  registerReviewCommand(program);
  registerServeCommand(program);
  registerUsersCommands(program);
  registerReportCommand(program, {
    // Loaded when a report is made, not for every command.
    monitor: async (store, storeSpec) => {
      const [{ monitorReportSources }, { resolveStoreConfig }] = await Promise.all([
        import('../../report/monitor-sources.js'),
        import('../../store/open-store.js'),
      ]);
      return monitorReportSources(store, { storeConfig: resolveStoreConfig(storeSpec) });
    },
  });
  registerBackupCommands(program);
  registerEvalCommand(program);
  registerDataCommand(program);
  registerDemoCommand(program);
}
