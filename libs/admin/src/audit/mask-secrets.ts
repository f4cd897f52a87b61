/** Field names whose values never reach the audit log. */
const SECRET_NAME =
  /pass(word)?|secret|token|api_?key|totp|code$|authorization|credential|private/i;

export const MASK = '***';

/** A boolean under such a name (`totpEnabled`) tells a state, not a secret: it is kept. */
function isSecret(name: string, field: unknown): boolean {
  return (
    SECRET_NAME.test(name) && field !== null && field !== undefined && typeof field !== 'boolean'
  );
}

/** Longer bodies (an upload's rows) are cut: the log tells of the change, it is no archive. */
const MAX_JSON_CHARS = 16_000;

/** A JSON value with every field of a secret-looking name masked, at any depth. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, field]) => [
      name,
      isSecret(name, field) ? MASK : maskSecrets(field),
    ]),
  );
}

/** What the log keeps of a body: masked, and cut to a summary when too long. */
export function auditedBody(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') return undefined;
  const masked = maskSecrets(value);
  const json = JSON.stringify(masked);
  return json.length <= MAX_JSON_CHARS ? masked : { truncated: true, chars: json.length };
}
