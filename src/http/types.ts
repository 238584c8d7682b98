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
import type { SsoClient } from '../modules/identity/sso.ts';

/** The Fastify instance every module registers its routes on: zod schemas type the requests. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What the composition root hands to every module. */
export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  /** The national SSO client; when absent, one is made from SSO_ISSUER_URL (or SSO is off). */
  sso?: SsoClient;
}
