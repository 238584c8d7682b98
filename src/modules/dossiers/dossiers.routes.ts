import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import type { Resource } from '../identity/policy.ts';
import { assertReadable, dossierActor, dossierResource, mayCommand, requestDirectory } from './dossier-access.ts';
import {
  actionBodySchema,
  type DossierCommand,
  type DossierDetail,
  dossierCodeParams,
  type SubmitBody,
  submitBodySchema,
} from './dossiers.schema.ts';
import type { DossierService } from './dossiers.service.ts';

const loaded = new WeakMap<FastifyRequest, DossierDetail>();

/**
 * The route guard's resource for `/…/dossiers/:code…`: the dossier's applicant and agencies. Someone who may not read
 * the dossier gets 404, exactly as for a code that does not exist.
 */
export function dossierPolicyResource(dossiers: DossierService, deps: Pick<Deps, 'db'>) {
  return async (request: FastifyRequest): Promise<Resource> => {
    const { code } = request.params as { code: string };
    const dossier = await dossiers.getDossier(code);
    const resource = dossierResource(dossier, await requestDirectory(request, deps.db.kysely));
    assertReadable(request.actor, code, resource);
    loaded.set(request, dossier);
    return resource;
  };
}

/** The dossier the guard loaded for this request. */
export function guardedDossier(request: FastifyRequest): DossierDetail {
  const dossier = loaded.get(request);
  if (!dossier) throw new NotFoundError('dossiers.errors.notFound', {}, 'dossier_not_found');
  return dossier;
}

/** Takes a command on the guarded dossier, after checking that the actor may take this kind of command at all. */
export async function actOnDossier(
  request: FastifyRequest,
  deps: Pick<Deps, 'db' | 'dossiers'>,
  command: DossierCommand,
  expectedVersion: number,
) {
  const dossier = guardedDossier(request);
  const directory = await requestDirectory(request, deps.db.kysely);
  if (!mayCommand(request.actor, command.action, dossierResource(dossier, directory))) throw new ForbiddenError();
  return deps.dossiers.act(dossier.code, dossierActor(request.actor, directory), command, expectedVersion);
}

/** The submission as the service takes it: the procedure's published version, components as a list. */
async function submissionInput(deps: Pick<Deps, 'catalog'>, body: SubmitBody) {
  const published = await deps.catalog.getPublished(body.procedureCode).catch((error: unknown) => {
    if (error instanceof NotFoundError) {
      throw new ValidationError([{ path: 'procedureCode', messageKey: 'dossiers.submission.unknownVersion' }]);
    }
    throw error;
  });
  return {
    submissionKey: body.submissionKey,
    procedureVersionId: published.versionId,
    caseCode: body.caseCode,
    channel: body.channel,
    ...(body.receivingAgencyId && { receivingAgencyId: body.receivingAgencyId }),
    applicant: body.applicant,
    onBehalf: body.onBehalf ?? null,
    form: body.form,
    components: Object.entries(body.components).map(([code, fileIds]) => ({ code, fileIds })),
    delivery: body.delivery,
  };
}

const submittedSchema = z.object({ code: z.string(), status: z.int(), dueDate: z.string().nullable() });

/** The dossier JSON API: submit, read, act. Lifecycle refusals are 409 problems with the reason. */
export async function dossierRoutes(app: App, deps: Deps): Promise<void> {
  const { dossiers, db } = deps;
  const resource = dossierPolicyResource(dossiers, deps);

  app.post(
    '/api/v1/dossiers',
    {
      config: { policy: 'dossier.submit' },
      schema: {
        tags: ['dossiers'],
        summary:
          'Submit a dossier: online (channel 2) by the applicant, in person (1) or by post (3) by an intake officer. ' +
          'The same submissionKey returns the first dossier.',
        body: submitBodySchema,
        response: { 201: submittedSchema },
      },
    },
    async (request, reply) => {
      const directory = await requestDirectory(request, db.kysely);
      const view = await dossiers.submitDossier(
        dossierActor(request.actor, directory),
        await submissionInput(deps, request.body),
      );
      return reply.code(201).send({ code: view.code, status: view.status, dueDate: view.dueDate });
    },
  );

  app.get(
    '/api/v1/dossiers/:code',
    {
      config: { policy: { action: 'dossier.read', resource } },
      schema: {
        tags: ['dossiers'],
        summary: 'A dossier with its timeline: for its applicant or an officer of an agency involved (404 otherwise)',
        params: dossierCodeParams,
      },
    },
    async (request) => guardedDossier(request),
  );

  app.post(
    '/api/v1/dossiers/:code/actions',
    {
      config: { policy: { action: 'dossier.read', resource } },
      schema: {
        tags: ['dossiers'],
        summary:
          'Take a lifecycle action on the dossier as last seen at `expectedVersion`; answers the new state, or 409 ' +
          'when the action is not allowed now or the dossier changed meanwhile.',
        params: dossierCodeParams,
        body: actionBodySchema,
      },
    },
    async (request) => {
      const { expectedVersion, ...command } = request.body;
      return actOnDossier(request, deps, command as DossierCommand, expectedVersion);
    },
  );
}
