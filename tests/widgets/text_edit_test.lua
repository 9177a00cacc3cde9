-- text_edit_test.lua — the text field's editing logic (kiosk.ui.text_edit):
-- the caret moves by what a candidate sees as one character, insert and ⌫
-- work at the caret in mixed Chinese, ASCII and emoji text, bounds hold,
-- max_len counts code points like the character counter.
local edit = require "kiosk.ui.text_edit"
local T = {}

local function eq(got, want, what)
  if got ~= want then error((what or "value") .. ": expected " .. tostring(want) .. ", got " .. tostring(got), 2) end
end

-- Walks the caret from the end to the start with left(), collecting the
-- characters it steps over.
local function chars(s)
  local out, pos = {}, #s
  while pos > 0 do
    local from = edit.left(s, pos)
    table.insert(out, 1, s:sub(from + 1, pos))
    pos = from
  end
  return out
end

function T.test_boundaries_of_mixed_text()
  local s = "你好a😀b"
  local b = edit.boundaries(s)
  -- 你 (3 bytes) 好 (3) a (1) 😀 (4) b (1)
  eq(table.concat(b, ","), "0,3,6,7,11,12", "boundaries")
  eq(#edit.boundaries(""), 1, "the empty text has one caret place")
end

function T.test_combining_marks_and_emoji_sequences_are_one_character()
  local e_acute = "e\u{301}"              -- é written as e + combining acute
  local thumb = "👍\u{1F3FD}"             -- a thumb with a skin tone
  local coder = "👩\u{200D}💻"            -- woman technologist (ZWJ sequence)
  local flag = "\u{1F1E8}\u{1F1F3}"       -- 🇨🇳: two regional indicators
  local heart = "❤\u{FE0F}"              -- emoji presentation selector
  local s = "中" .. e_acute .. thumb .. coder .. flag .. flag .. heart .. "x"
  local got = chars(s)
  local want = { "中", e_acute, thumb, coder, flag, flag, heart, "x" }
  eq(#got, #want, "characters")
  for i = 1, #want do eq(got[i], want[i], "character " .. i) end
  -- right() walks the same places forwards.
  local pos, n = 0, 0
  while pos < #s do pos = edit.right(s, pos); n = n + 1 end
  eq(n, #want, "steps right")
end

function T.test_insert_at_the_caret()
  local s, pos = "你好世界", 12
  pos = edit.left(s, pos)
  pos = edit.left(s, pos)
  eq(pos, 6, "two characters left of the end")
  local changed
  s, pos, changed = edit.insert(s, pos, "X")
  assert(changed)
  eq(s, "你好X世界")
  eq(pos, 7, "the caret after the X")
  s, pos = edit.insert(s, pos, "😀é")
  eq(s, "你好X😀é世界")
  eq(pos, 7 + 4 + 2, "the caret after what went in")
  s, pos = edit.insert(s, 0, "A")
  eq(s, "A你好X😀é世界", "insert at the start")
  s, pos = edit.insert(s, #s, "Z")
  eq(s, "A你好X😀é世界Z", "insert at the end")
  eq(pos, #s)
end

function T.test_backspace_and_delete_at_the_caret()
  local s = "a你👍\u{1F3FD}b"
  -- caret after the thumb: ⌫ takes the whole thumb with its skin tone
  local pos = #"a你👍\u{1F3FD}"
  local t, p, changed = edit.delete_back(s, pos)
  assert(changed)
  eq(t, "a你b")
  eq(p, #"a你")
  -- Delete takes the character after the caret; the caret stays.
  t, p = edit.delete_forward(s, 1)
  eq(t, "a👍\u{1F3FD}b")
  eq(p, 1)
  -- combining mark: é as e + U+0301 goes in one ⌫
  t, p = edit.delete_back("xe\u{301}", 4)
  eq(t, "x")
  eq(p, 1)
end

function T.test_bounds()
  local s = "你好"
  local t, p, changed = edit.delete_back(s, 0)
  eq(t, s); eq(p, 0); eq(changed, false, "nothing before the start")
  t, p, changed = edit.delete_forward(s, #s)
  eq(t, s); eq(p, #s); eq(changed, false, "nothing after the end")
  eq(edit.left(s, 0), 0, "left at the start stays")
  eq(edit.right(s, #s), #s, "right at the end stays")
  -- A caret from outside snaps back onto a boundary and into the text.
  eq(edit.clamp(s, 4), 3, "inside 好 -> before it")
  eq(edit.clamp(s, 99), #s, "past the end -> the end")
  eq(edit.clamp(s, -5), 0, "before the start -> the start")
  eq(edit.clamp("", 3), 0)
end

function T.test_max_len_counts_code_points_and_filters()
  local s, p, changed = edit.insert("你好", 3, "abc", nil, 4)
  eq(s, "你ab好", "only what fits, at the caret")
  eq(p, 5)
  assert(changed)
  s, p, changed = edit.insert(s, p, "z", nil, 4)
  eq(changed, false, "full")
  eq(s, "你ab好")
  -- control characters never go in; the kind's pattern filters per character
  s = edit.insert("", 0, "a\tb\n\127c")
  eq(s, "abc")
  s = edit.insert("13", 1, "9x8", "^%d$")
  eq(s, "1983", "digits only, at the caret")
end

function T.test_count_before_the_caret()
  local s = "你👍\u{1F3FD}e\u{301}"
  eq(edit.count(s, 0), 0)
  eq(edit.count(s, #"你👍\u{1F3FD}"), 2)
  eq(edit.count(s, #s), 3)
end

function T.test_the_caret_at_a_break_shows_on_the_next_line()
  local lines = { { from = 0, to = 6 }, { from = 6, to = 12 } } -- 一二 | 三四
  eq(edit.line_of(lines, 6), 2)
  eq(edit.line_of(lines, 0), 1)
  eq(edit.line_of(lines, 3), 1)
  eq(edit.line_of(lines, 12), 2)
end

function T.test_hit_finds_the_nearest_place()
  local s = "ab你c"
  local widths = { a = 10, b = 10, ["你"] = 20, c = 10 }
  local function prefix(from, to)
    local w = 0
    for _, o in ipairs(edit.boundaries(s)) do
      if o >= to then break end
      if o >= from then
        local nxt = edit.right(s, o)
        w = w + widths[s:sub(o + 1, nxt)]
      end
    end
    return w
  end
  eq(edit.hit(s, 0, #s, -3, prefix), 0, "left of the text")
  eq(edit.hit(s, 0, #s, 4, prefix), 0, "nearer the start of a")
  eq(edit.hit(s, 0, #s, 6, prefix), 1, "nearer the end of a")
  eq(edit.hit(s, 0, #s, 27, prefix), 2, "left half of 你")
  eq(edit.hit(s, 0, #s, 33, prefix), 5, "right half of 你")
  eq(edit.hit(s, 0, #s, 500, prefix), #s, "past the end")
end

return T
