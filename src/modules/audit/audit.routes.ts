import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { parseIsoDate } from '../../lib/vn-time.ts';
import type { FormErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import { listAgencies } from '../agencies/agencies.service.ts';
import { isAction, visibleScope } from '../identity/policy.ts';
import { auditCsvLines } from './audit.csv.ts';
import { auditPage } from './audit.pages.tsx';
import { type AuditFilter, auditEventsInRange, listAuditEvents } from './audit.service.ts';

const PAGE = 50;
const text = z.string().trim().max(200).optional();
/** Every field arrives as typed; the checks below turn a bad one into a message on the page, not a bare 400. */
const filterQuery = z.object({
  actor: text,
  action: text,
  agency: text,
  from: text,
  to: text,
  resource: text,
  before: text,
});
type FilterQuery = z.infer<typeof filterQuery>;

interface Checked {
  filter: AuditFilter;
  before?: number;
  errors: FormErrors;
}

/** Validates the filters against what this reader may choose: known actions, visible agencies, real dates. */
function checkFilters(request: FastifyRequest, q: FilterQuery, visibleAgencies: ReadonlySet<string>): Checked {
  const t = request.t;
  const errors: FormErrors = {};
  const date = (name: 'from' | 'to') => {
    const value = q[name] || undefined;
    if (value !== undefined && parseIsoDate(value) === undefined) errors[name] = t('audit.error.date');
    return value;
  };
  const from = date('from');
  const to = date('to');
  if (from && to && !errors.from && !errors.to && from > to) errors.to = t('audit.error.range');
  const action = q.action || undefined;
  if (action !== undefined && !isAction(action)) errors.action = t('audit.error.action');
  const agencyId = q.agency || undefined;
  if (agencyId !== undefined && !visibleAgencies.has(agencyId)) errors.agency = t('audit.error.agency');
  const before = q.before ? Number(q.before) : undefined;
  if (before !== undefined && !(Number.isSafeInteger(before) && before > 0)) errors.before = t('audit.error.page');
  return {
    filter: { actorName: q.actor || undefined, action, agencyId, from, to, resource: q.resource || undefined },
    before,
    errors,
  };
}

/** The filters as a query string, for the pager and the export link. */
function filterSearch(q: FilterQuery): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of ['actor', 'action', 'agency', 'from', 'to', 'resource'] as const) {
    const value = q[key];
    if (value) search.set(key, value);
  }
  return search;
}

/** The audit log for administrators and auditors: each sees the events of the agencies under them. */
export async function auditRoutes(app: App, { db }: Deps): Promise<void> {
  const policy = { policy: 'audit.read' as const };

  async function visibleAgencies(request: FastifyRequest) {
    const scope = visibleScope(request.actor, 'audit.read');
    const allowed = scope && 'agencyIds' in scope ? scope.agencyIds : new Set<string>();
    return (await listAgencies(db.kysely)).filter((a) => allowed.has(a.id));
  }

  app.get(
    '/admin/audit',
    { config: policy, schema: { hide: true, querystring: filterQuery } },
    async (request, reply) => {
      const agencies = await visibleAgencies(request);
      const checked = checkFilters(request, request.query, new Set(agencies.map((a) => a.id)));
      const invalid = Object.keys(checked.errors).length > 0;
      const page = invalid
        ? { events: [], olderThan: null }
        : await listAuditEvents(db, request.actor, checked.filter, { before: checked.before, limit: PAGE });
      const actions = [
        ...new Set(app.routePolicies.flatMap((r) => (r.action && r.method !== 'GET' ? [r.action] : []))),
      ];
      const view = auditPage({
        query: request.query,
        search: filterSearch(request.query).toString(),
        errors: checked.errors,
        events: page.events,
        olderThan: page.olderThan,
        firstPage: checked.before !== undefined,
        agencies: agencies.map((a) => ({ id: a.id, name: a.name, identifier: a.identifier })),
        actions: actions.sort(),
      });
      return sendPage(request, reply, request.t('audit.title'), view, invalid ? 400 : 200);
    },
  );

  app.get(
    '/admin/audit/export.csv',
    { config: policy, schema: { hide: true, querystring: filterQuery } },
    async (request, reply) => {
      const agencies = await visibleAgencies(request);
      const checked = checkFilters(request, request.query, new Set(agencies.map((a) => a.id)));
      const problems = Object.entries(checked.errors);
      if (problems.length > 0) {
        return reply
          .code(400)
          .type('text/plain; charset=utf-8')
          .send(problems.map(([name, message]) => `${name}: ${message}`).join('\n'));
      }
      const names = new Map((await listAgencies(db.kysely)).map((a) => [a.id, a.identifier]));
      const events = auditEventsInRange(db, request.actor, checked.filter);
      return reply
        .header('content-disposition', 'attachment; filename="nhat-ky-kiem-tra.csv"')
        .type('text/csv; charset=utf-8')
        .send(Readable.from(auditCsvLines(events, names)));
    },
  );
}
