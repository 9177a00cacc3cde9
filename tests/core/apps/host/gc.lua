-- An app that tries to leave a finalizer that never ends, directly and by
-- rewriting a C userdata's metatable; host_test.c then closes the VM.
local app = {}
local loop = function() while true do end end
local ok, err = pcall(setmetatable, {}, { __gc = loop })
app.direct = ok and "allowed" or tostring(err)
local ok2, err2 = pcall(setmetatable, {}, { __gc = false })
app.false_gc = ok2 and "allowed" or tostring(err2)
local u = t.userdata()
app.userdata_mt = getmetatable(u) == nil and "hidden" or "visible"
-- A metatable whose __gc comes later is never a finalizer (Lua's rule).
local mt = {}
local obj = setmetatable({}, mt)
mt.__gc = loop
app.keep = { u, obj }
app.plain_ok = getmetatable(setmetatable({}, { __index = {} })) ~= nil and "yes" or "no"
return app
