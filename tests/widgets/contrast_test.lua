-- contrast_test.lua — every theme colour pair that carries text or marks a
-- control's edge meets WCAG 2.x AA, in the normal and the high-contrast theme:
-- 4.5:1 for text (1.4.3), 3:1 for borders, rings and other UI parts (1.4.11).
-- The pairs are the ones the widgets draw (foreground on the background it
-- sits on); a new widget that draws a new pair adds it here.
local theme = require "kiosk.ui.theme"
local T = {}

-- Relative luminance of "#rrggbb" (WCAG 2.x definition, sRGB).
local function luminance(hex)
  assert(type(hex) == "string" and hex:match("^#%x%x%x%x%x%x"), "not a #rrggbb colour: " .. tostring(hex))
  local function channel(i)
    local c = tonumber(hex:sub(i, i + 1), 16) / 255
    return c <= 0.04045 and c / 12.92 or ((c + 0.055) / 1.055) ^ 2.4
  end
  return 0.2126 * channel(2) + 0.7152 * channel(4) + 0.0722 * channel(6)
end

local function ratio(a, b)
  local la, lb = luminance(a), luminance(b)
  if la < lb then la, lb = lb, la end
  return (la + 0.05) / (lb + 0.05)
end
T.ratio = ratio

local TEXT, UI = 4.5, 3.0

-- { foreground, background, minimum, where it is drawn }
local pairs_used = {
  -- text
  { "text", "bg", TEXT, "labels on the screen background" },
  { "text", "surface", TEXT, "option, card and field text" },
  { "text", "selected_bg", TEXT, "a selected option's text" },
  { "text", "secondary", TEXT, "secondary button label" },
  { "text", "secondary_pressed", TEXT, "pressed secondary button label" },
  { "text", "key", TEXT, "keyboard key label" },
  { "text", "key_pressed", TEXT, "pressed key label" },
  { "muted", "bg", TEXT, "hints on the screen background" },
  { "muted", "surface", TEXT, "hints in cards, option letters" },
  { "placeholder", "surface", TEXT, "a field's placeholder and handwriting hint" },
  { "primary", "bg", TEXT, "ghost buttons, titles in primary" },
  { "primary", "surface", TEXT, "input preedit, countdown digits" },
  { "danger", "bg", TEXT, "error messages" },
  { "danger", "surface", TEXT, "error messages in cards, expired clock" },
  { "warning", "bg", TEXT, "warnings on the screen" },
  { "warning", "surface", TEXT, "clock digits in the last minutes" },
  { "success", "bg", TEXT, "pass / correct" },
  { "success", "surface", TEXT, "pass / correct in cards" },
  { "on_primary", "primary", TEXT, "primary button label, selected letter badge" },
  { "on_primary", "primary_pressed", TEXT, "pressed primary button" },
  { "on_primary", "danger", TEXT, "danger button label" },
  { "on_primary", "warning", TEXT, "the time-warning banner" },
  { "on_primary", "danger_pressed", TEXT, "pressed danger button" },
  -- edges of controls and other UI parts
  { "border", "surface", UI, "field, card and option borders" },
  { "border", "bg", UI, "card edge against the screen" },
  { "border", "key", UI, "keyboard key edge" },
  { "border", "keyboard_bg", UI, "keyboard key edge against the keyboard" },
  { "border", "secondary", UI, "special key edge (shift, space, backspace)" },
  { "primary", "surface", UI, "focus ring, selected option border" },
  { "primary", "secondary", UI, "progress bar and countdown ring" },
  { "warning", "secondary", UI, "countdown ring in the last minutes" },
  { "danger", "secondary", UI, "countdown ring at zero" },
}

local function check(colors, theme_name)
  local bad = {}
  for _, p in ipairs(pairs_used) do
    local fg, bg = colors[p[1]], colors[p[2]]
    assert(fg and bg, theme_name .. " theme lacks " .. (fg and p[2] or p[1]))
    local r = ratio(fg, bg)
    if r < p[3] then
      bad[#bad + 1] = string.format("%s: %s %s on %s %s = %.2f:1 < %.1f:1 (%s)",
        theme_name, p[1], fg, p[2], bg, r, p[3], p[4])
    end
  end
  assert(#bad == 0, "\n" .. table.concat(bad, "\n"))
end

function T.test_ratio_matches_wcag_examples()
  assert(math.abs(ratio("#000000", "#ffffff") - 21) < 1e-9)
  assert(math.abs(ratio("#777777", "#ffffff") - 4.48) < 0.01, "#777 on white is 4.48:1")
  assert(ratio("#ffffff", "#ffffff") == 1)
end

function T.test_normal_theme_meets_aa()
  check(theme.new().colors, "normal")
end

function T.test_high_contrast_theme_meets_aa()
  local colors = theme.new().colors
  theme.merge(colors, theme.high_contrast_colors)
  check(colors, "high-contrast")
end

function T.test_choice_tiles_carry_white_text()
  for i, c in ipairs(theme.new().tile_colors) do
    local r = ratio("#ffffff", c)
    assert(r >= TEXT, string.format("tile %d %s: white text %.2f:1 < 4.5:1", i, c, r))
  end
end

-- The check itself can fail: the colours the issue measured are rejected.
function T.test_old_failing_colours_are_rejected()
  assert(ratio("#a9b1c0", "#ffffff") < TEXT, "old placeholder grey")
  assert(ratio("#d5dbe5", "#ffffff") < UI, "old border")
  assert(ratio("#e08a00", "#ffffff") < TEXT, "old warning orange")
  assert(ratio("#1a1a1a", "#000000") < UI, "old high-contrast key")
end

return T
