import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfigService } from './app-config.service';
import { EffectiveSettings } from './effective-settings';
import { Environment } from './environment';

@Global()
@Module({})
export class AppConfigModule {
  /**
   * Serves settings already checked by `validateEnvironment` (at start-up, so a
   * bad or missing setting stops the process with a message naming it). Tests
   * pass their own settings so several app instances can differ.
   */
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [() => ({ ...environment })],
        }),
      ],
      providers: [
        AppConfigService,
        { provide: EffectiveSettings, useValue: new EffectiveSettings(environment) },
      ],
      exports: [AppConfigService, EffectiveSettings],
    };
  }
}
