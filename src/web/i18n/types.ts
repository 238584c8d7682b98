/** Each area exports its messages: keys to texts with `{name}` placeholders, Vietnamese first; the English side must
 * have exactly the Vietnamese keys. */
export interface AreaMessages<K extends string = string> {
  vi: Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<K extends string>(messages: AreaMessages<K>): AreaMessages<K> {
  return messages;
}
