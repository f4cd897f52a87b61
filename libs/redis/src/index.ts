export { RedisModule } from './redis.module';
export { RedisScript } from './redis-script';
export { RedisService } from './redis.service';
export {
  clusterStartNodes,
  createRedisClient,
  isCluster,
  type RedisClient,
  redisConnectionSettings,
} from './redis-client';
export { countInFixedWindow, WindowCount } from './fixed-window-counter';
export {
  countPendingHit,
  type PendingWindowHit,
  WindowHitFirstScript,
} from './window-hit-first';
export { isRedisCommandTimeout, retryWhenTimedOut } from './command-timeout';
export { type AttemptBudget, takeAttempt } from './attempt-budget';
