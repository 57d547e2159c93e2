/**
 * The composition root: every stage of extraction, in order. Reading this file tells the whole
 * flow from a raw document to located, dated, evidenced events.
 */
import type { DocumentRecord, Language, RawDocument } from './model/document.js';
import type { MarsadEvent } from './model/event.js';
import type { Span } from './model/span.js';

// 1. ingest — identity, language, header and publication date
import { documentId } from './ingest/document-id.js';
import { detectLanguage } from './ingest/language.js';
import { readTextHeader } from './ingest/text-header.js';
import { resolvePublished } from './ingest/published-date.js';

// 2. text — furniture, repairs, normalised view, words, sentences
import { findFurniture } from './text/furniture.js';
import { findBrokenWords } from './text/repair.js';
import { loadArabicWordList, type WordList } from './text/word-list.js';
import { normaliseText } from './text/normalise.js';
import { tokenize } from './text/tokens.js';
import { splitSentences } from './text/sentences.js';

// 3. extract — actors, dates, casualties, triggers and modality into event drafts
import { ActorCatalogue } from './extract/actors/catalogue.js';
import { findActorMentions } from './extract/actors/actor-mentions.js';
import { findDateMentions } from './extract/dates/date-mentions.js';
import { findCasualtyMentions } from './extract/quantities/casualties.js';
import { loadTriggerLexicon } from './extract/triggers/trigger-lexicon.js';
import { loadCueLexicon } from './extract/modality/cue-lexicon.js';
import { loadRoleLexicon } from './extract/events/role-lexicon.js';
import { clauseBreaks, sentenceUnits } from './extract/events/sentence-units.js';
import { buildDrafts, type EventDraft, type ExtractResources } from './extract/events/build-drafts.js';

// 4. geo — places named, resolved in context, given to the drafts
import { Gazetteer } from './geo/gazetteer.js';
import { findPlaceMentions } from './geo/place-mentions.js';
import { resolvePlaces } from './geo/resolve-places.js';
import { locateEvents } from './geo/locate-events.js';
import type { ResolvedPlace } from './geo/types.js';

export interface PipelineResources {
  words: WordList;
  actors: ActorCatalogue;
  gazetteer: Gazetteer;
  extract: ExtractResources;
}

export interface LoadOptions {
  /** Folder of the gazetteer index (default: MARSAD_HOME/gazetteer). */
  gazetteerDir?: string;
  /** User actor files that extend lexicon/actors.yaml. */
  actorFiles?: string[];
  /** Where the compiled Arabic word list is cached (default: MARSAD_HOME/cache). */
  wordCacheDir?: string;
}

/** Everything loaded once per process: lexicons, word list, gazetteer. */
export function loadResources(opts: LoadOptions = {}): PipelineResources {
  const actors = ActorCatalogue.load(opts.actorFiles);
  return {
    words: loadArabicWordList(opts.wordCacheDir ? { cacheDir: opts.wordCacheDir } : {}),
    actors,
    gazetteer: Gazetteer.load(opts.gazetteerDir),
    extract: {
      triggers: loadTriggerLexicon(),
      cues: loadCueLexicon(),
      roles: loadRoleLexicon(),
      parentOf: (id) => actors.get(id)?.parent ?? null,
      crowd: { protesters: actors.get('protesters') ?? null, rioters: actors.get('rioters') ?? null },
    },
  };
}

export interface ProcessOptions {
  /** Publication date to use when the document carries none (YYYY-MM-DD). */
  published?: string | null;
  /** Language to assume instead of detecting it. */
  lang?: Language | null;
}

export interface ProcessedDocument {
  doc: DocumentRecord;
  events: MarsadEvent[];
  /** The drafts that became events, for evaluation and review (trigger and argument spans). */
  drafts: EventDraft[];
}

export function processDocument(raw: RawDocument, res: PipelineResources, opts: ProcessOptions = {}): ProcessedDocument {
  const text = raw.text;
  const id = documentId(text);
  // Arabic sites often declare the wrong <html lang>: the script of the text decides first.
  const detected = detectLanguage(text);
  const language = opts.lang ?? (detected !== 'und' ? detected : (raw.language ?? 'und'));

  // 1. ingest: a flat page carries its title, dateline and byline in its first lines; an HTML
  // page's text may still open with a wire dateline ("BEIRUT (Reuters) -").
  const header = readTextHeader(text);
  const published = resolvePublished({
    metadata: raw.published,
    url: raw.url,
    header: header.published,
    text,
    override: opts.published ?? null,
  });

  // 2. text
  const furniture: Span[] = raw.fromHtml ? [] : findFurniture(text);
  const repairs = language === 'ar' ? findBrokenWords(text, res.words, furniture) : [];
  const nt = normaliseText(text, { blank: furniture, drop: strayBlanks(text, repairs) });
  const tokens = tokenize(nt);
  const sentences = sentenceUnits(tokens, splitSentences(text, furniture));

  // 3. extract
  const publishedDate = published?.date ?? null;
  const actorMentions = findActorMentions(tokens, res.actors, nt);
  const { drafts, occupied } = buildDrafts(
    {
      original: text,
      tokens,
      sentences,
      breaks: clauseBreaks(text, tokens),
      actors: actorMentions,
      dates: findDateMentions(tokens, publishedDate, nt.norm),
      casualties: findCasualtyMentions(tokens),
      published: publishedDate,
    },
    res.extract,
  );

  // 4. geo
  const dateline = raw.dateline ?? header.dateline ?? null;
  const resolved = resolvePlaces(findPlaceMentions(tokens, res.gazetteer, nt.original), {
    dateline,
    gazetteer: res.gazetteer,
  });
  const located = locateEvents({
    docId: id,
    tokens,
    drafts,
    places: resolved,
    occupied,
    fallback: reportPlace(resolved, dateline, res.gazetteer),
  });

  const doc: DocumentRecord = {
    id,
    input_id: raw.inputId,
    url: raw.url,
    title: raw.title ?? (raw.fromHtml ? null : header.title),
    dateline,
    byline: raw.byline ?? header.byline ?? null,
    source: raw.source ?? header.source ?? null,
    published: publishedDate,
    published_from: published?.from ?? null,
    language,
    boilerplate: furniture,
    repairs,
    length: text.length,
  };
  return { doc, events: located.events, drafts: located.kept };
}

/** The spaces inside repaired words, which the normalised view leaves out. */
function strayBlanks(text: string, repairs: readonly { start: number; end: number }[]): Set<number> {
  const drop = new Set<number>();
  for (const r of repairs) {
    for (let i = r.start; i < r.end; i++) if (/\s/.test(text.charAt(i))) drop.add(i);
  }
  return drop;
}

/**
 * Where the report as a whole is: its dateline when the gazetteer knows it, else the place it
 * names most. Events that name no place of their own are put there, at region precision.
 */
function reportPlace(resolved: readonly ResolvedPlace[], dateline: string | null, gazetteer: Gazetteer): ResolvedPlace | null {
  if (dateline) {
    const inText = resolved.find((r) => r.mention.text === dateline || r.place.names.includes(dateline));
    if (inText) return inText;
    const [place] = gazetteer.lookup(dateline);
    if (place) {
      return {
        mention: { tokenStart: -1, tokenEnd: -1, start: 0, end: 0, text: dateline, candidates: [place], clitic: '' },
        place,
        geo_precision: place.kind === 'locality' ? 2 : 3,
        score: 0,
        reason: 'dateline',
      };
    }
  }
  const counts = new Map<string, { r: ResolvedPlace; n: number }>();
  for (const r of resolved) {
    const c = counts.get(r.place.id);
    counts.set(r.place.id, { r: c?.r ?? r, n: (c?.n ?? 0) + 1 });
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return top ? { ...top.r, geo_precision: 3 } : null;
}
