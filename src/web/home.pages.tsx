import type { PageContext } from './layout.tsx';

export function HomePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <>
      <section class="hero">
        <h1>{t('home.heading')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <search>
          <form class="search-form" method="get" action="/procedures">
            <label for="home-q">{t('home.search.label')}</label>
            <div class="search-form__row">
              <input id="home-q" name="q" type="search" placeholder={t('home.search.placeholder')} autocomplete="off" />
              <button type="submit" class="button">
                {t('home.search.button')}
              </button>
            </div>
          </form>
        </search>
      </section>
      <section aria-labelledby="services-heading">
        <h2 id="services-heading">{t('home.services.heading')}</h2>
        <ul class="cards">
          {(
            [
              ['/procedures', 'home.services.apply', 'home.services.applyText'],
              ['/track', 'home.services.track', 'home.services.trackText'],
              ['/feedback', 'home.services.feedback', 'home.services.feedbackText'],
              ['/login', 'home.services.officer', 'home.services.officerText'],
            ] as const
          ).map(([href, title, text]) => (
            <li class="card" key={href}>
              <h3>
                <a href={href}>{t(title)}</a>
              </h3>
              <p>{t(text)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section class="panel" aria-labelledby="track-heading">
        <h2 id="track-heading">{t('home.track.heading')}</h2>
        <p>{t('home.track.text')}</p>
        <form method="get" action="/track" class="inline-form">
          <label for="home-code" class="visually-hidden">
            {t('home.track.heading')}
          </label>
          <input id="home-code" name="code" type="text" placeholder="000.00.01.H08-261127-0001" autocomplete="off" />
          <button type="submit" class="button button--secondary">
            {t('home.track.button')}
          </button>
        </form>
      </section>
    </>
  );
}
