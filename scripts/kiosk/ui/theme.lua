-- kiosk.ui.theme — colours, font sizes, spacing and shapes of every widget.
-- An app changes any part with ui.set_theme{ colors = { primary = "#0f766e" } };
-- what it does not mention keeps its default. Large text and high contrast
-- are switches on top (ui.set_large_text, ui.set_high_contrast).
local M = {}

local function defaults()
  return {
    colors = {
      bg = "#f3f5f9",            -- screen background
      surface = "#ffffff",       -- cards, options, fields
      text = "#1b2433",
      muted = "#5b6577",
      border = "#767f90",        -- field, card, option and key edges (3:1 on surface, bg and keyboard)
      primary = "#2458d6",       -- buttons, selection, progress
      primary_pressed = "#183f9e",
      on_primary = "#ffffff",
      selected_bg = "#e8efff",
      secondary = "#e6eaf2",
      secondary_pressed = "#cdd4e1",
      danger = "#c62828",
      danger_pressed = "#8e1b1b",
      warning = "#a65800",        -- deep orange: 4.5:1 as text on bg and surface
      success = "#1a7a43",
      dim = "#0b1220aa",         -- behind dialogs
      disabled = "#a9b1c0",       -- a disabled button's fill (WCAG exempts inactive controls)
      placeholder = "#6b7383",   -- placeholder and hint text inside fields (4.5:1 on surface)
      key = "#ffffff",
      key_pressed = "#c9d3e6",
      keyboard_bg = "#dfe4ec",
    },
    font = { title = 44, heading = 34, body = 28, option = 28, small = 22, button = 28, key = 30 },
    space = { xs = 6, s = 12, m = 20, l = 32, xl = 48 },
    radius = 18,
    touch_min = 56,     -- smallest height of anything tappable (logical units)
    tile_colors = { "#e21b3c", "#1368ce", "#8f6400", "#237f0b" }, -- choice tiles, by position (white text on each)
    tile_neutral = { "#1368ce", "#7048bc" }, -- two-answer tiles (true/false): no colour that reads "wrong"
    max_width = 1100,   -- content column on wide screens
    font_scale = 1,     -- 1.3 with large text
  }
end

local high_contrast_colors = {
  bg = "#000000", surface = "#000000", text = "#ffffff", muted = "#f0f0f0", border = "#ffffff",
  primary = "#ffd400", primary_pressed = "#ffe866", on_primary = "#000000", selected_bg = "#3a3000",
  secondary = "#222222", secondary_pressed = "#444444", danger = "#ff6b6b", danger_pressed = "#ff9b9b",
  warning = "#ffb000", success = "#5cff8f", dim = "#000000cc", disabled = "#888888", placeholder = "#c8c8c8",
  key = "#333333", key_pressed = "#555555", keyboard_bg = "#000000",
}

-- Deep-merges src into dst (tables merge, everything else replaces).
function M.merge(dst, src)
  for k, v in pairs(src) do
    if type(v) == "table" and type(dst[k]) == "table" then M.merge(dst[k], v) else dst[k] = v end
  end
  return dst
end

function M.new() return defaults() end
M.high_contrast_colors = high_contrast_colors
return M
