-- Replaces the state of a room ARGV[1] owns; 0 when it is not (or no longer) its own.
-- KEYS[1] room hash; ARGV[1] node id, ARGV[2] state JSON.
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
return 1
