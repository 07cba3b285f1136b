-- Renews a node's lease with its load record; returns 1 when the lease still existed, 0 when it
-- had run out or Redis lost it (then the node writes its rooms back).
-- KEYS[1] node key, KEYS[2] set of nodes; ARGV[1] record JSON, ARGV[2] lease ms, ARGV[3] node id.
local existed = redis.call('EXISTS', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return existed
