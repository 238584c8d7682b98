import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import type { FormErrors } from '../../web/forms.tsx';
import { translate } from '../../web/i18n/index.ts';
import { sendPage } from '../../web/render.tsx';
import { agencyDirectory, dossierActor, dossierResource, mayCommand } from '../dossiers/dossier-access.ts';
import { describeKinds } from '../dossiers/dossier-commands.ts';
import {
  availableDocuments,
  type DocumentContext,
  type DocumentKind,
  renderDossierDocument,
} from '../dossiers/dossier-documents.ts';
import type { ComponentFiles, DossierCommand, DossierDetail } from '../dossiers/dossiers.schema.ts';
import { dossierCodeParams } from '../dossiers/dossiers.schema.ts';
import { rolesAllowed } from '../dossiers/lifecycle.ts';
import * as accounts from '../identity/accounts.service.ts';
import { can, type Resource } from '../identity/policy.ts';
import { type MyDossierView, myDossierPage, myDossiersPage } from './my-dossiers.pages.tsx';
import { type RatingService, ratingOpen } from './rating.service.ts';

const loaded = new WeakMap<FastifyRequest, DossierDetail>();

/**
 * The route guard's resource for `/my-dossiers/:code…`: only the dossier's own applicant passes. Officers and tokens
 * are refused outright; any other citizen gets 404, exactly as for a code that does not exist.
 */
export function ownDossier(deps: Pick<Deps, 'dossiers'>) {
  return async (request: FastifyRequest): Promise<Resource> => {
    if (!can(request.actor, 'portal.myDossiers')) throw new ForbiddenError();
    const { code } = request.params as { code: string };
    const dossier = await deps.dossiers.getDossier(code);
    if (!dossier.applicant.userId || dossier.applicant.userId !== request.actor.id) {
      throw new NotFoundError('dossiers.errors.notFound', { code }, 'dossier_not_found');
    }
    loaded.set(request, dossier);
    return { type: 'dossier', applicantId: dossier.applicant.userId, agencyIds: [] };
  };
}

/** The applicant's dossier the guard loaded for this request. */
export function ownedDossier(request: FastifyRequest): DossierDetail {
  const dossier = loaded.get(request);
  if (!dossier) throw new NotFoundError('dossiers.errors.notFound', {}, 'dossier_not_found');
  return dossier;
}

/** Slips the applicant receives; the control sheet stays with the administration. */
const applicantDocuments: ReadonlySet<DocumentKind> = new Set(['receipt', 'supplement', 'refusal', 'apology', 'stop']);
const documentParams = dossierCodeParams.extend({ file: z.string().max(40) });
const resultParams = dossierCodeParams.extend({ id: z.string().max(100) });
const doneQuery = z.object({ done: z.enum(['receive_supplement', 'withdraw', 'rated']).optional().catch(undefined) });
const PDF = 'application/pdf';

/** The result files of the dossier's resolution, once it has a result and the procedure gives it electronically. */
function resultFileIds(dossier: DossierDetail): string[] {
  if (!ratingOpen(dossier.status) || !dossier.definition.procedure.result.electronic) return [];
  const resolution = dossier.actions.findLast((a) => a.action === 'resolve');
  return (resolution?.data?.resultFileIds as string[] | undefined) ?? [];
}

interface PageExtras {
  notice?: string;
  conflict?: string;
  errors?: FormErrors;
  values?: Record<string, string>;
}

/** "My dossiers" (Hồ sơ của tôi): the list, each dossier's page, and what the applicant does on it. */
export async function myDossierRoutes(app: App, deps: Deps & { ratings: RatingService }): Promise<void> {
  const { db, dossiers, files, config, clock, ratings } = deps;
  const policy = { action: 'portal.myDossiers' as const, resource: ownDossier(deps) };

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    dossier: DossierDetail,
    extras: PageExtras = {},
    status = 200,
  ) {
    const directory = await agencyDirectory(db.kysely);
    const results = await Promise.all(resultFileIds(dossier).map((id) => files.get(id)));
    const rated = ratingOpen(dossier.status) ? await ratings.ratingOf(dossier.id) : undefined;
    const view: MyDossierView = {
      dossier,
      agencyName: directory.byIdentifier.get(dossier.receivingAgencyId)?.name ?? dossier.receivingAgencyId,
      documents: availableDocuments(dossier).filter((kind) => applicantDocuments.has(kind)),
      results: results.map((f) => ({ id: f.id, name: f.name })),
      canWithdraw: rolesAllowed(dossier.status, 'withdraw').includes('applicant'),
      rating: !ratingOpen(dossier.status) ? null : rated ? { rated: rated.total } : { open: true },
      supplementComponents: dossier.definition.case.components.map((c) => ({
        ...c,
        accepted: describeKinds(c.fileTypes),
      })),
      maxFileMb: config.env.MOTCUA_MAX_FILE_MB,
      csrfQuery: `?_csrf=${encodeURIComponent(request.csrfToken())}`,
      ...extras,
    };
    const title = request.t('portal.dossier.title', { code: dossier.code });
    return sendPage(request, reply, title, myDossierPage(view), status);
  }

  /** Takes the applicant's command; a refusal shows on the page with its reason, bad input next to its field. */
  async function command(
    request: FastifyRequest,
    reply: FastifyReply,
    cmd: DossierCommand,
    values: Record<string, string>,
    fieldOf: (path: string) => string,
  ) {
    const dossier = ownedDossier(request);
    const directory = await agencyDirectory(db.kysely);
    if (!mayCommand(request.actor, cmd.action, dossierResource(dossier, directory))) throw new ForbiddenError();
    try {
      await dossiers.act(dossier.code, dossierActor(request.actor, directory), cmd, Number(values.expectedVersion));
    } catch (error) {
      if (error instanceof ConflictError) {
        const conflict = request.t(error.messageKey, error.params);
        return render(request, reply, await dossiers.getDossier(dossier.code), { conflict, values }, 409);
      }
      if (error instanceof ValidationError) {
        const errors: FormErrors = {};
        for (const p of error.fields) errors[fieldOf(p.path)] ??= request.t(p.messageKey, p.params);
        return render(request, reply, dossier, { errors, values }, 400);
      }
      throw error;
    }
    return reply.redirect(`/my-dossiers/${dossier.code}?done=${cmd.action}`, 303);
  }

  app.get(
    '/my-dossiers',
    { config: { policy: 'portal.myDossiers' }, schema: { hide: true } },
    async (request, reply) => {
      const list = await dossiers.applicantDossiers(request.actor.id ?? '');
      return sendPage(request, reply, request.t('portal.my.title'), myDossiersPage(list));
    },
  );

  app.get(
    '/my-dossiers/:code',
    { config: { policy }, schema: { hide: true, params: dossierCodeParams, querystring: doneQuery } },
    async (request, reply) => {
      const { done } = request.query;
      return render(
        request,
        reply,
        ownedDossier(request),
        done ? { notice: request.t(`portal.dossier.done.${done}`) } : {},
      );
    },
  );

  app.post(
    '/my-dossiers/:code/supplement',
    { config: { policy }, schema: { hide: true, params: dossierCodeParams } },
    async (request, reply) => {
      const dossier = ownedDossier(request);
      const values: Record<string, string> = {};
      const components: ComponentFiles[] = [];
      const errors: FormErrors = {};
      if (request.isMultipart()) {
        // Each file goes to the store as it arrives; an upload the command then refuses is swept later, unattached.
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            values[part.fieldname] = String(part.value);
          } else if (!part.filename || !part.fieldname.startsWith('file.')) {
            part.file.resume();
          } else {
            try {
              const stored = await files.upload({
                stream: part.file,
                filename: part.filename,
                uploadedBy: request.actor.id,
              });
              components.push({ code: part.fieldname.slice('file.'.length), fileIds: [stored.id] });
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              part.file.resume();
              // The file store names the problem (type, size) as a field problem of its validation error.
              const reason = error.fields[0] ?? error;
              errors[part.fieldname] = request.t(reason.messageKey, reason.params);
            }
          }
        }
      } else {
        Object.assign(values, request.body as Record<string, string> | undefined);
      }
      if (Object.keys(errors).length > 0) return render(request, reply, dossier, { errors, values }, 400);
      const firstFile = `file.${dossier.definition.case.components[0]?.code ?? ''}`;
      const fieldOf = (path: string) => {
        const [head, code] = path.split('.');
        if (head === 'comment') return 'note';
        return head === 'components' && code ? `file.${code}` : firstFile;
      };
      const note = values.note?.trim() || undefined;
      return command(request, reply, { action: 'receive_supplement', components, comment: note }, values, fieldOf);
    },
  );

  app.post(
    '/my-dossiers/:code/withdraw',
    { config: { policy }, schema: { hide: true, params: dossierCodeParams } },
    async (request, reply) => {
      const values = (request.body ?? {}) as Record<string, string>;
      const reason = typeof values.reason === 'string' ? values.reason.trim() || undefined : undefined;
      return command(request, reply, { action: 'withdraw', reason }, values, () => 'reason');
    },
  );

  app.get(
    '/my-dossiers/:code/documents/:file',
    { config: { policy }, schema: { hide: true, params: documentParams } },
    async (request, reply) => {
      const dossier = ownedDossier(request);
      const kind = request.params.file.replace(/\.pdf$/, '') as DocumentKind;
      const notFound = new NotFoundError('errors.notFound');
      if (!applicantDocuments.has(kind) || !request.params.file.endsWith('.pdf')) throw notFound;
      const directory = await agencyDirectory(db.kysely);
      const names = new Map((await accounts.listOfficers(db.kysely)).map((o) => [o.id, o.fullName]));
      const context: DocumentContext = {
        agency(identifier) {
          const agency = directory.byIdentifier.get(identifier);
          const parent = agency?.parentId ? directory.byId.get(agency.parentId) : undefined;
          return { name: agency?.name ?? identifier, ...(parent && { parent: parent.name }) };
        },
        userName: (id) => names.get(id) ?? '',
        place: config.province.name,
        baseUrl: config.baseUrl,
        now: clock.now(),
        text: (key) => translate('vi', key),
      };
      const pdf = await renderDossierDocument(kind, dossier, context);
      if (!pdf) throw notFound;
      return reply
        .type(PDF)
        .header('content-disposition', `inline; filename="${dossier.code}-${kind}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/my-dossiers/:code/results/:id',
    { config: { policy }, schema: { hide: true, params: resultParams } },
    async (request, reply) => {
      const dossier = ownedDossier(request);
      if (!resultFileIds(dossier).includes(request.params.id)) throw new NotFoundError('files.errors.notFound');
      const file = await files.get(request.params.id);
      if (file.refKind !== 'dossier' || file.refId !== dossier.id) throw new NotFoundError('files.errors.notFound');
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('cache-control', 'no-store')
        .send(files.open(file));
    },
  );
}
