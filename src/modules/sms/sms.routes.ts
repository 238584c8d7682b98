import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { setChannelPreferences } from './sms.service.ts';

const preferencesBody = z.object({ email: z.literal('1').optional(), sms: z.literal('1').optional() }).loose();

/** The person's choice of notification channels (the form on the account page). */
export async function smsRoutes(app: App, deps: Deps): Promise<void> {
  app.post(
    '/account/notifications',
    { config: { policy: 'account.update' }, schema: { hide: true, body: preferencesBody } },
    async (request, reply) => {
      const { email, sms } = request.body;
      await setChannelPreferences(
        deps.db,
        request.actor.id ?? '',
        { email: email === '1', sms: sms === '1' },
        deps.clock,
      );
      return reply.redirect('/account?done=notifications', 303);
    },
  );
}
