import { RedisScript } from '@app/redis';
import { FRAUD_LUA } from './fraud.lua';

/**
 * The figures and verdict of watched keys, as the reserve step computes them (fraud.lua.ts).
 * KEYS: the watched keys. ARGV: now ms, ratio, attack factor, then per key: floor per day,
 * floor per hour, ceiling. Returns per key { sent, verified, unverified, budget, verdict }.
 */
export const fraudOverviewScript = new RedisScript(`
${FRAUD_LUA}
local now, ratio, attackFactor = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local rows = {}
for i = 1, #KEYS do
  local base = 4 + 3 * (i - 1)
  local f = fraudFigures(KEYS[i], now)
  local verdict, budget = fraudVerdict(f, now, tonumber(ARGV[base]), tonumber(ARGV[base + 1]),
    tonumber(ARGV[base + 2]), ratio, attackFactor)
  rows[i] = { f.sent, f.verified, f.unverified, budget, verdict }
end
return rows
`);

/**
 * An admin's clearance of a watched key: its unverified codes of the last 24 hours are given
 * back (its verified history stays). KEYS: the watched key. ARGV: now ms. Returns the codes
 * given back.
 */
export const fraudClearScript = new RedisScript(`
local h = math.floor(tonumber(ARGV[1]) / 3600000)
local cleared = 0
for i = 0, 23 do
  local sent = tonumber(redis.call('HGET', KEYS[1], 's' .. (h - i)) or '0')
  local back = tonumber(redis.call('HGET', KEYS[1], 'g' .. (h - i)) or '0')
  if sent > back then
    redis.call('HSET', KEYS[1], 'g' .. (h - i), sent)
    cleared = cleared + sent - back
  end
end
return cleared
`);
