-- wrk script of scripts/bench-load.sh. It sends POST requests read from a file, one request a line:
-- PATH, a tab, a bearer token (empty for none), a tab, the JSON body. Each thread starts at another line and takes
-- the lines in turn, so the requests spread over every key in the file.
--
-- Arguments after wrk's "--": the request file, then the delay in milliseconds that each connection waits after a
-- response before it sends its next request (0 for none). wrk measures a request's latency from its send, so a delay
-- paces the connections without adding to the latencies.
--
-- The done hook prints one line that starts with "wrk-result" and carries the counts and the latency percentiles in
-- microseconds, p99.9 included, for the benchmark to parse.

local next_thread_id = 0

function setup(thread)
    thread:set("thread_id", next_thread_id)
    next_thread_id = next_thread_id + 1
end

local requests = {}
local position = 0
local delay_ms = 0

function init(args)
    local file = assert(io.open(args[1], "r"), "cannot open the request file " .. tostring(args[1]))
    for line in file:lines() do
        local path, token, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
        if path then
            local headers = { ["Content-Type"] = "application/json" }
            if token ~= "" then
                headers["Authorization"] = "Bearer " .. token
            end
            table.insert(requests, wrk.format("POST", path, headers, body))
        end
    end
    file:close()
    assert(#requests > 0, "the request file " .. args[1] .. " has no request lines")
    delay_ms = tonumber(args[2] or "0")
    position = (thread_id * 7919) % #requests
end

function request()
    position = position % #requests + 1
    return requests[position]
end

-- wrk waits this many milliseconds after each response; 0 sends the next request at once.
function delay()
    return delay_ms
end

function done(summary, latency, _)
    local errors = summary.errors
    io.write(string.format(
        "wrk-result requests=%d duration_us=%d status_errors=%d connect_errors=%d read_errors=%d"
            .. " write_errors=%d timeouts=%d mean_us=%.0f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d\n",
        summary.requests, summary.duration, errors.status, errors.connect, errors.read, errors.write,
        errors.timeout, latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
        latency:percentile(99.9), latency.max))
end
