/**
 * The fraud guard's Lua, shared by the reserve script (decide, then count) and the overview
 * script (the same figures and verdict), so the budget is computed in one place.
 *
 * A watched key (a country, a carrier range, a number prefix, an IP, a network) is one hash of
 * hourly and daily buckets, named by the bucket's number since the epoch:
 *   s<hour> codes sent, v<hour> codes verified, g<hour> sends given back (a verified code, the
 *   unverified codes of the same phone and purpose it follows, and an admin's clearance),
 *   d<day> codes verified that day, m<day> the day's busiest hour of verified codes.
 * Unverified codes in a window are s - g. Only 24 hourly and 14 daily buckets are read; older
 * fields are deleted as their bucket leaves the window, and a key not written for 15 days
 * expires.
 *
 * The budget of unverified codes of a key, after Authgear's fraud_protection:
 *   a day's   = min(ceiling, max(floor per day,  ratio x the 14-day max of a day's verified,
 *                                                ratio x verified in the last 24 hours))
 *   an hour's = min(ceiling, max(floor per hour, ratio x the 14-day max of an hour's verified,
 *                                                ratio x verified this hour,
 *                                                the day's budget from history / 3))
 * The last term is ours: an hour may spend a third of what the key's verified days earned
 * (ratio x its busiest day or its last 24 hours). Authgear's hourly terms alone follow the hour
 * too tightly at small counts: a carrier range verifying 30 codes in a push hour has an hourly
 * budget of 9, and its few users who never verify cross that by chance. The day's history is a
 * steadier measure of what the key can take; an attack on a warm key still needs 3 hours to
 * spend its day's budget, and a key with no verified history keeps its hourly floor.
 * A send that would take the key past either is challenged; past `attack factor` times the
 * day's budget on a key with no verified code in 14 days, it is blocked.
 */
export const FRAUD_LUA = `
local FRAUD_HOUR, FRAUD_DAY = 3600000, 86400000
local FRAUD_TTL = 15 * FRAUD_DAY
-- An hour may spend this share (1 / n) of the day's budget its verified history earned.
local FRAUD_HOURS_PER_DAY_BUDGET = 3

local function fraudFigures(key, now)
  local h, d = math.floor(now / FRAUD_HOUR), math.floor(now / FRAUD_DAY)
  local fields = {}
  for i = 0, 23 do
    fields[#fields + 1] = 's' .. (h - i)
    fields[#fields + 1] = 'g' .. (h - i)
    fields[#fields + 1] = 'v' .. (h - i)
  end
  for i = 0, 13 do
    fields[#fields + 1] = 'd' .. (d - i)
    fields[#fields + 1] = 'm' .. (d - i)
  end
  local got = redis.call('HMGET', key, unpack(fields))
  local f = { sent = 0, verified = 0, unverified = 0, unverifiedHour = 0, verifiedHour = 0,
              maxDay = 0, maxHour = 0, verified14 = 0, byHour = {} }
  for i = 0, 23 do
    local s = tonumber(got[3 * i + 1] or '0')
    local u = math.max(0, s - tonumber(got[3 * i + 2] or '0'))
    local v = tonumber(got[3 * i + 3] or '0')
    f.sent, f.verified, f.unverified = f.sent + s, f.verified + v, f.unverified + u
    f.byHour[i] = u
    if i == 0 then f.unverifiedHour, f.verifiedHour = u, v end
  end
  for i = 0, 13 do
    local dayVerified = tonumber(got[73 + 2 * i] or '0')
    f.verified14 = f.verified14 + dayVerified
    f.maxDay = math.max(f.maxDay, dayVerified)
    f.maxHour = math.max(f.maxHour, tonumber(got[74 + 2 * i] or '0'))
  end
  return f
end

-- Returns verdict (0 within budget, 1 challenge, 2 block), the day's budget, retry after ms.
local function fraudVerdict(f, now, floorDay, floorHour, ceiling, ratio, attackFactor)
  local earnedDay = ratio * math.max(f.maxDay, f.verified)
  local dayBudget = math.min(ceiling, math.max(floorDay, math.floor(earnedDay)))
  local hourBudget = math.min(ceiling, math.max(floorHour, math.floor(ratio * f.maxHour),
    math.floor(ratio * f.verifiedHour), math.floor(earnedDay / FRAUD_HOURS_PER_DAY_BUDGET)))
  local h = math.floor(now / FRAUD_HOUR)
  if f.unverified + 1 > dayBudget then
    local verdict = 1
    if f.verified14 == 0 and f.unverified + 1 > attackFactor * dayBudget then verdict = 2 end
    -- The block lifts when enough unverified codes leave the 24-hour window.
    local excess = f.unverified + 1 - dayBudget
    for i = 23, 0, -1 do
      excess = excess - f.byHour[i]
      if excess <= 0 then return verdict, dayBudget, (h - i + 24) * FRAUD_HOUR - now end
    end
    return verdict, dayBudget, (h + 24) * FRAUD_HOUR - now
  end
  if f.unverifiedHour + 1 > hourBudget then return 1, dayBudget, (h + 1) * FRAUD_HOUR - now end
  return 0, dayBudget, 0
end

local function fraudCountSend(key, now)
  local h, d = math.floor(now / FRAUD_HOUR), math.floor(now / FRAUD_DAY)
  redis.call('HINCRBY', key, 's' .. h, 1)
  redis.call('HDEL', key, 's' .. (h - 24), 'g' .. (h - 24), 'v' .. (h - 24), 'd' .. (d - 14), 'm' .. (d - 14))
  redis.call('PEXPIRE', key, FRAUD_TTL)
end

-- A verified code: its send and the earlier unverified ones it follows are given back, and
-- the key's verified history grows by one.
local function fraudCountVerified(key, hour, day, givenBack)
  redis.call('HINCRBY', key, 'g' .. hour, givenBack)
  local verified = redis.call('HINCRBY', key, 'v' .. hour, 1)
  redis.call('HINCRBY', key, 'd' .. day, 1)
  if verified > tonumber(redis.call('HGET', key, 'm' .. day) or '0') then
    redis.call('HSET', key, 'm' .. day, verified)
  end
  redis.call('PEXPIRE', key, FRAUD_TTL)
end
`;
