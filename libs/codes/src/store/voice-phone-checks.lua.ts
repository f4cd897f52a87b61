/**
 * The phone's checks of a call's reserve, shared by reserveVoiceSendScript (one Redis) and
 * reservePhoneCallScript (a cluster's phone step): the call's resend lock, the SMS lock unless
 * "call me instead" (the live code of this purpose came by SMS), the 24-hour and hourly caps.
 * Returns from the script on a refusal. Expects the locals now, voiceLock, smsLock, calls,
 * codeKey, hourlyLimit and dailyLimit; defines dayMs.
 */
export const VOICE_PHONE_CHECKS_LUA = `
local hourMs, dayMs = 3600000, 86400000
local voiceMs = redis.call('PTTL', voiceLock)
if voiceMs > 0 then return { 1, voiceMs } end
local smsMs = redis.call('PTTL', smsLock)
if smsMs > 0 then
  local live = redis.call('HMGET', codeKey, 'state', 'expiresAt', 'channel')
  local smsCodeLive = live[1] == 'live' and now < tonumber(live[2]) and (live[3] or 'sms') == 'sms'
  if not smsCodeLive then return { 1, smsMs } end
end

-- The call that leaves a window first frees a place: the (count - limit + 1)th oldest in it.
local function retryAfterWindow(windowMs, count, limit)
  local since = now - windowMs
  local leaving = redis.call('ZRANGEBYSCORE', calls, '(' .. since, '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
  return tonumber(leaving[2]) + windowMs - now
end
redis.call('ZREMRANGEBYSCORE', calls, '-inf', now - dayMs)
local inDay = redis.call('ZCARD', calls)
if inDay >= dailyLimit then return { 2, retryAfterWindow(dayMs, inDay, dailyLimit) } end
local inHour = redis.call('ZCOUNT', calls, '(' .. (now - hourMs), '+inf')
if inHour >= hourlyLimit then return { 5, retryAfterWindow(hourMs, inHour, hourlyLimit) } end
`;
