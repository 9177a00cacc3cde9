-- sandbox_test.lua — escape attempts against the app sandbox; each must be
-- blocked. Runs inside the real host (qk_lua_runner), like an app would.
local T = {}

local function blocked(what, fn)
  local ok, err = pcall(fn)
  assert(not ok, what .. " was allowed")
  return err
end

function T.test_no_io_or_debug_or_package()
  for _, name in ipairs { "io", "debug", "package", "dofile", "loadfile", "module" } do
    assert(rawget(_G, name) == nil, name .. " must not exist")
  end
end

function T.test_os_only_time_clock_date()
  for _, name in ipairs { "execute", "exit", "remove", "rename", "getenv", "tmpname", "setlocale" } do
    assert(os[name] == nil, "os." .. name .. " must not exist")
  end
  assert(type(os.time()) == "number" and type(os.clock()) == "number" and type(os.date("%Y")) == "string")
end

function T.test_no_string_dump()
  assert(string.dump == nil)
  assert(("x").dump == nil, "string methods must not reach dump")
end

function T.test_binary_chunks_refused()
  local bytecode = "\27Lua\84\0\25\147\13\10\26\10\4\8\8\120\86\0\0"
  local fn, err = load(bytecode)
  assert(fn == nil and tostring(err):find("binary"), "binary chunk loaded: " .. tostring(err))
  blocked("mode b", function() return load("return 1", "x", "b") end)
  assert(load("return 1 + 1")() == 2, "text chunks still load")
  assert(load(function() return nil end) ~= nil, "reader functions still work (text only)")
end

function T.test_require_stays_inside()
  blocked("parent folder", function() require "..etc.passwd" end)
  blocked("absolute path", function() require "/etc/passwd" end)
  blocked("slash in name", function() require "a/b" end)
  local err = blocked("missing module", function() require "no_such_module_here" end)
  assert(tostring(err):find("not found"), err)
  blocked("os module", function() require "os" end)
  blocked("io module", function() require "io" end)
end

function T.test_undefined_globals_are_errors()
  local err = blocked("typo", function() return undefined_name_here end)
  assert(tostring(err):find("undefined global 'undefined_name_here'"), err)
  assert(rawget(_G, "undefined_name_here") == nil)
end

function T.test_collectgarbage_restricted()
  blocked("stop", function() collectgarbage("stop") end)
  blocked("generational", function() collectgarbage("generational") end)
  assert(type(collectgarbage("count")) == "number")
end

function T.test_load_env_cannot_reach_host()
  -- A chunk given an empty environment sees nothing at all.
  local fn = load("return os", "x", "t", {})
  assert(fn() == nil)
end

function T.test_metatables_do_not_leak_dump()
  local mt = getmetatable("")
  assert(mt.__index.dump == nil)
end

function T.test_coroutines_and_utf8_work()
  local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return b * 2 end)
  assert(co(1) == 2 and co(5) == 10)
  assert(utf8.len("张伟") == 2)
end

function T.test_no_gc_finalizers()
  -- Lua runs __gc with hooks off: a looping one could never be stopped.
  local err = blocked("__gc", function() setmetatable({}, { __gc = function() while true do end end }) end)
  assert(tostring(err):find("__gc finalizers are not allowed"), err)
  assert(getmetatable(setmetatable({}, { __index = T })).__index == T, "other metatables still work")
  assert(getmetatable("").__index == string, "the string metatable is still visible")
end

function T.test_runaway_patterns_fail_fast()
  -- Lua's matcher is C: the time limit cannot stop it. These would run for
  -- seconds (".-b") or years (".-.-.-.-.-b"); they must raise at once.
  local long = ("a"):rep(3e4)
  local calls = {
    function() return string.find(long, ".-.-.-.-.-b") end,
    function() return long:find(".-b") end,
    function() return long:match("(.-)b") end,
    function() return long:gsub("a-a-a-b", "") end,
    function() for _ in long:gmatch(".-.-b") do end end,
    function() return long:find("a+b", 2) end,
    function() return long:find("[^b]*b") end,
    function() return (long .. long):find(long .. "b", 1, true) end, -- a plain search compares 3e4 bytes at 6e4 places
  }
  for i, call in ipairs(calls) do
    local err = blocked("runaway pattern " .. i, call)
    assert(tostring(err):find("could backtrack too long") or tostring(err):find("could take too long"), err)
  end
end

function T.test_ordinary_patterns_still_work()
  -- The patterns the kiosk's own scripts use, on their longest inputs (an
  -- open answer is at most 2000 characters), and common idioms.
  local answer = ("服务 "):rep(400)
  assert(select(2, answer:gsub("%s+$", "")) == 1)
  assert(select(2, (("  x"):rep(600)):gsub("^%s+", "")) == 1)
  assert((" " .. ("a"):rep(1998) .. " "):gsub(":%s*$", "") ~= nil)
  assert(("2026-12-01T05:00"):gsub("T", " ") == "2026-12-01 05:00")
  assert(("x"):match("^%a$") and ("13800000000"):match("^1%d%d%d%d%d%d%d%d%d%d$"))
  assert(("a.b@example.com"):match("^[^@%s]+@[^@%s]+%.[^@%s]+$"))
  assert(not (("a"):rep(2000)):match("^[^@%s]+@[^@%s]+%.[^@%s]+$"))
  assert(answer:find("服务", 1, true) == 1)
  assert((("  spaces  "):match("^%s*(.-)%s*$")) == "spaces")
  local text, n = ("line of text\n"):rep(2000), 0
  for line in text:gmatch("[^\n]+") do n = n + 1 end
  assert(n == 2000, n)
  n = 0
  for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do n = n + 1 end
  assert(n == 3)
  assert(("%bxy"):len() == 4 and ("(a(b)c)"):match("%b()") == "(a(b)c)")
  local ok, err = pcall(string.find, "x", "[a")
  assert(not ok and tostring(err):find("malformed"), "the matcher's own errors still come through: " .. tostring(err))
end

-- The environment is an allow-list (host.c): exactly these names, nothing
-- a newer Lua might add. The runner opens the json module besides.
local function keys(t)
  local out = {}
  for k in pairs(t) do out[#out + 1] = tostring(k) end
  table.sort(out)
  return table.concat(out, " ")
end

local function sorted(list)
  table.sort(list)
  return table.concat(list, " ")
end

function T.test_environment_is_exactly_the_allow_list()
  local expect = {
    -- (json and content_text: the C modules qk_lua_runner opens, as the kiosk opens its own)
    _G = sorted { "_G", "_VERSION", "assert", "collectgarbage", "content_text", "coroutine", "error", "getmetatable", "ipairs",
      "json", "load", "math", "next", "os", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen", "rawset",
      "require", "select", "setmetatable", "string", "table", "tonumber", "tostring", "type", "utf8", "xpcall" },
    string = sorted { "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack",
      "packsize", "rep", "reverse", "sub", "unpack", "upper" },
    table = sorted { "concat", "insert", "move", "pack", "remove", "sort", "unpack" },
    math = sorted { "abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge", "log",
      "max", "maxinteger", "min", "mininteger", "modf", "pi", "rad", "random", "randomseed", "sin", "sqrt", "tan",
      "tointeger", "type", "ult" },
    utf8 = sorted { "char", "charpattern", "codes", "codepoint", "len", "offset" },
    coroutine = sorted { "close", "create", "isyieldable", "resume", "running", "status", "wrap", "yield" },
    os = sorted { "clock", "date", "difftime", "time" },
  }
  for name, want in pairs(expect) do
    local got = keys(name == "_G" and _G or _G[name])
    assert(got == want, name .. " holds " .. got .. "\nexpected " .. want)
  end
  assert(getmetatable("").__index == string, "string methods are the filtered string table")
end

return T
