-- Forgets a room ARGV[1] owns (a room another node took over stays).
-- KEYS[1] room hash, KEYS[2] set of rooms; ARGV[1] node id, ARGV[2] room name.
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[2])
return 1
