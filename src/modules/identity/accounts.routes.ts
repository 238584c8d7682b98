import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { ValidationError } from '../../lib/errors.ts';
import { type FormErrors, formErrors } from '../../web/forms.tsx';
import { sendPage } from '../../web/render.tsx';
import { notificationSection } from '../sms/sms.pages.tsx';
import { channelPreferences } from '../sms/sms.service.ts';
import {
  accountPage,
  messagePage,
  type RegisterValues,
  registerPage,
  resetRequestPage,
  setPasswordPage,
} from './accounts.pages.tsx';
import * as accounts from './accounts.service.ts';
import { formText } from './identity.schema.ts';
import { isEmail, normalizeMobile, passwordSchema } from './validators.ts';

const newPassword = z
  .object({ password: formText.pipe(passwordSchema), confirm: formText })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'identity.error.passwordMismatch' });

const registerForm = z
  .object({
    kind: formText.pipe(z.enum(['citizen', 'business'], { error: 'register.error.kind' })),
    fullName: formText.pipe(z.string().trim().min(2, 'validators.fullName').max(200, 'validators.fullName')),
    contact: formText.pipe(
      z
        .string()
        .trim()
        .refine((v) => isEmail(v) || normalizeMobile(v) !== null, 'register.error.contact'),
    ),
    taxCode: formText.transform((v) => v.trim()),
  })
  .and(newPassword);

const profileForm = z.object({
  fullName: formText.optional(),
  identityNumber: formText.optional(),
  dateOfBirth: formText.optional(),
  address: formText.optional(),
  phone: formText.optional(),
  email: formText.optional(),
  taxCode: formText.optional(),
  representative: formText.optional(),
});

const rateLimit = { max: 20, timeWindow: '1 minute' };
const tokenOf = (request: FastifyRequest) => String((request.query as Record<string, unknown>).token ?? '');

export async function accountRoutes(app: App, { db, clock, config }: Deps): Promise<void> {
  const message = (request: FastifyRequest, reply: FastifyReply, key: string, status = 200, link?: string) =>
    sendPage(
      request,
      reply,
      request.t(`${key}.title`),
      messagePage({
        title: request.t(`${key}.title`),
        paragraphs: [request.t(`${key}.text`)],
        link: link ? { href: link, text: request.t(`${key}.link`) } : undefined,
      }),
      status,
    );

  // Registration and e-mail verification

  const renderRegister = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: RegisterValues,
    errors: FormErrors = {},
  ) =>
    sendPage(
      request,
      reply,
      request.t('register.title'),
      registerPage({ values, errors }),
      Object.keys(errors).length ? 400 : 200,
    );

  app.get('/register', { config: { public: true }, schema: { hide: true } }, (request, reply) =>
    renderRegister(request, reply, {}),
  );

  app.post('/register', { config: { public: true, rateLimit }, schema: { hide: true } }, async (request, reply) => {
    const values = (request.body ?? {}) as RegisterValues;
    const parsed = registerForm.safeParse(values);
    if (!parsed.success) return renderRegister(request, reply, values, formErrors(request.t, parsed.error.issues));
    try {
      const result = await accounts.registerApplicant(db.kysely, parsed.data, config.baseUrl, clock);
      return result.needsVerification
        ? message(request, reply, 'register.checkMail')
        : message(request, reply, 'register.done', 200, '/login');
    } catch (error) {
      if (error instanceof ValidationError)
        return renderRegister(request, reply, values, formErrors(request.t, error.fields));
      throw error;
    }
  });

  app.get('/verify-email', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const ok = await accounts.verifyEmail(db.kysely, tokenOf(request), clock);
    return ok
      ? message(request, reply, 'verify.done', 200, '/login')
      : message(request, reply, 'verify.failed', 400, '/password-reset');
  });

  // Password reset and invitations

  app.get('/password-reset', { config: { public: true }, schema: { hide: true } }, (request, reply) =>
    sendPage(request, reply, request.t('reset.title'), resetRequestPage({ identifier: '', errors: {} })),
  );

  app.post(
    '/password-reset',
    { config: { public: true, rateLimit }, schema: { hide: true } },
    async (request, reply) => {
      const identifier = formText.parse((request.body as Record<string, unknown> | undefined)?.identifier).trim();
      if (!identifier) {
        const errors = { identifier: request.t('reset.error.identifier') };
        return sendPage(request, reply, request.t('reset.title'), resetRequestPage({ identifier, errors }), 400);
      }
      await accounts.requestPasswordReset(db.kysely, identifier, config.baseUrl, clock);
      // The same answer whether or not the account exists.
      return message(request, reply, 'reset.sent');
    },
  );

  app.get('/set-password', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const token = tokenOf(request);
    if (!(await accounts.isUsableToken(db.kysely, token, ['invite', 'password_reset'], clock))) {
      return message(request, reply, 'setPassword.expired', 400, '/password-reset');
    }
    return sendPage(request, reply, request.t('setPassword.title'), setPasswordPage({ token, errors: {} }));
  });

  app.post('/set-password', { config: { public: true, rateLimit }, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = formText.parse(body.token);
    const parsed = newPassword.safeParse(body);
    if (!parsed.success) {
      const view = setPasswordPage({ token, errors: formErrors(request.t, parsed.error.issues) });
      return sendPage(request, reply, request.t('setPassword.title'), view, 400);
    }
    const ok = await accounts.setPasswordWithToken(db.kysely, token, parsed.data.password, clock);
    if (!ok) return message(request, reply, 'setPassword.expired', 400, '/password-reset');
    return message(request, reply, 'setPassword.done', 200, '/login');
  });

  // Profile

  async function renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, string | null>,
    errors: FormErrors = {},
    notice?: string,
  ) {
    const profile = await accounts.getProfile(db.kysely, request.actor.id ?? '');
    const preferences = await channelPreferences(db.kysely, request.actor.id ?? '');
    const sections = [notificationSection(preferences)];
    const view = accountPage({ profile, values: values ?? profile, errors, notice, sections });
    return sendPage(request, reply, request.t('account.title'), view, Object.keys(errors).length ? 400 : 200);
  }

  app.get('/account', { config: { policy: 'account.read' }, schema: { hide: true } }, (request, reply) =>
    renderAccount(
      request,
      reply,
      undefined,
      {},
      { saved: request.t('account.saved'), notifications: request.t('notifications.saved') }[
        String((request.query as Record<string, unknown>).done)
      ],
    ),
  );

  app.post('/account', { config: { policy: 'account.update' }, schema: { hide: true } }, async (request, reply) => {
    const values = profileForm.parse(request.body ?? {});
    try {
      await accounts.updateProfile(db.kysely, request.actor.id ?? '', values, config.baseUrl, clock);
    } catch (error) {
      if (error instanceof ValidationError)
        return renderAccount(request, reply, values, formErrors(request.t, error.fields));
      throw error;
    }
    return reply.redirect('/account?done=saved', 303);
  });
}
