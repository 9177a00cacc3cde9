-- The format modules and the framework's checks on small texts written
-- here: every way the issue lists of writing numbers, options, answers and
-- true/false, and the located reasons for what is skipped.
local import = require "kiosk.import"

local T = {}

local function run(name, body, format)
  local ext = name:match("%.([^.]+)$") or ""
  return import.run({ { path = name, name = name, ext = ext, bytes = body } }, { format = format })
end

local function questions(r)
  local out = {}
  for _, sec in ipairs(r.sections) do
    for _, q in ipairs(sec.questions) do out[#out + 1] = q end
  end
  return out
end

local function eq(a, b, what)
  if type(a) == "table" and type(b) == "table" then
    assert(#a == #b, (what or "") .. ": " .. #a .. " items, want " .. #b)
    for i = 1, #a do eq(a[i], b[i], (what or "") .. "[" .. i .. "]") end
  elseif a ~= b then
    error((what or "value") .. ": got " .. tostring(a) .. ", want " .. tostring(b), 2)
  end
end

local function has_skip(r, where, reason)
  for _, s in ipairs(r.skips) do
    if s.where == where and s.reason:find(reason, 1, true) then return true end
  end
  local got = {}
  for _, s in ipairs(r.skips) do got[#got + 1] = s.where .. ": " .. s.reason end
  error("no skip " .. where .. ": " .. reason .. " in:\n" .. table.concat(got, "\n"), 2)
end

function T.test_doc_numbers_and_options_in_every_width()
  local r = run("t.txt", table.concat({
    "一、单选题（共5题，每题2分）",
    "1.甲?", "A.一", "B.二", "答案:B",
    "2、乙?", "A、一", "B、二", "答案：A",
    "3．丙?", "A．一", "B．二", "答案：Ｂ",
    "(4)丁?", "A)一", "B)二", "答案:A",
    "（5）戊?", "（A）一", "（B）二", "答案: B",
  }, "\n"), "doc")
  local q = questions(r)
  eq(#q, 5, "questions")
  eq({ q[1].answer, q[2].answer, q[3].answer, q[4].answer, q[5].answer }, { "B", "A", "B", "A", "B" }, "answers")
  for i = 1, 5 do eq(q[i].options, { "一", "二" }, "options of " .. i) end
  eq(q[5].stem, "（5）戊?", "the stem as written")
  eq(r.sections[1].points, 2, "points from the heading")
  eq(#r.skips, 0, "skips")
end

function T.test_doc_multiple_answer_spellings()
  local lines = { "二、多选题(共6题,每题3分)" }
  local spellings = { "A、C", "AC", "A,C", "A;C", "Ａ，Ｃ", "A C" }
  for i, s in ipairs(spellings) do
    lines[#lines + 1] = i .. ".题" .. i .. "?"
    for _, o in ipairs({ "A.x", "B.y", "C.z" }) do lines[#lines + 1] = o end
    lines[#lines + 1] = "答案:" .. s
  end
  local q = questions(run("m.txt", table.concat(lines, "\n"), "doc"))
  eq(#q, 6, "questions")
  for i = 1, 6 do
    eq(q[i].type, "multiple", "type " .. i)
    eq(q[i].answer, { "A", "C" }, "answer written " .. spellings[i])
  end
end

function T.test_doc_truefalse_spellings()
  local lines = { "三、判断题(共8题,每题1分)" }
  local spellings = { { "对", true }, { "错", false }, { "正确", true }, { "错误", false },
                      { "√", true }, { "×", false }, { "T", true }, { "F", false } }
  for i, s in ipairs(spellings) do
    lines[#lines + 1] = i .. ".判断" .. i
    lines[#lines + 1] = "答案：" .. s[1]
  end
  local q = questions(run("tf.txt", table.concat(lines, "\n"), "doc"))
  eq(#q, 8, "questions")
  for i, s in ipairs(spellings) do
    eq(q[i].type, "truefalse", "type " .. i)
    eq(q[i].answer, s[2], "answer " .. s[1])
  end
end

function T.test_doc_truefalse_with_lettered_options()
  local q = questions(run("tfo.txt", "一、判断题(共2题,每题1分)\n1.甲。\nA.正确\nB.错误\n答案:B\n2.乙。\nA.对\nB.错\n答案:A\n", "doc"))
  eq(#q, 2)
  eq(q[1].answer, false, "B names 错误")
  eq(q[2].answer, true, "A names 对")
end

function T.test_doc_open_question_reference_competencies_and_items()
  local r = run("o.txt", table.concat({
    "一、行为面试题(共2题,每题8分)",
    "1.讲一次处理投诉的经历。", "(考察问题解决能力、沟通技巧)", "答案解析:", "-措施:", "1.倾听:先听完;", "2.跟进:再回访。", "-经验:要快。",
    "2.讲一次团队冲突。", "（考察：团队管理）", "参考答案：先倾听，再决定。",
  }, "\n"), "doc")
  local q = questions(r)
  eq(#q, 2, "questions (the reference's own 1. 2. are not questions)")
  eq(q[1].type, "open")
  eq(q[1].competencies, { "问题解决能力", "沟通技巧" }, "competencies")
  eq(q[1].reference, "-措施:\n1.倾听:先听完;\n2.跟进:再回访。\n-经验:要快。", "reference")
  eq(q[1].key_points, { "倾听:先听完;", "跟进:再回访。", "经验:要快。" }, "key points")
  eq(q[1].keywords, { "倾听", "跟进" }, "keywords")
  eq(q[2].competencies, { "团队管理" })
  eq(q[2].reference, "先倾听，再决定。")
end

function T.test_doc_explanation_and_inline_options()
  local q = questions(run("e.txt", "1.哪个?\nA.一  B.二  C.三\n答案:C\n解析:因为三。\n第二行解析。\n", "doc"))
  eq(#q, 1)
  eq(q[1].options, { "一", "二", "三" }, "options on one line")
  eq(q[1].explanation, "因为三。\n第二行解析。")
  eq(q[1].type, "single", "no heading: the answer decides")
end

function T.test_doc_skips_are_located()
  local r = run("bad.txt", table.concat({
    "一、单选题(共5题,每题2分)",
    "1.没有答案?", "A.一", "B.二",
    "2.答案越界?", "A.一", "B.二", "答案:E",
    "3.好的?", "A.一", "B.二", "答案:A",
    "4.好的?", "A.一", "B.二", "答案:B",
    "5.只有一个选项?", "A.一", "答案:A",
    "二、判断题(共1题,每题1分)",
    "1.不是对错?", "答案:也许",
  }, "\n"), "doc")
  has_skip(r, "bad.txt:2", "no answer line")
  has_skip(r, "bad.txt:5", "answer E not among the options (A–B)")
  has_skip(r, "bad.txt:13", "duplicate stem of s1 (bad.txt:9)")
  has_skip(r, "bad.txt:17", "only one option")
  has_skip(r, "bad.txt:21", "is not true/false")
  eq(#questions(r), 1, "only the good one imported")
end

function T.test_doc_section_count_and_missing_points()
  local r = run("c.txt", "一、单选题(共3题)\n1.甲?\nA.一\nB.二\n答案:A\n", "doc")
  has_skip(r, "c.txt:1", "一、单选题 says 3 questions, the file has 1: 2 missing")
  local warned = false
  for _, w in ipairs(r.warnings) do if w.reason:find("no points given, 1 point each", 1, true) then warned = true end end
  assert(warned, "missing points are warned about")
  eq(r.sections[1].points, 1)
end

function T.test_doc_single_with_two_letters_becomes_multiple_with_a_warning()
  local r = run("s.txt", "一、单选题(共1题,每题2分)\n1.甲?\nA.一\nB.二\n答案:AB\n", "doc")
  local q = questions(r)
  eq(q[1].type, "multiple")
  eq(q[1].answer, { "A", "B" })
  assert(r.warnings[1] and r.warnings[1].reason:find("imported as multiple choice", 1, true))
end

function T.test_wjx()
  local r = run("w.txt", table.concat({
    "1. 甲?[单选题]", "A. 一", "B. 二", "答案：B", "解析：因为二。",
    "2. 乙?[多选题][3分]", "一 *", "二", "三（正确答案）",
    "3. 丙。[判断题]", "答案：错",
    "4. 丁______。[填空题]", "答案：服务等级协议",
    "5. 戊?[排序题]", "一", "二",
  }, "\n"))
  eq(r.files[1].format, "wjx", "detected")
  local q = questions(r)
  eq(#q, 4)
  eq(q[1].answer, "B"); eq(q[1].explanation, "因为二。"); eq(q[1].stem, "1. 甲?")
  eq(q[2].answer, { "A", "C" }); eq(q[2].options, { "一", "二", "三" }); eq(q[2].points, 3)
  eq(q[3].answer, false)
  eq(q[4].type, "open"); eq(q[4].reference, "服务等级协议")
  has_skip(r, "w.txt:14", "[排序题] questions are not supported")
end

function T.test_gift()
  local r = run("g.gift", table.concat({
    "// comment", "$CATEGORY: 客服/知识", "",
    "::Q1:: 甲\\{1\\}? {=对的 #好 ~错的}", "",
    "::Q2:: 乙? {~%50%一 ~%50%二 ~%-100%三}", "",
    "丙。{T}", "", "丁。{FALSE}", "",
    "戊? {=服务等级协议 =SLA}", "",
    "己? {}", "",
    "庚? {#3:0.5}", "",
    "辛? {~一 ~二}",
  }, "\n"))
  eq(r.files[1].format, "gift", "detected")
  eq(r.sections[1].title, "知识", "category")
  local q = questions(r)
  eq(#q, 5)
  eq(q[1].stem, "甲{1}?", "escapes"); eq(q[1].answer, "A"); eq(q[1].explanation, "好")
  eq(q[2].type, "multiple"); eq(q[2].answer, { "A", "B" })
  eq(q[3].answer, true); eq(q[4].answer, false)
  eq(q[5].type, "open"); eq(q[5].reference, "服务等级协议 / SLA")
  has_skip(r, "g.gift:14", "essay question without a reference answer")
  has_skip(r, "g.gift:16", "numeric questions are not supported")
  has_skip(r, "g.gift:18", "no right answer")
end

function T.test_aiken()
  local r = run("a.txt", "甲?\nA. 一\nB. 二\nANSWER: B\n\n乙?\nA) 一\nB) 二\nC) 三\nANSWER: D\n\n丙?\nA. 一\nB. 二\n")
  eq(r.files[1].format, "aiken", "detected")
  local q = questions(r)
  eq(#q, 1); eq(q[1].answer, "B")
  has_skip(r, "a.txt:6", "answer D not among the options (A–C)")
  has_skip(r, "a.txt:12", "no ANSWER: line")
end

function T.test_render_loads_and_keeps_text_verbatim()
  local r = run("v.txt", "一、单选题(共1题,每题2分)\n1.引号\"和\\反斜杠?\nA.一\nB.二\n答案:A\n解析:第一行\n第二行\n", "doc")
  local code = import.render(r, { id = "v" })
  local set = load(code, "=v", "t")()
  local q = set.sections[1].questions[1]
  eq(q.stem, "1.引号\"和\\反斜杠?")
  eq(q.explanation, "第一行\n第二行")
  assert(code:find("-- v.txt:2", 1, true), "the source line is in a comment")
end

function T.test_mapped_scoring()
  local mapped = require "kiosk.import.mapped"
  local q = { option_points = { A = 2, B = 1, C = -2 }, lower_bound = 0 }
  eq(select(1, mapped(q, { "A", "B" }, 3)), 3)
  eq(select(1, mapped(q, { "A", "C" }, 3)), 0)
  eq(select(1, mapped(q, { "C" }, 3)), 0, "lower bound")
  eq(select(1, mapped(q, nil, 3)), 0)
end

return T
