import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidatorConstraintInterface } from 'class-validator';

// The store of class-transformer's decorators, which the package exports from this path only
// (as @nestjs/mapped-types reads it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerMetadata;
};

/** A DTO class, as ValidationPipe receives it for a body. */
export type DtoClass = new () => object;

type Condition = (object: object, value: unknown) => boolean;

interface Check {
  validator: ValidatorConstraintInterface;
  constraints: unknown[];
}

interface PropertyRules {
  property: string;
  conditions: Condition[];
  checks: Check[];
}

/**
 * A DTO class's class-validator rules, read once and run as a plain loop: what ValidationPipe
 * does for a valid body of primitives, without class-transformer's copy, class-validator's
 * metadata reads and error objects, per request. It only ever says "valid": a body it is not
 * sure of (an unknown key, a nested value, a failed rule) goes to ValidationPipe, which answers
 * as before, so the errors' shape has one source. A class whose rules it cannot run the same
 * way (nested or async validation, class-transformer's decorators) has no check at all.
 */
export class CompiledBodyCheck<T extends object> {
  private constructor(
    private readonly dtoClass: new () => T,
    private readonly rules: PropertyRules[],
    private readonly allowed: ReadonlySet<string>,
  ) {}

  /** The check of `dtoClass`, or undefined when it must be left to ValidationPipe. */
  static compile<T extends object>(dtoClass: new () => T): CompiledBodyCheck<T> | undefined {
    const storage = getMetadataStorage();
    // As ValidationPipe asks for them: no groups, `always` off.
    const metadatas = storage.getTargetValidationMetadatas(dtoClass, '', false, false, undefined);
    if (metadatas.length === 0 || usesClassTransformer(dtoClass)) return undefined;
    const byProperty = new Map<string, PropertyRules>();
    for (const metadata of metadatas) {
      const property = metadata.propertyName;
      let rules = byProperty.get(property);
      if (!rules) byProperty.set(property, (rules = { property, conditions: [], checks: [] }));
      if (metadata.each) return undefined;
      switch (metadata.type) {
        case ValidationTypes.WHITELIST:
          break;
        case ValidationTypes.CONDITIONAL_VALIDATION:
          rules.conditions.push(metadata.constraints[0] as Condition);
          break;
        case ValidationTypes.IS_DEFINED:
        case ValidationTypes.CUSTOM_VALIDATION:
          for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
            if (constraint.async) return undefined;
            rules.checks.push({
              validator: constraint.instance,
              constraints: metadata.constraints,
            });
          }
          break;
        default:
          return undefined;
      }
    }
    for (const property of byProperty.keys())
      if (transformsProperty(dtoClass, property)) return undefined;
    return new CompiledBodyCheck(dtoClass, [...byProperty.values()], new Set(byProperty.keys()));
  }

  /**
   * The instance ValidationPipe would return for `body`, or undefined when ValidationPipe must
   * look at it (invalid, or not a flat object of known keys and primitive values).
   */
  instanceOf(body: unknown): T | undefined {
    if (
      typeof body !== 'object' ||
      body === null ||
      Object.getPrototypeOf(body) !== Object.prototype
    )
      return undefined;
    const prototype = this.dtoClass.prototype as object;
    const instance = new this.dtoClass();
    for (const key of Object.keys(body)) {
      const value = (body as Record<string, unknown>)[key];
      // `key in prototype`: __proto__, constructor and methods, which class-transformer skips.
      if (!this.allowed.has(key) || key in prototype) return undefined;
      if (typeof value === 'object' && value !== null) return undefined;
      (instance as Record<string, unknown>)[key] = value;
    }
    // A field the class itself sets (a default) counts as sent, as for class-validator.
    for (const key of Object.keys(instance)) if (!this.allowed.has(key)) return undefined;
    return this.passes(instance) ? instance : undefined;
  }

  private passes(instance: T): boolean {
    const targetName = this.dtoClass.name;
    for (const { property, conditions, checks } of this.rules) {
      const value = (instance as Record<string, unknown>)[property];
      if (!conditions.every((condition) => condition(instance, value))) continue;
      for (const { validator, constraints } of checks) {
        const args: ValidationArguments = {
          targetName,
          property,
          object: instance,
          value,
          constraints,
        };
        const valid = validator.validate(value, args) as unknown;
        if (valid !== true) return false;
      }
    }
    return true;
  }
}

function usesClassTransformer(dtoClass: DtoClass): boolean {
  return (
    defaultMetadataStorage.getExposedMetadatas(dtoClass).length > 0 ||
    defaultMetadataStorage.getExcludedMetadatas(dtoClass).length > 0
  );
}

function transformsProperty(dtoClass: DtoClass, property: string): boolean {
  return (
    defaultMetadataStorage.findTypeMetadata(dtoClass, property) !== undefined ||
    defaultMetadataStorage.findTransformMetadatas(
      dtoClass,
      property,
      TransformationType.PLAIN_TO_CLASS,
    ).length > 0
  );
}
