import { ValidateBy } from 'class-validator';

/** REDIS_CLUSTER_NODES only means something with REDIS_CLUSTER on. */
export const OnlyWithRedisCluster = (): PropertyDecorator =>
  ValidateBy({
    name: 'onlyWithRedisCluster',
    validator: {
      validate: (value: unknown, args) =>
        value === undefined ||
        (args?.object as { REDIS_CLUSTER?: unknown } | undefined)?.REDIS_CLUSTER === true,
      defaultMessage: () => 'REDIS_CLUSTER_NODES is for REDIS_CLUSTER=on',
    },
  });
