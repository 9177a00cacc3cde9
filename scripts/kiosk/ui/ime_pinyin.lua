-- kiosk.ui.ime_pinyin — the "pinyin" keyboard layout: letters compose pinyin
-- (full or abbreviated: zhangwei, zw → 张伟) through the runtime's `ime`
-- module (libpinyin); the candidate bar above the keys shows words and
-- phrases, pages with 上一页/下一页, and a tap inserts the choice. The
-- composition shows in the field, underlined, as the input method's preedit.
--
--   ui.keyboard{ target = name_field, layouts = { "pinyin", "latin", "handwriting" },
--                phrases = { { "量子力学", "liang'zi'li'xue" } },   -- the app's own words
--                learn = false }                                    -- remember chosen phrases
--
-- Keys: letters compose; ⌫ (退格) deletes a letter of the composition, or
-- a character of the field when nothing is being composed; 空格 takes the
-- first candidate; 完成 types the letters as they are; 中/英 switches to
-- plain letters and back; ◀ ▶ move the field's caret, and are ignored while
-- a composition is open (it stays whole where the caret was). A field with kind = "name" also gets the most
-- common full names (张伟, 王芳, 李娜...), which libpinyin's dictionary lacks.
-- Learning is off unless the keyboard says learn = true, and even then stays
-- in memory (this VM: one candidate) unless QUIZKIOSK_PINYIN_USER_DIR is set.
local M = {}

-- The commonest full names in China (public name statistics), most frequent first.
M.common_names = {
  { "张伟", "zhang'wei" }, { "王伟", "wang'wei" }, { "王芳", "wang'fang" }, { "李伟", "li'wei" },
  { "李娜", "li'na" }, { "张敏", "zhang'min" }, { "李静", "li'jing" }, { "王静", "wang'jing" },
  { "刘伟", "liu'wei" }, { "王秀英", "wang'xiu'ying" }, { "张丽", "zhang'li" }, { "李秀英", "li'xiu'ying" },
  { "王丽", "wang'li" }, { "张静", "zhang'jing" }, { "张秀英", "zhang'xiu'ying" }, { "李强", "li'qiang" },
  { "王敏", "wang'min" }, { "李敏", "li'min" }, { "王磊", "wang'lei" }, { "刘洋", "liu'yang" },
  { "王艳", "wang'yan" }, { "王勇", "wang'yong" }, { "李军", "li'jun" }, { "张勇", "zhang'yong" },
  { "李杰", "li'jie" }, { "张杰", "zhang'jie" }, { "张磊", "zhang'lei" }, { "王强", "wang'qiang" },
  { "李娟", "li'juan" }, { "王军", "wang'jun" }, { "张艳", "zhang'yan" }, { "张涛", "zhang'tao" },
  { "王涛", "wang'tao" }, { "李艳", "li'yan" }, { "王超", "wang'chao" }, { "李明", "li'ming" },
  { "李勇", "li'yong" }, { "王娟", "wang'juan" }, { "刘杰", "liu'jie" }, { "刘敏", "liu'min" },
  { "李霞", "li'xia" }, { "李丽", "li'li" }, { "张军", "zhang'jun" }, { "王杰", "wang'jie" },
  { "张强", "zhang'qiang" }, { "王秀兰", "wang'xiu'lan" }, { "王刚", "wang'gang" }, { "王平", "wang'ping" },
  { "刘芳", "liu'fang" }, { "张燕", "zhang'yan" },
}

local function engine()
  local ime = rawget(_G, "ime")
  if not ime then return nil, "the runtime was built without Chinese input" end
  return ime
end

local function session(kb)
  if kb.pinyin then return kb.pinyin end
  local phrases = {}
  for _, p in ipairs(kb.phrases or {}) do phrases[#phrases + 1] = p end
  if kb.names or (kb.target and kb.target.kind == "name") then
    for _, p in ipairs(M.common_names) do phrases[#phrases + 1] = p end
  end
  kb.pinyin = engine().pinyin_session { learn = kb.learn == true, phrases = phrases }
  return kb.pinyin
end

local function insert(kb, text)
  local field = kb.target
  if not field or text == "" then return end
  field:insert(text)
  if not field:focused() then field:focus() end
end

local refresh

local function pick(kb, i)
  local s = session(kb)
  local text = s:choose(i)
  if text then insert(kb, text) end
  refresh(kb)
end

-- Shows the composition in the field and its candidates in the bar.
function refresh(kb)
  local s = session(kb)
  if kb.target then kb.target.preedit = s:preedit() end
  if s:count() > 0 then
    kb:set_candidates(function(offset, n) return s:candidates(offset, n) end,
                      function(i) pick(kb, i) end, s:count())
  else
    kb:set_candidates(nil)
  end
  kiosk.redraw()
end

-- Ends a composition as typed (switching away, 完成 on a half-done word).
local function flush(kb)
  if kb.pinyin and kb.pinyin:active() then
    insert(kb, kb.pinyin:commit())
    refresh(kb)
  end
end

local function on_key(kb, spec)
  local s = session(kb)
  if spec.action == "lang" then
    flush(kb)
    kb.english = not kb.english
    kiosk.redraw()
    return true
  end
  if spec.action == "switch" then flush(kb) return false end
  if kb.english then return false end
  local letter = not spec.action and spec.text and spec.text:match("^%a$")
  if letter then
    s:key(spec.text:lower())
    refresh(kb)
    return true
  end
  if not s:active() then return false end
  -- ◀ ▶ while composing do nothing: the composition stays whole at the
  -- caret (moving the caret under it would split what is being typed);
  -- 空格 or a candidate ends it, then the cursor keys move again.
  if spec.action == "left" or spec.action == "right" then return true end
  if spec.action == "backspace" then
    s:backspace()
    refresh(kb)
    return true
  elseif spec.action == "space" or spec.text == " " then
    if s:count() > 0 then pick(kb, 1) else flush(kb) end
    return true
  elseif spec.action == "done" then
    flush(kb)
    return true
  end
  -- Punctuation: the first candidate goes in first, then the mark.
  if s:count() > 0 then pick(kb, 1) else flush(kb) end
  return false
end

function M.register(kb)
  local BACKSPACE = { label = "⌫", name = "退格", action = "backspace", grow = 1.5 }
  kb.layouts.pinyin = {
    title = "拼音",
    candidate_bar = true,
    available = function()
      local ime, why = engine()
      if not ime then return false, why end
      return ime.pinyin_available()
    end,
    rows = {
      { "q", "w", "e", "r", "t", "y", "u", "i", "o", "p" },
      { "a", "s", "d", "f", "g", "h", "j", "k", "l" },
      { { name = "中/英", action = "lang", grow = 1.5, label_fn = function(k) return k.english and "英" or "中" end },
        "z", "x", "c", "v", "b", "n", "m", BACKSPACE },
      { { action = "switch", grow = 1.5 }, { label = "，", text = "，" }, { label = "空格", text = " ", grow = 3 },
        { label = "。", text = "。" }, { label = "？", text = "？" }, kb.LEFT, kb.RIGHT,
        { label = "完成", action = "done", grow = 1.5 } },
    },
    on_key = on_key,
    leave = function(k)
      flush(k)
      if k.target then k.target.preedit = "" end
    end,
  }
end

return M
