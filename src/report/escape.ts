/**
 * Everything the report prints comes, in the end, from documents nobody vetted: every piece of
 * text goes through escapeHtml, every link through safeUrl.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/g;
// C0/C1 controls (except tab/newline) are not valid in HTML text and can confuse viewers.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function escapeHtml(s: string): string {
  return s.replace(CONTROLS, '').replace(SPECIAL, (c) => ENTITIES[c]!);
}

/** An http(s) URL, escaped for an attribute; anything else (javascript:, data:) gives null. */
export function safeUrl(url: string | null): string | null {
  if (url === null) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return escapeHtml(u.href);
}
