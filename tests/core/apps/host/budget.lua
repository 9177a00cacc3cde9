-- Calls for host_test.c's time-limit checks. `t` is the test's C module:
-- t.sleep(ms) waits in C (as on a slow fsync), t.work(ms) works in C,
-- t.work_paused(ms) works with the budget paused (as around image
-- decoding), t.work_nested(ms) pauses twice.
local app = {}
local function some_lua_work() local n = 0 for i = 1, 200000 do n = n + i end return n end
function app.asleep() t.sleep(400); some_lua_work() end
function app.paused() t.work_paused(400); some_lua_work() end
function app.nested() t.work_nested(400); some_lua_work() end
function app.unpaused() t.work(400); some_lua_work() end
function app.busy() local c = os.clock() while os.clock() - c < 0.4 do end end
-- An error thrown while paused forfeits that call's credit, not the next one's.
function app.raise_paused() t.raise_paused() end
return app
