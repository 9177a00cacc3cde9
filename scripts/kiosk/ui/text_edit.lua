-- kiosk.ui.text_edit — the pure editing logic behind ui.text_field: where a
-- caret may stand in UTF-8 text, inserting and deleting there, finding the
-- line and the character under a point. No drawing and no state: every
-- function takes the text and a caret and returns new ones, so it is
-- unit-tested on its own (tests/widgets/text_edit_test.lua). Where a text area's lines
-- break is the text engine's (gfx.line_starts), not this module's.
--
-- A caret is a byte offset into the text (0 = before the first character,
-- #s = after the last), always at a character boundary. A "character" is
-- what a candidate sees as one: a code point together with the combining
-- marks, variation selectors, emoji skin tones and zero-width-joined parts
-- that follow it (é written e + U+0301, 👍🏽, 👩‍💻, 🇨🇳 each count as one for
-- the caret, ⌫ and the cursor keys). max_len, like the character counter,
-- counts code points (utf8.len).
local M = {}

-- Code points that belong to the character before them.
local function extends(cp)
  return (cp >= 0x0300 and cp <= 0x036F)    -- combining diacritical marks
      or (cp >= 0x1AB0 and cp <= 0x1AFF) or (cp >= 0x1DC0 and cp <= 0x1DFF)
      or (cp >= 0x20D0 and cp <= 0x20FF)    -- combining marks for symbols
      or (cp >= 0x3099 and cp <= 0x309A)    -- kana voicing marks
      or (cp >= 0xFE00 and cp <= 0xFE0F)    -- variation selectors (emoji/text style)
      or (cp >= 0xFE20 and cp <= 0xFE2F)
      or cp == 0x200D                       -- zero width joiner
      or (cp >= 0x1F3FB and cp <= 0x1F3FF)  -- emoji skin tones
      or (cp >= 0xE0020 and cp <= 0xE007F)  -- emoji tag sequences (flags of regions)
      or (cp >= 0xE0100 and cp <= 0xE01EF)
end

local function regional(cp) return cp >= 0x1F1E6 and cp <= 0x1F1FF end

-- The byte offsets where characters start, and #s at the end:
-- { 0, ..., #s }. Invalid UTF-8 raises (utf8.codes does), which a field
-- never holds: insert() takes only what utf8.codes accepted.
function M.boundaries(s)
  local b = { 0 }
  local prev, joined, ri = nil, false, 0
  for p, cp in utf8.codes(s) do
    local start = p - 1
    local glue = prev ~= nil and (extends(cp) or joined or (regional(cp) and ri % 2 == 1))
    if not glue and start > 0 then b[#b + 1] = start end
    ri = regional(cp) and ri + 1 or 0
    joined = cp == 0x200D
    prev = cp
  end
  if #s > 0 then b[#b + 1] = #s end
  return b
end

-- A caret set from outside (a value replaced, an offset from a tap) moved
-- back onto the nearest boundary at or before it.
function M.clamp(s, pos)
  pos = math.max(0, math.min(#s, math.floor(tonumber(pos) or #s)))
  local b = M.boundaries(s)
  local best = 0
  for _, o in ipairs(b) do
    if o <= pos then best = o else break end
  end
  return best
end

function M.left(s, pos)
  local b, best = M.boundaries(s), 0
  for _, o in ipairs(b) do
    if o < pos then best = o else break end
  end
  return best
end

function M.right(s, pos)
  for _, o in ipairs(M.boundaries(s)) do
    if o > pos then return o end
  end
  return #s
end

-- Characters (as above) before the caret: a masked field shows one dot each.
function M.count(s, pos)
  local n = 0
  for _, o in ipairs(M.boundaries(s)) do
    if o > 0 and o <= pos then n = n + 1 end
  end
  return n
end

-- Inserts text at pos, one code point at a time: control characters are
-- dropped, and so is what `accept` (a Lua pattern for one character, or
-- nil) refuses or what would pass max_len code points.
-- Returns the new text, the caret after the insertion, and whether anything went in.
function M.insert(s, pos, text, accept, max_len)
  local n = utf8.len(s) or #s
  local parts = {}
  for _, cp in utf8.codes(text) do
    local ch = utf8.char(cp)
    if cp >= 32 and cp ~= 127 and (not accept or ch:match(accept)) and (not max_len or n < max_len) then
      parts[#parts + 1] = ch
      n = n + 1
    end
  end
  if #parts == 0 then return s, pos, false end
  local add = table.concat(parts)
  return s:sub(1, pos) .. add .. s:sub(pos + 1), pos + #add, true
end

-- ⌫: the character before the caret. Returns text, caret, changed.
function M.delete_back(s, pos)
  if pos <= 0 then return s, 0, false end
  local from = M.left(s, pos)
  return s:sub(1, from) .. s:sub(pos + 1), from, true
end

-- Delete (the physical key): the character after the caret.
function M.delete_forward(s, pos)
  if pos >= #s then return s, pos, false end
  local to = M.right(s, pos)
  return s:sub(1, pos) .. s:sub(to + 1), pos, true
end

-- The line (index into lines, each { from, to } byte offsets) that shows
-- the caret: at a break, the start of the next line.
function M.line_of(lines, pos)
  for i = #lines, 1, -1 do
    if pos >= lines[i].from then return i end
  end
  return 1
end

-- The boundary of s within [from, to] whose left edge is nearest x, given
-- prefix_width(a, z) = the drawn width of s:sub(a + 1, z). Binary search on
-- the monotonic prefix width, then the nearer of the two neighbours.
function M.hit(s, from, to, x, prefix_width)
  local b = {}
  for _, o in ipairs(M.boundaries(s)) do
    if o >= from and o <= to then b[#b + 1] = o end
  end
  if #b == 0 or x <= 0 then return from end
  local lo, hi = 1, #b
  if prefix_width(from, b[hi]) <= x then return b[hi] end
  while hi - lo > 1 do
    local mid = (lo + hi) // 2
    if prefix_width(from, b[mid]) <= x then lo = mid else hi = mid end
  end
  local wl, wh = prefix_width(from, b[lo]), prefix_width(from, b[hi])
  return (x - wl <= wh - x) and b[lo] or b[hi]
end

return M
