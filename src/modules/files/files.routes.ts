import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { ValidationError } from '../../lib/errors.ts';

const storedFileSchema = z.object({ id: z.string(), name: z.string(), size: z.int(), mediaType: z.string() });

/** Uploads: one file per request, checked by size, extension and the type sniffed from its bytes. */
export async function fileRoutes(app: App, { files }: Deps): Promise<void> {
  app.post(
    '/api/v1/files',
    {
      config: { policy: 'file.upload' },
      schema: {
        tags: ['files'],
        summary:
          'Upload one attachment (multipart field `file`); attach it to a dossier by its id within 24 hours. ' +
          '413 when larger than the per-file limit; 400 when the content does not match the extension.',
        consumes: ['multipart/form-data'],
        response: { 201: storedFileSchema },
      },
    },
    async (request, reply) => {
      const part = request.isMultipart() ? await request.file() : undefined;
      if (!part) throw new ValidationError([{ path: 'file', messageKey: 'files.errors.missing' }]);
      const stored = await files.upload({ stream: part.file, filename: part.filename, uploadedBy: request.actor.id });
      return reply.code(201).send({ id: stored.id, name: stored.name, size: stored.size, mediaType: stored.mediaType });
    },
  );
}
