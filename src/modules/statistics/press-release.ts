/**
 * The summary paragraph of the public dashboard, written from the figures in the style of a provincial press release:
 * "Năm 2019, toàn tỉnh tiếp nhận … hồ sơ, trong đó trực tuyến … hồ sơ, chiếm tỷ lệ …%; … tăng …% so với năm trước …;
 * đơn vị có số hồ sơ giải quyết trực tuyến nhiều nhất là …".
 */
import type { Locale, Translator } from '../../web/i18n/index.ts';
import type { Figures } from './statistics.service.ts';

export interface PressFigures {
  /** "Năm 2026" or "Tháng 3/2026", already worded. */
  period: string;
  /** "toàn tỉnh" or the agency's name. */
  scope: string;
  totals: Figures;
  /** Online dossiers received in the period compared with: the year before, or the same period of that year. */
  comparedWith: { online: number; label: 'lastYear' | 'sameLastYear' } | null;
  /** The agency that resolved the most dossiers online. */
  leader: { name: string; count: number } | null;
}

export function numberFormat(locale: Locale) {
  const integer = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB');
  const decimal = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  });
  return {
    count: (n: number) => integer.format(n),
    /** A 0–1 share as a percentage with at most two decimals. */
    percent: (share: number) => decimal.format(Math.round(share * 10_000) / 100),
  };
}

export function pressRelease(t: Translator, locale: Locale, f: PressFigures): string {
  const n = numberFormat(locale);
  const { totals } = f;
  if (totals.received === 0 && totals.resolved === 0)
    return t('statistics.press.empty', { period: f.period, scope: f.scope });
  let text = t('statistics.press.opening', {
    period: f.period,
    scope: f.scope,
    received: n.count(totals.received),
    online: n.count(totals.receivedOnline),
    share: n.percent(totals.onlineShare ?? 0),
  });
  if (f.comparedWith && f.comparedWith.online > 0) {
    const growth = (totals.receivedOnline - f.comparedWith.online) / f.comparedWith.online;
    const value = n.percent(Math.abs(growth));
    const change =
      growth > 0
        ? t('statistics.press.up', { value })
        : growth < 0
          ? t('statistics.press.down', { value })
          : t('statistics.press.flat');
    text += t('statistics.press.growth', { change, comparedWith: t(`statistics.press.${f.comparedWith.label}`) });
  }
  if (totals.resolved > 0) {
    text += t('statistics.press.resolved', {
      resolved: n.count(totals.resolved),
      onTime: n.count(totals.resolvedEarly + totals.resolvedOnTime),
      rate: n.percent((totals.resolvedEarly + totals.resolvedOnTime) / totals.resolved),
    });
  }
  if (f.leader && f.leader.count > 0) {
    text += t('statistics.press.leader', { agency: f.leader.name, count: n.count(f.leader.count) });
  }
  return text + t('statistics.press.end');
}
