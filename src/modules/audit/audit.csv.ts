import type { AuditEvent } from './audit.service.ts';

const header = [
  'id',
  'occurred_at',
  'actor_kind',
  'actor_id',
  'actor_name',
  'roles',
  'agency',
  'action',
  'method',
  'route',
  'resource_ids',
  'summary',
  'status_code',
  'client_hash',
  'request_id',
];

/** A CSV cell; one that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is quoted as text. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The export, line by line (a byte-order mark first, so spreadsheets read Vietnamese as UTF-8). */
export async function* auditCsvLines(
  events: AsyncIterable<AuditEvent>,
  agencyIdentifiers: ReadonlyMap<string, string>,
): AsyncGenerator<string> {
  yield `\uFEFF${header.join(',')}\r\n`;
  for await (const e of events) {
    const row = [
      e.id,
      e.occurredAt,
      e.actorKind,
      e.actorId,
      e.actorName,
      e.roles.join(' '),
      e.agencyId ? (agencyIdentifiers.get(e.agencyId) ?? e.agencyId) : null,
      e.action,
      e.method,
      e.route,
      e.resourceIds,
      e.summary ? JSON.stringify(e.summary) : null,
      e.statusCode,
      e.clientHash,
      e.requestId,
    ];
    yield `${row.map(csvCell).join(',')}\r\n`;
  }
}
