import { InvalidConfigurationError, validateEnvironment } from './validate-environment';

const required = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/smsauth',
  REDIS_URL: 'redis://127.0.0.1:7000',
  ADMIN_API_KEY: 'an-admin-key-of-some-length',
};

function problemsOf(settings: Record<string, string | undefined>): string[] {
  try {
    validateEnvironment({ ...required, ...settings });
  } catch (error) {
    if (error instanceof InvalidConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('REDIS_CLUSTER and REDIS_CLUSTER_NODES', () => {
  it('are off and unset by default', () => {
    expect(validateEnvironment(required)).toMatchObject({ REDIS_CLUSTER: false });
    expect(validateEnvironment(required).REDIS_CLUSTER_NODES).toBeUndefined();
  });

  it('take a cluster with more start nodes', () => {
    const env = validateEnvironment({
      ...required,
      REDIS_CLUSTER: 'on',
      REDIS_CLUSTER_NODES: 'redis://127.0.0.1:7001, redis://10.0.0.2:7002',
      SMS_FRAUD_GUARD: 'off',
    });
    expect(env).toMatchObject({
      REDIS_CLUSTER: true,
      REDIS_CLUSTER_NODES: ['redis://127.0.0.1:7001', 'redis://10.0.0.2:7002'],
    });
  });

  it('takes a cluster with the pumping defence on (the default) or enforcing', () => {
    expect(problemsOf({ REDIS_CLUSTER: 'on' })).toEqual([]);
    expect(
      validateEnvironment({ ...required, REDIS_CLUSTER: 'on', SMS_FRAUD_GUARD: 'enforce' }),
    ).toMatchObject({ REDIS_CLUSTER: true, SMS_FRAUD_GUARD: 'enforce' });
  });

  it('refuses start nodes without the cluster, and nodes that are not redis:// URLs', () => {
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'redis://127.0.0.1:7001' })).toEqual([
      expect.stringContaining('REDIS_CLUSTER_NODES is for REDIS_CLUSTER=on'),
    ]);
    expect(
      problemsOf({
        REDIS_CLUSTER: 'on',
        SMS_FRAUD_GUARD: 'off',
        REDIS_CLUSTER_NODES: 'redis://127.0.0.1:7001,127.0.0.1:7002',
      }),
    ).toEqual([expect.stringContaining('comma-separated redis://host:port URLs')]);
    expect(problemsOf({ REDIS_CLUSTER: 'maybe', SMS_FRAUD_GUARD: 'off' })).toHaveLength(1);
  });
});
