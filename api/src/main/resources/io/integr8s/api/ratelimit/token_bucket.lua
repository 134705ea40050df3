-- Token bucket in a hash {tokens, ts}; refills continuously (Redis server clock, ms).
-- KEYS[1] the bucket, KEYS[2] the subject's key index
-- ARGV[1] capacity, ARGV[2] refill in tokens per ms, ARGV[3] cost (1 consume, 0 only look)
-- returns {allowed, remaining, now, reset_at: when the bucket is full again, retry_at: when the next token is there}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = capacity
if state[1] then
    tokens = math.min(capacity, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * rate)
end
local allowed = 0
if tonumber(ARGV[3]) > 0 and tokens >= 1 then
    tokens = tokens - 1
    allowed = 1
    local ttl = math.ceil(capacity / rate)
    redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
    redis.call('PEXPIRE', KEYS[1], ttl)
    redis.call('SADD', KEYS[2], KEYS[1])
    if redis.call('PTTL', KEYS[2]) < ttl then
        redis.call('PEXPIRE', KEYS[2], ttl)
    end
end
local retry = now
if tokens < 1 then
    retry = now + math.ceil((1 - tokens) / rate)
end
return {allowed, math.floor(tokens), now, now + math.ceil((capacity - tokens) / rate), retry}
