import { Transform } from 'class-transformer';

/** Query values are strings, and LeanCloud clients sent some numbers as strings (`"5"`). */
export const IntegerFromString = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^[0-9]{1,6}$/.test(value) ? Number(value) : value,
  );
