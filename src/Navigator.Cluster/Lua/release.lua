-- Gives up a room ARGV[1] owns without forgetting it, so another node recovers it.
-- KEYS[1] room hash; ARGV[1] node id.
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'owner', '')
return 1
