-- json_test.lua — the json module that stores responses, events and checkpoints.
local T = {}

local function same(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) ~= "table" then return a == b end
  for k, v in pairs(a) do if not same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

function T.test_round_trip()
  local v = { question = "q1", response = { "A", "C" }, points = 3, ratio = 0.5, ok = true,
              text = "客户\"投诉\"\n处理\t😀", nested = { deep = { deeper = { 1, 2, { x = "y" } } } } }
  local back = json.decode(json.encode(v))
  assert(same(v, back), json.encode(v))
end

function T.test_arrays_and_objects()
  assert(json.encode({ 1, 2, 3 }) == "[1,2,3]")
  assert(json.encode({}) == "[]")
  assert(json.encode({ a = 1 }) == '{"a":1}')
  assert(json.encode({ [1] = "a", [3] = "c" }):find('"3":"c"'), "sparse tables become objects")
  assert(json.encode("A") == '"A"' and json.encode(true) == "true" and json.encode(nil) == "null")
  assert(json.encode(0 / 0) == "null", "NaN is stored as null")
end

-- What a script encodes is always text the store takes (strict UTF-8): bytes
-- that are not UTF-8, and surrogates left alone by a \u escape, become
-- U+FFFD instead of being refused when the answer is saved (fuzzing found it).
function T.test_never_invalid_utf8()
  local R = "\u{FFFD}"
  assert(json.encode("\xE4\xB8") == '"' .. R .. R .. '"', json.encode("\xE4\xB8"))
  assert(json.encode("a\xFFb") == '"a' .. R .. 'b"')
  assert(json.encode("\xED\xA0\x80") == '"' .. R .. R .. R .. '"', "an encoded surrogate is not UTF-8")
  assert(json.encode("张伟😀") == '"张伟😀"', "real UTF-8 passes untouched")
  assert(json.decode('"\\ud800"') == R, "a lone high surrogate")
  assert(json.decode('"\\udc00x"') == R .. "x", "a lone low surrogate")
  assert(json.decode('"\\ud800\\u0041"') == R .. "A", "a high surrogate before a letter keeps the letter")
end

function T.test_escapes()
  assert(json.encode("a\"b\\c\1") == '"a\\"b\\\\c\\u0001"')
  assert(json.decode('"\\u5f20\\u4f1f \\ud83d\\ude00"') == "张伟 😀")
end

function T.test_bad_values_are_clear_errors()
  local ok, err = pcall(json.encode, { f = print })
  assert(not ok and err:find("cannot store a function"), err)
  local t = {}; t.self = t
  ok, err = pcall(json.encode, t)
  assert(not ok and err:find("nested too deeply"), err)
  for _, bad in ipairs { "{", "[1,", '{"a" 1}', "tru", '"open', "[1] x", "" } do
    ok, err = pcall(json.decode, bad)
    assert(not ok and err:find("bad JSON"), bad .. " -> " .. tostring(err))
  end
end

return T
