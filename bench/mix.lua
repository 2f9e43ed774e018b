-- wrk script: replay the mix that bench/mix.py wrote (BENCH_REQUESTS, one request a line:
-- method, path, form body, X-Twilio-Signature, row), in order, each thread from its own
-- offset; at the end print the figures as one JSON line.

local file = os.getenv("BENCH_REQUESTS")
local queue = {}
local i = 0
local threads = 0

function setup(thread)
  thread:set("offset", threads * 37)
  threads = threads + 1
end

function init(args)
  for line in io.lines(file) do
    local method, path, body, signature = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)")
    local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
    if signature ~= "" then headers["X-Twilio-Signature"] = signature end
    queue[#queue + 1] = wrk.format(method, path, headers, body)
  end
  i = (offset or 0) % #queue
end

function request()
  i = i % #queue + 1
  return queue[i]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
