import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/types.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { type FormErrors, formErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import { applyScript } from './apply.script.ts';
import { type TrackView, trackPage } from './tracking.pages.tsx';
import { canonicalCode, lookupProblems } from './tracking.rules.ts';
import { trackedDossierSchema, trackForm, trackParams, trackQuery } from './tracking.schema.ts';
import { type TrackedDossier, TrackingService } from './tracking.service.ts';

/** The public lookup: the page `/track` (the receipt's QR code opens it with `?code=`) and its JSON API. */
export async function trackingRoutes(app: App, deps: Deps): Promise<void> {
  const tracking = new TrackingService(deps.db, deps.dossiers);
  // The page and the API count together: one allowance per client address, shared by every process.
  const rateLimit = { max: deps.config.env.MOTCUA_TRACK_LOOKUPS_PER_MINUTE, timeWindow: '1 minute', groupId: 'track' };

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    view: Omit<TrackView, 'scriptUrl'>,
    status = 200,
  ) => {
    const page = trackPage({ ...view, scriptUrl: (await applyScript()).url });
    return sendPage(request, reply, request.t('portal.track.title'), page, status);
  };

  app.get('/track', { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.query as { code?: unknown };
    const prefilled = typeof code === 'string' ? code.slice(0, 60) : '';
    return render(request, reply, { values: { code: prefilled, verifier: '' }, errors: {} });
  });

  // A form post keeps the four digits out of addresses, browser history and logs.
  app.post('/track', { config: { public: true, rateLimit }, schema: { hide: true } }, async (request, reply) => {
    const form = trackForm.parse(request.body ?? {});
    const values = { code: form.code.trim(), verifier: form.verifier.trim() };
    const errors: FormErrors = formErrors(request.t, lookupProblems(values));
    if (Object.keys(errors).length > 0) return render(request, reply, { values, errors }, 400);
    const found = await tracking.lookup(canonicalCode(values.code), values.verifier);
    if (!found) return render(request, reply, { values, errors, notFound: true }, 404);
    return render(request, reply, { values: { code: found.code, verifier: '' }, errors, found });
  });

  app.get(
    '/api/v1/track/:code',
    {
      config: { rateLimit },
      schema: {
        tags: ['tracking'],
        summary:
          'Public lookup of a dossier by its code and the last 4 digits of the applicant’s phone or ID number: status, ' +
          'procedure, receiving agency, dates and the public steps. An unknown code and a wrong verifier give the same ' +
          '404. Rate-limited per client address.',
        params: trackParams,
        querystring: trackQuery,
        response: { 200: trackedDossierSchema },
      },
    },
    async (request) => {
      let code = request.params.code;
      try {
        code = canonicalCode(code);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
      }
      const found = await tracking.lookup(code, request.query.verifier);
      if (!found) throw new NotFoundError('portal.track.notFound', {}, 'dossier_not_found');
      return present(found, request.t);
    },
  );
}

function present(d: TrackedDossier, t: FastifyRequest['t']) {
  return {
    ...d,
    statusName: t(`dossiers.status.${d.status}`),
    steps: d.steps.map((s) => ({
      ...s,
      name: t(`portal.step.${s.action}`),
      statusName: t(`dossiers.status.${s.status}`),
    })),
  };
}
