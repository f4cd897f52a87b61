import { RedisScript } from '@app/redis';
import { VOICE_PHONE_CHECKS_LUA } from './voice-phone-checks.lua';

/**
 * The steps of a reservation on a Redis Cluster (see ClusterReservations): one script per hash
 * slot. The phone's keys share its slot (`{phone}` hash tags); the per-IP and service counters
 * each live in their own.
 */

/**
 * The phone's part of an SMS reserve: the resend lock and the phone's daily limit, checked and
 * counted together (as reserveSendScript's first checks). The code is stored by a later step.
 *
 * KEYS: resend lock, phone-day counter. ARGV: resend ms, phone limit, counter ttl ms, code hash.
 * Returns { outcome, retry after ms }: 0 counted, 1 too frequent, 2 phone daily limit.
 */
export const reservePhoneSmsScript = new RedisScript(`
local resendMs = redis.call('PTTL', KEYS[1])
if resendMs > 0 then return { 1, resendMs } end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then return { 2, 0 } end
if tonumber(ARGV[1]) > 0 then redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[1]) end
if redis.call('INCR', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
return { 0, 0 }
`);

/**
 * Takes back reservePhoneSmsScript's counts and, with a code hash stored, the code (only if it
 * is still that one). With "only if locked" 1 (its answer timed out), nothing is undone unless
 * the resend lock it would have taken is there: then it did run.
 *
 * KEYS: resend lock, phone-day counter, code hash. ARGV: code hash, only if locked (1 or 0).
 */
export const releasePhoneSmsScript = new RedisScript(`
local locked = redis.call('GET', KEYS[1]) == ARGV[1]
if ARGV[2] == '1' and not locked then return 0 end
if locked then redis.call('DEL', KEYS[1]) end
if redis.call('HGET', KEYS[3], 'hash') == ARGV[1] then redis.call('DEL', KEYS[3]) end
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
return 1
`);

/**
 * The phone's part of a call's reserve: as reserveVoiceSendScript up to the per-IP counter
 * (the call's resend lock, the SMS lock unless "call me instead", the hourly and 24-hour caps),
 * then the lock and the call counted.
 *
 * KEYS: voice resend lock, SMS resend lock, the phone's calls, code hash.
 * ARGV: voice resend ms, hourly limit, 24-hour limit, code hash, now ms, message id.
 * Returns { outcome, retry after ms }: 0 counted, 1 too frequent, 2 24-hour limit, 5 hourly.
 */
export const reservePhoneCallScript = new RedisScript(`
local now = tonumber(ARGV[5])
local voiceLock, smsLock, calls, codeKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local hourlyLimit, dailyLimit = tonumber(ARGV[2]), tonumber(ARGV[3])
${VOICE_PHONE_CHECKS_LUA}
if tonumber(ARGV[1]) > 0 then redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[1]) end
redis.call('ZADD', KEYS[3], now, ARGV[6])
redis.call('PEXPIRE', KEYS[3], dayMs)
return { 0, 0 }
`);

/**
 * Takes back reservePhoneCallScript's counts and the call's code (only if it is still this
 * message's). With "only if counted" 1, nothing unless the call was counted.
 *
 * KEYS: voice resend lock, the phone's calls, code hash. ARGV: code hash, message id, only if
 * counted (1 or 0). Returns 1 when the call was counted (and is no more), else 0.
 */
export const releasePhoneCallScript = new RedisScript(`
local counted = redis.call('ZSCORE', KEYS[2], ARGV[2]) ~= false
if ARGV[3] == '1' and not counted then return 0 end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if redis.call('HGET', KEYS[3], 'message') == ARGV[2] then redis.call('DEL', KEYS[3]) end
return redis.call('ZREM', KEYS[2], ARGV[2])
`);

/**
 * One counter under its limit, checked and counted at once: parallel callers cannot pass it
 * together beyond the limit. KEYS: the counter. ARGV: limit, ttl ms. Returns 1 counted, 0 full.
 */
export const countUnderLimitScript = new RedisScript(`
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then return 0 end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
`);

/** Takes one count back (never below zero). KEYS: the counter. */
export const uncountScript = new RedisScript(`
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 0
`);

/**
 * The last step: the new code replaces the phone's code of this purpose (as the reserve
 * scripts do once every limit passed). KEYS: code hash. ARGV: code hash, sent at ms, expires
 * at ms, code key ttl ms, message id, channel ('' for SMS, as the single-Redis script stores);
 * for a send the fraud guard counted, [7] its watched keys (space-separated), [8] its hour,
 * [9] its day: kept on the code for the verify's give-back, with the unverified codes it
 * carries (as reserveSendScript).
 */
export const storeCodeScript = new RedisScript(`
local carried = 0
if ARGV[7] then
  local old = redis.call('HMGET', KEYS[1], 'state', 'fh', 'fc')
  if old[1] == 'live' and old[2] and tonumber(old[2]) > tonumber(ARGV[8]) - 24 then
    carried = math.min(5, tonumber(old[3] or '0') + 1)
  end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'hash', ARGV[1], 'sentAt', ARGV[2], 'expiresAt', ARGV[3], 'tries', 0, 'state', 'live', 'message', ARGV[5])
if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'channel', ARGV[6]) end
if ARGV[7] then redis.call('HSET', KEYS[1], 'fk', ARGV[7], 'fh', ARGV[8], 'fd', ARGV[9], 'fc', carried) end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 0
`);
