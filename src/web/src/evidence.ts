import type { Span } from '../../model/span.js';

export interface Segment {
  text: string;
  marked: boolean;
}

/**
 * Cuts a document's text into plain and marked pieces. Spans are UTF-16 offsets (what JS strings
 * index), may overlap or repeat across events, and are merged so each character is marked once.
 */
export function segmentText(text: string, spans: readonly Span[]): Segment[] {
  const valid = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0 && s.end <= text.length)
    .map((s) => ({ start: s.start, end: s.end }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const s of valid) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push(s);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const s of merged) {
    if (s.start > at) out.push({ text: text.slice(at, s.start), marked: false });
    out.push({ text: text.slice(s.start, s.end), marked: true });
    at = s.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}
