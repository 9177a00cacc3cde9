-- Calls for host_test.c's time-limit checks. `t` is the test's C module:
-- t.sleep(ms) blocks in C, t.sleep_paused(ms) blocks with the budget paused
-- (as the store does around an fsync), t.sleep_nested(ms) pauses twice.
local app = {}
local function some_lua_work() local n = 0 for i = 1, 200000 do n = n + i end return n end
function app.paused() t.sleep_paused(400); some_lua_work() end
function app.nested() t.sleep_nested(400); some_lua_work() end
function app.unpaused() t.sleep(400); some_lua_work() end
function app.busy() local c = os.clock() while os.clock() - c < 0.4 do end end
-- An error thrown while paused forfeits that call's credit, not the next one's.
function app.raise_paused() t.raise_paused() end
return app
