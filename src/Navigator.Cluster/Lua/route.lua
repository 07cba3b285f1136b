-- Where a room is served, in one round trip: nil when the room has no record, else its owner's id
-- (empty when released) and the owner's node record (nil when its lease ran out).
-- KEYS[1] room hash; ARGV[1] node key prefix.
local owner = redis.call('HGET', KEYS[1], 'owner')
if not owner then
  return nil
end
if owner == '' then
  return { owner }
end
return { owner, redis.call('GET', ARGV[1] .. owner) }
