import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { sendPage } from '../../web/render.tsx';
import { provinceResource } from '../identity/access.ts';
import { can } from '../identity/policy.ts';
import { deadLetters, resendDeadLetter } from '../outbox/outbox.service.ts';
import { partnersPage } from './partners.pages.tsx';
import { listExchanges } from './partners.service.ts';

const PAGE = 50;
const listQuery = z.object({
  reference: z.string().trim().max(100).optional(),
  before: z.coerce.number().int().positive().optional(),
  resent: z.coerce.number().int().positive().optional(),
  gone: z.coerce.number().int().positive().optional(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const resendBody = z.object({ payload: z.string().max(1_000_000).optional() });

/** The administrators' screen of partner integrations: the exchange log and the dead letters, with resend. */
export async function partnerRoutes(app: App, { db, clock }: Deps): Promise<void> {
  const province = provinceResource(db);

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    query: z.infer<typeof listQuery>,
    failed?: { id: number; payload: string; message: string },
  ) {
    const exchanges = await listExchanges(db.kysely, {
      reference: query.reference || undefined,
      before: query.before,
      limit: PAGE + 1,
    });
    const more = exchanges.length > PAGE;
    const shown = exchanges.slice(0, PAGE);
    const t = request.t;
    const notice = query.resent
      ? t('partners.dead.resent', { id: query.resent })
      : query.gone
        ? t('partners.dead.gone', { id: query.gone })
        : undefined;
    const view = partnersPage({
      deadLetters: await deadLetters(db.kysely),
      exchanges: shown,
      reference: query.reference ?? '',
      olderThan: more ? (shown.at(-1)?.id ?? null) : null,
      canManage: can(request.actor, 'partner.manage', await province()),
      notice,
      errors: failed ? { [`payload-${failed.id}`]: failed.message } : {},
      drafts: failed ? { [failed.id]: failed.payload } : {},
    });
    return sendPage(request, reply, t('partners.title'), view, failed ? 400 : 200);
  }

  app.get(
    '/admin/partners',
    {
      config: { policy: { action: 'partner.read', resource: province } },
      schema: { hide: true, querystring: listQuery },
    },
    (request, reply) => render(request, reply, request.query),
  );

  app.post(
    '/admin/partners/dead-letters/:id/resend',
    {
      config: { policy: { action: 'partner.manage', resource: province } },
      schema: { hide: true, params: idParams, body: resendBody },
    },
    async (request, reply) => {
      const { id } = request.params;
      const payload = request.body.payload?.trim() || undefined;
      if (payload !== undefined) {
        try {
          JSON.parse(payload);
        } catch (error) {
          const message = request.t('partners.dead.badJson', { reason: (error as Error).message });
          return render(request, reply, {}, { id, payload, message });
        }
      }
      const resent = await resendDeadLetter(db.kysely, id, payload, clock);
      request.log.info({ outboxId: id, by: request.actor.id, corrected: payload !== undefined }, 'dead letter resent');
      return reply.redirect(`/admin/partners?${resent ? 'resent' : 'gone'}=${id}`, 303);
    },
  );
}
