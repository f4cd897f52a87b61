import { ValidateBy } from 'class-validator';

/** SMS_FRAUD_GUARD's value that turns the pumping defence off. */
const FRAUD_GUARD_OFF = 'off';

/**
 * REDIS_CLUSTER on asks for SMS_FRAUD_GUARD=off: the pumping defence's watched keys (country,
 * range, prefix, IP, network) live in five slots and its scripts are not split per slot yet
 * (README, "On a Redis Cluster"). Refusing the start says so instead of failing every send.
 */
export const PumpingDefenceOffOnCluster = (): PropertyDecorator =>
  ValidateBy({
    name: 'pumpingDefenceOffOnCluster',
    validator: {
      validate: (value: unknown, args) =>
        value !== true ||
        (args?.object as { SMS_FRAUD_GUARD?: string } | undefined)?.SMS_FRAUD_GUARD ===
          FRAUD_GUARD_OFF,
      defaultMessage: () =>
        'REDIS_CLUSTER=on needs SMS_FRAUD_GUARD=off: the pumping defence runs on a single Redis only (see the README, "On a Redis Cluster")',
    },
  });

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
