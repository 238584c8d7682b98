import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/types.ts';
import { ValidationError } from '../../lib/errors.ts';
import { type FormErrors, formErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import * as agencies from '../agencies/agencies.service.ts';
import { authorize } from './access.ts';
import * as tokens from './api-tokens.service.ts';
import { formText } from './identity.schema.ts';
import { can } from './policy.ts';
import { type TokenFormValues, tokensPage } from './tokens.pages.tsx';

const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

export async function tokenRoutes(app: App, { db, clock }: Deps): Promise<void> {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    values: TokenFormValues = {},
    errors: FormErrors = {},
    created?: { name: string; secret: string },
  ) {
    const all = await agencies.listAgencies(db.kysely);
    const covers = (action: 'token.read' | 'token.create' | 'token.revoke', agencyId: string) =>
      can(request.actor, action, { type: 'agency', agencyId });
    const list = (await tokens.listApiTokens(db.kysely)).filter((tk) => covers('token.read', tk.agencyId));
    const view = tokensPage({
      tokens: list,
      agencyNames: new Map(all.map((a) => [a.id, a.name])),
      agencies: [
        { value: '', label: request.t('officers.field.agencyPick') },
        ...all
          .filter((a) => a.active && covers('token.create', a.id))
          .map((a) => ({ value: a.id, label: `${a.name} (${a.identifier})` })),
      ],
      revocable: new Set(list.filter((tk) => covers('token.revoke', tk.agencyId)).map((tk) => tk.id)),
      canCreate: can(request.actor, 'token.create'),
      values,
      errors,
      created,
    });
    const status = Object.keys(errors).length ? 400 : created ? 201 : 200;
    return sendPage(request, reply, request.t('tokens.title'), view, status);
  }

  app.get('/admin/tokens', { config: { policy: 'token.read' }, schema: { hide: true } }, (request, reply) =>
    render(request, reply),
  );

  app.post('/admin/tokens', { config: { policy: 'token.create' }, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = {
      name: formText.parse(body.name),
      agencyId: formText.parse(body.agencyId),
      actions: listOf(body.actions),
    };
    if (!values.agencyId) return render(request, reply, values, { agencyId: request.t('officers.error.agency') });
    authorize(request, 'token.create', { type: 'agency', agencyId: values.agencyId });
    try {
      const { token, secret } = await tokens.createApiToken(
        db.kysely,
        { ...values, agencyId: values.agencyId, createdBy: request.actor.id ?? '' },
        clock,
      );
      // The secret is shown on this response only; it is not stored.
      reply.header('cache-control', 'no-store');
      return render(request, reply, {}, {}, { name: token.name, secret });
    } catch (error) {
      if (error instanceof ValidationError) return render(request, reply, values, formErrors(request.t, error.fields));
      throw error;
    }
  });

  app.post(
    '/admin/tokens/:id/revoke',
    { config: { policy: 'token.revoke' }, schema: { hide: true } },
    async (request, reply) => {
      const token = await tokens.getApiToken(db.kysely, (request.params as { id: string }).id);
      authorize(request, 'token.revoke', { type: 'agency', agencyId: token.agencyId });
      await tokens.revokeApiToken(db.kysely, token.id, clock);
      return reply.redirect('/admin/tokens', 303);
    },
  );
}
