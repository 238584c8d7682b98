import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import type { CalendarService } from '../modules/calendar/calendar.service.ts';
import type { CatalogService } from '../modules/catalog/catalog.service.ts';
import type { DossierService } from '../modules/dossiers/dossiers.service.ts';
import type { FileService } from '../modules/files/files.service.ts';
import type { SsoClient } from '../modules/identity/sso.ts';

/** The Fastify instance every module registers its routes on: zod schemas type the requests. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What the runtime hands to the composition root. */
export interface BaseDeps {
  config: Config;
  db: Db;
  clock: Clock;
  /** The national SSO client; when absent, one is made from SSO_ISSUER_URL (or SSO is off). */
  sso?: SsoClient;
}

/** What the composition root hands to every module: the base plus the shared domain services. */
export interface Deps extends BaseDeps {
  calendar: CalendarService;
  catalog: CatalogService;
  files: FileService;
  dossiers: DossierService;
}
