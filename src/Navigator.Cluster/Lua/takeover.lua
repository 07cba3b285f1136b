-- Makes ARGV[2] the owner of a room whose owner's lease ran out (or that was released) and returns
-- its state; nil when the room is gone or its owner is alive. Concurrent callers: one wins.
-- KEYS[1] room hash; ARGV[1] node key prefix, ARGV[2] node id.
local owner = redis.call('HGET', KEYS[1], 'owner')
if not owner then
  return nil
end
if owner ~= '' and redis.call('EXISTS', ARGV[1] .. owner) == 1 then
  return nil
end
redis.call('HSET', KEYS[1], 'owner', ARGV[2])
return redis.call('HGET', KEYS[1], 'state')
