-- kiosk.ui.brand — an app's brand: a logo from its own folder and its
-- colours, shown on the welcome screen, in the quiz header and on the result
-- screen. Brand colours go through the contrast pairs (kiosk.ui.contrast):
-- one that would fail WCAG AA against what it sits on is moved to the
-- nearest colour that passes (or, when none does, refused), and the trainer
-- is told so in the kiosk log. High contrast still replaces them all.
--
--   brand.apply(theme, spec) -> messages    (ui.set_brand calls it)
--   brand.logo(where) -> ui.image or nil    where = "welcome" | "lockup" | "header" | "result" | "attract"
--   brand.with_title(label) -> widget        the welcome title with the logo (or the label alone)
local contrast = require "kiosk.ui.contrast"

local M = {}

-- The colours a brand may set; pressed and tinted shades follow the primary
-- unless the brand names them too.
M.COLORS = { primary = true, primary_pressed = true, on_primary = true, selected_bg = true }

local current = nil -- { logo = name or nil, name = text }

-- The logo's box per place, in logical units: { height, width cap, width
-- cap on a narrow (portrait) screen }. The header's is small so the
-- progress text and the clock keep their room at 800x480 and in portrait;
-- none grows with large text (the words do; the mark need not).
M.SIZES = {
  welcome = { 132, 420, 300 },
  lockup = { 72, 200, 160 },   -- beside the welcome title on landscape screens
  attract = { 150, 480, 320 },
  header = { 44, 132, 88 },
  result = { 60, 220, 160 },
}

local function say(messages, fmt, ...)
  local line = string.format(fmt, ...)
  messages[#messages + 1] = line
  local k = rawget(_G, "kiosk") -- (absent in the unit tests' VM)
  if k then k.log("brand: " .. line) end
end

-- The shades a brand did not name, from its primary as used (after any
-- adjustment): pressed a quarter darker, the selection tint 90 % lighter.
local function derived(name, primary)
  if name == "primary_pressed" then return contrast.mix(primary, "#000000", 0.25) end
  if name == "selected_bg" then return contrast.mix(primary, "#ffffff", 0.9) end
  return nil
end

-- Puts spec.colors into theme.colors, each checked; records spec.logo.
-- Returns the messages for the trainer (also in the kiosk log).
function M.apply(theme, spec)
  local messages = {}
  if type(spec) ~= "table" then
    current = nil
    return messages
  end
  local colors = {}
  for k, v in pairs(spec.colors or {}) do colors[k] = v end
  -- The order matters: the primary first, then what sits on it or under it.
  local order = { "primary", "primary_pressed", "selected_bg", "on_primary" }
  for name in pairs(colors) do
    if not M.COLORS[name] then
      say(messages, "colour '%s' is not a brand colour (use %s); ignored", tostring(name),
          "primary, primary_pressed, on_primary, selected_bg")
    end
  end
  local primary_set = false
  for _, name in ipairs(order) do
    local value = colors[name]
    if value == nil and primary_set then value = derived(name, theme.colors.primary) end
    if value ~= nil then
      if not contrast.parse(value) then
        say(messages, "colour %s = %s is not a #rrggbb colour; the kiosk's own is kept", name, tostring(value))
      else
        value = contrast.hex(contrast.parse(value)) -- "#rgb" and "#rrggbbaa" as "#rrggbb"
        local trial = {}
        for k, v in pairs(theme.colors) do trial[k] = v end
        trial[name] = value
        local bad = contrast.failures(trial, function(n) return n == name end)
        if name == "primary" then primary_set = true end
        if #bad == 0 then
          theme.colors[name] = value
        else
          local fixed = contrast.nearest_passing(theme.colors, name, value)
          if fixed then
            say(messages, "colour %s %s fails WCAG AA (%s); using %s instead", name, value, bad[1], fixed)
            theme.colors[name] = fixed
          else
            say(messages, "colour %s %s fails WCAG AA (%s) and no nearby shade passes; the kiosk's own %s is kept",
                name, value, bad[1], theme.colors[name])
          end
        end
      end
    end
  end
  local logo = spec.logo
  if logo ~= nil then
    local ok, w, h = pcall(gfx.image_size, logo)
    if not ok or not w or w <= 0 or h <= 0 then
      say(messages, "logo '%s' cannot be shown (%s); the screens go without it", tostring(logo),
          ok and "empty image" or tostring(w))
      logo = nil
    end
  end
  current = { logo = logo, name = spec.name }
  return messages
end

function M.current() return current end

-- The logo sized for `where`, or nil when the app has none. It keeps its
-- proportions inside the box (kiosk.ui's image widget).
function M.logo(where)
  if not (current and current.logo) then return nil end
  local controls = require "kiosk.ui.controls"
  local size = M.SIZES[where] or M.SIZES.welcome
  local w, h = gfx.size()
  local height = size[1]
  -- A short screen (800x480 is 1000x600 units) gets a smaller welcome mark.
  if where ~= "header" and where ~= "lockup" and h < 650 then height = math.floor(height * 0.75) end
  return controls.image { name = current.logo, height = height, width = h > w and size[3] or size[2],
                          align = "center" }
end

-- The title with the brand's logo: above it where the screen is tall,
-- beside it on a landscape screen (800 units high or less), where the
-- buttons below need the height, as long as both fit on one line (else
-- above it, small). Without a brand: the title as it was.
function M.with_title(title)
  local layout = require "kiosk.ui.layout"
  local core = require "kiosk.ui.core"
  local w, h = gfx.size()
  local logo = M.logo(h <= 800 and "lockup" or "welcome")
  if not logo then return title end
  if h > 800 then return layout.column { gap = "m", align = "center", logo, title } end
  local tw = gfx.measure(title.text, { size = core.font("title"), bold = true })
  local lw = logo:measure(w)
  if tw + lw + 3 * core.theme().space.l > math.min(w, 1000) then
    return layout.column { gap = "s", align = "center", logo, title }
  end
  title.align = nil
  return layout.row { gap = "m", layout.spacer { flex = 1 }, logo, title, layout.spacer { flex = 1 } }
end

return M
