/**
 * A problem with one document, not with the store: extraction failed, or its events could not
 * be put into incidents. The document is reported and the run goes on; anything else thrown
 * while storing (disk full, connection lost) ends the run.
 */
export class DocumentProblem extends Error {
  override readonly name = 'DocumentProblem';
}

export function problemMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
