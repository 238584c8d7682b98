import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { formErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import { agencyDirectory, dossierResource } from '../dossiers/dossier-access.ts';
import { dossierPolicyResource, guardedDossier } from '../dossiers/dossiers.routes.ts';
import { dossierCodeParams } from '../dossiers/dossiers.schema.ts';
import { authorize } from '../identity/access.ts';
import { can } from '../identity/policy.ts';
import { renderLabel } from './label.ts';
import { postalPage } from './postal.pages.tsx';
import type { PostalService } from './postal.service.ts';

const labelParams = dossierCodeParams.extend({ order: z.string().max(40) });
const formBody = z.record(z.string(), z.string().max(1000));

/** The fields of the new-order form, from the applicant as the dossier records them. */
function defaults(dossier: ReturnType<typeof guardedDossier>): Record<string, string> {
  return {
    kind: dossier.status === 9 ? 'delivery' : 'pickup',
    'applicant.name': dossier.applicant.name,
    'applicant.phone': dossier.applicant.phone ?? '',
    'applicant.address':
      (dossier.delivery.method === 'postal' ? dossier.delivery.address : dossier.applicant.address) ?? '',
    codAmount: '0',
  };
}

/** Back-office postal orders of a dossier, their labels, and the postal service's signed status callbacks. */
export async function postalRoutes(app: App, deps: Deps & { postal: PostalService }): Promise<void> {
  const { postal, dossiers } = deps;
  const resource = dossierPolicyResource(dossiers, deps);
  const officeOnly = async (request: FastifyRequest) => authorize(request, 'office.view');

  // Callbacks are signed over their exact bytes: this plugin's JSON bodies are kept as text.
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  async function mayOrder(request: FastifyRequest) {
    const dossier = guardedDossier(request);
    return can(request.actor, 'postal.order', dossierResource(dossier, await agencyDirectory(deps.db.kysely)));
  }

  app.get(
    '/office/dossiers/:code/postal',
    {
      config: { policy: { action: 'dossier.read', resource } },
      preHandler: officeOnly,
      schema: { hide: true, params: dossierCodeParams, querystring: z.object({ done: z.string().max(60).optional() }) },
    },
    async (request, reply) => {
      const dossier = guardedDossier(request);
      const { done } = request.query;
      const page = postalPage({
        code: dossier.code,
        orders: await postal.ordersOf(dossier.id),
        office: postal.office(),
        mayOrder: await mayOrder(request),
        values: defaults(dossier),
        errors: {},
        ...(done && { notice: request.t('postal.created', { number: done }) }),
      });
      return sendPage(request, reply, request.t('postal.title', { code: dossier.code }), page);
    },
  );

  app.post(
    '/office/dossiers/:code/postal',
    {
      config: { policy: { action: 'postal.order', resource } },
      preHandler: officeOnly,
      schema: { hide: true, params: dossierCodeParams, body: formBody },
    },
    async (request, reply) => {
      const dossier = guardedDossier(request);
      const values = request.body;
      const input = {
        kind: values.kind as 'pickup' | 'delivery',
        applicant: {
          name: values['applicant.name'] ?? '',
          phone: values['applicant.phone'] ?? '',
          provinceCode: values['applicant.provinceCode'] ?? '',
          wardCode: values['applicant.wardCode'] ?? '',
          address: values['applicant.address'] ?? '',
        },
        itemCode: values.itemCode ?? '',
        codAmount: Number((values.codAmount ?? '').replace(/[.\s]/g, '') || Number.NaN),
      };
      const again = async (extra: { errors?: Record<string, string>; conflict?: string }, status: number) => {
        const page = postalPage({
          code: dossier.code,
          orders: await postal.ordersOf(dossier.id),
          office: postal.office(),
          mayOrder: true,
          values,
          errors: extra.errors ?? {},
          ...(extra.conflict && { conflict: extra.conflict }),
        });
        return sendPage(request, reply, request.t('postal.title', { code: dossier.code }), page, status);
      };
      try {
        const order = await postal.createOrder(dossier, input, request.actor.id ?? '');
        return reply.redirect(
          `/office/dossiers/${dossier.code}/postal?done=${encodeURIComponent(order.orderNumber)}`,
          303,
        );
      } catch (error) {
        if (error instanceof ValidationError) return again({ errors: formErrors(request.t, error.fields) }, 400);
        if (error instanceof ConflictError) return again({ conflict: request.t(error.messageKey) }, 409);
        throw error;
      }
    },
  );

  app.get(
    '/office/dossiers/:code/postal/:order/label.pdf',
    {
      config: { policy: { action: 'dossier.read', resource } },
      preHandler: officeOnly,
      schema: { hide: true, params: labelParams },
    },
    async (request, reply) => {
      const dossier = guardedDossier(request);
      const order = (await postal.ordersOf(dossier.id)).find((o) => o.id === request.params.order);
      if (!order) throw new NotFoundError('errors.notFound');
      const pdf = await renderLabel(order, (key, params) => request.t(key, params));
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${order.orderNumber}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.post('/api/v1/postal/callbacks', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const outcome = await postal.receiveCallback(typeof request.body === 'string' ? request.body : '', {
      timestamp: header('x-timestamp'),
      signature: header('x-signature'),
    });
    return reply.code(outcome.status).send({ Code: outcome.code });
  });
}
