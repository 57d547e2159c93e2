import type { CoordItem, CoordItemWithSteps, CoordStep, CoordSubject } from './types.js';

/** Plain-text views of the log for the terminal (JSON output is the objects themselves). */

export function subjectLabel(s: CoordSubject): string {
  if (s.kind === 'incident') return `incident ${s.incident_id}`;
  const at = s.lat !== null && s.lon !== null ? ` (${s.lat}, ${s.lon})` : '';
  return `${s.place}${at} on ${s.date}`;
}

function audience(item: CoordItem): string {
  return item.shared_with.length > 0 ? `shared with ${item.shared_with.join(', ')}` : 'private';
}

/** One line an item: id, status, filer, subject, audience. */
export function formatItemLine(item: CoordItem): string {
  return [item.id, item.status.padEnd(12), `by ${item.filed_by.party}`, subjectLabel(item.subject), audience(item), item.updated_at]
    .join('  ');
}

function stepLine(s: CoordStep): string {
  const share = s.shared_with.length > 0 ? ` → ${s.shared_with.join(', ')}` : '';
  const text = s.text !== null ? `\n      ${s.text.replace(/\n/g, '\n      ')}` : '';
  return `  ${String(s.seq).padStart(3)}. ${s.at}  ${s.action}${share}  ${s.party} (${s.user})${text}`;
}

export function formatItemWithSteps({ item, steps }: CoordItemWithSteps): string {
  const lines = [
    `${item.id}  ${item.status}`,
    `  about:     ${subjectLabel(item.subject)}`,
    ...(item.agreement_id ? [`  agreement: ${item.agreement_id}`] : []),
    `  filed by:  ${item.filed_by.party} (${item.filed_by.user}) at ${item.created_at}`,
    `  audience:  ${audience(item)}`,
    ...(item.acknowledged_by.length > 0 ? [`  acknowledged by: ${item.acknowledged_by.join(', ')}`] : []),
    `  text:      ${item.text.replace(/\n/g, '\n             ')}`,
    '  audit trail:',
    ...steps.map(stepLine),
  ];
  return lines.join('\n');
}
