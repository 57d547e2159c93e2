/** Bad input to the store (a filter, a cursor, a document or incident that breaks a rule). */
export class StoreInputError extends Error {
  override readonly name = 'StoreInputError';
}

/** The store file or database is not what it must be (not a Marsad store, too new, corrupt). */
export class StoreStateError extends Error {
  override readonly name = 'StoreStateError';
}

/** A connection string without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@/]*@/, '$1:***@');
}
