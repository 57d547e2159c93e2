/** A half-open range of UTF-16 code units in a document's original text. */
export interface Span {
  start: number;
  end: number;
}

export interface TextSpan extends Span {
  text: string;
}

export function spanText(original: string, span: Span): TextSpan {
  return { start: span.start, end: span.end, text: original.slice(span.start, span.end) };
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
