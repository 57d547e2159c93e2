import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArabicWordList, type WordList } from '../../src/text/word-list.js';

/**
 * The real Arabic word list for tests. Compiling it from @cspell/dict-ar takes several seconds,
 * so test files share one cache in the system temp folder (keyed by the package version, like
 * the MARSAD_HOME cache); word-list.test.ts also compiles into a fresh mkdtemp folder.
 */
export const TEST_CACHE_DIR = join(tmpdir(), 'marsad-test-cache');

export function testWordList(): WordList {
  return loadArabicWordList({ cacheDir: TEST_CACHE_DIR });
}
