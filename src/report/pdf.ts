import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ReportRenderError } from './errors.js';

/**
 * HTML to PDF with the system's headless Chromium (Debian package "chromium"); never a
 * downloaded browser. The page is a local file and every network feature Chromium has is
 * switched off; the HTML itself forbids external fetches.
 */

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** MARSAD_CHROMIUM when set (it must exist), else the first system Chromium found, else null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env['MARSAD_CHROMIUM'];
  if (given) {
    if (!executable(given)) throw new ReportRenderError(`MARSAD_CHROMIUM=${given} is not an executable file`);
    return given;
  }
  return CANDIDATES.find(executable) ?? null;
}

export const CHROMIUM_MISSING = 'PDF output needs Chromium, and none was found (looked for MARSAD_CHROMIUM, then '
  + `${CANDIDATES.join(', ')}). On Debian/Ubuntu: apt-get install chromium fonts-noto-core; or write HTML with --format html`;

export interface PdfOptions {
  chromium?: string;
  /** Give up after this long (default 90 s). */
  timeoutMs?: number;
}

export function chromiumArgs(userDataDir: string, pdfPath: string, pageUrl: string): string[] {
  return [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions',
    '--disable-default-apps', '--no-first-run', '--no-default-browser-check', '--mute-audio', '--hide-scrollbars',
    `--user-data-dir=${userDataDir}`, `--print-to-pdf=${pdfPath}`, '--no-pdf-header-footer',
    pageUrl,
  ];
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a hung browser is stopped with all its helper processes.
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => { if (stderr.length < 20_000) stderr += s; });
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
      reject(new ReportRenderError(`Chromium did not finish the PDF within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); reject(new ReportRenderError(`cannot run ${cmd}: ${err.message}`)); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stderr }); });
  });
}

/** Render `html` to PDF bytes. */
export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
  const chromium = options.chromium ?? findChromium();
  if (chromium === null) throw new ReportRenderError(CHROMIUM_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'marsad-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    writeFileSync(page, html, 'utf8');
    const r = await run(chromium, chromiumArgs(join(dir, 'profile'), pdf, pathToFileURL(page).href), options.timeoutMs ?? 90_000);
    let bytes: Buffer;
    try {
      bytes = readFileSync(pdf);
    } catch {
      const tail = r.stderr.trim().split('\n').slice(-5).join('\n');
      throw new ReportRenderError(`Chromium (${chromium}) wrote no PDF (exit ${r.code ?? 'signal'})${tail ? `:\n${tail}` : ''}`);
    }
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ReportRenderError(`Chromium (${chromium}) wrote something that is not a PDF`);
    return bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
