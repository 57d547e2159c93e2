import type { RawDocument } from '../model/document.js';
import { processDocument, type PipelineResources } from '../pipeline.js';
import type { EventKind } from '../extract/classifier/logistic.js';
import type { SpanPredictor } from './gsr.js';

/** One GSR sentence as a document: no date, no dateline, no page around it. */
function sentenceDocument(text: string): RawDocument {
  return {
    inputId: 'gsr', text, url: null, title: null, byline: null, source: null, dateline: null,
    published: null, language: 'ar', fromHtml: false,
  };
}

/**
 * The rule-based extractor as a sentence detector: does it find an event of this PLOVER
 * category in the sentence? Nothing in it is fitted to the set, but its lexicons were extended
 * after reading its errors there, so its score on the development half flatters it somewhat.
 */
export function extractorDetects(res: PipelineResources, kind: EventKind): (text: string) => boolean {
  return (text) => processDocument(sentenceDocument(text), res).events.some((e) => e.plover === kind);
}

const words = (s: string | undefined): string[] => (s ? s.split(/\s+/).filter((w) => w.length > 0) : []);

/** The extractor's actor1, trigger and actor2 of each event of the kind, as GSR spans. */
export function extractorSpans(res: PipelineResources, kind: EventKind): SpanPredictor {
  return (text) =>
    processDocument(sentenceDocument(text), res)
      .drafts.filter((d) => d.plover === kind)
      .map((d) => ({ source: words(d.actor1Span?.text), verb: words(d.trigger.text), target: words(d.actor2Span?.text) }));
}
