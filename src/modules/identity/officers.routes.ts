import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { formErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import * as agencies from '../agencies/agencies.service.ts';
import { authorize } from './access.ts';
import * as accounts from './accounts.service.ts';
import { formText } from './identity.schema.ts';
import { grantRole } from './identity.service.ts';
import {
  type InviteValues,
  type Option,
  officerDetailPage,
  officerInvitePage,
  officerListPage,
} from './officers.pages.tsx';
import { type Actor, can, officerRoles, type Resource } from './policy.ts';
import { isEmail } from './validators.ts';

const roleForm = z.object({
  agencyId: formText.pipe(z.string().min(1, 'officers.error.agency')),
  role: formText.pipe(z.enum(officerRoles, { error: 'officers.error.role' })),
});

const inviteForm = roleForm.extend({
  fullName: formText.pipe(z.string().trim().min(2, 'validators.fullName').max(200, 'validators.fullName')),
  username: formText.pipe(
    z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9._-]{3,50}$/, 'officers.error.username'),
  ),
  email: formText.pipe(z.string().trim().refine(isEmail, 'validators.email')),
});

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

/** May the actor see this officer? Officers with no role yet are visible to every administrator. */
function visible(actor: Actor, officer: accounts.OfficerSummary): boolean {
  if (officer.roles.length === 0) return can(actor, 'officer.read');
  return officer.roles.some((r) => can(actor, 'officer.read', { type: 'agency', agencyId: r.agencyId }));
}

const notices: Record<string, string> = {
  invited: 'officers.notice.invited',
  roleAdded: 'officers.notice.roleAdded',
  roleRemoved: 'officers.notice.roleRemoved',
  suspended: 'officers.notice.suspended',
  reactivated: 'officers.notice.reactivated',
};

export async function officerRoutes(app: App, { db, clock, config }: Deps): Promise<void> {
  async function agencyChoices(request: FastifyRequest, action: 'officer.invite' | 'officer.assignRole') {
    const all = await agencies.listAgencies(db.kysely);
    const options: Option[] = [{ value: '', label: request.t('officers.field.agencyPick') }];
    for (const a of all) {
      if (a.active && can(request.actor, action, { type: 'agency', agencyId: a.id })) {
        options.push({ value: a.id, label: `${a.name} (${a.identifier})` });
      }
    }
    return { options, names: new Map(all.map((a) => [a.id, a.name])) };
  }

  const officerResource = async (request: FastifyRequest): Promise<Resource> => {
    const officer = await accounts.getOfficer(db.kysely, idOf(request));
    return { type: 'officer', userId: officer.id, agencyIds: officer.roles.map((r) => r.agencyId) };
  };

  app.get('/admin/officers', { config: { policy: 'officer.read' }, schema: { hide: true } }, async (request, reply) => {
    const officers = (await accounts.listOfficers(db.kysely)).filter((o) => visible(request.actor, o));
    const { names } = await agencyChoices(request, 'officer.invite');
    const view = officerListPage({ officers, agencyNames: names, canInvite: can(request.actor, 'officer.invite') });
    return sendPage(request, reply, request.t('officers.title'), view);
  });

  async function renderInvite(request: FastifyRequest, reply: FastifyReply, values: InviteValues, errors = {}) {
    const { options } = await agencyChoices(request, 'officer.invite');
    const view = officerInvitePage({ values, errors, agencies: options });
    return sendPage(request, reply, request.t('officers.invite'), view, Object.keys(errors).length ? 400 : 200);
  }

  app.get('/admin/officers/new', { config: { policy: 'officer.invite' }, schema: { hide: true } }, (request, reply) =>
    renderInvite(request, reply, {}),
  );

  app.post(
    '/admin/officers',
    { config: { policy: 'officer.invite' }, schema: { hide: true } },
    async (request, reply) => {
      const values = (request.body ?? {}) as InviteValues;
      const parsed = inviteForm.safeParse(values);
      if (!parsed.success) return renderInvite(request, reply, values, formErrors(request.t, parsed.error.issues));
      authorize(request, 'officer.invite', { type: 'agency', agencyId: parsed.data.agencyId });
      try {
        const user = await accounts.inviteOfficer(db.kysely, parsed.data, config.baseUrl, clock);
        return reply.redirect(`/admin/officers/${user.id}?done=invited`, 303);
      } catch (error) {
        if (error instanceof ValidationError)
          return renderInvite(request, reply, values, formErrors(request.t, error.fields));
        throw error;
      }
    },
  );

  async function renderDetail(request: FastifyRequest, reply: FastifyReply, errors = {}) {
    const officer = await accounts.getOfficer(db.kysely, idOf(request));
    if (!visible(request.actor, officer)) throw new NotFoundError();
    const { options, names } = await agencyChoices(request, 'officer.assignRole');
    const removable = new Set(
      officer.roles
        .filter((r) => can(request.actor, 'officer.assignRole', { type: 'agency', agencyId: r.agencyId }))
        .map((r) => `${r.agencyId}:${r.role}`),
    );
    const resource: Resource = { type: 'officer', userId: officer.id, agencyIds: officer.roles.map((r) => r.agencyId) };
    const done = notices[String((request.query as Record<string, unknown>).done ?? '')];
    const view = officerDetailPage({
      officer,
      agencyNames: names,
      agencies: options,
      removable,
      canAssign: options.length > 1,
      canSuspend: officer.id !== request.actor.id && can(request.actor, 'officer.suspend', resource),
      errors,
      notice: done && request.t(done),
    });
    return sendPage(request, reply, officer.fullName, view, Object.keys(errors).length ? 400 : 200);
  }

  app.get('/admin/officers/:id', { config: { policy: 'officer.read' }, schema: { hide: true } }, (request, reply) =>
    renderDetail(request, reply),
  );

  for (const [path, remove] of [
    ['roles', false],
    ['roles/remove', true],
  ] as const) {
    app.post(
      `/admin/officers/:id/${path}`,
      { config: { policy: 'officer.assignRole' }, schema: { hide: true } },
      async (request, reply) => {
        const officer = await accounts.getOfficer(db.kysely, idOf(request));
        const parsed = roleForm.safeParse(request.body ?? {});
        if (!parsed.success) return renderDetail(request, reply, formErrors(request.t, parsed.error.issues));
        const { agencyId, role } = parsed.data;
        authorize(request, 'officer.assignRole', { type: 'agency', agencyId });
        if (remove) await accounts.revokeRole(db.kysely, officer.id, agencyId, role);
        else {
          await agencies.getAgency(db.kysely, agencyId);
          await grantRole(db.kysely, officer.id, agencyId, role, clock);
        }
        return reply.redirect(`/admin/officers/${officer.id}?done=${remove ? 'roleRemoved' : 'roleAdded'}`, 303);
      },
    );
  }

  for (const [path, suspended] of [
    ['suspend', true],
    ['reactivate', false],
  ] as const) {
    app.post(
      `/admin/officers/:id/${path}`,
      { config: { policy: { action: 'officer.suspend', resource: officerResource } }, schema: { hide: true } },
      async (request, reply) => {
        const id = idOf(request);
        // An administrator cannot lock themselves out.
        if (id === request.actor.id) throw new ValidationError([{ path: 'id', messageKey: 'officers.error.self' }]);
        await accounts.setSuspended(db.kysely, id, suspended);
        return reply.redirect(`/admin/officers/${id}?done=${suspended ? 'suspended' : 'reactivated'}`, 303);
      },
    );
  }
}
