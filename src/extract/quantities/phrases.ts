import type { Token } from '../../text/tokens.js';
import { normalise } from '../../text/normalise.js';
import { attachedForms, type AttachOptions } from './attached-forms.js';

/**
 * Fixed multi-word cues ("أكثر من", "at least", "من بينهم"), indexed by their first word so
 * that a scanner tries only the few phrases that can start at a token.
 */
export type PhraseIndex = ReadonlyMap<string, readonly (readonly string[])[]>;

/** Builds the index; the first word also gets its attached forms ("بنحو", "ومن بينهم"). */
export function phraseIndex(phrases: readonly string[], opts: AttachOptions = {}): PhraseIndex {
  const index = new Map<string, string[][]>();
  for (const phrase of phrases) {
    const words = normalise(phrase).split(' ');
    for (const first of attachedForms(words[0]!, opts)) {
      const list = index.get(first) ?? [];
      list.push([first, ...words.slice(1)]);
      index.set(first, list);
    }
  }
  // Longest first, so "ما لا يقل عن" wins over a shorter phrase with the same first word.
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return index;
}

/** Index of the token after the phrase that starts at i, or -1. */
export function matchPhrase(tokens: readonly Token[], i: number, index: PhraseIndex): number {
  const t = tokens[i];
  if (t === undefined) return -1;
  const candidates = index.get(t.norm);
  if (candidates === undefined) return -1;
  for (const words of candidates) {
    let k = 1;
    while (k < words.length && tokens[i + k]?.norm === words[k]) k++;
    if (k === words.length) return i + k;
  }
  return -1;
}
