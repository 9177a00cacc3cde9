-- kiosk.import.qti — IMS QTI 2.1 and 3.0 single- and multiple-choice items:
-- one item file (assessmentItem / qti-assessment-item) or a content package
-- (a zip with imsmanifest.xml listing the items). Owns: reading the
-- choiceInteraction, the responseDeclaration's correctResponse, and turning
-- a mapping (map_response, with lowerBound/upperBound) into per-option
-- scoring (option_points). QTI 3.0's kebab-case names (qti-simple-choice,
-- max-choices) are read as their 2.1 equivalents (simpleChoice, maxChoices).
local M = { name = "qti", extensions = { "xml", "zip" } }
local itext = require "kiosk.import.text" -- without_path

local function lib()
  local l = rawget(_G, "importlib")
  if not l then error("this build has no importlib (zip/XML support)", 0) end
  return l
end

-- "qti-simple-choice" -> "simpleChoice"; "w:x" -> "x"
local function norm(name)
  name = name:match("([^:]+)$")
  name = name:gsub("^qti%-", "")
  return (name:gsub("%-(%l)", string.upper))
end

-- The tree with names and attribute names normalised, in place.
local function normalise(node)
  node.name = norm(node.name)
  local attr = {}
  for k, v in pairs(node.attr) do attr[norm(k)] = v end
  node.attr = attr
  for _, ch in ipairs(node) do
    if type(ch) == "table" then normalise(ch) end
  end
  return node
end

local function children(node, name)
  local out = {}
  for _, ch in ipairs(node) do
    if type(ch) == "table" and ch.name == name then out[#out + 1] = ch end
  end
  return out
end

local function find_all(node, name, out)
  out = out or {}
  for _, ch in ipairs(node) do
    if type(ch) == "table" then
      if ch.name == name then out[#out + 1] = ch end
      find_all(ch, name, out)
    end
  end
  return out
end

local BLOCK = { p = true, div = true, br = true, li = true, ul = true, ol = true, table = true, tr = true,
  h1 = true, h2 = true, h3 = true, h4 = true, h5 = true, h6 = true, blockquote = true, pre = true }
local MEDIA = { img = true, object = true, math = true, video = true, audio = true, picture = true, svg = true }
local LEAVE_OUT = { feedbackInline = true, feedbackBlock = true, rubricBlock = true, templateInline = true,
  templateBlock = true, choiceInteraction = true, prompt = true }

-- Readable text of XHTML content: blocks on their own lines, runs of
-- whitespace (the file's indentation) as one space. media collects left-out
-- images and formulas so the caller can say so.
local function text(node, media, acc)
  acc = acc or {}
  for _, ch in ipairs(node) do
    if type(ch) == "string" then
      acc[#acc + 1] = (ch:gsub("%s+", " "))
    elseif MEDIA[ch.name] then
      media[#media + 1] = ch.name
    elseif not LEAVE_OUT[ch.name] then
      if BLOCK[ch.name] then acc[#acc + 1] = "\n" end
      text(ch, media, acc)
      if BLOCK[ch.name] then acc[#acc + 1] = "\n" end
    end
  end
  return acc
end

local function clean(parts)
  local s = table.concat(parts)
  local lines = {}
  for line in (s .. "\n"):gmatch("([^\n]*)\n") do
    line = line:gsub("^ +", ""):gsub(" +$", "")
    if line ~= "" then lines[#lines + 1] = line end
  end
  return table.concat(lines, "\n")
end

local function value_texts(node)
  local out = {}
  for _, v in ipairs(children(node, "value")) do
    out[#out + 1] = clean(text(v, {}))
  end
  return out
end

local LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

-- One item (the root of its XML) into out.
local function item(root, where, out)
  normalise(root)
  if root.name ~= "assessmentItem" then
    return out:skip(where, "not a QTI item (the root element is <" .. root.name .. ">, not assessmentItem)")
  end
  local decls = {}
  for _, d in ipairs(children(root, "responseDeclaration")) do decls[d.attr.identifier or ""] = d end
  local body = children(root, "itemBody")[1]
  if not body then return out:skip(where, "no itemBody") end
  local inter = find_all(body, "choiceInteraction")
  if #inter == 0 then
    local kinds, seen = {}, {}
    local function walk(n)
      for _, ch in ipairs(n) do
        if type(ch) == "table" then
          if ch.name:match("Interaction$") and not seen[ch.name] then
            seen[ch.name] = true
            kinds[#kinds + 1] = ch.name
          end
          walk(ch)
        end
      end
    end
    walk(body)
    return out:skip(where, "no choiceInteraction" .. (#kinds > 0 and (" (it has " .. table.concat(kinds, ", ") .. ")") or "")
      .. ": only single- and multiple-choice items are imported")
  end
  if #inter > 1 then
    return out:skip(where, #inter .. " choice interactions in one item; the kiosk asks one question at a time")
  end
  local ci = inter[1]
  local media = {}
  local stem = clean(text(body, media))
  local prompt = children(ci, "prompt")[1]
  if prompt then
    local p = clean(text(prompt, media))
    stem = (stem ~= "" and (stem .. "\n") or "") .. p
  end
  if stem == "" then return out:skip(where, "the item has no question text") end
  local options, letter_of, ids = {}, {}, {}
  for i, sc in ipairs(children(ci, "simpleChoice")) do
    if i > #LETTERS then return out:skip(where, "more than 26 choices") end
    local id = sc.attr.identifier or ("choice " .. i)
    options[i] = clean(text(sc, media))
    letter_of[id] = LETTERS:sub(i, i)
    ids[#ids + 1] = id
  end
  if #options < 2 then return out:skip(where, "a choice interaction with fewer than two choices") end
  if #media > 0 then
    out:warn(where, "left out of the text: " .. table.concat(media, ", ") .. " (the kiosk shows text only)")
  end
  local decl = decls[ci.attr.responseIdentifier or ""]
  if not decl then
    return out:skip(where, "no responseDeclaration for '" .. tostring(ci.attr.responseIdentifier) .. "'")
  end
  local max = tonumber(ci.attr.maxChoices or "1") or 1
  local multiple = decl.attr.cardinality == "multiple" or (decl.attr.cardinality == nil and max ~= 1)
  local q = { type = multiple and "multiple" or "single", stem = stem, options = options, where = where }
  -- the correct response, as letters
  local correct = {}
  local cr = children(decl, "correctResponse")[1]
  for _, v in ipairs(cr and value_texts(cr) or {}) do
    local l = letter_of[v]
    if not l then
      return out:skip(where, "correct response '" .. v .. "' is not one of the choices (" .. table.concat(ids, ", ") .. ")")
    end
    correct[#correct + 1] = l
  end
  -- scoring: map_response turns the mapping into per-option points
  local mapping = children(decl, "mapping")[1]
  local rp = children(root, "responseProcessing")[1]
  local template = rp and rp.attr.template or ""
  local maps = template:find("map_response", 1, true) or (rp and #find_all(rp, "mapResponse") > 0)
  if mapping and maps then
    local default = tonumber(mapping.attr.defaultValue or "0") or 0
    local points, positive = {}, 0
    for _, e in ipairs(children(mapping, "mapEntry")) do
      local l = letter_of[e.attr.mapKey or ""]
      local v = tonumber(e.attr.mappedValue or "")
      if not l then
        out:warn(where, "mapping names '" .. tostring(e.attr.mapKey) .. "', which is no choice; it is ignored")
      elseif not v then
        out:warn(where, "mapping of '" .. e.attr.mapKey .. "' has no number; it is ignored")
      else
        points[l] = v
      end
    end
    for i = 1, #options do
      local l = LETTERS:sub(i, i)
      if points[l] == nil and default ~= 0 then points[l] = default end
      if (points[l] or 0) > 0 then positive = positive + points[l] end
    end
    q.option_points = points
    q.lower_bound = tonumber(mapping.attr.lowerBound or "")
    q.upper_bound = tonumber(mapping.attr.upperBound or "")
    q.points = q.upper_bound or positive
    if #correct == 0 then -- no correctResponse: the choices that score are the answer
      for i = 1, #options do
        local l = LETTERS:sub(i, i)
        if (points[l] or 0) > 0 then correct[#correct + 1] = l end
      end
    end
  else
    if mapping then out:warn(where, "the mapping is not used: the item scores with " .. (template ~= "" and template or "its own rules") .. ", so it counts as right or wrong") end
    q.points = 1 -- match_correct: SCORE is 1 when the response is right
  end
  if #correct == 0 then return out:skip(where, "no correct response: the item has no answer") end
  if multiple then q.answer = correct
  elseif #correct > 1 then
    return out:skip(where, "a single-choice item with " .. #correct .. " correct responses")
  else q.answer = correct[1] end
  local fb = {}
  for _, m in ipairs(children(root, "modalFeedback")) do
    local t = clean(text(m, {}))
    if t ~= "" then fb[#fb + 1] = t end
  end
  if #fb > 0 then q.explanation = table.concat(fb, "\n") end
  out:question(q)
end

-- expat knows UTF-8, UTF-16, ISO-8859-1 and US-ASCII; a file that declares
-- another encoding (GBK, GB2312 from older Chinese exporters) is converted
-- to UTF-8 first and its declaration rewritten to match.
local function to_utf8(xml)
  local decl = xml:match("^\xEF?\xBB?\xBF?%s*(<%?xml[^>]->)")
  local enc = decl and (decl:match("encoding%s*=%s*\"([^\"]+)\"") or decl:match("encoding%s*=%s*'([^']+)'"))
  if not enc then return xml end
  local e = enc:upper()
  if e == "UTF-8" or e == "UTF8" or e:find("^UTF%-16") or e == "ISO-8859-1" or e == "US-ASCII" then return xml end
  if e == "GB2312" or e == "GBK" then enc = "GB18030" end -- the superset: a GBK file's stray GB18030 character still reads
  local text, err = lib().decode(xml, enc)
  if not text then return nil, "declared encoding " .. enc .. ": " .. err end
  local i, j = text:find("encoding%s*=%s*[\"'][^\"']+[\"']")
  return text:sub(1, i - 1) .. 'encoding="UTF-8"' .. text:sub(j + 1)
end

local function parse_xml(xml, where, out)
  local utf8_xml, e0 = to_utf8(xml)
  if not utf8_xml then return out:skip(where, e0) end
  local root, err = lib().xml_parse(utf8_xml)
  if not root then return out:skip(where, err) end
  item(root, where, out)
end

local function short(err, src) return itext.without_path(err, src.path) end

local function package(src, out)
  local L = lib()
  local names, err = L.zip_list(src.path)
  if not names then return out:skip(src.name, short(err, src)) end
  local manifest, e2 = L.zip_read(src.path, "imsmanifest.xml")
  if not manifest then
    return out:skip(src.name, "no imsmanifest.xml: not a QTI content package (" .. short(e2, src) .. ")")
  end
  local root, e3 = L.xml_parse(manifest)
  if not root then return out:skip(src.name .. ":imsmanifest.xml", e3) end
  normalise(root)
  local count = 0
  for _, res in ipairs(find_all(root, "resource")) do
    local ty, href = res.attr.type or "", res.attr.href
    if ty:find("imsqti_item", 1, true) then
      count = count + 1
      local base = res.attr.base or ""
      local where = src.name .. ":" .. base .. tostring(href)
      if not href then
        out:skip(src.name .. ":imsmanifest.xml", "item resource '" .. tostring(res.attr.identifier) .. "' has no href")
      else
        local xml, e4 = L.zip_read(src.path, base .. href)
        if not xml then out:skip(where, short(e4, src)) else parse_xml(xml, where, out) end
      end
    end
  end
  if count == 0 then out:skip(src.name .. ":imsmanifest.xml", "the manifest lists no QTI items (imsqti_item_…)") end
end

function M.detect(src)
  local head = src.bytes:sub(1, 4096)
  if head:find("<assessmentItem", 1, true) or head:find(":assessmentItem", 1, true)
    or head:find("<qti-assessment-item", 1, true) then
    return 0.95
  end
  if head:sub(1, 4) == "PK\3\4" and src.ext == "zip" and rawget(_G, "importlib") then
    local ok, names = pcall(importlib.zip_list, src.path)
    if ok and names then
      for _, n in ipairs(names) do
        if n == "imsmanifest.xml" then return 0.9 end
      end
    end
  end
  return 0
end

function M.parse(src, out)
  if src.bytes:sub(1, 4) == "PK\3\4" then return package(src, out) end
  parse_xml(src.bytes, src.name, out)
end

return M
