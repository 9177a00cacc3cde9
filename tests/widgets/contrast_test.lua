-- contrast_test.lua — every theme colour pair that carries text or marks a
-- control's edge meets WCAG 2.x AA, in the normal and the high-contrast theme:
-- 4.5:1 for text (1.4.3), 3:1 for borders, rings and other UI parts (1.4.11).
-- The pairs are the ones the widgets draw (foreground on the background it
-- sits on); a new widget that draws a new pair adds it here.
local theme = require "kiosk.ui.theme"
local T = {}

-- The ratio and the list of pairs live in kiosk.ui.contrast: the brand
-- check (kiosk.ui.brand) holds an app's colours to the same list.
local contrast = require "kiosk.ui.contrast"
local brand = require "kiosk.ui.brand"
local ratio = contrast.ratio
T.ratio = ratio
local TEXT, UI = contrast.TEXT, contrast.UI
local pairs_used = contrast.pairs

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

-- ---- brand colours (kiosk.ui.brand) ----

local function branded(colors)
  local t = theme.new()
  local messages = brand.apply(t, { colors = colors })
  return t, messages
end

function T.test_brand_colour_that_passes_is_kept()
  local t, messages = branded { primary = "#0f766e" } -- the trade fair's teal
  assert(t.colors.primary == "#0f766e", t.colors.primary)
  assert(#messages == 0, table.concat(messages, "\n"))
  check(t.colors, "trade fair brand")
end

function T.test_failing_brand_colour_is_adjusted_with_a_message()
  -- A light yellow: 1.3:1 on the screen, white text on it 1.1:1.
  local t, messages = branded { primary = "#ffe14d" }
  assert(t.colors.primary ~= "#ffe14d", "the failing colour was used as given")
  check(t.colors, "adjusted brand")
  -- one message: the pressed shade and the tint follow the adjusted primary
  assert(#messages == 1, table.concat(messages, "\n"))
  assert(messages[1]:find("primary #ffe14d fails WCAG AA", 1, true), messages[1])
  assert(messages[1]:find("using #", 1, true), messages[1])
end

function T.test_every_brand_shade_is_checked()
  -- A pressed shade and a selection tint that fail on their own.
  local t, messages = branded { primary = "#0f766e", primary_pressed = "#9fd8d2", selected_bg = "#0f766e" }
  check(t.colors, "brand shades")
  assert(#messages == 2, table.concat(messages, "\n"))
end

function T.test_brand_colour_that_cannot_pass_is_refused()
  -- What is not a colour, or not a brand colour, is refused with a
  -- message and the kiosk's own colour kept.
  local t, messages = branded { on_primary = "not a colour", weird = "#000000" }
  assert(t.colors.on_primary == theme.new().colors.on_primary)
  assert(#messages == 2, table.concat(messages, "\n"))
  assert(messages[1]:find("weird", 1, true) or messages[2]:find("weird", 1, true))
end

function T.test_high_contrast_replaces_the_brand()
  local t = branded { primary = "#0f766e" }
  theme.merge(t.colors, theme.high_contrast_colors)
  check(t.colors, "high contrast over a brand")
end

-- The check itself can fail: the colours the issue measured are rejected.
function T.test_old_failing_colours_are_rejected()
  assert(ratio("#a9b1c0", "#ffffff") < TEXT, "old placeholder grey")
  assert(ratio("#d5dbe5", "#ffffff") < UI, "old border")
  assert(ratio("#e08a00", "#ffffff") < TEXT, "old warning orange")
  assert(ratio("#1a1a1a", "#000000") < UI, "old high-contrast key")
end

return T
