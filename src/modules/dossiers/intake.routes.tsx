import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { AppError, ValidationError } from '../../lib/errors.ts';
import type { FormErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import type { ProcedureCase, ProcedureDefinition } from '../catalog/catalog.schema.ts';
import { type AddressValue, validateFormValues } from '../catalog/form-values.ts';
import { authorize } from '../identity/access.ts';
import type { Actor as SessionActor } from '../identity/policy.ts';
import { type AgencyDirectory, dossierActor, requestDirectory } from './dossier-access.ts';
import type { Delivery, SubmitDossierInput } from './dossiers.schema.ts';
import { choosePage, type IntakeFormView, intakeFormPage, TABLE_ROWS } from './intake.pages.tsx';

const chooseQuery = z.object({ procedure: z.string().max(200).optional(), agency: z.string().max(40).optional() });

function intakeAgencies(actor: SessionActor, directory: AgencyDirectory) {
  return [...(actor.scopes.get('intake') ?? [])]
    .map((id) => directory.byId.get(id))
    .filter((a) => a !== undefined)
    .map((a) => ({ identifier: a.identifier, name: a.name }))
    .sort((a, b) => a.identifier.localeCompare(b.identifier));
}

/** The e-form's values as the service takes them, from inputs named `form.key`, `form.key.part`, `form.key.row.col`. */
function formInput(procedureCase: ProcedureCase, fields: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of procedureCase.form.sections.flatMap((s) => s.fields)) {
    const name = `form.${field.key}`;
    if (field.type === 'address') {
      const parts = ['detail', 'commune', 'province'] as const;
      if (parts.some((p) => fields[`${name}.${p}`])) {
        input[field.key] = Object.fromEntries(parts.map((p) => [p, fields[`${name}.${p}`] ?? '']));
      }
    } else if (field.type === 'table') {
      input[field.key] = Array.from({ length: TABLE_ROWS }, (_, row) =>
        Object.fromEntries(field.columns.map((c) => [c.key, fields[`${name}.${row}.${c.key}`] ?? ''])),
      );
    } else if (fields[name] !== undefined) {
      input[field.key] = fields[name];
    }
  }
  return input;
}

const addressText = (value: unknown) => {
  const address = value as Partial<AddressValue> | undefined;
  return address?.detail ? [address.detail, address.commune, address.province].filter(Boolean).join(', ') : null;
};

/** The applicant and the delivery, read from the e-form's applicant and delivery fields. */
function applicantAndDelivery(form: Record<string, unknown>): Pick<SubmitDossierInput, 'applicant' | 'delivery'> {
  const str = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : '');
  const method = str('deliveryMethod');
  const postalAddress = addressText(form.deliveryAddress) ?? '';
  const delivery: Delivery =
    method === 'postal'
      ? { method: 'postal', address: postalAddress }
      : { method: method === 'electronic' ? 'electronic' : 'counter' };
  return {
    applicant: {
      name: str('fullName') || str('enterpriseName') || str('organisationName'),
      idNumber: str('idNumber') || str('enterpriseCode') || str('taxCode'),
      phone: str('phone') || null,
      email: str('email') || null,
      address: addressText(form.residence) ?? addressText(form.enterpriseAddress),
    },
    delivery,
  };
}

/** Where a problem of the submission is shown on the form. */
function inputName(path: string): string {
  const form = /^form\.sections\.[^.]+\.fields\.(.+)$/.exec(path);
  if (form) return `form.${(form[1] ?? '').replace('.rows.', '.')}`;
  const component = /^components\.([^.]+)/.exec(path);
  if (component) return `file.${component[1]}`;
  if (path.startsWith('applicant.name')) return 'form.fullName';
  if (path.startsWith('applicant.idNumber')) return 'form.idNumber';
  if (path.startsWith('delivery')) return 'form.deliveryMethod';
  return path;
}

/** Counter intake: an intake officer enters a dossier brought in person (channel 1) and goes on to its page. */
export async function intakeRoutes(app: App, deps: Deps): Promise<void> {
  const { db, catalog, files, dossiers, config } = deps;
  app.addHook('preHandler', async (request) => authorize(request, 'office.view'));

  async function publishedProcedures(): Promise<ProcedureDefinition[]> {
    const index = await catalog.index();
    const all: ProcedureDefinition[] = [];
    for (let page = 1; all.length < index.size; page++) {
      const { items } = index.search({ page, limit: 100 });
      if (items.length === 0) break;
      all.push(...items.map((i) => i.definition));
    }
    return all;
  }

  async function findCase(code: string, caseCode: string) {
    const procedure = (await catalog.index()).get(code)?.definition;
    const procedureCase = procedure?.cases.find((c) => c.code === caseCode);
    return procedure && procedureCase ? { procedure, procedureCase } : undefined;
  }

  async function showChooser(
    request: FastifyRequest,
    reply: FastifyReply,
    values: { procedure: string; agency: string },
    errors: FormErrors,
    status = 200,
  ) {
    const directory = await requestDirectory(request, db.kysely);
    const procedures = (await publishedProcedures()).flatMap((p) =>
      p.cases
        .filter(() => p.channels.includes('in_person'))
        .map((c) => ({ value: `${p.code}|${c.code}`, label: p.cases.length > 1 ? `${p.name} – ${c.name}` : p.name })),
    );
    const agencies = intakeAgencies(request.actor, directory).map((a) => ({
      value: a.identifier,
      label: `${a.name} (${a.identifier})`,
    }));
    return sendPage(
      request,
      reply,
      request.t('office.intake.title'),
      choosePage({ procedures, agencies, values, errors }),
      status,
    );
  }

  function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    view: Omit<IntakeFormView, 'csrfQuery' | 'maxFileMb'>,
    status = 200,
  ) {
    const full = {
      ...view,
      csrfQuery: `?_csrf=${encodeURIComponent(request.csrfToken())}`,
      maxFileMb: config.env.MOTCUA_MAX_FILE_MB,
    };
    return sendPage(request, reply, request.t('office.intake.title'), intakeFormPage(full), status);
  }

  app.get(
    '/office/intake/new',
    { config: { policy: 'dossier.receive' }, schema: { hide: true, querystring: chooseQuery } },
    async (request, reply) => {
      const { procedure = '', agency = '' } = request.query;
      const directory = await requestDirectory(request, db.kysely);
      const own = intakeAgencies(request.actor, directory);
      if (!procedure)
        return showChooser(request, reply, { procedure, agency: agency || (own[0]?.identifier ?? '') }, {});
      const [code = '', caseCode = ''] = procedure.split('|');
      const found = await findCase(code, caseCode);
      const receiving = own.find((a) => a.identifier === agency);
      if (!found || !receiving) {
        const errors: FormErrors = {};
        if (!found) errors.procedure = request.t('office.intake.error.procedure');
        if (!receiving) errors.agency = request.t('office.register.error.agency');
        return showChooser(request, reply, { procedure, agency }, errors, 400);
      }
      return showForm(request, reply, {
        procedure: { code: found.procedure.code, name: found.procedure.name },
        procedureCase: found.procedureCase,
        agency: receiving,
        submissionKey: randomUUID(),
        values: {},
        uploaded: {},
        errors: {},
      });
    },
  );

  app.post(
    '/office/intake',
    { config: { policy: 'dossier.receive' }, schema: { hide: true } },
    async (request, reply) => {
      const fields: Record<string, string> = {};
      const uploaded: IntakeFormView['uploaded'] = {};
      const errors: FormErrors = {};
      if (request.isMultipart()) {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
          } else if (!part.filename) {
            part.file.resume();
          } else {
            const component = part.fieldname.replace(/^file\./, '');
            try {
              const stored = await files.upload({
                stream: part.file,
                filename: part.filename,
                uploadedBy: request.actor.id,
              });
              uploaded[component] = { id: stored.id, name: stored.name };
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              part.file.resume();
              errors[part.fieldname] = request.t(
                error.fields[0]?.messageKey ?? error.messageKey,
                error.fields[0]?.params ?? error.params,
              );
            }
          }
        }
      }
      // Files uploaded on an earlier attempt come back as hidden fields.
      for (const [name, value] of Object.entries(fields)) {
        const [id = '', ...rest] = value.split('|');
        if (name.startsWith('uploaded.')) uploaded[name.slice('uploaded.'.length)] ??= { id, name: rest.join('|') };
      }
      const directory = await requestDirectory(request, db.kysely);
      const agency = intakeAgencies(request.actor, directory).find((a) => a.identifier === fields.agency);
      const found = await findCase(fields.procedure ?? '', fields.case ?? '');
      if (!found || !agency)
        return showChooser(
          request,
          reply,
          { procedure: '', agency: '' },
          { procedure: request.t('office.intake.error.procedure') },
          400,
        );
      const view = {
        procedure: { code: found.procedure.code, name: found.procedure.name },
        procedureCase: found.procedureCase,
        agency,
        submissionKey: fields.submissionKey ?? randomUUID(),
        values: fields,
        uploaded,
        errors,
      };
      const form = formInput(found.procedureCase, fields);
      if (Object.keys(errors).length > 0) {
        // A refused upload stops the submission; the e-form's own problems are reported with it.
        const checked = validateFormValues(found.procedureCase.form, form);
        if (!checked.ok) {
          for (const problem of checked.problems) {
            errors[inputName(`form.${problem.path}`)] ??= request.t(problem.messageKey, problem.params);
          }
        }
        return showForm(request, reply, view, 400);
      }
      const onBehalfName = fields['onBehalf.name']?.trim();
      try {
        const published = await catalog.getPublished(found.procedure.code);
        const dossier = await dossiers.submitDossier(dossierActor(request.actor, directory), {
          submissionKey: view.submissionKey,
          procedureVersionId: published.versionId,
          caseCode: found.procedureCase.code,
          channel: 1,
          receivingAgencyId: agency.identifier,
          ...applicantAndDelivery(form),
          onBehalf: onBehalfName ? { name: onBehalfName, idNumber: fields['onBehalf.idNumber'] ?? '' } : null,
          form,
          components: Object.entries(uploaded).map(([code, file]) => ({ code, fileIds: [file.id] })),
        });
        return reply.redirect(`/office/dossiers/${dossier.code}?done=submit`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        for (const problem of error.fields)
          errors[inputName(problem.path)] ??= request.t(problem.messageKey, problem.params);
        return showForm(request, reply, view, 400);
      }
    },
  );
}
