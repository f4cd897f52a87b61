/**
 * A class-validator class describing some settings (its properties are the variable names):
 * `Environment`, or a part another library owns and hands to `validateEnvironment`, such as a
 * provider's credentials kept beside its adapter.
 */
export type SettingsSchema<T extends object = object> = new () => T;

/** The settings of several schemas as one object. */
export type SettingsOf<S extends readonly SettingsSchema[]> = UnionToIntersection<
  InstanceType<S[number]>
>;

type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (
  part: infer I,
) => void
  ? I
  : object;

/**
 * The variable names a schema declares. Class fields are defined on every instance (ES2022
 * semantics, `target` ES2023), optional ones as `undefined`, so a bare instance lists them all.
 */
export function settingNames(schema: SettingsSchema): string[] {
  return Object.keys(new schema());
}
