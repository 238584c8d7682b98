import type { MessageParams } from '../../lib/errors.ts';
import { agencyMessages } from './agencies.ts';
import { auditMessages } from './audit.ts';
import { calendarMessages } from './calendar.ts';
import { catalogMessages } from './catalog.ts';
import { commonMessages } from './common.ts';
import { documentMessages } from './documents.ts';
import { dossierMessages } from './dossiers.ts';
import { feedbackMessages } from './feedback.ts';
import { fileMessages } from './files.ts';
import { identityMessages } from './identity.ts';
import { moneyMessages } from './money.ts';
import { nationalPortalMessages } from './national-portal.ts';
import { officeMessages } from './office.ts';
import { partnerMessages } from './partners.ts';
import { paymentMessages } from './payments.ts';
import { portalApplyMessages } from './portal-apply.ts';
import { portalTrackMessages } from './portal-track.ts';
import { postalMessages } from './postal.ts';
import { smsMessages } from './sms.ts';
import { statisticsMessages } from './statistics.ts';
import type { AreaMessages } from './types.ts';

export type Locale = 'vi' | 'en';
const locales: readonly Locale[] = ['vi', 'en'];

/** Every area's messages; a new area adds its catalogue here. */
const areas: AreaMessages[] = [
  commonMessages,
  calendarMessages,
  catalogMessages,
  documentMessages,
  dossierMessages,
  fileMessages,
  moneyMessages,
  identityMessages,
  agencyMessages,
  officeMessages,
  partnerMessages,
  feedbackMessages,
  portalApplyMessages,
  statisticsMessages,
  paymentMessages,
  portalTrackMessages,
  postalMessages,
  smsMessages,
  nationalPortalMessages,
  auditMessages,
];

const catalogues: Record<Locale, Map<string, string>> = { vi: new Map(), en: new Map() };
for (const area of areas) {
  for (const locale of locales) {
    for (const [key, text] of Object.entries(area[locale])) {
      if (catalogues[locale].has(key)) throw new Error(`i18n key defined twice: ${key}`);
      catalogues[locale].set(key, text);
    }
  }
}

/** Looks a message up (falling back to Vietnamese, then to the key itself) and fills `{name}` placeholders. */
export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  const text = catalogues[locale].get(key) ?? catalogues.vi.get(key) ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function hasMessage(key: string): boolean {
  return catalogues.vi.has(key);
}

export type Translator = (key: string, params?: MessageParams) => string;

const translators: Record<Locale, Translator> = {
  vi: (key, params) => translate('vi', key, params),
  en: (key, params) => translate('en', key, params),
};

export function translator(locale: Locale): Translator {
  return translators[locale];
}

/** Picks the locale from an explicit choice (cookie or query) or else from Accept-Language; Vietnamese by default. */
export function negotiateLocale(choice: string | undefined, acceptLanguage: string | undefined): Locale {
  if (choice === 'vi' || choice === 'en') return choice;
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = Number(rest.find((r) => r.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { lang: tag.toLowerCase().slice(0, 2), q: Number.isFinite(q) ? q : 0 };
    })
    .sort((a, b) => b.q - a.q);
  return (ranked.find((r) => r.lang === 'vi' || r.lang === 'en')?.lang as Locale | undefined) ?? 'vi';
}
