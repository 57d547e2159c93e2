import type { EventDate, InterCode } from '../../model/event.js';
import type { Span } from '../../model/span.js';

/**
 * What event assembly needs of the mentions other extract modules find. Declared here, by the
 * consumer, so that assembly depends on the shape and not on how each finder works.
 */
export interface TokenRange {
  tokenStart: number;
  /** Exclusive. */
  tokenEnd: number;
}

export interface ActorRef {
  id: string;
  name: string;
  inter: InterCode;
  parent?: string | null;
  kind?: string;
}

export interface ActorMentionLike extends TokenRange, Span {
  text: string;
  actor: ActorRef;
}

export interface DateMentionLike extends TokenRange {
  kind: 'point' | 'since' | 'range' | 'until';
  date: EventDate;
  future?: boolean;
}

export interface CasualtyMentionLike extends TokenRange {
  kind: 'killed' | 'injured' | 'displaced' | 'abducted' | 'arrested' | 'missing';
  count: number | null;
  civilians: boolean;
  /** One count given for several kinds ("مقتل وجرح 10"): how it splits is unknown. */
  combined?: boolean;
}
