-- malformed_test.lua — every broken fixture through every format module of
-- this room and through importlib: nothing raises, nothing is imported from
-- garbage, and every problem names the file it is in. (The same test runs
-- in the sanitizer build, where a C slip would also be caught.)
local R = require "record"
local eq = R.eq
local T = {}

local MODULES = { sheet = require "kiosk.import.sheet", qti = require "kiosk.import.qti" }
local BROKEN = { "truncated.xlsx", "garbage.xlsx", "garbage.csv", "garbage.docx", "garbage.xml", "bomb.xlsx",
  "qti_broken.xml" }

function T.test_every_module_on_every_broken_file()
  for _, name in ipairs(BROKEN) do
    for mname, mod in pairs(MODULES) do
      local src = fixture.load(name)
      local ok, d = pcall(mod.detect, src)
      assert(ok, mname .. ".detect raised on " .. name .. ": " .. tostring(d))
      assert(type(d) == "number" and d >= 0 and d <= 1, mname .. ".detect on " .. name)
      local out = R.new()
      local ok2, err = pcall(mod.parse, src, out)
      assert(ok2, mname .. ".parse raised on " .. name .. ": " .. tostring(err))
      eq(#out.questions, 0, mname .. " imported from " .. name)
      assert(#out.skips >= 1, mname .. " said nothing about " .. name)
      for _, s in ipairs(out.skips) do
        assert(s.where:sub(1, #name) == name, mname .. ": unlocated skip " .. s.where .. ": " .. s.reason)
        assert(#s.reason > 0 and #s.reason < 400, mname .. ": reason " .. s.reason)
      end
    end
  end
end

function T.test_importlib_on_every_broken_file()
  for _, name in ipairs(BROKEN) do
    local src = fixture.load(name)
    for _, f in ipairs({ "zip_list", "docx_text" }) do
      local ok, r, err = pcall(importlib[f], src.path)
      assert(ok, f .. " raised on " .. name .. ": " .. tostring(r))
      if r == nil then assert(type(err) == "string" and err:find(name, 1, true), f .. " " .. name .. ": " .. tostring(err)) end
    end
    local ok, r, err = pcall(importlib.xml_parse, src.bytes)
    assert(ok, "xml_parse raised on " .. name)
    if r == nil then assert(err:find("^line %d+, column %d+: "), err) end
    ok, r, err = pcall(importlib.decode, src.bytes, "UTF-8")
    assert(ok and (r or err:find("at byte %d+$")), "decode " .. name .. ": " .. tostring(err))
  end
end

-- A 5 MB document and a sheet made of it: read whole, in a bounded time, no
-- crash. (Importing its questions is the document parser's test.)
function T.test_5mb_docx()
  local text = assert(importlib.docx_text(fixture.load("big.docx").path))
  assert(#text > 5 * 1024 * 1024)
  assert(text:find("\n42845.第42845题:", 1, true))
  -- as a sheet it is a zip without a workbook: one located skip
  local out = R.run(MODULES.sheet, "big.docx")
  assert(out:skipped("big.docx", "not an Excel .xlsx workbook"), out:dump())
end

return T
