-- The "strict table" idiom on the app table: reading a field the app does
-- not have raises. The kiosk looks up event() on a tap: that must end on
-- the error screen (it used to abort the whole process).
local app = {}
function app.draw()
  gfx.clear("#ffffff")
  gfx.text("Strict start", 40, 40, { size = 32 })
end
return setmetatable(app, { __index = function(_, k) error("no field '" .. tostring(k) .. "' in this app", 2) end })
