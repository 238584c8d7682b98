import { z } from 'zod';
import type { App, Deps } from '../../http/types.ts';
import { sendPage } from '../../web/render.tsx';
import { faqPage, helpPage } from './help.pages.tsx';

const procedureParams = z.object({ code: z.string().min(1).max(100) });

/** Help: the help desk and links (`/help`), and each procedure's frequently asked questions from the catalogue. */
export async function helpRoutes(app: App, { catalog }: Deps): Promise<void> {
  app.get('/help', { schema: { hide: true } }, (request, reply) =>
    sendPage(request, reply, request.t('portal.help.title'), helpPage),
  );

  app.get('/help/procedures/:code', { schema: { hide: true, params: procedureParams } }, async (request, reply) => {
    const { definition } = await catalog.getPublished(request.params.code);
    const view = { procedure: { code: definition.code, name: definition.name }, faq: definition.faq ?? [] };
    return sendPage(request, reply, request.t('portal.faq.title', { name: definition.name }), faqPage(view));
  });
}
