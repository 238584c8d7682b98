import type { ComponentChildren } from 'preact';
import type { Locale, Translator } from './i18n/index.ts';

export interface PageContext {
  t: Translator;
  locale: Locale;
  province: { name: string; hotline: string; email: string; zalo?: string };
  /** Path and query of the current page, for the language switch. */
  path: string;
  assets: { css: string };
  /** The signed-in person, for the header. */
  user: { name: string; officer: boolean } | null;
  /** The CSRF token for forms on the page. */
  csrfToken: () => string;
}

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}

function switchLanguageHref(path: string, to: Locale): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', to);
  return `${url.pathname}${url.search}`;
}

export function Layout({ ctx, title, children }: LayoutProps) {
  const { t, locale, province } = ctx;
  const other: Locale = locale === 'vi' ? 'en' : 'vi';
  const siteTitle = t('site.title', { province: province.name });
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === siteTitle ? title : `${title} – ${siteTitle}`}</title>
        <link rel="stylesheet" href={ctx.assets.css} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('site.skipToContent')}
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="site-brand" href="/">
              <span class="site-brand__emblem" aria-hidden="true">
                ★
              </span>
              <span>
                <span class="site-brand__title">{siteTitle}</span>
                <span class="site-brand__subtitle">{t('site.subtitle')}</span>
              </span>
            </a>
            <div class="site-header__tools">
              <span class="site-hotline">
                {t('site.hotline')}: <a href={`tel:${province.hotline.replace(/\s/g, '')}`}>{province.hotline}</a>
              </span>
              <a class="lang-switch" href={switchLanguageHref(ctx.path, other)} hreflang={other} lang={other}>
                {t('site.switchLanguage')}
              </a>
            </div>
          </div>
          <nav class="site-nav" aria-label={t('nav.mainMenu')}>
            <ul class="container">
              <li>
                <a href="/">{t('nav.home')}</a>
              </li>
              <li>
                <a href="/procedures">{t('nav.procedures')}</a>
              </li>
              <li>
                <a href="/track">{t('nav.track')}</a>
              </li>
              <li>
                <a href="/feedback">{t('nav.feedback')}</a>
              </li>
              <li>
                <a href="/stats">{t('nav.stats')}</a>
              </li>
              {ctx.user ? (
                <>
                  <li>
                    <a href={ctx.user.officer ? '/office' : '/account'}>{ctx.user.name}</a>
                  </li>
                  <li>
                    <form method="post" action="/logout" class="nav-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                      <button type="submit">{t('nav.logout')}</button>
                    </form>
                  </li>
                </>
              ) : (
                <li>
                  <a href="/login">{t('nav.login')}</a>
                </li>
              )}
            </ul>
          </nav>
        </header>
        <main id="main" class="container" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{t('site.footer.owner', { province: province.name })}</p>
            <p>{t('site.footer.operator', { province: province.name })}</p>
            <p>
              {t('site.hotline')}: <a href={`tel:${province.hotline.replace(/\s/g, '')}`}>{province.hotline}</a> ·{' '}
              {t('site.email')}: <a href={`mailto:${province.email}`}>{province.email}</a>
            </p>
            <p class="site-footer__software">{t('site.footer.software')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
