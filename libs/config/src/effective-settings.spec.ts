import { declareSettings, EffectiveSettings, MASKED } from './effective-settings';

class Schema {
  ADMIN_API_KEY?: string = undefined;
  DATABASE_URL?: string = undefined;
  PORT = 3000;
  SMS_TENCENT_SECRET_ID?: string = undefined;
  SMS_ALLOWED_REGIONS: string[] = [];
}

describe('EffectiveSettings', () => {
  it('lists the declared settings only, secrets and URL passwords masked', () => {
    const environment = {
      ADMIN_API_KEY: 'the-admin-key-of-some-length',
      DATABASE_URL: 'postgresql://app:hunter2@db:5432/app',
      PORT: 8080,
      SMS_ALLOWED_REGIONS: ['CN', 'HK'],
      HOME: '/root',
    };
    declareSettings(environment, [Schema]);
    expect(new EffectiveSettings(environment).list()).toEqual([
      { name: 'ADMIN_API_KEY', secret: true, value: MASKED },
      { name: 'DATABASE_URL', secret: false, value: `postgresql://app:${MASKED}@db:5432/app` },
      { name: 'PORT', secret: false, value: '8080' },
      { name: 'SMS_ALLOWED_REGIONS', secret: false, value: '["CN","HK"]' },
      { name: 'SMS_TENCENT_SECRET_ID', secret: true, value: null },
    ]);
  });
});
