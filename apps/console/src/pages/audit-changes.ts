/** One field an admin change touched: its value before and after (undefined: absent). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

type JsonObject = Record<string, unknown> | null | undefined;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The top-level fields whose values differ between the object before a change and after it, in
 * the order the fields first appear (before's, then those only after has). A creation (nothing
 * before) lists every field of after; a deletion every field of before. Nested values are
 * compared whole: the field is the unit an admin reads.
 */
export function changedFields(before: JsonObject, after: JsonObject): FieldChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields
    .map((field) => ({ field, before: before?.[field], after: after?.[field] }))
    .filter((change) => !same(change.before, change.after));
}
