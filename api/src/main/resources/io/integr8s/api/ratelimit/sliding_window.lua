-- Sliding window over a sorted set of request times (ms, Redis server clock, so every instance agrees).
-- KEYS[1] the window, KEYS[2] the subject's key index
-- ARGV[1] limit, ARGV[2] window ms, ARGV[3] cost (1 consume, 0 only look), ARGV[4] a member id unique to the request
-- returns {allowed, remaining, now, reset_at: when the oldest request leaves the window, retry_at: same}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if tonumber(ARGV[3]) > 0 and count < limit then
    redis.call('ZADD', KEYS[1], now, ARGV[4])
    redis.call('PEXPIRE', KEYS[1], window)
    redis.call('SADD', KEYS[2], KEYS[1])
    if redis.call('PTTL', KEYS[2]) < window then
        redis.call('PEXPIRE', KEYS[2], window)
    end
    count = count + 1
    allowed = 1
end
local reset = now + window
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if oldest[2] then
    reset = tonumber(oldest[2]) + window
end
return {allowed, math.max(limit - count, 0), now, reset, reset}
