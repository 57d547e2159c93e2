import { setFlagsFromString } from 'node:v8';

/*
 * Imported first by the entry points (the CLI, the benchmarks), before anything allocates much.
 *
 * V8 "pretenures" an allocation site (allocates its objects straight into the old generation)
 * when a young-generation collection happens to find nearly all its recent objects alive. In a
 * batch pipeline that is an accident of timing: a collection landing in the middle of one
 * document sees that document's tokens and mentions all alive, although each lives well under a
 * millisecond. Once a hot site is pretenured, every document's short-lived objects pile up in
 * the old generation until a full collection: in `marsad extract` over 8,000 documents about a
 * third of runs went that way, with peak RSS 380 MB instead of 215 MB and 10–20% more time.
 * Without the heuristic every run takes the fast path; long-lived data (gazetteer, lexicons,
 * caches) reaches the old generation the ordinary way, by surviving two collections.
 */
setFlagsFromString('--no-allocation-site-pretenuring');
