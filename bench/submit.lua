-- wrk script: each request submits a different judge's sheet, read from $JURI_REQUESTS
-- (lines "token<TAB>path<TAB>json body"). Threads take interleaved lines, so no sheet is sent
-- twice while the list lasts.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  lines = {}
  for line in io.lines(os.getenv("JURI_REQUESTS")) do
    lines[#lines + 1] = line
  end
  nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
  index = tid
end

function request()
  local line = lines[(index % #lines) + 1]
  index = index + nthreads
  local token, path, body = line:match("([^\t]+)\t([^\t]+)\t(.*)")
  return wrk.format("PUT", path, { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
