import { z } from 'zod';
import type { App, Deps } from './types.ts';

const healthSchema = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['sqlite', 'postgres']) });

export async function healthRoutes(app: App, { db }: Deps): Promise<void> {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: healthSchema, 503: healthSchema },
      },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      try {
        await db.ping(2000);
        return { status: 'ok' as const, database: db.dialect };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const, database: db.dialect });
      }
    },
  );
}
