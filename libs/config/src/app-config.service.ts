import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from './environment';
import { settingNames } from './settings-schema';
import type { SettingsSchema } from './settings-schema';

/** Typed access to the validated settings. */
@Injectable()
export class AppConfigService {
  constructor(private readonly config: ConfigService<Environment, true>) {}

  get<K extends keyof Environment>(key: K): Environment[K] {
    return this.config.get(key, { infer: true });
  }

  /**
   * The settings of a part another library owns (validated at start-up with the rest, when
   * the app handed its schema to `validateEnvironment`), typed by that schema.
   */
  section<T extends object>(schema: SettingsSchema<T>): T {
    const untyped = this.config as unknown as ConfigService;
    const values = settingNames(schema).map((name) => [name, untyped.get<unknown>(name)]);
    return Object.assign(new schema(), Object.fromEntries(values) as Partial<T>);
  }
}
