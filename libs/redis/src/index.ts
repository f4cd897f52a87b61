export { RedisModule } from './redis.module';
export { RedisScript } from './redis-script';
export { RedisService } from './redis.service';
export { countInFixedWindow, WindowCount } from './fixed-window-counter';
export { isRedisCommandTimeout } from './command-timeout';
export { type AttemptBudget, takeAttempt } from './attempt-budget';
