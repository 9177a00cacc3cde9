-- theme_test.lua — an app overrides part of the theme; the rest stays.
local theme = require "kiosk.ui.theme"
local T = {}

function T.test_partial_override_keeps_the_rest()
  local t = theme.new()
  theme.merge(t, { colors = { primary = "#0f766e" }, font = { body = 32 } })
  assert(t.colors.primary == "#0f766e")
  assert(t.colors.text == theme.new().colors.text, "other colours unchanged")
  assert(t.font.body == 32 and t.font.title == theme.new().font.title)
end

function T.test_touch_targets_are_large_enough()
  assert(theme.new().touch_min >= 48, "minimum touch target is 48 logical units")
end

function T.test_high_contrast_has_every_colour()
  local t = theme.new()
  for name in pairs(t.colors) do
    assert(theme.high_contrast_colors[name], "high contrast lacks " .. name)
  end
end

function T.test_instances_are_independent()
  local a, b = theme.new(), theme.new()
  a.colors.primary = "#000000"
  assert(b.colors.primary ~= "#000000")
end

return T
