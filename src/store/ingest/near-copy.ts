import {
  bandKeys, CROWDED_BAND, fingerprintNormalised, nearSimilarity, parseFingerprint, serialiseFingerprint,
  type DocFingerprint, type NearMatch,
} from '../../incidents/near-duplicates.js';
import type { DocumentRecord } from '../../model/document.js';
import { normaliseText } from '../../text/normalise.js';
import type { EventStore } from '../store.js';

/**
 * Syndicated near-copies across runs: the fingerprint (MinHash, src/incidents/near-duplicates.ts)
 * of every stored document is kept in the store, and the band keys of originals are indexed
 * there, so a copy arriving a month later meets its original as it would in one run's
 * NearDuplicateIndex — same candidates, same verdict, same tie-break (earliest filed).
 */

export interface DocumentPrint {
  fp: DocFingerprint;
  serialised: string;
  bands: string[];
}

/** A document's fingerprint, taken over its text with page furniture blanked out. */
export function documentPrint(doc: DocumentRecord, text: string): DocumentPrint {
  // Shared furniture ("read also", share buttons) would make unrelated pages of one site look alike.
  const fp = fingerprintNormalised(normaliseText(text, { blank: doc.boilerplate }).norm);
  return { fp, serialised: serialiseFingerprint(fp), bands: bandKeys(fp) };
}

/** The stored original this document is a near-copy of (most similar; earliest on a tie), or null. */
export async function findNearCopy(store: EventStore, print: DocumentPrint, self: string): Promise<NearMatch | null> {
  if (print.bands.length === 0) return null;
  let best: NearMatch | null = null;
  for (const c of await store.findNearCandidates(print.bands, CROWDED_BAND)) {
    if (c.doc_id === self) continue;
    const sim = nearSimilarity(print.fp, parseFingerprint(c.fingerprint));
    // Candidates come oldest first, so a strict > keeps the earliest of equally similar ones.
    if (sim !== null && (best === null || sim > best.similarity)) best = { docId: c.doc_id, similarity: sim };
  }
  return best;
}
