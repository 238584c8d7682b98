import type { App } from '../http/types.ts';
import { HomePage } from './home.pages.tsx';
import { sendPage } from './render.tsx';

export async function webRoutes(app: App): Promise<void> {
  app.get('/', { schema: { hide: true } }, (request, reply) =>
    sendPage(request, reply, request.t('site.title', { province: app.pageShell.province.name }), (ctx) => (
      <HomePage ctx={ctx} />
    )),
  );
}
