import { RedisScript, WindowHitFirstScript } from '@app/redis';
import { FRAUD_LUA } from '../fraud/fraud.lua';
import { VOICE_PHONE_CHECKS_LUA } from './voice-phone-checks.lua';

/**
 * Checks every sending limit and, when all pass, counts the send and stores the
 * new code, in one atomic step: concurrent requests for one phone cannot both pass.
 *
 * With the fraud guard on (see fraud.lua.ts), the same step reads the budgets of unverified
 * codes of the send's watched keys and counts the send in them, so parallel attackers cannot
 * all pass either. A send refused by a static limit counts nowhere.
 *
 * KEYS: resend lock, phone-day, ip-day, service-day counters, code hash; with the guard on,
 *       then the 5 watched keys (FRAUD_KEY_KINDS' order), the IP's countries (sorted set), and
 *       the overview's indexes of countries, ranges and prefixes.
 * ARGV: resend ms, phone limit, ip limit, service limit, counter ttl ms,
 *       code hash, sent at ms, expires at ms, code key ttl ms, message id; with the guard on,
 *       then [11] mode (1 record, 2 enforce), [12] 1 challenge by captcha / 0 block, [13] 1 when
 *       this request solved a captcha, [14] the phone's region, [15] distinct countries an IP
 *       may reach in 24 h, [16] budget ratio, [17] attack factor, [18-20] the indexed country,
 *       range and prefix, [21-35] per watched key: floor per day, floor per hour, ceiling.
 * Returns { outcome, retry after ms, fraud action, watched key, unverified, budget }: outcome
 * 0 reserved, 1 too frequent, 2 phone daily limit, 3 ip daily limit, 4 service daily limit,
 * 6 refused by the fraud guard; fraud action 0 none, 1 challenge, 2 block (decided in record
 * mode too, and for a send that passed with a solved captcha); watched key 1-5 as KEYS[6-10],
 * 6 the IP's countries.
 */
export const reserveSendScript = new RedisScript(`
${FRAUD_LUA}
local resendMs = redis.call('PTTL', KEYS[1])
if resendMs > 0 then return { 1, resendMs } end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then return { 2, 0 } end
if tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[3]) then return { 3, 0 } end
if tonumber(redis.call('GET', KEYS[4]) or '0') >= tonumber(ARGV[4]) then return { 4, 0 } end

local now = tonumber(ARGV[7])
local fraudMode = tonumber(ARGV[11] or '0')
local action, watched, unverified, budget, retry = 0, 0, 0, 0, 0
if fraudMode > 0 then
  local ratio, attackFactor = tonumber(ARGV[16]), tonumber(ARGV[17])
  for i = 1, 5 do
    local base = 21 + 3 * (i - 1)
    local f = fraudFigures(KEYS[5 + i], now)
    local verdict, dayBudget, retryMs = fraudVerdict(f, now, tonumber(ARGV[base]),
      tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), ratio, attackFactor)
    if verdict > action then
      action, watched, unverified, budget, retry = verdict, i, f.unverified, dayBudget, retryMs
    end
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[11], '-inf', now - FRAUD_DAY)
  local countries = redis.call('ZCARD', KEYS[11])
  if not redis.call('ZSCORE', KEYS[11], ARGV[14]) then countries = countries + 1 end
  if action == 0 and countries > tonumber(ARGV[15]) then
    local oldest = redis.call('ZRANGE', KEYS[11], 0, 0, 'WITHSCORES')
    action, watched, unverified, budget = 1, 6, countries, tonumber(ARGV[15])
    retry = tonumber(oldest[2]) + FRAUD_DAY - now
  end
  if action == 1 and ARGV[12] == '0' then action = 2 end
  local solved = action == 1 and ARGV[13] == '1'
  if fraudMode == 2 and action > 0 and not solved then
    return { 6, retry, action, watched, unverified, budget }
  end
end

if tonumber(ARGV[1]) > 0 then redis.call('SET', KEYS[1], ARGV[6], 'PX', ARGV[1]) end
for i = 2, 4 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
end
-- A resend over the phone's unverified code carries it: verifying the new code gives both back.
local carried = 0
if fraudMode > 0 then
  local old = redis.call('HMGET', KEYS[5], 'state', 'fh', 'fc')
  if old[1] == 'live' and old[2] and tonumber(old[2]) > math.floor(now / FRAUD_HOUR) - 24 then
    carried = math.min(5, tonumber(old[3] or '0') + 1)
  end
end
redis.call('DEL', KEYS[5])
redis.call('HSET', KEYS[5], 'hash', ARGV[6], 'sentAt', ARGV[7], 'expiresAt', ARGV[8], 'tries', 0, 'state', 'live', 'message', ARGV[10])
if fraudMode > 0 then
  for i = 6, 10 do fraudCountSend(KEYS[i], now) end
  redis.call('ZADD', KEYS[11], now, ARGV[14])
  redis.call('PEXPIRE', KEYS[11], FRAUD_DAY)
  for i = 1, 3 do
    redis.call('ZADD', KEYS[11 + i], now, ARGV[17 + i])
    redis.call('ZREMRANGEBYSCORE', KEYS[11 + i], '-inf', now - FRAUD_DAY)
  end
  redis.call('HSET', KEYS[5], 'fk', table.concat({ KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10] }, ' '),
    'fh', math.floor(now / FRAUD_HOUR), 'fd', math.floor(now / FRAUD_DAY), 'fc', carried)
end
redis.call('PEXPIRE', KEYS[5], ARGV[9])
return { 0, 0, action, watched, unverified, budget }
`);

/**
 * The voice form of reserveSendScript: a call's own resend lock, rolling caps per phone (an
 * hour, 24 hours: a sorted set of the phone's calls by time), its own service fuse, and the
 * per-IP counter shared with SMS, checked and counted in one atomic step.
 *
 * The phone's SMS resend lock holds a call back too (LeanCloud's one code a minute counts
 * calls), except for "call me instead": while the live code of this purpose came by SMS, one
 * call may replace it. The call's code replaces it, so a second call is not "instead" any more.
 *
 * KEYS: voice resend lock, SMS resend lock, the phone's calls (sorted set), ip-day counter,
 *       voice service-day counter, code hash
 * ARGV: voice resend ms, hourly limit, 24-hour limit, ip limit, voice service limit,
 *       counter ttl ms, code hash, sent at ms, expires at ms, code key ttl ms, message id
 * Returns { outcome, retry after ms }: 0 reserved, 1 too frequent, 2 phone 24-hour limit,
 * 3 ip daily limit, 4 voice service daily limit, 5 phone hourly limit.
 */
export const reserveVoiceSendScript = new RedisScript(`
local now = tonumber(ARGV[8])
local voiceLock, smsLock, calls, codeKey = KEYS[1], KEYS[2], KEYS[3], KEYS[6]
local hourlyLimit, dailyLimit = tonumber(ARGV[2]), tonumber(ARGV[3])
${VOICE_PHONE_CHECKS_LUA}
if tonumber(redis.call('GET', KEYS[4]) or '0') >= tonumber(ARGV[4]) then return { 3, 0 } end
if tonumber(redis.call('GET', KEYS[5]) or '0') >= tonumber(ARGV[5]) then return { 4, 0 } end

if tonumber(ARGV[1]) > 0 then redis.call('SET', KEYS[1], ARGV[7], 'PX', ARGV[1]) end
redis.call('ZADD', KEYS[3], now, ARGV[11])
redis.call('PEXPIRE', KEYS[3], dayMs)
for i = 4, 5 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[6]) end
end
redis.call('DEL', KEYS[6])
redis.call('HSET', KEYS[6], 'hash', ARGV[7], 'sentAt', ARGV[8], 'expiresAt', ARGV[9], 'tries', 0, 'state', 'live', 'message', ARGV[11], 'channel', 'voice')
redis.call('PEXPIRE', KEYS[6], ARGV[10])
return { 0, 0 }
`);

/**
 * Undoes a voice reservation: as releaseSendScript and cancelLateReservationScript, on the
 * voice keys. With "only if current" 1 (a timed-out reserve), nothing is undone unless the
 * reservation happened and is still the phone's code.
 *
 * KEYS: as reserveVoiceSendScript. ARGV: code hash, message id, only if current (1 or 0).
 * Returns 1 when undone, else 0.
 */
export const releaseVoiceSendScript = new RedisScript(`
local current = redis.call('HGET', KEYS[6], 'message') == ARGV[2]
if ARGV[3] == '1' and not current then return 0 end
if current then redis.call('DEL', KEYS[6]) end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if redis.call('ZREM', KEYS[3], ARGV[2]) == 0 then return 0 end
for i = 4, 5 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 1
`);

// Takes a send back out of the watched keys (KEYS[6-10] of a reserve), in its hour ARGV[n].
const UNCOUNT_FRAUD_LUA = `
local function fraudUncountSend(hourArg)
  if #KEYS < 10 or not hourArg or hourArg == '' then return end
  for i = 6, 10 do
    if tonumber(redis.call('HGET', KEYS[i], 's' .. hourArg) or '0') > 0 then
      redis.call('HINCRBY', KEYS[i], 's' .. hourArg, -1)
    end
  end
end
`;

/**
 * Undoes a reservation whose message could not be sent: the code is removed
 * (only if it is still the one reserved) and the send is not counted.
 *
 * KEYS: as reserveSendScript. ARGV: code hash, the hour the watched keys counted it in ('' when
 * the fraud guard did not).
 */
export const releaseSendScript = new RedisScript(`
${UNCOUNT_FRAUD_LUA}
if redis.call('HGET', KEYS[5], 'hash') == ARGV[1] then redis.call('DEL', KEYS[5]) end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
for i = 2, 4 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
fraudUncountSend(ARGV[2])
return 0
`);

/**
 * Undoes a reservation whose answer never came back in time (REDIS_COMMAND_TIMEOUT_MS): the
 * request answered 503 and sent nothing, but Redis, once it resumes, still runs the reserve.
 * Sent right after the timeout on the same connection, this runs after it. Only a reservation
 * that did happen and is still the phone's current code is undone (its message id is on the
 * code): a reserve refused by a limit, or never run, counted nothing, so nothing is taken back.
 *
 * KEYS: as reserveSendScript. ARGV: code hash, message id, the watched keys' hour (or '').
 * Returns 1 when undone, else 0.
 */
export const cancelLateReservationScript = new RedisScript(`
${UNCOUNT_FRAUD_LUA}
if redis.call('HGET', KEYS[5], 'message') ~= ARGV[2] then return 0 end
redis.call('DEL', KEYS[5])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
for i = 2, 4 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
fraudUncountSend(ARGV[3])
return 1
`);

/**
 * Verifies and consumes a code atomically: under concurrency a code verifies at most once.
 * A route may accept codes of several purposes (LeanCloud's SMS log-in takes a log-in code or
 * a general one): each purpose's code is one key, all checked in this one step, so a code
 * verifies at most once across them too. The hashes are compared without an early exit.
 * With "consume" 0 a right code is only reported (it stays live); wrong tries count either way.
 *
 * A right code for one purpose counts no wrong try against another's; a wrong one counts one
 * wrong try on each live code it was compared with (each was guessed at once), never two.
 * With no live code, the answer is the most telling state among them: expired, then used or
 * dead, then none.
 *
 * The phone's wrong guesses of the UTC day, across its codes and purposes, are counted here
 * too, so parallel guesses cannot overshoot the budget: a guess compared with at least one
 * live code and wrong counts once (however many purposes' codes it was compared with); a
 * right code, or a try with no live code to guess, counts nothing. Once the day's budget is
 * spent, every verify of the phone is refused before any comparison, the right code too:
 * otherwise the budget would only slow a brute force down, never stop it.
 *
 * KEYS: the phone's wrong-guess counter for the day, then the code hash of each purpose
 * accepted. ARGV: now ms, max attempts, consume (1 or 0), daily wrong-guess limit, counter
 * ttl ms, then the candidate hash for each code key, in the same order (a hash is bound to
 * its purpose). Returns { outcome, message id, channel }: outcome 0 verified, 1 no code,
 * 2 expired, 3 used or dead, 4 wrong, 5 the day's wrong-guess budget is spent; the id of the
 * message that carried the code on success, '' otherwise; the channel of the code the
 * outcome is about (the one verified, expired or used; the first one guessed wrong), '' when
 * no code was looked at. Codes stored before the channel was kept came by SMS.
 *
 * A code verified (consumed) gives its send back to the fraud guard's watched keys named on
 * it (see fraud.lua.ts). Those keys are not among KEYS: the send's IP is not known here. A
 * single Redis allows it; on a Cluster they live in other slots, and clusterVerifyCodeScript
 * answers what the code keeps for the give-back instead (ClusterFraudSteps.giveBack).
 *
 * A request's per-IP throttle hit can be counted first, in the same round trip (the verify
 * routes' one round trip); on a Cluster that hit's key is in another slot and goes apart.
 */
export const verifyCodeScript = new WindowHitFirstScript(verifyCodeLua(true));

/**
 * verifyCodeScript without the give-back, for a Redis Cluster: a verified code answers
 * { 0, message id, channel, watched keys, hour, day, carried } ('' when it was not watched).
 */
export const clusterVerifyCodeScript = new WindowHitFirstScript(verifyCodeLua(false));

function verifyCodeLua(giveBackHere: boolean): string {
  const verified = giveBackHere
    ? `for watched in string.gmatch(stored[6] or '', '%S+') do
            fraudCountVerified(watched, stored[7], stored[8], 1 + tonumber(stored[9] or '0'))
          end`
    : `return { 0, stored[4] or '', channel, stored[6] or '', stored[7] or '', stored[8] or '', stored[9] or '' }`;
  return `
${FRAUD_LUA}
local now, maxAttempts, consume = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == '1'
local wrongLimit, counterTtlMs = tonumber(ARGV[4]), ARGV[5]
if tonumber(redis.call('GET', KEYS[1]) or '0') >= wrongLimit then return { 5, '', '' } end
local rank = { [1] = 0, [3] = 1, [2] = 2 }
local outcome, outcomeChannel, wrongChannel = 1, '', nil
local compared = {}
for i = 2, #KEYS do
  local key = KEYS[i]
  local stored = redis.call('HMGET', key, 'hash', 'expiresAt', 'state', 'message', 'channel', 'fk', 'fh', 'fd', 'fc')
  local channel = stored[5] or 'sms'
  local state = 1
  if stored[1] then
    if stored[3] ~= 'live' then state = 3
    elseif now >= tonumber(stored[2]) then state = 2
    else
      local expected, candidate = stored[1], ARGV[i + 4]
      local diff = #expected == #candidate and 0 or 1
      for j = 1, math.min(#expected, #candidate) do
        diff = bit.bor(diff, bit.bxor(string.byte(expected, j), string.byte(candidate, j)))
      end
      if diff == 0 then
        if consume then
          redis.call('HSET', key, 'state', 'used')
          ${verified}
        end
        return { 0, stored[4] or '', channel }
      end
      state = 4
      compared[#compared + 1] = key
      wrongChannel = wrongChannel or channel
    end
  end
  if state ~= 4 and rank[state] > rank[outcome] then outcome, outcomeChannel = state, channel end
end
if #compared == 0 then return { outcome, '', outcomeChannel } end
for _, key in ipairs(compared) do
  if redis.call('HINCRBY', key, 'tries', 1) >= maxAttempts then
    redis.call('HSET', key, 'state', 'dead')
  end
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], counterTtlMs) end
return { 4, '', wrongChannel }
`;
}
