/**
 * Template locales are BCP 47 tags in their usual casing: `zh-CN`, `zh-Hant-TW`, `en`.
 * A message's locale is chosen from the request's `locale`, then the phone's region, then
 * SMS_DEFAULT_LOCALE.
 */

const LOCALE = /^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?$/i;

/** Locales to try for a phone region, best first (a small map; other regions use the default). */
const REGION_LOCALES: Readonly<Record<string, readonly string[]>> = {
  CN: ['zh-CN'],
  HK: ['zh-HK', 'zh-TW', 'en'],
  MO: ['zh-HK', 'zh-TW'],
  TW: ['zh-TW'],
  SG: ['en', 'zh-SG', 'zh-CN'],
  MY: ['ms', 'en'],
  US: ['en-US', 'en'],
  GB: ['en-GB', 'en'],
  AU: ['en-AU', 'en'],
  CA: ['en-CA', 'en', 'fr-CA'],
  NZ: ['en-NZ', 'en'],
  IE: ['en-IE', 'en'],
  IN: ['en-IN', 'en'],
  JP: ['ja'],
  KR: ['ko'],
  FR: ['fr'],
  DE: ['de'],
  ES: ['es'],
  IT: ['it'],
  PT: ['pt-PT', 'pt'],
  BR: ['pt-BR', 'pt'],
  RU: ['ru'],
  TH: ['th'],
  VN: ['vi'],
  ID: ['id'],
};

/** The tag in canonical casing (`zh-cn` → `zh-CN`), or undefined when it is not a tag we take. */
export function normalizeLocale(input: string): string | undefined {
  const match = LOCALE.exec(input.trim().replace(/_/g, '-'));
  if (!match) return undefined;
  const [, language, script, region] = match;
  return [
    language.toLowerCase(),
    script && script[0].toUpperCase() + script.slice(1).toLowerCase(),
    region?.toUpperCase(),
  ]
    .filter(Boolean)
    .join('-');
}

export const languageOf = (locale: string): string => locale.split('-')[0];

/** Locales to look for, best first, without repeats. */
export function localeCandidates(
  requested: string | undefined,
  region: string,
  defaultLocale: string,
): string[] {
  const chain = [
    ...(requested === undefined ? [] : [requested, languageOf(requested)]),
    ...(REGION_LOCALES[region] ?? []),
    defaultLocale,
    languageOf(defaultLocale),
  ];
  return [...new Set(chain)];
}

/**
 * The template for the first candidate locale that has one exactly, else the first whose
 * language matches a candidate's, else the first template (callers sort them oldest first), so
 * an approved template is always preferred to none.
 */
export function pickByLocale<T extends { locale: string }>(
  templates: readonly T[],
  candidates: readonly string[],
): T | undefined {
  for (const locale of candidates) {
    const exact = templates.find((template) => template.locale === locale);
    if (exact) return exact;
  }
  for (const locale of candidates) {
    const sameLanguage = templates.find(
      (template) => languageOf(template.locale) === languageOf(locale),
    );
    if (sameLanguage) return sameLanguage;
  }
  return templates[0];
}
