import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import type { FetchPolicy } from '../sources/types.js';
import { classifyAddress, isIpLiteral } from './address-policy.js';

/**
 * Host name → the addresses a request may connect to, all of them checked. The request then
 * connects only to these (see pinnedLookup), so a DNS answer that changes between the check
 * and the connection (DNS rebinding) cannot move it to a private address.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; injectable for tests and custom DNS. */
export type HostResolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (host) => {
  const found: LookupAddress[] = await lookup(host, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Thrown when a host's address is not allowed; the message is the reason, without the URL. */
export class AddressRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressRefused';
  }
}

function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** True when the policy exempts this host (as written in the URL) from the private-address check. */
function hostExempt(policy: FetchPolicy, host: string): boolean {
  if (policy.allowPrivate) return true;
  const list = policy.privateHosts;
  if (!list || list.length === 0) return false;
  const h = host.toLowerCase();
  return list.some((x) => bareHost(x.toLowerCase()) === h);
}

/**
 * The addresses of `hostname` (URL.hostname form), refused with AddressRefused when any of them
 * is not public and the policy does not allow it. Every address is checked, not just the first:
 * the connection may fall back to any of them.
 */
export async function resolveAllowed(
  hostname: string,
  policy: FetchPolicy,
  resolver: HostResolver = systemResolver,
): Promise<ResolvedAddress[]> {
  const host = bareHost(hostname);
  const exempt = hostExempt(policy, host);
  let addresses: ResolvedAddress[];
  if (isIpLiteral(host)) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await resolver(host);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'ENODATA') throw new AddressRefused(`host "${host}" not found (DNS)`);
      throw new AddressRefused(`cannot resolve host "${host}": ${err instanceof Error ? err.message : String(err)}`);
    }
    if (addresses.length === 0) throw new AddressRefused(`host "${host}" has no addresses (DNS)`);
  }
  if (exempt) return addresses;
  for (const a of addresses) {
    const verdict = classifyAddress(a.address);
    if (!verdict.public) {
      const via = verdict.address === host ? '' : ` (${host} resolves to it)`;
      throw new AddressRefused(`refused: ${verdict.address} is ${verdict.what}${via} (set allowPrivate to fetch it)`);
    }
  }
  return addresses;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that answers with the checked addresses only. Node asks for all
 * addresses when it races IPv4 and IPv6 (autoSelectFamily), and for one otherwise.
 */
export function pinnedLookup(addresses: readonly ResolvedAddress[]) {
  return (_hostname: string, options: { family?: number | string; all?: boolean }, callback: LookupCallback): void => {
    const fam = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family ?? 0);
    const usable = fam === 4 || fam === 6 ? addresses.filter((a) => a.family === fam) : addresses;
    if (usable.length === 0) {
      const err: NodeJS.ErrnoException = new Error(`no IPv${fam} address among the checked addresses`);
      err.code = 'ENOTFOUND';
      callback(err, '', 0);
      return;
    }
    if (options.all) callback(null, usable.map((a) => ({ address: a.address, family: a.family })));
    else callback(null, usable[0]!.address, usable[0]!.family);
  };
}
