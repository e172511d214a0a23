-- wrk reporter: one line of p50/p95/p99 latency (ms), requests/s and errors (non-2xx, socket errors).
local non2xx = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f non2xx=%d socket_errors=%d status_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    non2xx, socket, e.status))
end
