import { RedisScript } from '@app/redis';
import { FRAUD_LUA } from './fraud.lua';

/**
 * The pumping defence's steps on a Redis Cluster (see ClusterFraudSteps): one script per
 * watched key, whose keys share the watched value's hash tag (the IP's watched key and its
 * countries set share one slot, so the IP's step checks both).
 */

/**
 * One watched key's check-and-count, as reserveSendScript's fraud part for that key: the key's
 * verdict (and, with the IP's countries set, the countries check), then the send counted in it
 * unless the guard refuses it (enforce mode, a verdict, no solved captcha).
 *
 * KEYS: the watched key; for the IP's step, the IP's countries. ARGV: [1] now ms, [2] floor per
 * day, [3] floor per hour, [4] ceiling, [5] budget ratio, [6] attack factor, [7] mode (1 record,
 * 2 enforce), [8] 1 challenge by captcha / 0 block, [9] 1 captcha solved, [10] the phone's
 * region, [11] distinct countries an IP may reach in 24 h.
 * Returns { refused (1) or counted (0), retry after ms, action, 1 when the IP's countries
 * tripped, unverified, budget, 1 when the region was added to the IP's countries }.
 */
export const checkAndCountWatchedScript = new RedisScript(`
${FRAUD_LUA}
local now = tonumber(ARGV[1])
local f = fraudFigures(KEYS[1], now)
local action, budget, retry = fraudVerdict(f, now, tonumber(ARGV[2]), tonumber(ARGV[3]),
  tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]))
local unverified, countriesTripped, known = f.unverified, 0, true
if KEYS[2] then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - FRAUD_DAY)
  local countries = redis.call('ZCARD', KEYS[2])
  known = redis.call('ZSCORE', KEYS[2], ARGV[10]) ~= false
  if not known then countries = countries + 1 end
  if action == 0 and countries > tonumber(ARGV[11]) then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    action, countriesTripped, unverified, budget = 1, 1, countries, tonumber(ARGV[11])
    retry = tonumber(oldest[2] or now) + FRAUD_DAY - now
  end
end
if action == 1 and ARGV[8] == '0' then action = 2 end
local solved = action == 1 and ARGV[9] == '1'
if ARGV[7] == '2' and action > 0 and not solved then
  return { 1, retry, action, countriesTripped, unverified, budget, 0 }
end
fraudCountSend(KEYS[1], now)
if KEYS[2] then
  redis.call('ZADD', KEYS[2], now, ARGV[10])
  redis.call('PEXPIRE', KEYS[2], FRAUD_DAY)
end
return { 0, retry, action, countriesTripped, unverified, budget, known and 0 or 1 }
`);

/**
 * Takes a send back out of one watched key in its hour (never below zero) and, when given, the
 * region this send added to the IP's countries. KEYS: the watched key; the IP's countries.
 * ARGV: the hour, the region to remove ('' none).
 */
export const uncountWatchedScript = new RedisScript(`
if tonumber(redis.call('HGET', KEYS[1], 's' .. ARGV[1]) or '0') > 0 then
  redis.call('HINCRBY', KEYS[1], 's' .. ARGV[1], -1)
end
if KEYS[2] and ARGV[2] ~= '' then redis.call('ZREM', KEYS[2], ARGV[2]) end
return 0
`);

/**
 * A verified code's give-back to one watched key (as verifyCodeScript does for each on a single
 * Redis). KEYS: the watched key. ARGV: the code's hour, its day, sends given back.
 */
export const giveBackVerifiedScript = new RedisScript(`
${FRAUD_LUA}
fraudCountVerified(KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3]))
return 0
`);

/** The overview's index of a kind: the value seen now. KEYS: the index. ARGV: now ms, value. */
export const indexWatchedScript = new RedisScript(`
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - 86400000)
return 0
`);
