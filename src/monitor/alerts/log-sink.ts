import type { Alert } from './types.js';

/** The log channel's line: one JSON object, for stderr and whatever collects it. */
export function alertLogLine(alert: Alert, now: Date = new Date()): string {
  return `${JSON.stringify({ time: now.toISOString(), level: 'warn', msg: 'alert', alert })}\n`;
}

export function stderrWriter(line: string): void {
  process.stderr.write(line);
}
