import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { MAX_FILE_BYTES } from '../../../shared/files/limits.js';
import { findApplicationById } from '../applications/applications.repository.js';
import { canSeeApplication } from '../applications/applications.service.js';
import { readFileFor, uploadFile } from './files.service.js';

const ZStoredFile = z.object({
  id: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  name: z.string(),
});

export const filesRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  await app.register(multipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 8, headerPairs: 50 },
  });

  app.post(
    '/api/v1/files',
    {
      schema: {
        tags: ['files'],
        summary: 'Upload one document (multipart, field "file"): PDF, JPEG or PNG, checked by content',
        consumes: ['multipart/form-data'],
        response: { 201: ZStoredFile },
      },
    },
    async (request, reply) => {
      if (!request.actor) throw new AppError('UNAUTHENTICATED');
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const part = await request.file().catch(() => undefined);
      if (!part)
        throw new AppError('VALIDATION_FAILED', { fields: { file: { key: 'validation.required' } } });
      const bytes = await part.toBuffer().catch((error: { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('FILE_TOO_LARGE', { params: { maxMb: MAX_FILE_BYTES / 1048576 } });
        throw new AppError('BAD_REQUEST');
      });
      const stored = await uploadFile(
        deps,
        { actor: request.actor, requestId: request.id },
        { bytes, name: part.filename, truncated: part.file.truncated },
      );
      return reply.status(201).send(stored);
    },
  );

  app.get(
    '/api/v1/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download a document: its owner, or officers who may see its application',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      const context = { actor: request.actor, requestId: request.id };
      const { file, bytes } = await readFileFor(deps, context, {
        id: request.params.id,
        canSeeApplication: async (applicationId) => {
          const application = await findApplicationById(deps.database.db, applicationId);
          return application !== undefined && (await canSeeApplication(deps, request.actor, application));
        },
      });
      const safeName = encodeURIComponent(file.original_name);
      return reply
        .header('content-type', file.media_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${safeName}`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
};
