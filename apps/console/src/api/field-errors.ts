import { ApiError } from './client';

/** An error body that names fields: `field` on a domain error, `errors` on InValidParam. */
interface FieldErrorBody {
  code?: string;
  message?: string;
  field?: string;
  errors?: Array<{ field: string; message: string }>;
}

export interface FieldError<F extends string> {
  name: F;
  errors: string[];
}

/**
 * What the API said about a form, by field, as antd's `form.setFields` takes it (the service's
 * own messages). `codeFields` names the field a domain error is about when its body names
 * none. An error of no field of the form, or not of the API, gives none: the page says it as a
 * message instead, with its code.
 */
export function apiFieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
  codeFields: Partial<Record<string, F>>,
): Array<FieldError<F>> {
  if (!(error instanceof ApiError) || !error.body) return [];
  const body = error.body as FieldErrorBody;
  const isField = (name: string | undefined): name is F => fields.includes(name as F);
  const { code } = body;
  const codeField = code === undefined ? undefined : codeFields[code];
  if (code !== undefined && codeField !== undefined) {
    return [{ name: isField(body.field) ? body.field : codeField, errors: [body.message ?? code] }];
  }
  if (code !== 'InValidParam') return [];
  const byField = new Map<F, string[]>();
  for (const entry of body.errors ?? []) {
    if (!isField(entry.field)) continue;
    byField.set(entry.field, [...(byField.get(entry.field) ?? []), entry.message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
