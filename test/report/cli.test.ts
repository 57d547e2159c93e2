import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReportCommand } from '../../src/cli/commands/report.js';
import { CliError } from '../../src/cli/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { AGREEMENT, DAY, fakeMonitor, fillStore } from './fixture-day.js';

const dir = mkdtempSync(join(tmpdir(), 'marsad-report-cli-'));
const storePath = join(dir, 'marsad.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

beforeAll(async () => {
  const store = await openStore({ kind: 'sqlite', path: storePath });
  await fillStore(store);
  await store.close();
});

function program(withMonitor = true): Command {
  const p = new Command().exitOverride();
  registerReportCommand(p, withMonitor ? { monitor: () => fakeMonitor() } : {});
  return p;
}

const run = (p: Command, args: string[]): Promise<Command> => p.parseAsync(['node', 'marsad', 'report', ...args]);

describe('marsad report', () => {
  it('writes the HTML report to --out, in Arabic by default', async () => {
    const out = join(dir, 'r.html');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await run(program(), ['--date', DAY, '--agreement', AGREEMENT.id, '--out', out, '--store', storePath]);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('المنطقة منزوعة السلاح');
    expect(String(err.mock.calls[0]?.[0])).toMatch(/wrote HTML report for 2019-05-09/);
  });

  it('prints to standard output without --out', async () => {
    const chunks: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { chunks.push(Buffer.from(s).toString('utf8')); return true; });
    await run(program(), ['--date', DAY, '--lang', 'en', '--store', storePath]);
    const html = chunks.join('');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('Incidents by area');
  });

  it('gives clear errors for a bad date, an unknown agreement and a missing monitor', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(run(program(), ['--date', '2019-13-01', '--store', storePath])).rejects.toThrow(/not a calendar date|not a date/);
    await expect(run(program(), ['--date', DAY, '--agreement', 'nope', '--store', storePath])).rejects.toThrow(CliError);
    await expect(run(program(), ['--date', DAY, '--agreement', 'nope', '--store', storePath])).rejects.toThrow(/no agreement "nope"/);
    await expect(run(program(false), ['--date', DAY, '--agreement', AGREEMENT.id, '--store', storePath]))
      .rejects.toThrow(/agreements are not available to the report/);
  });

  it('says how to get Chromium when the PDF cannot be made', async () => {
    const saved = process.env['MARSAD_CHROMIUM'];
    process.env['MARSAD_CHROMIUM'] = join(dir, 'no-such-chromium');
    try {
      await expect(run(program(), ['--date', DAY, '--format', 'pdf', '--store', storePath])).rejects.toThrow(/MARSAD_CHROMIUM=.*is not an executable/);
    } finally {
      if (saved === undefined) delete process.env['MARSAD_CHROMIUM']; else process.env['MARSAD_CHROMIUM'] = saved;
    }
  });
});
