-- nickname_test.lua — the trade fair's nickname filter (kiosk.flow.nickname):
-- normalising (case, full-width, spaces and punctuation), matching (inside
-- the nickname for Chinese and long English words, whole words for short
-- ones), the length in characters, the app's own words, and no refusal of
-- common innocent names.
local nick = require "kiosk.flow.nickname"
local T = {}

function T.test_normalize_folds_case_width_and_drops_punctuation()
  assert(nick.normalize("Ｆ.U-c k!") == "fuck", nick.normalize("Ｆ.U-c k!"))
  assert(nick.normalize("傻　逼") == "傻逼")          -- ideographic space
  assert(nick.normalize("傻★逼。") == "傻逼")
  assert(nick.normalize("小明 ２０２６") == "小明2026")
  assert(nick.normalize("Ａｂｃ🔥") == "abc")
  assert(nick.normalize("\xff\xfe") == "")              -- not UTF-8: nothing to match
end

function T.test_words_join_letters_spelled_out()
  local w = nick.words("s b")
  assert(#w == 1 and w[1] == "sb")
  w = nick.words("Hi A.S.S 2")
  assert(#w == 2 and w[1] == "hi" and w[2] == "ass2", table.concat(w, ","))
  w = nick.words("小明sb")
  assert(#w == 1 and w[1] == "sb")
  w = nick.words("Cassandra")
  assert(#w == 1 and w[1] == "cassandra")
end

function T.test_refuses_offensive_words_however_written()
  for _, s in ipairs { "傻逼", "你个傻B", "傻 逼", "傻.逼", "他妈的", "他媽的", "草泥马", "小明是SB", "S B",
                       "fuck", "FUCK", "Ｆｕｃｋ", "f.u.c.k", "f u c k", "MotherFucker", "bitch123",
                       "big ass", "ASS", "a.s.s", "Dick", "nigger", "cunt", "nmsl", "我是屌丝" } do
    assert(nick.blocked(s), "not refused: " .. s)
  end
end

-- Common names of visitors, and names that contain a short word by chance.
T.innocent = {
  "小明", "小红", "张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴倩",
  "马超", "马丽", "尼克", "妈妈的宝贝", "操作员小王", "日出", "今日之星", "干饭人", "天天向上", "阿强",
  "Cassandra", "Dickens", "Hancock", "Scunthorpe", "Glass", "Sussex", "Titus", "Cumberbatch",
  "Grape", "Nazira", "Peacock", "Analisa", "Matsushita", "Fukuda", "Pornthip", "Shitake",
  "Hello Kitty", "Bob", "Ann", "Ashley", "Basement", "Assassin", "Michael", "Sebastian", "Therapist",
  "Kevin 2026", "Lucy_Li", "Mr. Wang", "Dr Zhang", "Arsenal fan", "Cocktail", "Pussycat Dolls", "Skyscraper",
}

function T.test_no_false_positive_on_innocent_names()
  for _, s in ipairs(T.innocent) do
    assert(not nick.blocked(s), "refused an innocent name: " .. s)
  end
end

function T.test_length_in_characters_not_bytes()
  local o = nick.options { min = 2, max = 12 }
  assert(nick.check("明", o) == "short")
  assert(nick.check("小明", o) == nil)
  assert(nick.check(string.rep("明", 12), o) == nil)     -- 36 bytes, 12 characters
  assert(nick.check(string.rep("明", 13), o) == "long")
  assert(nick.check(string.rep("a", 12), o) == nil)
  assert(nick.check("傻逼傻逼", o) == "blocked")
end

function T.test_the_app_extends_the_list()
  local o = nick.options { blocked = { "竞品", "Rival Co" } }
  assert(nick.check("竞品最强", o) == "blocked")
  assert(nick.check("我爱 rival-co", o) == "blocked")
  assert(nick.check("小明", o) == nil)
  assert(nick.check("竞品最强", nick.options {}) == nil)
end

function T.test_bad_options_are_refused_clearly()
  for _, bad in ipairs { 5, { min = 0 }, { min = 5, max = 3 }, { max = 1.5 }, { blocked = "x" } } do
    local ok, err = pcall(nick.options, bad)
    assert(not ok and tostring(err):find("nickname"), tostring(err))
  end
end

return T
