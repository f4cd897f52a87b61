/** Ids the providers gave a template, by provider name, as kept in the JSON column. */
export type ProviderTemplateIds = Record<string, string>;

/** Reads the JSON column back, keeping only string values. */
export function readProviderTemplateIds(value: unknown): ProviderTemplateIds {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
