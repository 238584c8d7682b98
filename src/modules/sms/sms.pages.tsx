import type { VNode } from 'preact';
import { PostForm } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import type { ChannelPreferences } from './sms.service.ts';

/** The channel choice on the account page: e-mail and SMS, each a checkbox. */
export function notificationSection(preferences: ChannelPreferences): (ctx: PageContext) => VNode {
  return (ctx) => {
    const { t } = ctx;
    const box = (name: keyof ChannelPreferences) => (
      <div class="checkbox">
        <input type="checkbox" id={`notify-${name}`} name={name} value="1" checked={preferences[name]} />
        <label for={`notify-${name}`}>{t(`notifications.${name}`)}</label>
      </div>
    );
    return (
      <section aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">{t('notifications.title')}</h2>
        <PostForm ctx={ctx} action="/account/notifications">
          <fieldset>
            <legend>{t('notifications.hint')}</legend>
            {box('email')}
            {box('sms')}
          </fieldset>
          <button type="submit" class="button">
            {t('notifications.save')}
          </button>
        </PostForm>
      </section>
    );
  };
}
