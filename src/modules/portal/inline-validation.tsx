/**
 * The rules of an e-form page for the browser's inline validation: each field's rules as the catalogue defines them
 * and the catalogue's messages in the reader's language, in a JSON block the page script reads
 * (`inline-validation.client.ts` runs the server's own checks, `catalog/field-rules.ts`, on them).
 */
import { fieldId } from '../../web/forms.tsx';
import type { PageContext } from '../../web/layout.tsx';
import type { ColumnField, FormField } from '../catalog/catalog.schema.ts';
import { ADDRESS_PARTS, VALUE_MESSAGE_KEYS } from '../catalog/field-rules.ts';
import { TABLE_ROWS } from './apply.service.ts';
import { LOOKUP_MESSAGE_KEYS } from './tracking.rules.ts';

/** The element the page script reads (`inline-validation.client.ts` names it too). */
const RULES_ELEMENT_ID = 'field-rules';

/** Whole-form checks shared with the server, by name (the script holds the code, the page names it). */
export type FormCheck = 'lookup';

/**
 * One checked input, an address whose parts are checked together, or a form whose inputs one shared check judges
 * together; in the order of the page.
 */
export type ClientRule =
  | { kind: 'form'; check: FormCheck; inputs: { name: string; id: string }[] }
  /** `field`: the column's definition without its texts, as `checkValue` reads it. */
  | { kind: 'value'; name: string; id: string; field: Record<string, unknown> }
  | {
      kind: 'address';
      name: string;
      id: string;
      required: boolean;
      parts: { part: (typeof ADDRESS_PARTS)[number]; name: string; id: string }[];
    };

export interface ClientRules {
  messages: Record<string, string>;
  /** The visually hidden "Error:" before each message, and the error summary's title. */
  errorPrefix: string;
  summaryTitle: string;
  rules: ClientRule[];
}

/** A column's rules without its texts; select options keep their values only. */
function valueRule(name: string, field: ColumnField, required = field.required): ClientRule {
  const { label: _label, hint: _hint, ...rest } = field;
  const rule = rest.type === 'select' ? { ...rest, options: rest.options.map((o) => ({ value: o.value })) } : rest;
  return { kind: 'value', name, id: fieldId(name), field: { ...rule, required } };
}

function fieldRules(field: FormField): ClientRule[] {
  // Whether a conditional field counts depends on answers elsewhere: the server alone judges it.
  if (field.visibleWhen) return [];
  const name = `form.${field.key}`;
  switch (field.type) {
    case 'address':
      return [
        {
          kind: 'address',
          name,
          id: fieldId(name),
          required: field.required,
          parts: ADDRESS_PARTS.map((part) => ({ part, name: `${name}.${part}`, id: fieldId(`${name}.${part}`) })),
        },
      ];
    case 'table':
      // A blank line is no row, so a cell is only checked when it holds something.
      return Array.from({ length: TABLE_ROWS }, (_, row) =>
        field.columns.map((column) => valueRule(`${name}.${row}.${column.key}`, column, false)),
      ).flat();
    default:
      return [valueRule(name, field)];
  }
}

function rulesBlock(ctx: PageContext, rules: ClientRule[], messageKeys: readonly string[]): ClientRules {
  return {
    messages: Object.fromEntries(messageKeys.map((key) => [key, ctx.t(key)])),
    errorPrefix: ctx.t('form.errorPrefix'),
    summaryTitle: ctx.t('form.errorSummary'),
    rules,
  };
}

/** An e-form section's rules, leaving out the fields the identity provider verified (they cannot be changed). */
export function clientRules(
  ctx: PageContext,
  fields: readonly FormField[],
  readOnly: ReadonlySet<string>,
): ClientRules {
  const rules = fields.flatMap(fieldRules).filter((rule) => !(rule.kind === 'value' && readOnly.has(rule.name)));
  return rulesBlock(ctx, rules, VALUE_MESSAGE_KEYS);
}

/** The public lookup's rules: the code and the four digits, judged by `tracking.rules.ts`. */
export function lookupClientRules(ctx: PageContext): ClientRules {
  const inputs = ['code', 'verifier'].map((name) => ({ name, id: fieldId(name) }));
  return rulesBlock(ctx, [{ kind: 'form', check: 'lookup', inputs }], LOOKUP_MESSAGE_KEYS);
}

/** The rules as inert JSON in the page (`<` escaped, so no text can close the element). */
export function FieldRulesBlock({ rules }: { rules: ClientRules }) {
  return (
    <script
      type="application/json"
      id={RULES_ELEMENT_ID}
      dangerouslySetInnerHTML={{ __html: JSON.stringify(rules).replace(/</g, '\\u003c') }}
    />
  );
}
