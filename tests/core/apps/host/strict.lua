-- The "strict table" idiom on the app table itself: reading a missing
-- callback raises. The kiosk must show the error, not abort.
local app = { draw = function() end }
return setmetatable(app, { __index = function(_, k) error("no field '" .. tostring(k) .. "' in the app", 2) end })
