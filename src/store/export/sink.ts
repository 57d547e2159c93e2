import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Collects small strings into ~64 KB writes and waits for 'drain' when the destination is
 * full, so an export of any size runs in bounded memory at the pace of its reader.
 */
export class Sink {
  private buf: string[] = [];
  private size = 0;

  constructor(private readonly out: Writable, private readonly chunk = 64 * 1024) {}

  async write(s: string): Promise<void> {
    this.buf.push(s);
    this.size += s.length;
    if (this.size >= this.chunk) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const data = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (this.out.destroyed) throw new Error('export destination was closed');
    if (!this.out.write(data, 'utf8')) await once(this.out, 'drain');
  }
}

export interface ExportResult {
  /** Events written. */
  written: number;
  /** Events left out (GeoJSON: events without a location). */
  skipped: number;
}
