-- wrk's result as one line for bench/load/loadgen.py: requests, answers other than 2xx/3xx, socket errors
-- (connect, read, write, timeout: a sync worker closes each connection, wrk may lose one at the end), seconds, and the 50th, 95th and 99th percentile of the latency in milliseconds.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("bench-summary %d %d %d %.3f %.2f %.2f %.2f\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
