-- Records a new room owned by ARGV[1]; 0 when the room already has a record (held or being recovered).
-- KEYS[1] room hash, KEYS[2] set of rooms; ARGV[1] node id, ARGV[2] state JSON, ARGV[3] room name.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'state', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return 1
