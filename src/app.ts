import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { configureReferenceCache } from './db/reference-cache.ts';
import { sharedSecret } from './db/secrets.ts';
import { healthRoutes } from './http/health.routes.ts';
import { resolveLocale } from './http/locale.ts';
import { registerMetrics } from './http/metrics.ts';
import { errorHandler, notFoundHandler } from './http/problems.tsx';
import { databaseRateLimitStore, RateLimitCounter, rateLimitedError } from './http/rate-limit-store.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import type { App, BaseDeps, Deps } from './http/types.ts';
import { agencyRoutes } from './modules/agencies/agencies.routes.ts';
import { listAgencies } from './modules/agencies/agencies.service.ts';
import { installAuditLog } from './modules/audit/audit.hook.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.tsx';
import { CalendarService, parseOfficeHours } from './modules/calendar/calendar.service.ts';
import { catalogAdminRoutes } from './modules/catalog/catalog.admin.routes.tsx';
import { catalogRoutes } from './modules/catalog/catalog.routes.tsx';
import { CatalogService } from './modules/catalog/catalog.service.ts';
import { catalogProcedureSource } from './modules/dossiers/catalog-source.ts';
import { dossierRoutes } from './modules/dossiers/dossiers.routes.ts';
import { DossierService } from './modules/dossiers/dossiers.service.ts';
import { intakeRoutes } from './modules/dossiers/intake.routes.tsx';
import { officeRoutes } from './modules/dossiers/office.routes.tsx';
import { feedbackOfficeRoutes } from './modules/feedback/feedback.office.routes.tsx';
import { feedbackRoutes } from './modules/feedback/feedback.routes.tsx';
import { FeedbackService } from './modules/feedback/feedback.service.ts';
import { fileRoutes } from './modules/files/files.routes.ts';
import { FileService } from './modules/files/files.service.ts';
import { installAccessControl } from './modules/identity/access.ts';
import { accountRoutes } from './modules/identity/accounts.routes.ts';
import { identityRoutes } from './modules/identity/identity.routes.ts';
import { officerRoutes } from './modules/identity/officers.routes.ts';
import { SsoClient, ssoSettingsFrom } from './modules/identity/sso.ts';
import { tokenRoutes } from './modules/identity/tokens.routes.ts';
import { nationalPortalRoutes } from './modules/national-portal/national-portal.routes.ts';
import { partnerRoutes } from './modules/partners/partners.routes.ts';
import { paymentRoutes } from './modules/payments/payments.routes.tsx';
import { paymentsFromConfig } from './modules/payments/payments.setup.ts';
import { applyRoutes } from './modules/portal/apply.routes.tsx';
import { helpRoutes } from './modules/portal/help.routes.tsx';
import { myDossierRoutes } from './modules/portal/my-dossiers.routes.tsx';
import { ratingRoutes } from './modules/portal/rating.routes.tsx';
import { RatingService } from './modules/portal/rating.service.ts';
import { trackingRoutes } from './modules/portal/tracking.routes.tsx';
import { storeExchanges } from './modules/postal/exchanges.ts';
import { postalRoutes } from './modules/postal/postal.routes.tsx';
import { PostalService, postalSettingsFrom } from './modules/postal/postal.service.ts';
import { smsRoutes } from './modules/sms/sms.routes.ts';
import { statisticsRoutes } from './modules/statistics/statistics.routes.tsx';
import { webRoutes } from './web/web.routes.tsx';

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web', 'assets');

/** Asset URLs carry a content hash so browsers may cache them for a year. */
function assetUrl(file: string): string {
  const hash = createHash('sha256')
    .update(readFileSync(path.join(assetsDir, file)))
    .digest('hex')
    .slice(0, 10);
  return `/assets/${file}?v=${hash}`;
}

export interface BuildOptions {
  logger?: Logger;
}

/** Request logs carry the route and status, never query strings, headers or bodies (personal data stays out). */
export const requestLogSerializers = {
  req: (req: { method: string; url: string; id: string }) => ({
    id: req.id,
    method: req.method,
    path: req.url.split('?')[0],
  }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

export async function buildApp(base: BaseDeps, options: BuildOptions = {}): Promise<App> {
  const { config, db, clock } = base;
  // Measured in real elapsed time, not by the (injectable) domain clock.
  configureReferenceCache(db.kysely, { checkEveryMs: config.env.MOTCUA_REFERENCE_CHECK_MS });
  const calendar = new CalendarService(
    db,
    {
      cutoff: config.cutoff,
      officeHours: parseOfficeHours(config.officeHours),
      countReceptionDay: config.countReceptionDay,
    },
    clock,
  );
  const files = new FileService(db, { dataDir: config.dataDir, maxFileBytes: config.maxFileBytes }, clock);
  const catalog = new CatalogService(db, clock);
  const dossiers = new DossierService({
    db,
    calendar,
    files,
    procedures: catalogProcedureSource(catalog),
    clock,
    maxDossierBytes: config.maxDossierBytes,
    receivingAgency: async (definition) => {
      if (definition.agency.level !== 'province') return definition.agency.id;
      const centre = (await listAgencies(db.kysely)).find(
        (a) => a.kind === 'one_stop_centre' && a.level === 'province',
      );
      return centre?.identifier ?? definition.agency.id;
    },
  });
  const deps: Deps = { ...base, calendar, catalog, files, dossiers };
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    trustProxy: config.env.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  const secret = config.env.MOTCUA_SESSION_SECRET ?? (await sharedSecret(db.kysely, 'cookie'));
  // Before any route is added: every route's policy declaration is checked as it is registered.
  const access = installAccessControl(app, deps, secret);
  await installAuditLog(app, deps);
  await app.register(cookie, { secret });
  await app.register(formbody);
  // One byte over the limit reaches the file store, which refuses it with its own message (413).
  await app.register(multipart, { limits: { fileSize: config.maxFileBytes + 1, files: 50, fields: 500 } });
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // Counted in the database, so that every process limits as one.
  const rateLimitStore = databaseRateLimitStore(new RateLimitCounter(db.kysely, clock));
  await app.register(rateLimit, { global: false, store: rateLimitStore, errorResponseBuilder: rateLimitedError });
  await app.register(swagger, {
    openapi: {
      info: { title: 'motcua API', version: '1', description: 'Cổng dịch vụ công / một cửa điện tử — JSON API' },
      servers: [{ url: config.baseUrl }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: '/assets/',
    maxAge: '365d',
    immutable: true,
  });

  app.decorate('pageShell', { province: config.province, assets: { css: assetUrl('app.css') } });
  app.addHook('onRequest', resolveLocale);

  registerMetrics(app);
  await app.register(healthRoutes, deps);
  await app.register(webRoutes);
  await app.register(calendarRoutes, deps);
  const sso = deps.sso ?? new SsoClient(ssoSettingsFrom(config.env));
  await app.register(identityRoutes, { ...deps, access, sso });
  await app.register(agencyRoutes, deps);
  await app.register(officerRoutes, deps);
  await app.register(accountRoutes, deps);
  await app.register(tokenRoutes, deps);
  await app.register(catalogRoutes, deps);
  await app.register(catalogAdminRoutes, deps);
  await app.register(fileRoutes, deps);
  await app.register(dossierRoutes, deps);
  await app.register(officeRoutes, deps);
  await app.register(intakeRoutes, deps);
  await app.register(partnerRoutes, deps);
  const feedback = new FeedbackService({
    db,
    calendar,
    files,
    clock,
    ...config.feedback,
    baseUrl: () => config.baseUrl,
  });
  await app.register(feedbackRoutes, { ...deps, feedback });
  await app.register(feedbackOfficeRoutes, { ...deps, feedback });
  await app.register(applyRoutes, deps);
  await app.register(statisticsRoutes, deps);
  await app.register(trackingRoutes, deps);
  const payments = paymentsFromConfig({ config, db, clock, dossiers, catalog, logger: options.logger });
  const gatewayUrl = config.env.PAYMENT_GATEWAY_URL;
  await app.register(paymentRoutes, {
    ...deps,
    payments,
    ...(gatewayUrl && { gatewayOrigin: new URL(gatewayUrl).origin }),
  });
  const ratings = new RatingService(db, clock);
  await app.register(myDossierRoutes, { ...deps, ratings });
  await app.register(ratingRoutes, { ...deps, ratings });
  await app.register(helpRoutes, deps);
  const postal = new PostalService({
    db,
    clock,
    dossiers,
    settings: () => postalSettingsFrom(config.env),
    record: storeExchanges(db.kysely, app.log),
  });
  await app.register(postalRoutes, { ...deps, postal });
  await app.register(nationalPortalRoutes, deps);
  await app.register(smsRoutes, deps);
  await app.register(auditRoutes, deps);
  return app;
}
