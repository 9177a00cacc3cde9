-- A test app with one button per fault kind. Each fault must end on the C
-- error screen and come back to this start screen.
local app = {}
local faults = {
  { label = "syntax",  run = function() require "broken_module" end },
  { label = "runtime", run = function() local t = nil; return t.field end },
  { label = "loop",    run = function() pcall(function() while true do end end); while true do end end },
  { label = "memory",  run = function()
      -- The script's own pcall must not be able to swallow the limit.
      pcall(function() local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(1 << 20) .. i end end)
      local t = {} for i = 1, 1e9 do t[i] = ("y"):rep(1 << 20) .. i end
    end },
  { label = "timer",   run = function() kiosk.after(100, function() error("boom in a timer") end) end },
  -- Laying out 2 million characters took 1.7 s: one call is bounded.
  { label = "text",    run = function() gfx.measure(("字"):rep(700000), { width = 600 }) end },
  -- A finalizer that never ends could not be stopped (Lua runs it with hooks off).
  { label = "gc",      run = function() setmetatable({}, { __gc = function() while true do end end }) end },
}

-- Five buttons a row.
local function place(i)
  return 40 + ((i - 1) % 5) * 200, 150 + ((i - 1) // 5) * 110
end

function app.draw()
  local w = gfx.size()
  gfx.clear("#ffffff")
  gfx.text("故障测试 Start screen", 40, 30, { size = 32, bold = true })
  for i, f in ipairs(faults) do
    local x, y = place(i)
    gfx.rect(x, y, 180, 80, "#1d4ed8", 12)
    gfx.text(f.label, x, y + 22, { size = 26, width = 180, align = "center", colour = "#ffffff" })
    kiosk.element(f.label, x, y, 180, 80)
  end
end

function app.event(e)
  if e.type ~= "release" then return end
  for i, f in ipairs(faults) do
    local x, y = place(i)
    if e.x >= x and e.x <= x + 180 and e.y >= y and e.y <= y + 80 then f.run() end
  end
end

return app
