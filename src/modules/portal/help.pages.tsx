import type { VNode } from 'preact';
import type { PageContext } from '../../web/layout.tsx';

type Page = (ctx: PageContext) => VNode;

/**
 * The help desk at the foot of the portal's pages: the settings MOTCUA_HOTLINE, MOTCUA_ZALO_URL (shown when set) and
 * MOTCUA_CONTACT_EMAIL.
 */
export function ContactBlock({ ctx }: { ctx: PageContext }) {
  const { t, province: contact } = ctx;
  return (
    <aside class="panel contact" aria-labelledby="contact-heading">
      <h2 id="contact-heading">{t('portal.help.contact')}</h2>
      <ul class="links">
        <li>
          {t('portal.help.hotline')}: <a href={`tel:${contact.hotline.replace(/\s/g, '')}`}>{contact.hotline}</a>
        </li>
        {contact.zalo && (
          <li>
            {t('portal.help.zalo')}: <a href={contact.zalo}>{t('portal.help.zaloLink')}</a>
          </li>
        )}
        <li>
          {t('portal.help.email')}: <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </li>
      </ul>
    </aside>
  );
}

function HelpLinks({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <ul class="links">
      <li>
        <a href="/track">{t('portal.help.track')}</a>
      </li>
      <li>
        <a href="/my-dossiers">{t('portal.help.myDossiers')}</a>
      </li>
      <li>
        <a href="/procedures">{t('portal.help.procedures')}</a>
      </li>
    </ul>
  );
}

export const helpPage: Page = (ctx) => (
  <>
    <h1>{ctx.t('portal.help.title')}</h1>
    <p class="lead">{ctx.t('portal.help.intro')}</p>
    <HelpLinks ctx={ctx} />
    <ContactBlock ctx={ctx} />
  </>
);

export interface FaqView {
  procedure: { code: string; name: string };
  faq: readonly { question: string; answer: string }[];
}

/** The questions of one procedure, each answer opened by its question (a native disclosure, no script needed). */
export const faqPage =
  (v: FaqView): Page =>
  (ctx) => {
    const { t } = ctx;
    return (
      <>
        <h1>{t('portal.faq.title', { name: v.procedure.name })}</h1>
        {v.faq.length === 0 ? (
          <p>{t('portal.faq.empty')}</p>
        ) : (
          <div class="faq">
            {v.faq.map((entry, i) => (
              <details key={i}>
                <summary>{entry.question}</summary>
                <p>{entry.answer}</p>
              </details>
            ))}
          </div>
        )}
        <p>
          <a href={`/procedures/${encodeURIComponent(v.procedure.code)}`}>{t('portal.faq.procedure')}</a>
        </p>
        <ContactBlock ctx={ctx} />
      </>
    );
  };

/**
 * The body of an error page: the message that explains the error, a plain title and what to do next for "not found"
 * and for our own failures, and the help desk.
 */
export function ErrorPageBody({
  ctx,
  status,
  detail,
  fields,
}: {
  ctx: PageContext;
  status: number;
  detail: string;
  fields: readonly { path: string; message: string }[];
}) {
  const { t } = ctx;
  const known = status === 404 || status >= 500 ? (status === 404 ? '404' : '500') : undefined;
  return (
    <div class="error-page">
      <h1>{known ? t(`portal.error.${known}.title`) : t('errors.page.title')}</h1>
      <p>{detail}</p>
      {known && <p>{t(`portal.error.${known}.text`)}</p>}
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.path}>
              {f.path}: {f.message}
            </li>
          ))}
        </ul>
      )}
      <p>{t('portal.error.links')}:</p>
      <ul class="links">
        <li>
          <a href="/">{t('errors.page.back')}</a>
        </li>
        <li>
          <a href="/track">{t('portal.help.track')}</a>
        </li>
        <li>
          <a href="/help">{t('portal.help.title')}</a>
        </li>
      </ul>
      <ContactBlock ctx={ctx} />
    </div>
  );
}
