import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { ReviewError } from '../review/types.js';

/**
 * Every error leaves the API as {error: {code, message}} with its HTTP status. Known errors of the
 * stages below (bad filters, missing items, review conflicts, coordination rules) are mapped here,
 * once, so routes just throw.
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, 'not-found', what);
export const badRequest = (message: string): ApiError => new ApiError(400, 'invalid', message);

export interface ErrorBody {
  error: { code: string; message: string };
}

/** Zod issues as one readable line, naming the parameter or field each is about. */
export function describeZodError(err: ZodError, where: string): string {
  return err.issues.map((i) => {
    if (i.code === 'unrecognized_keys') {
      return `unknown ${where} ${i.keys.length === 1 ? 'parameter' : 'parameters'} ${i.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    }
    const path = i.path.length > 0 ? i.path.join('.') : where;
    return `${path}: ${i.message}`;
  }).join('; ');
}

/** The status and body for an error of any kind; the message of an unexpected error is not shown. */
export function toErrorReply(err: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  const reply = (status: number, code: string, message: string, unexpected = false) =>
    ({ status, body: { error: { code, message } }, unexpected });
  if (err instanceof ApiError) return reply(err.status, err.code, err.message);
  if (err instanceof ZodError) return reply(400, 'invalid', describeZodError(err, 'query'));
  if (err instanceof ReviewError) {
    const status = err.code === 'not-found' ? 404 : err.code === 'conflict' ? 409 : 400;
    return reply(status, err.code, err.message);
  }
  if (err instanceof Error) {
    switch (err.name) {
      case 'StoreInputError':
      case 'MonitorInputError':
      case 'CoordinationInputError':
      case 'ReportInputError':
      case 'AccessInputError':
      case 'AgreementError':
        return reply(400, 'invalid', err.message);
      case 'CoordinationNotFoundError':
        return reply(404, 'not-found', err.message);
      case 'CoordinationStateError':
        return reply(409, 'conflict', err.message);
    }
    const fe = err as FastifyError;
    // Fastify's own errors (bad JSON body, body too large, rate limit, unsupported media type).
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code = fe.statusCode === 429 ? 'rate-limited' : fe.statusCode === 413 ? 'too-large' : 'invalid';
      return reply(fe.statusCode, code, fe.message);
    }
  }
  return reply(500, 'internal', 'internal error (see the server log)', true);
}

export function errorHandler(err: unknown, req: FastifyRequest, res: FastifyReply): void {
  const r = toErrorReply(err);
  if (r.unexpected) req.log.error({ err }, 'request failed');
  void res.status(r.status).type('application/json; charset=utf-8').send(r.body);
}
