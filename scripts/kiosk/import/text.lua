-- kiosk.import.text — text helpers every format module shares: bytes to
-- UTF-8 lines, full-width to half-width (for recognising markers only; the
-- question's own text is kept as written), answer letters.
local M = {}

-- importlib.<name> (C, built with the import library) or nil. The global
-- is read raw: it does not exist in a build without it.
-- An importlib message without its leading "<path>: " (the report's
-- location already names the file).
function M.without_path(err, path)
  err = tostring(err)
  if err:sub(1, #path + 2) == path .. ": " then return err:sub(#path + 3) end
  return err
end

function M.lib(name)
  local lib = rawget(_G, "importlib")
  return type(lib) == "table" and lib[name] or nil
end

-- Bytes → UTF-8 text with "\n" line ends, and the encoding it was in.
-- UTF-8 (a BOM is dropped); UTF-16 by its BOM; otherwise GB18030 (what
-- Chinese Windows and Excel save) when importlib.decode is built in.
-- Returns nil, message when the bytes are none of those.
function M.decode(bytes)
  local text, enc
  -- Text in any of the encodings below has no NUL byte (UTF-16 aside).
  if bytes:find("\0", 1, true) and not (bytes:sub(1, 2) == "\255\254" or bytes:sub(1, 2) == "\254\255") then
    return nil, "binary data, not text (it holds NUL bytes)"
  end
  if bytes:sub(1, 3) == "\239\187\191" then
    text, enc = bytes:sub(4), "UTF-8 with BOM"
  elseif bytes:sub(1, 2) == "\255\254" or bytes:sub(1, 2) == "\254\255" then
    if not M.lib("decode") then return nil, "UTF-16 text needs the import library (not built in)" end
    local ok, t = pcall(M.lib("decode"), bytes, bytes:sub(1, 1) == "\255" and "UTF-16LE" or "UTF-16BE")
    if not ok or not t then return nil, "cannot decode UTF-16: " .. tostring(t) end
    text, enc = t:gsub("^\239\187\191", ""), "UTF-16"
  elseif utf8.len(bytes) then
    text, enc = bytes, "UTF-8"
  else
    local _, bad = utf8.len(bytes)
    if not M.lib("decode") then
      return nil, string.format("not UTF-8 text (bad byte at offset %d) and GBK decoding is not built in", bad)
    end
    local ok, t = pcall(M.lib("decode"), bytes, "GB18030")
    if not ok or not t then return nil, string.format("neither UTF-8 (bad byte at offset %d) nor GB18030 text", bad) end
    text, enc = t, "GB18030"
  end
  if text:find("\0", 1, true) then return nil, "binary data, not text (it holds NUL bytes)" end
  text = text:gsub("\r\n?", "\n")
  return text, enc
end

-- Whether the start of bytes holds NUL bytes outside a UTF-16 BOM'd text:
-- binary data that no text format should claim.
function M.looks_binary(bytes)
  local b = bytes:sub(1, 2)
  if b == "\255\254" or b == "\254\255" then return false end
  return bytes:sub(1, 65536):find("\0", 1, true) ~= nil
end

-- The lines of text (without "\n"), as a list.
-- One pass over the text: a plain find from each line's start would cost
-- the rest of the text every time under the sandbox's pattern guard (it
-- measures the whole subject), quadratic for a 5 MB document.
function M.lines(text)
  local out, start = {}, 1
  for pos in text:gmatch("\n()") do
    out[#out + 1] = text:sub(start, pos - 2)
    start = pos
  end
  out[#out + 1] = text:sub(start)
  return out
end

function M.trim(s)
  -- Most lines have nothing to trim: ends that cannot belong to a space.
  local a, z = s:byte(1), s:byte(-1)
  if not a or (a ~= 32 and a ~= 9 and a ~= 227 and a ~= 194 and z ~= 32 and z ~= 9 and z ~= 128 and z ~= 160) then
    return s
  end
  local before
  repeat
    before = s
    s = s:gsub("^[ \t]+", ""):gsub("^\227\128\128", ""):gsub("^\194\160", "")
  until s == before
  repeat
    before = s
    s = s:gsub("[ \t]+$", ""):gsub("\227\128\128$", ""):gsub("\194\160$", "")
  until s == before
  return s
end

-- Full-width forms U+FF01..U+FF5E → ASCII and U+3000 → space, one code
-- point for one code point, so a count of code points in the result is a
-- count in the original (see M.drop).
function M.halfwidth(s)
  return (s:gsub("\239[\188\189][\128-\191]", function(c)
    local cp = utf8.codepoint(c)
    if cp >= 0xFF01 and cp <= 0xFF5E then return string.char(cp - 0xFEE0) end
    return c
  end):gsub("\227\128\128", " "))
end

-- s without its first n code points.
function M.drop(s, n)
  local at = utf8.offset(s, n + 1)
  return at and s:sub(at) or ""
end

-- Matches pattern against the half-width form of s; returns the captures
-- and, last, the rest of the ORIGINAL s after the match.
-- h: the half-width form of s when the caller has it already (it is the
-- costly part when one line is tried against many patterns).
function M.match_prefix(s, pattern, h)
  h = h or M.halfwidth(s)
  local caps = { h:match("^(" .. pattern .. ")") }
  if #caps == 0 then return nil end
  local whole = table.remove(caps, 1)
  caps[#caps + 1] = M.trim(M.drop(s, utf8.len(whole)))
  return table.unpack(caps)
end

-- Answer letters as trainers write them: "B", "AC", "A、C", "A,C", "A;C",
-- "A C", full-width too. Returns a list of upper-case letters, or nil when
-- the text is not letters.
function M.letters(s)
  local h = M.halfwidth(s):upper():gsub("、", ","):gsub("，", ",")
  h = M.trim(h)
  if h == "" or not h:match("^[A-Z][A-Z,;/ ]*$") then return nil end
  local out, seen = {}, {}
  for l in h:gmatch("[A-Z]") do
    if not seen[l] then out[#out + 1] = l; seen[l] = true end
  end
  return out
end

local TRUE = { ["对"] = true, ["正确"] = true, ["√"] = true, ["✓"] = true, ["✔"] = true, ["T"] = true, ["TRUE"] = true,
               ["是"] = true, ["Y"] = true, ["YES"] = true, ["RIGHT"] = true }
local FALSE = { ["错"] = true, ["错误"] = true, ["×"] = true, ["✗"] = true, ["✘"] = true, ["X"] = true, ["F"] = true,
                ["FALSE"] = true, ["否"] = true, ["N"] = true, ["NO"] = true, ["WRONG"] = true }

-- A true/false answer (对/错, 正确/错误, √/×, T/F …) → true, false or nil.
function M.truth(s)
  local h = M.trim(M.halfwidth(s)):upper():gsub("[。.]$", "")
  if TRUE[h] then return true end
  if FALSE[h] then return false end
  return nil
end

-- Splits "问题解决能力、领导力、沟通技巧" into a list.
function M.split_list(s)
  local out = {}
  local h = s:gsub("，", "、"):gsub("；", "、"):gsub("[,;/]", "、")
  for part in (h .. "、"):gmatch("(.-)、") do
    part = M.trim(part)
    if part ~= "" then out[#out + 1] = part end
  end
  return out
end

-- A short quote of s for messages.
function M.quote(s, n)
  n = n or 24
  s = s:gsub("\n", " ")
  if utf8.len(s) and utf8.len(s) > n then s = s:sub(1, utf8.offset(s, n + 1) - 1) .. "…" end
  return "\"" .. s .. "\""
end

return M
