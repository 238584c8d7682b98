import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { parseIsoDate, vietnamDateOf } from '../../lib/vn-time.ts';
import type { FormErrors } from '../../web/forms.tsx';
import { translate } from '../../web/i18n/index.ts';
import { sendPage } from '../../web/render.tsx';
import { authorize } from '../identity/access.ts';
import * as accounts from '../identity/accounts.service.ts';
import type { OfficerRole } from '../identity/identity.tables.ts';
import type { Actor as SessionActor } from '../identity/policy.ts';
import { mayExempt } from '../payments/exemption-access.ts';
import { feeSection } from '../payments/payments.pages.tsx';
import { feeExemptionsOf } from '../payments/payments.service.ts';
import { postalJourney } from '../postal/postal.pages.tsx';
import { postalOrdersOf } from '../postal/postal.service.ts';
import {
  type AgencyDirectory,
  assertReadable,
  dossierActor,
  dossierResource,
  mayCommand,
  requestDirectory,
} from './dossier-access.ts';
import { availableCommands } from './dossier-commands.ts';
import {
  availableDocuments,
  type DocumentContext,
  type DocumentKind,
  documentKinds,
  renderDossierDocument,
  renderDossierRegister,
} from './dossier-documents.ts';
import { actOnDossier, dossierPolicyResource, guardedDossier } from './dossiers.routes.ts';
import { type DossierCommand, type DossierDetail, dossierCodeParams, type QueueStage } from './dossiers.schema.ts';
import {
  type BulkAssignView,
  bulkAssignResultPage,
  bulkAssignStages,
  type DossierPageView,
  dossierPage,
  QUEUE_PAGE_SIZE,
  queuePage,
  registerPage,
  stageNames,
} from './office.pages.tsx';

type CommandName = DossierCommand['action'];

/** The roles whose work each queue holds; administrators and auditors see every queue of their agencies. */
const stageRoles: Record<QueueStage, readonly OfficerRole[]> = {
  awaitingIntake: ['intake'],
  received: ['intake', 'leader'],
  processing: ['processor', 'leader'],
  awaitingSupplement: ['intake', 'processor'],
  awaitingPayment: ['cashier', 'processor'],
  toReturn: ['intake'],
  returned: ['intake'],
  closed: ['intake', 'processor', 'leader', 'cashier'],
};
const overseers: readonly OfficerRole[] = ['admin', 'auditor'];

/** Whether the officer holds a role that may assign dossiers (intake or leader) at some agency. */
function mayAssignSomewhere(actor: SessionActor): boolean {
  return (['intake', 'leader'] as const).some((role) => (actor.scopes.get(role)?.size ?? 0) > 0);
}

const isBulkAssignStage = (stage: QueueStage): stage is (typeof bulkAssignStages)[number] =>
  (bulkAssignStages as readonly QueueStage[]).includes(stage);

/** Electronic identifiers of the agencies where the officer holds one of the roles. */
function agenciesWithRoles(actor: SessionActor, roles: readonly OfficerRole[], directory: AgencyDirectory): string[] {
  const identifiers = new Set<string>();
  for (const role of roles) {
    for (const id of actor.scopes.get(role) ?? []) {
      const agency = directory.byId.get(id);
      if (agency) identifiers.add(agency.identifier);
    }
  }
  return [...identifiers].sort();
}

const queueParams = z.object({ stage: z.enum(stageNames as [QueueStage, ...QueueStage[]]) });
const queueQuery = z.object({
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).catch(QUEUE_PAGE_SIZE).default(QUEUE_PAGE_SIZE),
});
const bulkAssignParams = z.object({ stage: z.enum(bulkAssignStages) });
/** Each checkbox carries `code@version`, so that every assignment checks the version the officer saw. */
const bulkAssignBody = z.object({
  assigneeId: z.string().max(100).default(''),
  dossier: z
    .union([z.string().max(80), z.array(z.string().max(80)).max(100)])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
});
const documentParams = dossierCodeParams.extend({ file: z.string().max(40) });
const fileParams = dossierCodeParams.extend({ id: z.string().max(100) });
const registerQuery = z.object({
  agency: z.string().max(40).optional(),
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
  format: z.enum(['pdf', 'xlsx']).optional(),
});
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The fields of an action form, posted urlencoded or (with a file) as multipart. */
interface PostedForm {
  fields: Record<string, string>;
  fileId?: string;
  fileError?: AppError;
}

/** The back office: work queues, the dossier page and its actions, printed documents, the register. */
export async function officeRoutes(app: App, deps: Deps): Promise<void> {
  const { db, dossiers, files, calendar, config, clock } = deps;
  const resource = dossierPolicyResource(dossiers, deps);
  // The back office is for officers: an applicant reads their dossier on the portal.
  app.addHook('preHandler', async (request) => authorize(request, 'office.view'));

  /** Everyone a dossier's page or documents name: who acted on it, and its assignee. */
  function peopleOf(dossier: DossierDetail): string[] {
    const ids = dossier.actions.map((a) => a.actorId);
    if (dossier.assigneeId) ids.push(dossier.assigneeId);
    return ids;
  }

  /** Every officer's name (the register names the people of thousands of dossiers). */
  async function peopleNames(): Promise<Map<string, string>> {
    return new Map((await accounts.listOfficers(db.kysely)).map((o) => [o.id, o.fullName]));
  }

  function documentContext(directory: AgencyDirectory, names: Map<string, string>): DocumentContext {
    return {
      agency(identifier) {
        const agency = directory.byIdentifier.get(identifier);
        const parent = agency?.parentId ? directory.byId.get(agency.parentId) : undefined;
        return { name: agency?.name ?? identifier, ...(parent && { parent: parent.name }) };
      },
      userName: (id) => names.get(id) ?? id,
      place: config.province.name,
      baseUrl: config.baseUrl,
      now: clock.now(),
      text: (key) => translate('vi', key),
    };
  }

  async function renderDossier(
    request: FastifyRequest,
    reply: FastifyReply,
    dossier: DossierDetail,
    extra: Pick<DossierPageView, 'notice' | 'conflict' | 'failed'> = {},
    status = 200,
  ) {
    const directory = await requestDirectory(request, db.kysely);
    const current = directory.byIdentifier.get(dossier.currentAgencyId)?.id;
    const fileIds = dossier.components.flatMap((c) => c.fileIds);
    // Independent reads, at once (on PostgreSQL, on several connections). Only the people the page names are read,
    // and the processors of the agency the dossier is at: not every officer.
    const [exemptions, names, assignees, found, postalOrders] = await Promise.all([
      feeExemptionsOf(db.kysely, dossier),
      accounts.userNames(db.kysely, peopleOf(dossier)),
      current ? accounts.processorsAt(db.kysely, [current]) : [],
      files.getMany(fileIds),
      postalOrdersOf(db, dossier.id),
    ]);
    const deciders = exemptions.decisions.map((d) => d.decidedBy).filter((id) => !names.has(id));
    if (deciders.length > 0)
      for (const [id, name] of await accounts.userNames(db.kysely, deciders)) names.set(id, name);
    names.set(dossier.applicant.userId ?? '', dossier.applicant.name);
    const stored = fileIds.map((id) => {
      const file = found.get(id);
      if (!file) throw new Error(`dossier ${dossier.code}: file ${id} is missing`);
      return file;
    });
    const now = clock.now();
    const running = (dossier.status === 2 || dossier.status === 4) && !dossier.pausedAt;
    const remaining =
      running && dossier.dueAt ? (await calendar.current()).engine.remainingWorkingTime(now, dossier.dueAt) : null;
    const actor = dossierActor(request.actor, directory);
    const policyResource = dossierResource(dossier, directory);
    const commands = availableCommands(
      { ...dossier, currentStep: dossier.currentStep.index, applicantUserId: dossier.applicant.userId },
      dossier.definition,
      actor,
      now,
    ).filter((command) => mayCommand(request.actor, command, policyResource));
    const view: DossierPageView = {
      dossier,
      agencyName: (identifier) => directory.byIdentifier.get(identifier)?.name ?? identifier,
      userName: (id) => names.get(id) ?? id,
      files: new Map(stored.map((f) => [f.id, { name: f.name, size: f.size }])),
      remaining,
      commands,
      documents: availableDocuments(dossier),
      assignees,
      maxFileMb: config.env.MOTCUA_MAX_FILE_MB,
      csrfQuery: `?_csrf=${encodeURIComponent(request.csrfToken())}`,
      sections: [
        postalJourney(dossier.code, postalOrders),
        feeSection(dossier.code, exemptions, {
          mayExempt: mayExempt(request.actor, dossier, directory),
          userName: (id) => names.get(id) ?? id,
        }),
      ],
      ...extra,
    };
    return sendPage(
      request,
      reply,
      request.t('office.dossier.title', { code: dossier.code }),
      dossierPage(view),
      status,
    );
  }

  app.get(
    '/office/queues/:stage',
    { config: { policy: 'dossier.read' }, schema: { hide: true, params: queueParams, querystring: queueQuery } },
    async (request, reply) => {
      const { stage } = request.params;
      const directory = await requestDirectory(request, db.kysely);
      const agencyIds = agenciesWithRoles(request.actor, [...stageRoles[stage], ...overseers], directory);
      const search = request.query.q?.trim() ?? '';
      const queue = await dossiers.officerQueue({
        agencyIds,
        stage,
        page: request.query.page,
        limit: request.query.limit,
        ...(search && { search }),
      });
      const bulkAssignees = isBulkAssignStage(stage) ? await processorsOf(agencyIds, directory) : [];
      const view = queuePage({
        stage,
        queue,
        search,
        hasAgencies: agencyIds.length > 0,
        ...(bulkAssignees.length > 0 && mayAssignSomewhere(request.actor) && { bulkAssignees }),
      });
      return sendPage(request, reply, request.t(`office.stage.${stage}`), view);
    },
  );

  /** Processors (id and name) of the agencies with these electronic identifiers. */
  async function processorsOf(identifiers: readonly string[], directory: AgencyDirectory) {
    const ids = new Set(identifiers.map((identifier) => directory.byIdentifier.get(identifier)?.id));
    return (await accounts.listOfficers(db.kysely))
      .filter((o) => o.status === 'active' && o.roles.some((r) => r.role === 'processor' && ids.has(r.agencyId)))
      .map((o) => ({ id: o.id, name: o.fullName, agencyIds: new Set(o.roles.map((r) => r.agencyId)) }));
  }

  // Bulk assignment: one form post; each dossier goes through the lifecycle's assign command with its own version
  // check and its own access check, and the page reports what became of each.
  app.post(
    '/office/queues/:stage/assign',
    { config: { policy: 'dossier.read' }, schema: { hide: true, params: bulkAssignParams, body: bulkAssignBody } },
    async (request, reply) => {
      const { stage } = request.params;
      const { assigneeId, dossier: selected } = request.body;
      const directory = await requestDirectory(request, db.kysely);
      const agencyIds = agenciesWithRoles(request.actor, [...stageRoles[stage], ...overseers], directory);
      const assignee = (await processorsOf(agencyIds, directory)).find((p) => p.id === assigneeId);
      const render = (view: BulkAssignView, status = 200) =>
        sendPage(request, reply, request.t('office.bulkAssign.title'), bulkAssignResultPage(view), status);
      const problem = !selected.length
        ? 'office.bulkAssign.noneSelected'
        : !assignee
          ? 'office.bulkAssign.noAssignee'
          : '';
      if (problem || !assignee) {
        return render({ stage, assigneeName: '', results: [], problem: request.t(problem) }, 400);
      }
      const actor = dossierActor(request.actor, directory);
      const results: BulkAssignView['results'] = [];
      for (const entry of new Set(selected)) {
        const at = entry.lastIndexOf('@');
        const code = at > 0 ? entry.slice(0, at) : entry;
        const version = Number(entry.slice(at + 1));
        results.push({ code, ...(await assignOne(request, actor, code, version, assignee, directory)) });
      }
      return render({ stage, assigneeName: assignee.name, results });
    },
  );

  async function assignOne(
    request: FastifyRequest,
    actor: ReturnType<typeof dossierActor>,
    code: string,
    version: number,
    assignee: { id: string; agencyIds: ReadonlySet<string> },
    directory: AgencyDirectory,
  ): Promise<Pick<BulkAssignView['results'][number], 'outcome' | 'reason'>> {
    const { actor: sessionActor, t } = request;
    let dossier: DossierDetail;
    try {
      dossier = await dossiers.getDossier(code);
      assertReadable(sessionActor, code, dossierResource(dossier, directory));
    } catch (error) {
      if (error instanceof NotFoundError) return { outcome: 'notFound' };
      throw error;
    }
    if (!mayCommand(sessionActor, 'assign', dossierResource(dossier, directory))) return { outcome: 'notAllowed' };
    const current = directory.byIdentifier.get(dossier.currentAgencyId)?.id ?? '';
    if (!assignee.agencyIds.has(current)) return { outcome: 'refused', reason: t('office.bulkAssign.notProcessor') };
    try {
      await dossiers.act(code, actor, { action: 'assign', assigneeId: assignee.id }, version);
      return { outcome: 'assigned' };
    } catch (error) {
      if (error instanceof ConflictError) {
        return error.code === 'stale_version'
          ? { outcome: 'stale' }
          : { outcome: 'refused', reason: t(error.messageKey, error.params) };
      }
      if (error instanceof ValidationError) return { outcome: 'refused' };
      throw error;
    }
  }

  app.get(
    '/office/dossiers/:code',
    {
      config: { policy: { action: 'dossier.read', resource } },
      schema: { hide: true, params: dossierCodeParams, querystring: z.object({ done: z.string().max(40).optional() }) },
    },
    async (request, reply) => {
      const { done } = request.query;
      const notice =
        done && /^[a-z_]+$/.test(done)
          ? request.t('office.dossier.done', { action: request.t(`dossiers.action.${done}`) })
          : undefined;
      return renderDossier(request, reply, guardedDossier(request), notice ? { notice } : {});
    },
  );

  /** Reads the posted form; a file goes to the store at once (an unused upload is swept later). */
  async function readForm(request: FastifyRequest): Promise<PostedForm> {
    if (!request.isMultipart()) return { fields: (request.body ?? {}) as Record<string, string> };
    const form: PostedForm = { fields: {} };
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        form.fields[part.fieldname] = String(part.value);
      } else if (!part.filename || form.fileId || form.fileError) {
        part.file.resume();
      } else {
        try {
          const stored = await files.upload({
            stream: part.file,
            filename: part.filename,
            uploadedBy: request.actor.id,
          });
          form.fileId = stored.id;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          part.file.resume();
          form.fileError = error;
        }
      }
    }
    return form;
  }

  app.post(
    '/office/dossiers/:code/actions',
    { config: { policy: { action: 'dossier.read', resource } }, schema: { hide: true, params: dossierCodeParams } },
    async (request, reply) => {
      const dossier = guardedDossier(request);
      const form = await readForm(request);
      const action = form.fields.action as CommandName;
      const values = form.fields;
      const field = (name: string) => values[`${action}.${name}`]?.trim() ?? '';
      const failed = (errors: FormErrors, status = 400) =>
        renderDossier(request, reply, dossier, { failed: { command: action, errors, values } }, status);
      if (form.fileError)
        return failed({ [`${action}.file`]: request.t(form.fileError.messageKey, form.fileError.params) });
      const command = commandFrom(action, field, form.fileId);
      if (!command) return failed({ [`${action}.comment`]: request.t('dossiers.api.action') });
      try {
        await actOnDossier(request, deps, command, Number(values.expectedVersion));
      } catch (error) {
        if (error instanceof ConflictError) {
          const conflict = request.t(error.messageKey, error.params);
          return renderDossier(request, reply, await dossiers.getDossier(dossier.code), { conflict }, 409);
        }
        if (error instanceof ValidationError) {
          const errors: FormErrors = {};
          for (const problem of error.fields) {
            const first = problem.path.split('.')[0] ?? '';
            const name = ['components', 'resultFileIds', 'files'].includes(first) ? 'file' : first;
            errors[`${action}.${name}`] ??= request.t(problem.messageKey, problem.params);
          }
          return failed(errors);
        }
        throw error;
      }
      return reply.redirect(`/office/dossiers/${dossier.code}?done=${action}`, 303);
    },
  );

  app.get(
    '/office/dossiers/:code/documents/:file',
    { config: { policy: { action: 'dossier.read', resource } }, schema: { hide: true, params: documentParams } },
    async (request, reply) => {
      const kind = request.params.file.replace(/\.pdf$/, '') as DocumentKind;
      const dossier = guardedDossier(request);
      const notFound = new NotFoundError('errors.notFound');
      if (!documentKinds.includes(kind) || !request.params.file.endsWith('.pdf')) throw notFound;
      const directory = await requestDirectory(request, db.kysely);
      const names = await accounts.userNames(db.kysely, peopleOf(dossier));
      const pdf = await renderDossierDocument(kind, dossier, documentContext(directory, names));
      if (!pdf) throw notFound;
      return reply
        .type(PDF)
        .header('content-disposition', `inline; filename="${dossier.code}-${kind}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/office/dossiers/:code/files/:id',
    { config: { policy: { action: 'dossier.read', resource } }, schema: { hide: true, params: fileParams } },
    async (request, reply) => {
      const dossier = guardedDossier(request);
      const file = await files.get(request.params.id);
      if (file.refKind !== 'dossier' || file.refId !== dossier.id) throw new NotFoundError('files.errors.notFound');
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('cache-control', 'no-store')
        .send(files.open(file));
    },
  );

  function registerAgencies(actor: SessionActor, directory: AgencyDirectory) {
    return agenciesWithRoles(actor, ['intake', 'leader', ...overseers], directory).map((identifier) => ({
      identifier,
      name: directory.byIdentifier.get(identifier)?.name ?? identifier,
    }));
  }

  app.get(
    '/office/register',
    { config: { policy: 'dossier.read' }, schema: { hide: true } },
    async (request, reply) => {
      const directory = await requestDirectory(request, db.kysely);
      const agencies = registerAgencies(request.actor, directory);
      const today = vietnamDateOf(clock.now());
      const values = { agency: agencies[0]?.identifier ?? '', from: `${today.slice(0, 8)}01`, to: today };
      return sendPage(
        request,
        reply,
        request.t('office.register.title'),
        registerPage({ agencies, values, errors: {} }),
      );
    },
  );

  app.get(
    '/office/register/download',
    { config: { policy: 'dossier.read' }, schema: { hide: true, querystring: registerQuery } },
    async (request, reply) => {
      const directory = await requestDirectory(request, db.kysely);
      const agencies = registerAgencies(request.actor, directory);
      const values = { agency: request.query.agency ?? '', from: request.query.from ?? '', to: request.query.to ?? '' };
      const errors: FormErrors = {};
      if (!agencies.some((a) => a.identifier === values.agency))
        errors.agency = request.t('office.register.error.agency');
      for (const key of ['from', 'to'] as const) {
        if (parseIsoDate(values[key]) === undefined) errors[key] = request.t('office.register.error.date');
      }
      if (!errors.from && !errors.to && values.from > values.to) errors.to = request.t('office.register.error.order');
      if (Object.keys(errors).length > 0) {
        const page = registerPage({ agencies, values, errors });
        return sendPage(request, reply, request.t('office.register.title'), page, 400);
      }
      const format = request.query.format ?? 'pdf';
      const list = await dossiers.register([values.agency], values.from, values.to);
      const names = await peopleNames();
      const file = await renderDossierRegister(
        format,
        list,
        { agencyId: values.agency, from: values.from, to: values.to },
        documentContext(directory, names),
      );
      return reply
        .type(format === 'pdf' ? PDF : XLSX)
        .header('content-disposition', `attachment; filename="so-theo-doi-${values.from}-${values.to}.${format}"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
}

/** The command an action form stands for, from its fields (named `{action}.{field}`). */
function commandFrom(
  action: CommandName,
  field: (name: string) => string,
  fileId: string | undefined,
): DossierCommand | undefined {
  const comment = field('comment') || undefined;
  switch (action) {
    case 'accept':
    case 'approve':
      return { action, comment };
    case 'refuse':
    case 'send_back':
    case 'stop':
      return { action, reason: field('reason') };
    case 'withdraw':
      return { action, reason: field('reason') || undefined };
    case 'request_supplement':
      return { action, missing: field('missing').split(/\r?\n/), comment };
    case 'receive_supplement':
      return { action, components: fileId ? [{ code: field('component'), fileIds: [fileId] }] : [], comment };
    case 'assign':
      return { action, assigneeId: field('assigneeId'), comment };
    case 'forward':
      return { action, assigneeId: field('assigneeId') || undefined, comment };
    case 'request_payment':
      return { action, amount: Number(field('amount').replace(/[.\s]/g, '')), comment };
    case 'confirm_payment': {
      const method = field('method') as 'cash' | 'pos' | 'transfer' | 'online';
      return {
        action,
        amount: Number(field('amount').replace(/[.\s]/g, '')),
        method,
        reference: field('reference') || undefined,
      };
    }
    case 'extend_with_apology':
      return { action, newDueDate: field('newDueDate'), reason: field('reason') };
    case 'resolve':
      return { action, resultFileIds: fileId ? [fileId] : [], comment };
    case 'return_result': {
      const method = field('method') as 'counter' | 'postal' | 'electronic';
      return { action, method: method || undefined, postalItemCode: field('postalItemCode') || undefined };
    }
    default:
      return undefined;
  }
}
