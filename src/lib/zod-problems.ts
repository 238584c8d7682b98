import type { z } from 'zod';
import type { FieldProblem, MessageParams } from './errors.ts';

/**
 * zod issues as field problems: dotted paths, the issue's message as the i18n key, and the bounds, unknown keys or
 * custom parameters the message needs. Issues whose message is `listOptionsKey` also get the allowed values.
 */
export function zodProblems(issues: readonly z.core.$ZodIssue[], listOptionsKey?: string): FieldProblem[] {
  return issues.flatMap((issue): FieldProblem[] => {
    const path = issue.path.map(String).join('.');
    const messageKey = issue.message;
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((name) => ({ path: path ? `${path}.${name}` : name, messageKey }));
      case 'too_small':
        return [{ path, messageKey, params: { minimum: Number(issue.minimum) } }];
      case 'too_big':
        return [{ path, messageKey, params: { maximum: Number(issue.maximum) } }];
      case 'invalid_value':
      case 'invalid_union': {
        const values = issue.code === 'invalid_value' ? issue.values : 'options' in issue ? issue.options : undefined;
        return messageKey === listOptionsKey && Array.isArray(values)
          ? [{ path, messageKey, params: { values: values.map(String).join(', ') } }]
          : [{ path, messageKey }];
      }
      case 'custom':
        return [{ path, messageKey, ...(issue.params ? { params: issue.params as MessageParams } : {}) }];
      default:
        return [{ path, messageKey }];
    }
  });
}
