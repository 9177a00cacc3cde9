-- tiles_test.lua — the game's answer tiles (kiosk.ui.tiles) as pure logic:
-- every tile's text and shape meet WCAG AA on its colour, bright and dimmed,
-- in both palettes and under the trade fair's teal brand; each answer of a
-- question has its own shape and colour; true/false gets no red; the grid's
-- columns for 2, 3 and 4 answers, landscape and portrait.
local contrast = require "kiosk.ui.contrast"
local theme = require "kiosk.ui.theme"
local tween = require "kiosk.ui.tween"
local tiles = require "kiosk.ui.tiles"
local core = require "kiosk.ui.core"
local brand = require "kiosk.ui.brand"
local T = {}

local TEXT, UI = contrast.TEXT, contrast.UI
local WHITE = "#ffffff"

local function need(fg, bg, min, what)
  local r = contrast.ratio(fg, bg)
  assert(r >= min, string.format("%s: %s on %s = %.2f:1 < %.1f:1", what, fg, bg, r, min))
end

-- The colours a tile is drawn in: white text and shape on its colour; once
-- dimmed at the reveal, the screen's text colour on the colour mixed
-- towards the background (kiosk.ui.tiles: M.DIM).
local function check_palette(colors, name)
  local t = theme.new()
  for _, list in ipairs { t.tile_colors, t.tile_neutral } do
    for k, c in ipairs(list) do
      need(WHITE, c, TEXT, string.format("%s tile %d, bright", name, k))
      need(colors.surface, c, UI, string.format("%s tile %d: the ✓/✗ badge on it", name, k))
      local dimmed = tween.mix(c, colors.bg, tiles.DIM)
      need(colors.text, dimmed, TEXT, string.format("%s tile %d, dimmed", name, k))
      -- the player's ring around a tile, against the screen
      need(colors.text, colors.bg, UI, name .. " own-tile ring")
    end
  end
  -- The badge and the words on a pill, both in the surface colour: ✓ / ✗
  -- marks, "你的答案"; and the badge against the bright tile under it.
  need(colors.success, colors.surface, UI, name .. " ✓ on the badge")
  need(colors.danger, colors.surface, UI, name .. " ✗ on the badge")
  need(colors.text, colors.surface, TEXT, name .. " words on the pill")
end

function T.test_tiles_meet_aa_bright_and_dimmed()
  check_palette(theme.new().colors, "default")
end

function T.test_tiles_meet_aa_under_high_contrast()
  local colors = theme.merge(theme.new().colors, theme.high_contrast_colors)
  check_palette(colors, "high-contrast")
end

-- The trade fair's brand: teal for the lead-in's disc, the time bar, the
-- points, the buttons; kiosk.ui.brand takes it as it is (it passes).
function T.test_the_fairs_teal_passes_every_pair()
  local t = theme.new()
  local messages = brand.apply(t, { colors = { primary = "#0f766e" } })
  assert(#messages == 0, table.concat(messages, "; "))
  assert(t.colors.primary == "#0f766e")
  assert(#contrast.failures(t.colors) == 0, table.concat(contrast.failures(t.colors), "; "))
  need(t.colors.on_primary, t.colors.primary, TEXT, "the 3-2-1 on its disc")
  need(t.colors.primary, t.colors.bg, TEXT, "the points counting up")
  need(t.colors.on_primary, t.colors.warning, TEXT, "the streak badge 🔥×3")
end

function T.test_each_answer_has_its_own_shape_and_colour()
  for n = 2, 4 do
    local shapes, colours = {}, {}
    for k = 1, n do
      local c, s = tiles.look(k, n)
      assert(tiles.GLYPHS[s], "a shape with a glyph: " .. tostring(s))
      assert(not shapes[s], string.format("%d answers: shape %s twice", n, s))
      assert(not colours[c], string.format("%d answers: colour %s twice", n, c))
      shapes[s], colours[c] = true, true
    end
  end
  local glyphs = {}
  for _, s in ipairs(tiles.SHAPES) do glyphs[#glyphs + 1] = tiles.GLYPHS[s] end
  assert(table.concat(glyphs, " ") == "▲ ◆ ● ■")
end

-- True/false: neutral tiles, no colour that means "wrong" before anyone answered.
function T.test_two_answers_are_neutral()
  local red = core.theme().tile_colors[1]
  for k = 1, 2 do
    local c = tiles.look(k, 2)
    assert(c ~= red, "a true/false tile is red")
    local r, g, b = contrast.parse(c)
    assert(not (r > g + 60 and r > b + 60), "a true/false tile is reddish: " .. c)
  end
end

function T.test_grid_columns()
  assert(tiles.columns(4, 1280, 500) == 2 and tiles.columns(4, 760, 1100) == 2, "four: 2 × 2")
  assert(tiles.columns(2, 1280, 500) == 2 and tiles.columns(2, 760, 1100) == 1, "two: halves side by side / stacked")
  assert(tiles.columns(3, 1280, 500) == 3 and tiles.columns(3, 760, 1100) == 1, "three: a row / stacked")
  assert(tiles.columns(5, 1280, 500) == 2)
end

return T
