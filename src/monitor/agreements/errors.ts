/** One thing wrong with an agreement file: where (path in the document, and line when known) and what. */
export interface AgreementProblem {
  /** e.g. "rules[2].scope.zone"; "" for the document itself. */
  path: string;
  /** 1-based line in the file, when the parser could place it. */
  line: number | null;
  message: string;
}

/**
 * An agreement file that cannot be used. The message names the file and lists every problem
 * found, each with its place in the document, so one run shows all there is to fix.
 */
export class AgreementError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly AgreementProblem[],
  ) {
    super(formatProblems(file, problems));
    this.name = 'AgreementError';
  }
}

export function formatProblems(file: string, problems: readonly AgreementProblem[]): string {
  const lines = problems.map((p) => {
    const where = [p.line !== null ? `line ${p.line}` : null, p.path || null].filter(Boolean).join(', ');
    return `  ${where ? `${where}: ` : ''}${p.message}`;
  });
  const n = problems.length;
  return `${file}: ${n === 1 ? 'a problem' : `${n} problems`} in the agreement:\n${lines.join('\n')}`;
}

/** "rules[2].scope.zone" from ["rules", 2, "scope", "zone"]. */
export function pathString(path: readonly (string | number)[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out.length === 0 ? k : `.${k}`;
  return out;
}
