import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sharedSecret } from '../../db/secrets.ts';
import type { App, BaseDeps } from '../../http/types.ts';
import { type Action, isAction } from '../identity/policy.ts';
import { eventAgency, isAudited, recordEvent } from './audit.service.ts';
import { summarizeBody } from './audit.summary.ts';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function declaredAction(request: FastifyRequest): Action | null {
  const policy = request.routeOptions.config?.policy;
  const action = typeof policy === 'string' ? policy : policy?.action;
  return action && isAction(action) ? action : null;
}

function resourceIds(params: unknown): string {
  if (!params || typeof params !== 'object') return '';
  return Object.values(params as Record<string, unknown>)
    .map((v) => String(v).slice(0, 200))
    .join(' ');
}

/**
 * Writes the audit record of every state-changing request an officer or an API token makes on a route with a declared
 * policy, whatever its outcome (refused with 403, 409 or 422 included), in one place, so no route has to remember.
 * Requests refused before the actor is known (a bad token, an unparsable body) have no one to record.
 *
 * What is guaranteed: the record is inserted in `onSend`, after the response is decided and before it leaves, so a
 * client that has seen an outcome can find its record, with that status. It is not in the action's transaction: a
 * crash between the action's commit and this insert loses the record, and a failed insert is logged at error level
 * with the whole record (the response still goes out: the action has happened, and saying otherwise would mislead).
 * One insert per audited request; GETs and citizens' requests cost nothing.
 */
export async function installAuditLog(app: App, { db, clock }: BaseDeps): Promise<void> {
  const clientKey = await sharedSecret(db.kysely, 'audit-client');
  const hashClient = (address: string) => createHmac('sha256', clientKey).update(address).digest('hex').slice(0, 32);

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!stateChanging.has(request.method) || !isAudited(request.actor)) return payload;
    const action = declaredAction(request);
    if (!action) return payload;
    const event = {
      occurredAt: clock.now().toISOString(),
      actor: request.actor,
      agencyId: eventAgency(request.actor, action, request.policyResource),
      action,
      method: request.method,
      route: request.routeOptions.url ?? '',
      resourceIds: resourceIds(request.params),
      summary: summarizeBody(request.body),
      statusCode: reply.statusCode,
      clientHash: hashClient(request.ip),
      requestId: request.id,
    };
    try {
      await recordEvent(db, event);
    } catch (error) {
      const { actor, ...rest } = event;
      request.log.error({ err: error, audit: { ...rest, actorId: actor.id } }, 'audit record not written');
    }
    return payload;
  });
}
