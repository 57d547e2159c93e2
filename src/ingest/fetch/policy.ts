import type { FetchPolicy } from '../sources/types.js';

/** What Marsad says it is when it fetches: site owners can see who reads them and why. */
export const USER_AGENT = 'Marsad/0.1 (open-source escalation and ceasefire monitor; feed reader)';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

/**
 * The policy for news fetches: public addresses only unless MARSAD_ALLOW_PRIVATE_FETCH=1
 * (a feed server on the same network), 20 s for the whole request, 20 MB, 5 redirects.
 */
export function defaultFetchPolicy(env: NodeJS.ProcessEnv = process.env): FetchPolicy {
  return {
    allowPrivate: env['MARSAD_ALLOW_PRIVATE_FETCH'] === '1',
    timeoutMs: DEFAULT_TIMEOUT_MS,
    maxBytes: DEFAULT_MAX_BYTES,
    maxRedirects: DEFAULT_MAX_REDIRECTS,
    userAgent: USER_AGENT,
  };
}
