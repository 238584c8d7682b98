import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/types.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { formErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import { authorize } from '../identity/access.ts';
import { can } from '../identity/policy.ts';
import {
  type AgencyFormValues,
  agencyEditPage,
  agencyNewPage,
  agencyTreePage,
  type ParentOption,
  type TreeNode,
} from './agencies.pages.tsx';
import { agencyFormSchema, agencyMoveSchema } from './agencies.schema.ts';
import * as agencies from './agencies.service.ts';

const agencyParam = (request: FastifyRequest) => ({
  type: 'agency' as const,
  agencyId: (request.params as { id: string }).id,
});

const notices: Record<string, string> = {
  created: 'agencies.notice.created',
  saved: 'agencies.notice.saved',
  moved: 'agencies.notice.moved',
  deactivated: 'agencies.notice.deactivated',
  activated: 'agencies.notice.activated',
};

function noticeOf(request: FastifyRequest): string | undefined {
  const key = notices[String((request.query as Record<string, unknown>).done ?? '')];
  return key && request.t(key);
}

const toValues = (a: agencies.Agency): AgencyFormValues => ({
  identifier: a.identifier,
  name: a.name,
  kind: a.kind,
  level: a.level,
  parentId: a.parentId,
  address: a.address,
  phone: a.phone,
  email: a.email,
});

export async function agencyRoutes(app: App, { db, clock }: Deps): Promise<void> {
  /** The agencies the actor may administer, indented by depth, for parent pickers. */
  async function parentOptions(request: FastifyRequest, exclude?: string): Promise<ParentOption[]> {
    const all = await agencies.listAgencies(db.kysely);
    const tree = await agencies.agencyTree(db.kysely);
    const excluded = new Set(exclude ? tree.subtree(exclude) : []);
    const options: ParentOption[] = [{ value: '', label: request.t('agencies.field.parentPick') }];
    for (const node of buildTree(all, () => true)) {
      const walk = (n: TreeNode, depth: number) => {
        if (
          !excluded.has(n.agency.id) &&
          can(request.actor, 'agency.create', { type: 'agency', agencyId: n.agency.id })
        ) {
          options.push({ value: n.agency.id, label: `${'— '.repeat(depth)}${n.agency.name} (${n.agency.identifier})` });
        }
        for (const c of n.children) walk(c, depth + 1);
      };
      walk(node, 0);
    }
    return options;
  }

  function buildTree(all: agencies.Agency[], visible: (a: agencies.Agency) => boolean, editable = visible): TreeNode[] {
    const shown = all.filter(visible);
    const ids = new Set(shown.map((a) => a.id));
    const nodes = new Map(shown.map((a) => [a.id, { agency: a, children: [] as TreeNode[], editable: editable(a) }]));
    const roots: TreeNode[] = [];
    for (const node of nodes.values()) {
      const parent =
        node.agency.parentId && ids.has(node.agency.parentId) ? nodes.get(node.agency.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }

  app.get('/admin/agencies', { config: { policy: 'agency.read' }, schema: { hide: true } }, async (request, reply) => {
    const all = await agencies.listAgencies(db.kysely);
    const roots = buildTree(
      all,
      (a) => can(request.actor, 'agency.read', { type: 'agency', agencyId: a.id }),
      (a) => can(request.actor, 'agency.update', { type: 'agency', agencyId: a.id }),
    );
    const view = agencyTreePage({ roots, canCreate: can(request.actor, 'agency.create'), notice: noticeOf(request) });
    return sendPage(request, reply, request.t('agencies.title'), view);
  });

  async function renderNew(request: FastifyRequest, reply: FastifyReply, values: AgencyFormValues, errors = {}) {
    const view = agencyNewPage({ values, errors, parents: await parentOptions(request) });
    return sendPage(request, reply, request.t('agencies.create'), view, Object.keys(errors).length ? 400 : 200);
  }

  app.get('/admin/agencies/new', { config: { policy: 'agency.create' }, schema: { hide: true } }, (request, reply) =>
    renderNew(request, reply, { parentId: String((request.query as Record<string, unknown>).parentId ?? '') }),
  );

  app.post(
    '/admin/agencies',
    { config: { policy: 'agency.create' }, schema: { hide: true } },
    async (request, reply) => {
      const values = (request.body ?? {}) as AgencyFormValues;
      const parsed = agencyFormSchema.safeParse(values);
      if (!parsed.success) return renderNew(request, reply, values, formErrors(request.t, parsed.error.issues));
      if (!parsed.data.parentId) {
        return renderNew(request, reply, values, { parentId: request.t('agencies.error.parent') });
      }
      authorize(request, 'agency.create', { type: 'agency', agencyId: parsed.data.parentId });
      try {
        await agencies.createAgency(db.kysely, parsed.data, clock);
      } catch (error) {
        if (error instanceof ValidationError)
          return renderNew(request, reply, values, formErrors(request.t, error.fields));
        throw error;
      }
      return reply.redirect('/admin/agencies?done=created', 303);
    },
  );

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    agency: agencies.Agency,
    values: AgencyFormValues,
    errors = {},
  ) {
    const view = agencyEditPage({
      agency,
      values,
      errors,
      parents: await parentOptions(request, agency.id),
      notice: noticeOf(request),
    });
    return sendPage(request, reply, agency.name, view, Object.keys(errors).length ? 400 : 200);
  }

  const byId = (request: FastifyRequest) => agencies.getAgency(db.kysely, (request.params as { id: string }).id);

  app.get(
    '/admin/agencies/:id',
    { config: { policy: { action: 'agency.update', resource: agencyParam } }, schema: { hide: true } },
    async (request, reply) => {
      const agency = await byId(request);
      return renderEdit(request, reply, agency, toValues(agency));
    },
  );

  app.post(
    '/admin/agencies/:id',
    { config: { policy: { action: 'agency.update', resource: agencyParam } }, schema: { hide: true } },
    async (request, reply) => {
      const agency = await byId(request);
      const values = (request.body ?? {}) as AgencyFormValues;
      const parsed = agencyFormSchema.safeParse(values);
      if (!parsed.success)
        return renderEdit(request, reply, agency, values, formErrors(request.t, parsed.error.issues));
      try {
        await agencies.updateAgency(db.kysely, agency.id, parsed.data, clock);
      } catch (error) {
        if (error instanceof ValidationError) {
          return renderEdit(request, reply, agency, values, formErrors(request.t, error.fields));
        }
        throw error;
      }
      return reply.redirect(`/admin/agencies/${agency.id}?done=saved`, 303);
    },
  );

  app.post(
    '/admin/agencies/:id/move',
    { config: { policy: { action: 'agency.move', resource: agencyParam } }, schema: { hide: true } },
    async (request, reply) => {
      const agency = await byId(request);
      const parsed = agencyMoveSchema.safeParse(request.body ?? {});
      if (!parsed.success) {
        return renderEdit(request, reply, agency, toValues(agency), formErrors(request.t, parsed.error.issues));
      }
      authorize(request, 'agency.move', { type: 'agency', agencyId: parsed.data.parentId });
      try {
        await agencies.moveAgency(db.kysely, agency.id, parsed.data.parentId, clock);
      } catch (error) {
        if (error instanceof ConflictError || error instanceof ValidationError) {
          return renderEdit(request, reply, agency, toValues(agency), { parentId: request.t(error.messageKey) });
        }
        throw error;
      }
      return reply.redirect(`/admin/agencies/${agency.id}?done=moved`, 303);
    },
  );

  for (const [path, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/admin/agencies/:id/${path}`,
      { config: { policy: { action: 'agency.deactivate', resource: agencyParam } }, schema: { hide: true } },
      async (request, reply) => {
        const agency = await byId(request);
        await agencies.setAgencyActive(db.kysely, agency.id, active, clock);
        return reply.redirect(`/admin/agencies/${agency.id}?done=${active ? 'activated' : 'deactivated'}`, 303);
      },
    );
  }
}
