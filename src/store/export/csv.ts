/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: readonly (string | number | null)[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}
