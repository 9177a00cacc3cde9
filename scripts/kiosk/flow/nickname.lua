-- kiosk.flow.nickname — the public nickname of a game (the trade fair's
-- leaderboard, podium and attract slides show it to everyone at the booth):
-- a length limit counted in characters, not bytes, and a filter of
-- offensive words (the bundled kiosk.nickname_words, which an app extends),
-- refusing with a friendly message that never repeats the word.
--
--   flow.app{ nickname = { min = 2, max = 12, blocked = { "某词", "badword" } }, ... }
--
-- The standard form field "nickname" (kiosk.flow.screens.form) is built by
-- M.field(f) from these options. The pure functions below are unit-tested
-- (tests/fair_end/nickname_test.lua).
local M = {}

M.MIN, M.MAX = 2, 12

-- ---- normalising ----

-- Characters dropped before matching: spaces, punctuation, symbols and
-- emoji, so "f.u.c.k", "傻 逼" and "傻★逼" match as the words they spell.
local function dropped(cp)
  if cp < 128 then return not ((cp >= 48 and cp <= 57) or (cp >= 97 and cp <= 122)) end -- (lowered already)
  return (cp >= 0x80 and cp <= 0xBF) or cp == 0xD7 or cp == 0xF7          -- Latin-1 spaces, signs, ×, ÷
      or (cp >= 0x2000 and cp <= 0x2BFF)                                    -- general punctuation .. symbols, arrows
      or (cp >= 0x3000 and cp <= 0x303F)                                    -- CJK punctuation: 。、「」
      or (cp >= 0x30FB and cp <= 0x30FC)                                    -- ・ ー
      or (cp >= 0xFE00 and cp <= 0xFE6F)                                    -- variation selectors, small forms
      or (cp >= 0xFF00 and cp <= 0xFFEF)                                    -- full-width punctuation left over
      or cp >= 0x1F000                                                      -- emoji and other symbols
end

-- The code points of s with full-width letters, digits and signs folded to
-- their ASCII forms (Ｆ -> F, ３ -> 3, U+3000 -> space) and ASCII lowered.
local function folded(s)
  local out = {}
  for _, cp in utf8.codes(s) do
    if cp >= 0xFF01 and cp <= 0xFF5E then cp = cp - 0xFEE0
    elseif cp == 0x3000 then cp = 32 end
    if cp >= 65 and cp <= 90 then cp = cp + 32 end
    out[#out + 1] = cp
  end
  return out
end

-- The nickname as the filter compares it: folded, with everything that is
-- not a letter, digit or CJK character dropped. Invalid UTF-8 gives "".
function M.normalize(s)
  if type(s) ~= "string" or not utf8.len(s) then return "" end
  local keep = {}
  for _, cp in ipairs(folded(s)) do
    if not dropped(cp) then keep[#keep + 1] = utf8.char(cp) end
  end
  return table.concat(keep)
end

-- The Latin words of the nickname (runs of a-z and 0-9 after folding);
-- letters spelled out one by one ("s b", "a.s.s") join into one word.
function M.words(s)
  if type(s) ~= "string" or not utf8.len(s) then return {} end
  local runs, cur = {}, {}
  for _, cp in ipairs(folded(s)) do
    if (cp >= 48 and cp <= 57) or (cp >= 97 and cp <= 122) then cur[#cur + 1] = string.char(cp)
    elseif #cur > 0 then
      runs[#runs + 1] = table.concat(cur)
      cur = {}
    end
  end
  if #cur > 0 then runs[#runs + 1] = table.concat(cur) end
  local words, singles = {}, {}
  local function flush()
    if #singles > 0 then words[#words + 1] = table.concat(singles) end
    singles = {}
  end
  for _, r in ipairs(runs) do
    if #r == 1 then singles[#singles + 1] = r
    else
      flush()
      words[#words + 1] = r
    end
  end
  flush()
  return words
end

-- ---- matching ----

local bundled -- kiosk.nickname_words, normalised once

local function prepared(list)
  local out = {}
  for _, w in ipairs(list or {}) do
    local n = M.normalize(tostring(w))
    if n ~= "" then out[#out + 1] = n end
  end
  return out
end

local function lists()
  if not bundled then
    local words = require "kiosk.nickname_words"
    bundled = { anywhere = prepared(words.anywhere), whole = {} }
    for _, w in ipairs(prepared(words.whole)) do bundled.whole[w] = true end
  end
  return bundled
end

-- Whether nickname s holds an offensive word: one of the bundled "anywhere"
-- words or of `extra` (the app's, also matched anywhere) inside the
-- normalised nickname, or a bundled "whole" word as a whole word of it (or
-- as the whole normalised nickname: "S_B").
function M.blocked(s, extra)
  local l = lists()
  local n = M.normalize(s)
  if n == "" then return false end
  for _, w in ipairs(l.anywhere) do
    if n:find(w, 1, true) then return true end
  end
  for _, w in ipairs(extra or {}) do
    if n:find(w, 1, true) then return true end
  end
  if l.whole[n] then return true end
  for _, w in ipairs(M.words(s)) do
    if l.whole[w] then return true end
  end
  return false
end

-- The verdict on a trimmed nickname under options o ({ min, max, blocked }):
-- nil when it may be used, else "short", "long" or "blocked".
function M.check(s, o)
  o = o or {}
  local n = utf8.len(s or "")
  if not n then return "blocked" end -- not text at all
  if n < (o.min or M.MIN) then return "short" end
  if n > (o.max or M.MAX) then return "long" end
  if M.blocked(s, o.extra) then return "blocked" end
  return nil
end

-- The app's options (flow.app{ nickname = }), checked: a bad one is the
-- app author's mistake, shown as an error with what to write.
function M.options(spec)
  local o = spec == nil and {} or spec
  if type(o) ~= "table" then error("flow.app: nickname must be a table { min =, max =, blocked = { … } }", 3) end
  local min, max = o.min or M.MIN, o.max or M.MAX
  if math.type(min) ~= "integer" or math.type(max) ~= "integer" or min < 1 or max < min or max > 40 then
    error("flow.app: nickname min and max must be whole numbers with 1 <= min <= max <= 40", 3)
  end
  if o.blocked ~= nil and type(o.blocked) ~= "table" then
    error("flow.app: nickname.blocked must be a list of words", 3)
  end
  return { min = min, max = max, extra = prepared(o.blocked) }
end

-- The form field for the nickname: its label, the limit, the note that it
-- shows on the leaderboard, and the check with its friendly messages.
function M.field(f)
  local o = f.nickname_options or M.options(f.spec.nickname)
  f.nickname_options = o
  return {
    id = "nickname",
    label = { zh = "昵称", en = "Nickname" },
    max_len = o.max,
    note = f:t("nickname_note", o.min, o.max),
    check = function(v)
      local why = M.check(v, o)
      if not why then return true end
      return f:t("nickname_" .. why, why == "long" and o.max or o.min)
    end,
  }
end

return M
