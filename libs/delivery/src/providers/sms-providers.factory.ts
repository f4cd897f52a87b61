import { Provider } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import type { RegisteredProvider } from './provider-definition';
import { registeredProvider } from './provider-registry';
import { SmsProvider } from './sms-provider';
import { SmsProviderRouter } from './sms-provider-router';
import type { ProviderRoutes } from './sms-routes';
import { SmsRoutingSettings } from './sms-routing.settings';
import { registeredVoiceProvider } from './voice-provider-registry';
import { VoiceProviderRouter } from './voice-provider-router';
import { VoiceRoutingSettings } from './voice-routing.settings';

/** One instance of each provider named in the defaults or the routes, routed by region. */
function routed<N extends string, R>(
  config: AppConfigService,
  registered: (name: N) => RegisteredProvider<N>,
  defaults: readonly N[],
  routes: ProviderRoutes<N>,
  makeRouter: (defaults: SmsProvider[], routes: Record<string, SmsProvider[]>) => R,
): R {
  const instances = new Map<N, SmsProvider>();
  const instance = (name: N): SmsProvider => {
    const existing = instances.get(name) ?? registered(name).create(config);
    instances.set(name, existing);
    return existing;
  };
  const byRegion = Object.fromEntries(
    Object.entries(routes).map(([region, names]) => [region, names.map(instance)]),
  );
  return makeRouter(defaults.map(instance), byRegion);
}

/** One instance of each provider named in SMS_PROVIDER or SMS_ROUTES, routed by region. */
export function createProviderRouter(config: AppConfigService): SmsProviderRouter {
  const { SMS_PROVIDER, SMS_ROUTES } = config.section(SmsRoutingSettings);
  return routed(
    config,
    registeredProvider,
    SMS_PROVIDER,
    SMS_ROUTES,
    (defaults, routes) => new SmsProviderRouter(defaults, routes),
  );
}

/** One instance of each voice provider named in VOICE_PROVIDER or VOICE_ROUTES. */
export function createVoiceProviderRouter(config: AppConfigService): VoiceProviderRouter {
  const { VOICE_PROVIDER, VOICE_ROUTES } = config.section(VoiceRoutingSettings);
  return routed(
    config,
    registeredVoiceProvider,
    VOICE_PROVIDER,
    VOICE_ROUTES,
    (defaults, routes) => new VoiceProviderRouter(defaults, routes),
  );
}

export const smsProviderRouterProvider: Provider = {
  provide: SmsProviderRouter,
  inject: [AppConfigService],
  useFactory: createProviderRouter,
};

export const voiceProviderRouterProvider: Provider = {
  provide: VoiceProviderRouter,
  inject: [AppConfigService],
  useFactory: createVoiceProviderRouter,
};
