/// <reference lib="dom" />
/**
 * Inline validation of an e-form page when scripts run: the server's own checks (`catalog/field-rules.ts`) on the
 * rules and messages the page carries (`inline-validation.tsx`). A field is checked when it loses focus; pressing
 * "continue" checks them all and, if any fails, shows the error summary instead of posting. Errors are marked up as
 * the server does (message before the control, `aria-invalid`, `aria-describedby`), and the server still checks
 * everything: without scripts nothing changes.
 */

import type { FieldProblem } from '../../lib/errors.ts';
import type { ColumnField } from '../catalog/catalog.schema.ts';
import { checkValue, missingAddressParts } from '../catalog/field-rules.ts';
import type { ClientRule, ClientRules, FormCheck } from './inline-validation.tsx';
import { lookupProblems } from './tracking.rules.ts';

const formChecks: Record<FormCheck, (values: Record<string, string>) => FieldProblem[]> = {
  lookup: (values) => lookupProblems({ code: values.code ?? '', verifier: values.verifier ?? '' }),
};

type Problem = { id: string; message: string };

const fill = (text: string, params: Record<string, unknown> = {}) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

function currentValue(id: string): string {
  const control = document.getElementById(id) as HTMLInputElement | null;
  if (!control) return '';
  if (control.type === 'checkbox') return control.checked ? 'true' : '';
  return control.value;
}

/** Every input a rule covers, with its message or undefined when it passes. */
function judge(rule: ClientRule, block: ClientRules): { id: string; message: string | undefined }[] {
  const required = block.messages['catalog.values.required'] ?? '';
  if (rule.kind === 'form') {
    const problems = formChecks[rule.check](Object.fromEntries(rule.inputs.map((i) => [i.name, currentValue(i.id)])));
    return rule.inputs.map((input) => {
      const problem = problems.find((p) => p.path === input.name);
      return { id: input.id, message: problem && fill(block.messages[problem.messageKey] ?? '', problem.params) };
    });
  }
  if (rule.kind === 'value') {
    const result = checkValue(rule.field as ColumnField, currentValue(rule.id));
    return [
      { id: rule.id, message: result.ok ? undefined : fill(block.messages[result.messageKey] ?? '', result.params) },
    ];
  }
  const parts = Object.fromEntries(rule.parts.map((p) => [p.part, currentValue(p.id).trim()]));
  const missing = missingAddressParts(rule.required, parts as Parameters<typeof missingAddressParts>[1]);
  return [
    { id: rule.id, message: missing === 'whole' ? required : undefined },
    ...rule.parts.map((p) => ({
      id: p.id,
      message: missing !== 'whole' && missing.includes(p.part) ? required : undefined,
    })),
  ];
}

function describedBy(element: Element, id: string, on: boolean): void {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length > 0) element.setAttribute('aria-describedby', ids.join(' '));
  else element.removeAttribute('aria-describedby');
}

/** Shows or clears the message of one input (or of a group of inputs, for a whole address) where the server puts it. */
function mark(id: string, message: string | undefined, block: ClientRules): void {
  const element = document.getElementById(id);
  if (!element) return;
  const group = element.tagName === 'FIELDSET';
  const container = group ? element : element.closest('.form-group');
  const errorId = `${id}-error`;
  let error = document.getElementById(errorId);
  if (!message) {
    error?.remove();
    container?.classList.remove('form-group--error');
    element.removeAttribute('aria-invalid');
    describedBy(element, errorId, false);
    return;
  }
  if (!error) {
    error = document.createElement('p');
    error.id = errorId;
    error.className = 'error-message';
    const anchor = element.parentElement?.classList.contains('checkboxes') ? element.parentElement : element;
    if (group) element.querySelector('legend')?.after(error);
    else anchor.before(error);
  }
  const prefix = document.createElement('span');
  prefix.className = 'visually-hidden';
  prefix.textContent = block.errorPrefix;
  error.replaceChildren(prefix, ` ${message}`);
  container?.classList.add('form-group--error');
  if (!group) element.setAttribute('aria-invalid', 'true');
  describedBy(element, errorId, true);
}

function showSummary(form: HTMLFormElement, problems: Problem[], block: ClientRules): void {
  const page = form.parentElement ?? document.body;
  let summary = page.querySelector<HTMLElement>(':scope > .error-summary[aria-labelledby="error-summary-title"]');
  if (!summary) {
    summary = document.createElement('div');
    summary.className = 'error-summary';
    summary.setAttribute('role', 'alert');
    summary.setAttribute('aria-labelledby', 'error-summary-title');
    summary.tabIndex = -1;
    form.before(summary);
  }
  const title = document.createElement('h2');
  title.id = 'error-summary-title';
  title.textContent = block.summaryTitle;
  const list = document.createElement('ul');
  for (const problem of problems) {
    const link = document.createElement('a');
    link.href = `#${problem.id}`;
    link.textContent = problem.message;
    const item = document.createElement('li');
    item.append(link);
    list.append(item);
  }
  summary.replaceChildren(title, list);
  summary.focus();
}

export function enhanceValidation(): void {
  const source = document.getElementById('field-rules');
  if (!source?.textContent) return;
  const block = JSON.parse(source.textContent) as ClientRules;
  const ruleOf = new Map<string, ClientRule>();
  for (const rule of block.rules) {
    const inputs = rule.kind === 'value' ? [rule] : rule.kind === 'address' ? rule.parts : rule.inputs;
    for (const input of inputs) ruleOf.set(input.id, rule);
  }
  const first = ruleOf.keys().next().value;
  const form = first === undefined ? null : document.getElementById(first)?.closest('form');
  if (!form) return;
  // A button pressed with a pointer takes the focus before its click: a message appearing or going at that moment
  // would move the button from under the pointer and lose the click. The submit handler judges everything anyway.
  let pressing = false;
  form.addEventListener('mousedown', (event) => {
    pressing = (event.target as Element).closest('button') !== null;
  });
  document.addEventListener('mouseup', () => {
    pressing = false;
  });
  form.addEventListener('focusout', (event) => {
    const target = event.target as HTMLElement;
    const rule = ruleOf.get(target.id);
    if (!rule || pressing) return;
    // Leaving one input of a group judges that input only: the next may be on its way.
    for (const result of judge(rule, block)) {
      if (result.id === target.id || !result.message) mark(result.id, result.message, block);
    }
  });
  form.addEventListener('submit', (event) => {
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    // "Save and continue later" keeps whatever was typed, as on the server.
    if (submitter?.value === 'later') return;
    const problems: Problem[] = [];
    for (const rule of block.rules) {
      for (const result of judge(rule, block)) {
        mark(result.id, result.message, block);
        if (result.message) problems.push({ id: result.id, message: result.message });
      }
    }
    if (problems.length === 0) return;
    event.preventDefault();
    showSummary(form, problems, block);
  });
}
