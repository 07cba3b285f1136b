-- Writes back a room ARGV[1] holds after Redis lost it (restart) or missed updates; 0 when another
-- node owns the room now (it recovered the room while this node could not renew its lease).
-- KEYS[1] room hash, KEYS[2] set of rooms; ARGV[1] node id, ARGV[2] state JSON, ARGV[3] room name.
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner and owner ~= '' and owner ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'state', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return 1
