-- kiosk.ui.contrast — WCAG 2.x contrast: the ratio of two colours and the
-- list of theme colour pairs the widgets draw (foreground on the background
-- it sits on). tests/widgets/contrast_test.lua checks both themes against the
-- list; kiosk.ui.brand checks an app's brand colours against the same list,
-- so a colour the test would reject never reaches a candidate's screen.
local M = {}

M.TEXT, M.UI = 4.5, 3.0 -- text (1.4.3), borders, rings and other UI parts (1.4.11)

-- "#rgb" / "#rrggbb" (any alpha suffix ignored) -> r, g, b (0..255), or nil.
function M.parse(hex)
  if type(hex) ~= "string" then return nil end
  local r, g, b = hex:match("^#(%x%x)(%x%x)(%x%x)")
  if r then return tonumber(r, 16), tonumber(g, 16), tonumber(b, 16) end
  r, g, b = hex:match("^#(%x)(%x)(%x)$")
  if r then return tonumber(r .. r, 16), tonumber(g .. g, 16), tonumber(b .. b, 16) end
  return nil
end

function M.hex(r, g, b)
  local function c(v) return math.max(0, math.min(255, math.floor(v + 0.5))) end
  return string.format("#%02x%02x%02x", c(r), c(g), c(b))
end

-- Relative luminance (WCAG 2.x definition, sRGB).
function M.luminance(hex)
  local r, g, b = M.parse(hex)
  assert(r, "not a #rrggbb colour: " .. tostring(hex))
  local function channel(v)
    local c = v / 255
    return c <= 0.04045 and c / 12.92 or ((c + 0.055) / 1.055) ^ 2.4
  end
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
end

function M.ratio(a, b)
  local la, lb = M.luminance(a), M.luminance(b)
  if la < lb then la, lb = lb, la end
  return (la + 0.05) / (lb + 0.05)
end

-- a mixed towards b by t (0..1).
function M.mix(a, b, t)
  local ar, ag, ab = M.parse(a)
  local br, bg, bb = M.parse(b)
  return M.hex(ar + (br - ar) * t, ag + (bg - ag) * t, ab + (bb - ab) * t)
end

-- { foreground, background, minimum, where it is drawn }; a new widget that
-- draws a new pair adds it here.
local TEXT, UI = M.TEXT, M.UI
M.pairs = {
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
  { "primary", "secondary", TEXT, "a pressed ghost button's label" },
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
  { "on_primary", "success", UI, "the game's ✓ disc beside 回答正确 (kiosk.flow.fair)" },
  -- edges of controls and other UI parts
  { "border", "surface", UI, "field, card and option borders" },
  { "border", "bg", UI, "card edge against the screen" },
  { "border", "key", UI, "keyboard key edge" },
  { "border", "keyboard_bg", UI, "keyboard key edge against the keyboard" },
  { "border", "secondary", UI, "special key edge (shift, space, backspace)" },
  { "primary", "surface", UI, "focus ring, selected option border" },
  { "primary", "secondary", UI, "progress bar and countdown ring" },
  { "primary", "selected_bg", UI, "a selected option's border on its tint" },
  { "warning", "secondary", UI, "countdown ring in the last minutes" },
  { "danger", "secondary", UI, "countdown ring at zero" },
}

-- The pairs of `colors` below their minimum, as sentences (empty: all pass).
-- only(name) -> bool limits the check to pairs that involve such a colour.
function M.failures(colors, only)
  local bad = {}
  for _, p in ipairs(M.pairs) do
    if not only or only(p[1]) or only(p[2]) then
      local fg, bg = colors[p[1]], colors[p[2]]
      if fg and bg then
        local r = M.ratio(fg, bg)
        if r < p[3] then
          bad[#bad + 1] = string.format("%s %s on %s %s = %.2f:1 < %.1f:1 (%s)", p[1], fg, p[2], bg, r, p[3], p[4])
        end
      end
    end
  end
  return bad
end

-- The nearest colour to `value` (mixed towards black, or towards white,
-- in 2 % steps) for which colors[name] = it passes every pair naming
-- `name`; nil when none does.
function M.nearest_passing(colors, name, value)
  local only = function(n) return n == name end
  local saved = colors[name]
  local found
  for step = 0, 50 do
    for _, towards in ipairs { "#000000", "#ffffff" } do
      local c = M.mix(value, towards, step / 50)
      colors[name] = c
      if #M.failures(colors, only) == 0 then found = c break end
    end
    if found then break end
  end
  colors[name] = saved
  return found
end

return M
