import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/types.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { formErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import { dossierCodeParams } from '../dossiers/dossiers.schema.ts';
import { ownDossier, ownedDossier } from './my-dossiers.routes.tsx';
import { type RatingView, ratingPage } from './rating.pages.tsx';
import { type RatingService, ratingOpen } from './rating.service.ts';

/** The applicant rates their dossier once it has its result; a second rating is refused (409). */
export async function ratingRoutes(app: App, deps: Deps & { ratings: RatingService }): Promise<void> {
  const { ratings, dossiers } = deps;
  const policy = { action: 'dossier.rate' as const, resource: ownDossier(deps) };

  const form = (request: FastifyRequest, reply: FastifyReply, view: RatingView, status = 200) =>
    sendPage(request, reply, request.t('portal.rating.title', { code: view.code }), ratingPage(view), status);

  /** Not open yet or already rated: the page says why, without the form. */
  const refused = (request: FastifyRequest, reply: FastifyReply, messageKey: string) =>
    form(
      request,
      reply,
      { code: ownedDossier(request).code, values: {}, errors: {}, refusal: request.t(messageKey) },
      409,
    );

  app.get(
    '/my-dossiers/:code/rating',
    { config: { policy }, schema: { hide: true, params: dossierCodeParams } },
    async (request, reply) => {
      const dossier = ownedDossier(request);
      if (!ratingOpen(dossier.status)) return refused(request, reply, 'portal.rating.notYet');
      if (await ratings.ratingOf(dossier.id)) return refused(request, reply, 'portal.rating.already');
      return form(request, reply, { code: dossier.code, values: {}, errors: {} });
    },
  );

  app.post(
    '/my-dossiers/:code/rating',
    { config: { policy }, schema: { hide: true, params: dossierCodeParams } },
    async (request, reply) => {
      const dossier = ownedDossier(request);
      const values = Object.fromEntries(
        Object.entries((request.body ?? {}) as Record<string, unknown>).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== '_csrf',
        ),
      );
      try {
        await ratings.rate(await dossiers.getDossier(dossier.code), request.actor.id ?? '', values);
      } catch (error) {
        if (error instanceof ConflictError) return refused(request, reply, error.messageKey);
        if (error instanceof ValidationError) {
          const errors = formErrors(request.t, error.fields);
          return form(request, reply, { code: dossier.code, values, errors }, 400);
        }
        throw error;
      }
      return reply.redirect(`/my-dossiers/${dossier.code}?done=rated`, 303);
    },
  );
}
