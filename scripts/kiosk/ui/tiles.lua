-- kiosk.ui.tiles — the game's answer tiles: big blocks that fill the room
-- they are given, each with a colour AND a shape (▲ ◆ ● ■ by position), so
-- a colour-blind player tells them apart; two answers (true/false) get two
-- neutral colours, so no answer looks "wrong" (red) before it is chosen.
--
--   ui.answer_tiles{ options = { { id = "A", text = "…", letter = "A" }, … },
--                    on_choose = function(id, tiles) end,
--                    enter_at = ms,          -- the entrance starts then (kiosk.now() time); nil: none
--                    labels = { yours = "你的答案", right = "正确答案" },
--                    label_of = function(option) -> replay label ("A. text") }
--   tiles:reveal{ right = { A = true }, chosen = "B" or nil, at = ms }
--        the right tile stays bright, the others dim; the chosen one gets a
--        ring, a ✓ or ✗ badge and "你的答案"; the right one "正确答案"
--   tiles.shown_frame    kiosk.frame() of the first frame that showed the tiles;
--   tiles.shown_at       when it reached the screen (kiosk.presented_at), once known
--
-- Layout: four answers 2×2, two side by side (stacked on a portrait
-- screen), three in a row (stacked on a portrait screen), more two to a row.
-- The entrance: the tiles rise from a little below their places, one after
-- the other, and land with a small overshoot (kiosk.ui.tween, on the runtime's clock).
-- Only their place moves, never their size, so the text and the rounded
-- corners come from the renderer's caches in every frame. A tile takes a
-- tap from its first frame (at its final place) until the reveal.
-- Every tile reports its option's label, its letter and its shape's
-- character (kiosk.element), so a replay can `tap B`, `tap ◆` or `expect ◆`.
local core = require "kiosk.ui.core"
local controls = require "kiosk.ui.controls"
local tween = require "kiosk.ui.tween"

local M = {}

M.SHAPES = { "triangle", "diamond", "circle", "square" }
M.GLYPHS = { triangle = "▲", diamond = "◆", circle = "●", square = "■" }
-- Two answers: neutral blue and purple, with the diamond and the circle.
M.NEUTRAL_SHAPES = { "diamond", "circle" }
M.ENTER_MS, M.STAGGER_MS = 460, 90      -- each tile's rise, and the delay between two
M.RISE = 0.6                            -- it rises from this much of its height below its place
M.DIM_MS, M.DIM_STEPS = 320, 8          -- the reveal's dimming, in a few colour steps
M.DIM = 0.78                            -- how far a dimmed tile goes towards the background

local WHITE = "#ffffff"

-- Colour and shape of tile k of n (theme.tile_colors / tile_neutral).
function M.look(k, n)
  local t = core.theme()
  if n == 2 then
    local c = t.tile_neutral or t.tile_colors
    return c[(k - 1) % #c + 1], M.NEUTRAL_SHAPES[(k - 1) % 2 + 1]
  end
  local c = t.tile_colors
  return c[(k - 1) % #c + 1], M.SHAPES[(k - 1) % #M.SHAPES + 1]
end

-- Columns for n tiles in a box w wide and h high.
function M.columns(n, w, h)
  local portrait = h > w * 1.15
  if n == 4 then return 2 end
  if n == 2 or n == 3 then return portrait and 1 or n end
  return portrait and 1 or 2
end

-- ---- a shape, centred at cx, cy, its box s high ----
-- The font's geometric shapes (▲ ◆ ● ■: every CJK font has them): text is
-- cached as a texture and tinted at draw time, so a shape costs what a
-- word costs (the software renderer draws triangles slowly), and a replay
-- can `expect ▲`.
local function draw_shape(shape, cx, cy, s, colour)
  local glyph = M.GLYPHS[shape]
  local w, h = gfx.measure(glyph, { size = s })
  gfx.text(glyph, cx - w / 2, cy - h / 2, { size = s, colour = colour })
end
M.draw_shape = draw_shape

-- ✓ or ✗ drawn with lines (crisp at any size, no font needed).
local function draw_mark(right, cx, cy, r, colour)
  local w = math.max(3, r * 0.22)
  if right then
    gfx.line(cx - r * 0.5, cy + r * 0.02, cx - r * 0.12, cy + r * 0.4, colour, w)
    gfx.line(cx - r * 0.12, cy + r * 0.4, cx + r * 0.55, cy - r * 0.38, colour, w)
  else
    gfx.line(cx - r * 0.42, cy - r * 0.42, cx + r * 0.42, cy + r * 0.42, colour, w)
    gfx.line(cx + r * 0.42, cy - r * 0.42, cx - r * 0.42, cy + r * 0.42, colour, w)
  end
end
M.draw_mark = draw_mark

-- ---- one tile ----
local Tile = core.class("answer_tile", controls.Pressable)

function Tile:text_size(w, h)
  -- As big as the tile allows: a heading when the text fits in three lines.
  local big = core.font("heading") * 1.1
  local _, th, lines = gfx.measure(self.option.text, { size = big, width = w, bold = true })
  if (lines or 1) <= 3 and th <= h then return big end
  return core.font("option")
end

-- Where its parts go inside a box w x h: shape beside the text on a wide
-- tile, above it on a tall or narrow one.
function Tile:parts(w, h)
  local t = core.theme()
  local pad = t.space.m
  local wide = w > h * 1.25 or w >= 520
  local s = math.max(36, math.min(72, h * 0.34, w * 0.16)) * t.font_scale
  if wide then
    local tx = pad + s + t.space.m
    return { wide = true, s = s, sx = pad + s / 2, sy = h / 2, tx = tx, tw = w - tx - pad }
  end
  -- (at the top left: the reveal's badge takes the top right corner)
  return { wide = false, s = s, sx = pad + s / 2, sy = pad + s / 2, tx = pad, tw = w - 2 * pad, ty = pad + s + t.space.s }
end

function Tile:draw()
  local grid, t = self.grid, core.theme()
  local now = kiosk.now()
  local dy = 0
  if grid.enter_at then
    local start = grid.enter_at + (self.index - 1) * M.STAGGER_MS
    -- From a little below its place, so every tile shows from the first
    -- frame (the frame the speed rule times from).
    dy = tween.at(math.min(self.h * M.RISE, 220), 0, now, start, M.ENTER_MS, "out_back")
  end
  local x, y, w, h = self.x, self.y + dy, self.w, self.h
  local bg, fg = self.colour, WHITE
  local rv = grid.revealed
  local dim = 0
  if rv and not rv.right[self.option.id] then
    dim = tween.steps(tween.progress(now, rv.at, M.DIM_MS, "out_quad"), M.DIM_STEPS)
    bg = tween.mix(self.colour, core.color("bg"), M.DIM * dim)
    fg = tween.mix(WHITE, core.color("text"), dim)
  end
  gfx.rect(x, y, w, h, bg, t.radius)
  if self.pressed and not rv then gfx.rect(x, y, w, h, "#00000040", t.radius) end
  local p = self:parts(w, h)
  draw_shape(self.shape, x + p.sx, y + p.sy, p.s, fg)
  local size = self:text_size(p.tw, h - 2 * t.space.m)
  local opts = { size = size, width = p.tw, bold = true, colour = fg, max_lines = 4,
                 align = p.wide and "left" or "center" }
  local _, th = gfx.measure(self.option.text, opts)
  local ty
  if p.wide then ty = y + (h - th) / 2 else ty = y + p.ty + math.max(0, (h - p.ty - t.space.m - th) / 2) end
  gfx.text(self.option.text, x + p.tx, ty, opts)
  if rv then self:draw_marks(x, y, w, h, rv, now) end
  if grid.enabled ~= false and not rv then
    kiosk.element(grid.label_of(self.option), self.x, self.y, self.w, self.h)
    kiosk.element(tostring(self.option.letter or self.option.id), self.x, self.y, self.w, self.h)
    kiosk.element(M.GLYPHS[self.shape], self.x, self.y, self.w, self.h)
  end
end

-- The reveal's marks: on the player's own tile a thick ring, a ✓ or ✗
-- badge and "你的答案"; on the right one (if not the same) "正确答案" and ✓.
function Tile:draw_marks(x, y, w, h, rv, now)
  local t = core.theme()
  local id = self.option.id
  local mine, right = rv.chosen == id, rv.right[id] == true
  if not mine and not right then return end
  local ink = core.color("text")
  if mine then
    local ring = math.max(5, t.space.xs)
    gfx.rect(x - ring * 1.5, y - ring * 1.5, w + ring * 3, h + ring * 3, ink, t.radius + ring, ring)
  end
  -- The badge lands a moment after the reveal: a disc at the top right corner.
  local land = tween.progress(now, rv.at + 120, 260, "out_back")
  if land <= 0 then return end
  local r = math.max(22, math.min(38, h * 0.16)) * t.font_scale
  local cx, cy = x + w - r - t.space.s, y + r + t.space.s - (1 - land) * r * 1.5
  -- (the surface colour: white, black under high contrast; the marks are
  -- the success and danger colours, which meet AA on it in both palettes)
  local surface = core.color("surface")
  gfx.circle(cx, cy, r, surface)
  local good = right
  draw_mark(good, cx, cy, r, core.color(good and "success" or "danger"))
  -- The words, on a pill along the tile's bottom edge.
  local word = mine and (self.grid.labels.yours) or self.grid.labels.right
  local size = core.font("small")
  local lw, lh = gfx.measure(word, { size = size, bold = true })
  local pw, ph = lw + 2 * t.space.s, lh + t.space.xs
  local px, py = x + w - pw - t.space.s, y + h - ph - t.space.s
  gfx.rect(px, py, pw, ph, surface, ph / 2)
  gfx.text(word, px + t.space.s, py + t.space.xs / 2, { size = size, bold = true, colour = ink })
end

function Tile:activate()
  local grid = self.grid
  if grid.revealed or grid.enabled == false then return end
  if grid.on_choose then grid.on_choose(self.option.id, grid) end
end

-- ---- the grid ----
local Grid = core.class("answer_tiles")

function Grid:init()
  local t = core.theme()
  self.gap = self.gap or t.space.m
  self.label_of = self.label_of or function(o) return (o.letter or o.id) .. ". " .. o.text end
  local en = core.state.lang == "en"
  self.labels = self.labels or { yours = en and "Your answer" or "你的答案", right = en and "Right answer" or "正确答案" }
  self.children = {}
  local n = #self.options
  for k, opt in ipairs(self.options) do
    assert(opt.id ~= nil and opt.text, "ui.answer_tiles: option " .. k .. " needs id and text")
    local colour, shape = M.look(k, n)
    self.children[k] = core.new(Tile, { option = opt, grid = self, index = k, colour = colour, shape = shape })
  end
  -- The whole entrance: frames until the last tile has landed.
  if self.enter_at then
    local left = self.enter_at + (n - 1) * M.STAGGER_MS + M.ENTER_MS - kiosk.now()
    if left > 0 then kiosk.animate(math.ceil(left)) end
  end
end

-- When the entrance is over (ms).
function Grid:entered_at()
  if not self.enter_at then return nil end
  return self.enter_at + (#self.options - 1) * M.STAGGER_MS + M.ENTER_MS
end

function Grid:measure(avail_w)
  -- As tall as it is given (flex); on its own, a tile's touch height per row.
  local rows = math.ceil(#self.options / 2)
  return avail_w, self.height or rows * 2 * core.theme().touch_min + (rows - 1) * self.gap
end

function Grid:layout(x, y, w, h)
  core.Widget.layout(self, x, y, w, h)
  local n = #self.children
  local cols = M.columns(n, w, h)
  local rows = math.ceil(n / cols)
  local cw = (w - (cols - 1) * self.gap) / cols
  local rh = (h - (rows - 1) * self.gap) / rows
  for k, c in ipairs(self.children) do
    local r, col = (k - 1) // cols, (k - 1) % cols
    -- A last row that is not full is centred.
    local in_row = math.min(cols, n - r * cols)
    local ox = (cols - in_row) * (cw + self.gap) / 2
    c:layout(x + ox + col * (cw + self.gap), y + r * (rh + self.gap), cw, rh)
  end
end

function Grid:draw()
  if not self.shown_frame then self.shown_frame = kiosk.frame()
  elseif not self.shown_at then
    -- Read when that frame reached the screen as soon as it is known (the
    -- runtime keeps only the last 128 frames' times; the time bar alone
    -- draws ten a second).
    self.shown_at = kiosk.presented_at(self.shown_frame)
  end
  self:draw_children()
end

function Grid:event(e)
  if self.revealed or self.enabled == false then return false end
  return self:event_children(e)
end

function Grid:reveal(o)
  self.revealed = { right = o.right or {}, chosen = o.chosen, at = o.at or kiosk.now() }
  for _, c in ipairs(self.children) do c.pressed, c.tracking = false, false end
  kiosk.animate(math.max(M.DIM_MS, 380) + 20)
  kiosk.redraw()
end

function M.answer_tiles(props)
  assert(type(props.options) == "table" and #props.options >= 1, "ui.answer_tiles needs options")
  return core.new(Grid, props)
end

return M
