import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldErrors } from '../../shared/errors.js';
import { fieldErrorsFromIssues } from '../../shared/validation.js';
import { ErrorPage } from '../modules/errors/views/error-page.js';

/** Turns anything thrown into one of our typed errors; unknown errors become INTERNAL. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = fieldErrorsFromIssues(
      error.validation.map((v) => ({
        path: v.instancePath.split('/').filter(Boolean),
        message: v.message ?? 'validation.invalid',
        minimum: (v.params as { minimum?: unknown }).minimum,
        maximum: (v.params as { maximum?: unknown }).maximum,
        keys: (v.params as { keys?: string[] }).keys,
      })),
    );
    return new AppError('VALIDATION_FAILED', { fields });
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  const code = String(fastifyError.code ?? '');
  const map: [boolean, ErrorCode][] = [
    [status === 413, 'PAYLOAD_TOO_LARGE'],
    [status === 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [status === 400 && (code.includes('JSON') || error instanceof SyntaxError), 'INVALID_JSON'],
    [status === 404, 'NOT_FOUND'],
    [status === 405, 'METHOD_NOT_ALLOWED'],
    [status === 429, 'TOO_MANY_REQUESTS'],
    [status >= 400 && status < 500, 'BAD_REQUEST'],
  ];
  return new AppError(map.find(([match]) => match)?.[1] ?? 'INTERNAL');
}

function translateFields(request: FastifyRequest, fields: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, e]) => [name, request.t(e.key, e.params)]));
}

/** Answers with the translated error: JSON for the API, a page for people. Never a stack or SQL. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const message = request.t(`errors.${error.code}`, error.options.params);
  if (error.options.retryAfter) reply.header('retry-after', String(error.options.retryAfter));
  if (request.isApi || !request.method.match(/^(GET|HEAD|POST)$/)) {
    const body: { code: string; message: string; fields?: Record<string, string> } = {
      code: error.code,
      message,
    };
    if (error.options.fields) body.fields = translateFields(request, error.options.fields);
    return reply.status(error.status).header('cache-control', 'no-store').send({ error: body });
  }
  return reply.page(
    (ctx) => <ErrorPage ctx={ctx} status={error.status} message={message} fields={error.options.fields} />,
    error.status,
  );
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('NOT_FOUND')));
});
