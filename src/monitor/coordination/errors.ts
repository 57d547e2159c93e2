/** Base of every coordination-log error, so callers (CLI, API) can map them to one kind of reply. */
export class CoordinationError extends Error {
  override readonly name: string = 'CoordinationError';
}

/** Malformed input: an empty text, a bad party id or date, sharing with oneself. */
export class CoordinationInputError extends CoordinationError {
  override readonly name = 'CoordinationInputError';
}

/**
 * The step is not allowed in the item's state or for this party: closing a closed item,
 * answering as the filing party, answering before acknowledging.
 */
export class CoordinationStateError extends CoordinationError {
  override readonly name = 'CoordinationStateError';
}

/**
 * No such item for this party: it does not exist, or it is another party's and not shared with
 * this one. The two cases give the same message on purpose, so a party cannot probe for
 * another's private items.
 */
export class CoordinationNotFoundError extends CoordinationError {
  override readonly name = 'CoordinationNotFoundError';
}

/** The database is not what it must be (another application's file, a newer schema). */
export class CoordinationStorageError extends CoordinationError {
  override readonly name = 'CoordinationStorageError';
}
