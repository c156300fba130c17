-- The soak's request mix for wrk: every request of the list in turn, on every connection.
-- Counts answers by status; `done` prints one line per status and flags any 5xx that was not
-- asked for. Asked-for 5xx use 507 and 511 only, so a 500 (a panic) or a 503 (overload) stands out.

local requests = {
  { "GET", "/status/200" },
  { "GET", "/status/404" },
  { "GET", "/status/507" },
  { "GET", "/status/511" },
  { "GET", "/418" },
  { "HEAD", "/status/204" },
  { "GET", "/status/200,201:2,404" },
  { "GET", "/status/301?location=/get" },
  { "GET", "/status/429?sleep=50" },
  { "GET", "/delay/0.2" },
  { "GET", "/redirect/3" },
  { "GET", "/relative-redirect/2" },
  { "GET", "/redirect-to?url=/get&status_code=307" },
  { "GET", "/range/4096", { Range = "bytes=100-1099" } },
  { "GET", "/range/4096", { Range = "bytes=9000-" } },
  { "GET", "/bytes/2048?seed=7" },
  { "GET", "/etag/abc", { ["If-None-Match"] = '"abc"' } },
  { "GET", "/cache", { ["If-Modified-Since"] = "Wed, 21 Oct 2015 07:28:00 GMT" } },
  { "GET", "/basic-auth/u/p" },
  { "GET", "/basic-auth/u/p", { Authorization = "Basic dTpw" } },
  { "POST", "/anything/soak?x=1", { ["Content-Type"] = "application/json" }, '{"soak":true}' },
  { "GET", "/" },
  { "GET", "/codes/403.14" },
  { "GET", "/codes/404", { ["Accept-Language"] = "th", ["Accept-Encoding"] = "br" } },
  { "GET", "/classes/5xx", { ["Accept-Encoding"] = "gzip" } },
  { "GET", "/search?q=gateway+timeout" },
  { "GET", "/api/v1/codes/404" },
  { "GET", "/api/v1/codes?class=4xx" },
  { "GET", "/api/v1/search?q=too+many+requests" },
  { "GET", "/api/v1/codes/999.999" },
  { "GET", "/nope/nothing/here" },
  { "GET", "/healthz" },
}

local asked = { [507] = true, [511] = true }

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  i = 0
end

function request()
  i = i % #requests + 1
  local r = requests[i]
  return wrk.format(r[1], r[2], r[3], r[4])
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("counts")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local statuses = {}
  for status in pairs(total) do
    table.insert(statuses, status)
  end
  table.sort(statuses)
  local unasked = 0
  for _, status in ipairs(statuses) do
    io.write(string.format("status %d %d\n", status, total[status]))
    if status >= 500 and not asked[status] then
      unasked = unasked + total[status]
    end
  end
  local e = summary.errors
  io.write(string.format("socket-errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("unasked-5xx %d\n", unasked))
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("p99-ms %.1f\n", latency:percentile(99) / 1000))
end
