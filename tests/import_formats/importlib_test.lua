-- importlib_test.lua — the C helpers of the importers (runtime/import):
-- zip listing and reading with their limits, the XML tree and its limits,
-- decoding, and the text of .docx files.
local R = require "record"
local eq = R.eq
local T = {}
local L = importlib

local function path(name) return fixture.load(name).path end

function T.test_zip_list_and_read()
  local names = assert(L.zip_list(path("qti21_package.zip")))
  eq(#names, 3, "entries")
  eq(names[1], "imsmanifest.xml")
  local xml = assert(L.zip_read(path("qti21_package.zip"), "items/single.xml"))
  assert(xml:find("assessmentItem", 1, true))
  local none, err = L.zip_read(path("qti21_package.zip"), "nope.xml")
  eq(none, nil)
  assert(err:find("nope.xml: no such entry", 1, true), err)
  -- a lower cap than the entry's size refuses it before inflating
  local small, e2 = L.zip_read(path("qti21_package.zip"), "items/single.xml", 100)
  eq(small, nil)
  assert(e2:find("more than the 100 accepted", 1, true), e2)
end

function T.test_zip_errors_are_messages()
  for _, name in ipairs({ "truncated.xlsx", "garbage.xlsx" }) do
    local r, err = L.zip_list(path(name))
    eq(r, nil, name)
    assert(err:find(name, 1, true) and err:find("zip", 1, true), err)
  end
  local r, err = L.zip_read(path("bomb.xlsx"), "xl/worksheets/sheet1.xml")
  eq(r, nil)
  assert(err:find("zip bomb", 1, true), err)
  local r2, e2 = L.zip_list("/nonexistent/file.zip")
  eq(r2, nil)
  assert(e2:find("/nonexistent/file.zip", 1, true), e2)
end

function T.test_xml_tree()
  local root = assert(L.xml_parse([==[<?xml version="1.0"?>
<a:root xmlns:a="urn:x" k="v &amp; w">
  <item id="1">one <b>two</b> three</item>
  <item id="2"><![CDATA[<raw>]]></item>
  <!-- a comment -->
  <empty/>
  <ws>  </ws>
</a:root>]==]))
  eq(root.name, "a:root")
  eq(root.attr.k, "v & w")
  eq(root.attr["xmlns:a"], "urn:x")
  eq(#root, 4, "children (indentation and comment dropped)")
  eq(root[1].name, "item")
  eq(root[1].attr.id, "1")
  eq(root[1][1], "one ")
  eq(root[1][2].name, "b")
  eq(root[1][2][1], "two")
  eq(root[1][3], " three")
  eq(root[2][1], "<raw>")
  eq(#root[3], 0)
  eq(root[4][1], "  ", "whitespace that is the whole content is kept")
end

function T.test_xml_errors_are_located()
  local r, err = L.xml_parse("<a>\n<b></a>")
  eq(r, nil)
  assert(err:find("line 2", 1, true) and err:find("mismatched tag", 1, true), err)
  r, err = L.xml_parse('<!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;</a>')
  eq(r, nil)
  assert(err:find("entity", 1, true), err)
  r, err = L.xml_parse(string.rep("<a>", 300) .. string.rep("</a>", 300))
  eq(r, nil)
  assert(err:find("deeper than 256", 1, true), err)
  r, err = L.xml_parse("<a><b/><b/><b/></a>", { max_nodes = 3 })
  eq(r, nil)
  assert(err:find("more than 3 nodes", 1, true), err)
  r, err = L.xml_parse(fixture.load("garbage.xml").bytes)
  eq(r, nil)
  assert(err:find("line", 1, true), err)
  r, err = L.xml_parse("")
  eq(r, nil)
  assert(type(err) == "string")
end

function T.test_xml_streaming()
  local seen = {}
  local root = assert(L.xml_parse("<s><x:row r='1'/><x:row r='2'><c/></x:row><tail/></s>",
    { each = "row", fn = function(n) seen[#seen + 1] = n.attr.r end }))
  eq(table.concat(seen, ","), "1,2")
  eq(#root, 1, "streamed rows are not kept")
  eq(root[1].name, "tail")
  -- a failing callback ends the parse with its message
  local r, err = L.xml_parse("<s><row/></s>", { each = "row", fn = function() error("boom") end })
  eq(r, nil)
  assert(err:find("boom", 1, true), err)
  -- false stops early
  local n = 0
  local part = assert(L.xml_parse("<s><row/><row/><row/></s>", { each = "row", fn = function() n = n + 1 return n < 2 end }))
  eq(n, 2)
  eq(part.name, "s")
end

-- The callback may drop opts.each and collect: the name stays alive.
function T.test_xml_streaming_name_outlives_opts()
  local opts = { each = string.upper("r" .. "ow") } -- a fresh string only opts holds
  local n = 0
  opts.fn = function()
    n = n + 1
    opts.each = nil
    collectgarbage()
  end
  assert(L.xml_parse("<s><ROW/><ROW/><ROW/></s>", opts))
  eq(n, 3)
end

function T.test_decode()
  eq(L.decode("\xEF\xBB\xBF题干", "UTF-8"), "题干", "BOM dropped")
  eq(L.decode("\xCC\xE2\xB8\xC9", "GBK"), "题干")
  eq(L.decode("\xCC\xE2\xB8\xC9", "GB18030"), "题干")
  local r, err = L.decode("ok\xFF\xFE", "UTF-8")
  eq(r, nil)
  eq(err, "invalid UTF-8 at byte 3")
  r, err = L.decode("\xEF\xBB\xBFab\xC3", "UTF-8")
  eq(r, nil)
  eq(err, "incomplete UTF-8 at byte 6")
  r, err = L.decode("x", "NO-SUCH-ENCODING")
  eq(r, nil)
  assert(err:find("unknown encoding", 1, true), err)
  local gbk = fixture.load("questions_gbk.csv").bytes
  assert(L.decode(gbk, "GBK"):find("客户投诉时", 1, true))
  eq(L.decode(gbk, "UTF-8"), nil, "GBK is not valid UTF-8")
end

function T.test_docx_text()
  local text = assert(L.docx_text(path("questions.docx")))
  local lines = {}
  for l in text:gmatch("([^\n]*)\n") do lines[#lines + 1] = l end
  eq(lines[1], "2026年客户服务测试题")
  eq(lines[2], "一、单选题(共2题,每题2分)")
  eq(lines[3], "1.客户投诉时,首先应该做什么?")
  eq(lines[8], "答案:A")
  eq(#lines, 24, "one line per paragraph")
end

function T.test_docx_numbering_tables_tabs()
  local text = assert(L.docx_text(path("numbered.docx")))
  assert(text:find("自动编号\n1. 第一项\n2. 第二项\n3. 第三项\n", 1, true), text)
  assert(text:find("制表\t后文\n换行\n", 1, true), text)
  assert(text:find("单元格一\n单元格二\n结束\n", 1, true), text)
end

function T.test_docx_errors()
  local r, err = L.docx_text(path("garbage.docx"))
  eq(r, nil)
  assert(err:find("garbage.docx", 1, true), err)
  r, err = L.docx_text(path("qti21_package.zip"))
  eq(r, nil)
  assert(err:find("not a Word .docx", 1, true), err)
end

function T.test_docx_5mb()
  local text = assert(L.docx_text(path("big.docx")))
  assert(#text > 5 * 1024 * 1024, #text)
  local _, n = text:gsub("\n", "")
  eq(n % 7, 1, "the section heading, then 7 lines a question")
end

return T
