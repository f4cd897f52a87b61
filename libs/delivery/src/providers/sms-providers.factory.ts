import { Provider } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { registeredProvider, SmsProviderName } from './provider-registry';
import { SmsProvider } from './sms-provider';
import { SmsProviderRouter } from './sms-provider-router';
import { SmsRoutingSettings } from './sms-routing.settings';

/** One instance of each provider named in SMS_PROVIDER or SMS_ROUTES, routed by region. */
export function createProviderRouter(config: AppConfigService): SmsProviderRouter {
  const routing = config.section(SmsRoutingSettings);
  const instances = new Map<SmsProviderName, SmsProvider>();
  const instance = (name: SmsProviderName): SmsProvider => {
    const existing = instances.get(name) ?? registeredProvider(name).create(config);
    instances.set(name, existing);
    return existing;
  };
  const routes = Object.fromEntries(
    Object.entries(routing.SMS_ROUTES).map(([region, names]) => [region, names.map(instance)]),
  );
  return new SmsProviderRouter(routing.SMS_PROVIDER.map(instance), routes);
}

export const smsProviderRouterProvider: Provider = {
  provide: SmsProviderRouter,
  inject: [AppConfigService],
  useFactory: createProviderRouter,
};
