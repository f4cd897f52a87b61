import { ValidateBy } from 'class-validator';

/** Helpers for settings schemas, here and in the libraries that own a part of the settings. */

export const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** `true`/`1`/`yes`/`on` and `false`/`0`/`no`/`off`/empty; anything else stays for IsBoolean. */
export const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
  if (['false', '0', 'no', 'off', ''].includes(normalised)) return false;
  return value;
};

export const toLowerCaseList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? splitList(value.toLowerCase()) : value;

/** A `@Transform` that parses the text, or leaves it in place for `IsParsed` to report. */
export const parsedOr =
  <T>(parse: (text: string) => T | undefined) =>
  ({ value }: { value: unknown }): unknown =>
    typeof value === 'string' ? (parse(value) ?? value) : value;

/** The `parsedOr` transform left a string in place: it could not parse it. */
export const IsParsed = (message: string): PropertyDecorator =>
  ValidateBy({
    name: 'isParsed',
    validator: {
      validate: (value: unknown) => typeof value === 'object' && value !== null,
      defaultMessage: () => message,
    },
  });
