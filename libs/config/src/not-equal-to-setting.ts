import { ValidateBy, ValidationOptions } from 'class-validator';

/** The value differs from another setting's (two listeners cannot share a port). */
export const NotEqualToSetting = (other: string, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'notEqualToSetting',
      validator: {
        validate: (value: unknown, args) =>
          args === undefined || value !== (args.object as Record<string, unknown>)[other],
        defaultMessage: () => `must differ from ${other}`,
      },
    },
    options,
  );
