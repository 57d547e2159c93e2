import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerCoordinationCommand } from '../../../src/cli/commands/coordination.js';
import { CliError } from '../../../src/cli/errors.js';
import type { CoordItem, CoordItemWithSteps } from '../../../src/monitor/coordination/types.js';

const dir = mkdtempSync(join(tmpdir(), 'marsad-coord-cli-'));
const store = join(dir, 'marsad.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Run `marsad coordination …` and return what it printed. */
async function coord(...args: string[]): Promise<string> {
  const p = new Command().exitOverride();
  registerCoordinationCommand(p);
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { out.push(String(s)); return true; });
  try {
    await p.parseAsync(['node', 'marsad', 'coordination', ...args, '--store', store]);
  } finally {
    vi.restoreAllMocks();
  }
  return out.join('');
}

describe('marsad coordination', () => {
  it('files, acknowledges, answers, closes, lists and shows, with the audit trail', async () => {
    const filed = JSON.parse(await coord('file', '--as', 'turkey', '--user', 'Lt. Aydin', '--incident', 'inc-1',
      '--text', 'Strike inside the zone', '--to', 'russia', '--agreement', 'idlib-sochi-2018', '--format', 'json')) as CoordItemWithSteps;
    const id = filed.item.id;
    expect(id).toMatch(/^cn-[0-9a-f]{10}$/);
    expect(filed.item.shared_with).toEqual(['russia']);
    await coord('ack', id, '--as', 'russia', '--user', 'Maj. Petrov');
    await coord('answer', id, '--as', 'russia', '--user', 'Maj. Petrov', '--text', 'Investigating');
    const shown = await coord('close', id, '--as', 'turkey', '--user', 'Lt. Aydin', '--note', 'Answer received');
    expect(shown).toContain(`${id}  closed`);
    expect(shown).toMatch(/1\. \S+ {2}file → russia {2}turkey \(Lt\. Aydin\)/);
    expect(shown).toMatch(/2\. \S+ {2}acknowledge {2}russia \(Maj\. Petrov\)/);
    expect(shown).toMatch(/3\. \S+ {2}answer {2}russia \(Maj\. Petrov\)\n {6}Investigating/);
    const list = JSON.parse(await coord('list', '--as', 'russia', '--format', 'json')) as CoordItem[];
    expect(list.map((i) => [i.id, i.status])).toEqual([[id, 'closed']]);
    expect(await coord('list', '--as', 'iran')).toBe('no coordination items visible to iran\n');
  });

  it('files about a place and turns log errors into clear CLI errors', async () => {
    const filed = JSON.parse(await coord('file', '--as', 'russia', '--user', 'x', '--place', 'Morek', '--date', '2019-05-09',
      '--lat', '35.38', '--lon', '36.68', '--text', 'Fire near the post', '--format', 'json')) as CoordItemWithSteps;
    expect(filed.item.subject).toEqual({ kind: 'place', place: 'Morek', date: '2019-05-09', lat: 35.38, lon: 36.68 });
    expect(filed.item.shared_with).toEqual([]);
    await expect(coord('show', filed.item.id, '--as', 'turkey')).rejects.toThrow(CliError);
    await expect(coord('show', filed.item.id, '--as', 'turkey')).rejects.toThrow(`no coordination item ${filed.item.id} visible to party turkey`);
    await expect(coord('answer', filed.item.id, '--as', 'russia', '--user', 'x', '--text', 'self')).rejects.toThrow(/cannot answer it/);
    await expect(coord('file', '--as', 'russia', '--user', 'x', '--text', 't')).rejects.toThrow(/either --incident <id> or --place/);
    await expect(coord('file', '--as', 'russia', '--user', 'x', '--place', 'Morek', '--text', 't')).rejects.toThrow(/--place needs --date/);
  });
});
