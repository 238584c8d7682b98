import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { FormErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import { provinceResource } from '../identity/access.ts';
import { can } from '../identity/policy.ts';
import { recordExchange } from '../partners/partners.service.ts';
import { NationalCatalogueSync } from './national-portal.catalogue.ts';
import {
  inboundSignatureProblem,
  NationalPortalClient,
  nationalPortalSettingsFrom,
  PARTNER,
} from './national-portal.client.ts';
import { NationalPortalInbound } from './national-portal.inbound.ts';
import { nationalPortalPage } from './national-portal.pages.tsx';
import * as repo from './national-portal.repo.ts';
import { mappingFormSchema } from './national-portal.schema.ts';

export const INBOUND_PATH = '/api/v1/national-portal/dossiers';

export async function nationalPortalRoutes(app: App, deps: Deps): Promise<void> {
  const { db, clock, config, dossiers, catalog, files } = deps;
  const settings = nationalPortalSettingsFrom(config.env);
  const client = settings && new NationalPortalClient(db.kysely, settings, clock);
  const inbound = new NationalPortalInbound(db, dossiers, catalog, files, client, clock);
  const catalogueSync = new NationalCatalogueSync(db, catalog, clock);
  const province = provinceResource(db);

  // The signature covers the exact bytes sent: this scope reads JSON bodies as text and parses them itself.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post(
    INBOUND_PATH,
    { config: { public: true }, schema: { tags: ['national portal'] } },
    async (request, reply) => {
      const startedAt = clock.now();
      const started = performance.now();
      const body = typeof request.body === 'string' ? request.body : '';
      const answer = async (
        status: number,
        payload: Record<string, unknown>,
        outcome: 'ok' | 'refused' | 'rejected',
        detail?: string,
        reference?: string,
      ) => {
        const text = JSON.stringify(payload);
        await recordExchange(db.kysely, {
          partner: PARTNER,
          direction: 'inbound',
          method: 'POST',
          url: INBOUND_PATH,
          startedAt,
          durationMs: performance.now() - started,
          requestBody: body,
          responseBody: text,
          statusCode: status,
          outcome,
          detail,
          reference,
        });
        return reply.code(status).type('application/json; charset=utf-8').send(text);
      };
      if (!settings) {
        return answer(
          503,
          { error_code: '503', message: request.t('nationalPortal.inbound.notConfigured') },
          'rejected',
          'not_configured',
        );
      }
      const problem = inboundSignatureProblem(settings, request.headers, 'POST', INBOUND_PATH, body, new Date());
      if (problem)
        return answer(
          401,
          { error_code: '401', message: request.t('nationalPortal.inbound.forged') },
          'refused',
          problem,
        );
      let packet: unknown;
      try {
        packet = JSON.parse(body);
      } catch {
        packet = { unparsable: body.slice(0, 10_000) };
      }
      const outcome = await inbound.receive(packet);
      const reference = outcome.state === 'parked' ? undefined : outcome.dossierCode;
      return answer(
        200,
        { error_code: '0', message: outcome.state, ...(reference && { MaHoSoTiepNhan: reference }) },
        'ok',
        outcome.state,
        reference,
      );
    },
  );

  if (client && config.env.NATIONAL_PORTAL_POLL_SECONDS > 0) {
    let polling: Promise<unknown> | undefined;
    const timer = setInterval(() => {
      polling ??= inbound
        .poll(client)
        .catch((error: unknown) => app.log.warn({ err: error }, 'national portal poll failed'))
        .finally(() => {
          polling = undefined;
        });
    }, config.env.NATIONAL_PORTAL_POLL_SECONDS * 1000);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await polling;
    });
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    notice?: string,
    values: Record<string, string> = {},
    errors: FormErrors = {},
  ) {
    const view = nationalPortalPage({
      parked: await inbound.parked(),
      mappings: await repo.listMappings(db.kysely),
      canManage: can(request.actor, 'partner.manage', await province()),
      canPoll: settings !== undefined,
      catalogue: {
        pull: await catalogueSync.last(),
        canPull: settings !== undefined && can(request.actor, 'catalog.manage', await province()),
      },
      notice,
      values,
      errors,
    });
    return sendPage(request, reply, request.t('nationalPortal.title'), view, Object.keys(errors).length ? 400 : 200);
  }

  const read = { policy: { action: 'partner.read' as const, resource: province } };
  const manage = { policy: { action: 'partner.manage' as const, resource: province } };
  // The pull writes catalogue drafts: the catalogue's own permission.
  const manageCatalogue = { policy: { action: 'catalog.manage' as const, resource: province } };
  const noticeQuery = z.object({
    polled: z.coerce.number().int().min(0).optional(),
    saved: z.string().max(100).optional(),
    created: z.coerce.number().int().min(0).optional(),
    parked: z.coerce.number().int().min(0).optional(),
    pulled: z.literal('1').optional(),
  });

  app.get(
    '/admin/national-portal',
    { config: read, schema: { hide: true, querystring: noticeQuery } },
    (request, reply) => {
      const q = request.query;
      const notice =
        q.polled !== undefined
          ? request.t('nationalPortal.poll.done', { count: q.polled })
          : q.saved
            ? request.t('nationalPortal.mapping.saved', { code: q.saved })
            : q.created !== undefined
              ? request.t('nationalPortal.parked.retried', { created: q.created, parked: q.parked ?? 0 })
              : q.pulled
                ? request.t('nationalPortal.catalogue.pulled')
                : undefined;
      return render(request, reply, notice);
    },
  );

  app.post('/admin/national-portal/mappings', { config: manage, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const values = {
      nationalCode: String(body.nationalCode ?? ''),
      procedureCode: String(body.procedureCode ?? ''),
      caseCode: String(body.caseCode ?? ''),
    };
    const parsed = mappingFormSchema.safeParse(values);
    if (!parsed.success)
      return render(request, reply, undefined, values, {
        nationalCode: request.t('nationalPortal.mapping.errorNational'),
      });
    const known = await catalog.getPublished(parsed.data.procedureCode).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (!known) {
      return render(request, reply, undefined, values, {
        procedureCode: request.t('nationalPortal.mapping.errorProcedure', { code: parsed.data.procedureCode }),
      });
    }
    await repo.saveMapping(db.kysely, {
      national_code: parsed.data.nationalCode,
      procedure_code: parsed.data.procedureCode,
      case_code: parsed.data.caseCode || null,
      updated_at: clock.now().toISOString(),
    });
    return reply.redirect(`/admin/national-portal?saved=${encodeURIComponent(parsed.data.nationalCode)}`, 303);
  });

  app.post(
    '/admin/national-portal/mappings/:code/delete',
    { config: manage, schema: { hide: true, params: z.object({ code: z.string().max(100) }) } },
    async (request, reply) => {
      await repo.deleteMapping(db.kysely, request.params.code);
      return reply.redirect('/admin/national-portal', 303);
    },
  );

  app.post('/admin/national-portal/poll', { config: manage, schema: { hide: true } }, async (_request, reply) => {
    if (!settings) throw new NotFoundError();
    const taken = await inbound.poll(new NationalPortalClient(db.kysely, settings, clock));
    return reply.redirect(`/admin/national-portal?polled=${taken}`, 303);
  });

  app.post(
    '/admin/national-portal/catalogue/pull',
    { config: manageCatalogue, schema: { hide: true } },
    async (request, reply) => {
      if (!settings) throw new NotFoundError();
      await catalogueSync.pull(new NationalPortalClient(db.kysely, settings, clock), request.actor.id);
      return reply.redirect('/admin/national-portal?pulled=1#catalogue', 303);
    },
  );

  app.post(
    '/admin/national-portal/parked/retry',
    { config: manage, schema: { hide: true } },
    async (_request, reply) => {
      const { created, parked } = await inbound.retryParked();
      return reply.redirect(`/admin/national-portal?created=${created}&parked=${parked}`, 303);
    },
  );
}
