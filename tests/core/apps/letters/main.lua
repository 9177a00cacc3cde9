-- Answer options registered under their full label only ("C. 降到地面"),
-- the way a widget may label them: a replay's `tap C` must still find the
-- option by its letter. The chosen letter is shown.
local app = {}
local options = { "A. 飞上天空", "B. 留在原地", "C. 降到地面" }
local chosen = "无"

local function row(i) return 40, 100 + (i - 1) * 90, 600, 70 end

function app.draw()
  gfx.clear("#ffffff")
  gfx.text("选择：" .. chosen, 40, 30, { size = 28 })
  for i, label in ipairs(options) do
    local x, y, w, h = row(i)
    gfx.rect(x, y, w, h, "#dde4ee", 8)
    gfx.text(label, x + 16, y + 18, { size = 26 })
    kiosk.element(label, x, y, w, h)
  end
end

function app.event(e)
  if e.type ~= "release" then return end
  for i, label in ipairs(options) do
    local x, y, w, h = row(i)
    if e.x >= x and e.x < x + w and e.y >= y and e.y < y + h then
      chosen = label:sub(1, 1)
      kiosk.redraw()
    end
  end
end

return app
