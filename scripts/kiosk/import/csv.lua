-- kiosk.import.csv — RFC 4180 records out of CSV text: quoted fields with
-- "" escapes, commas and line breaks inside quotes, CRLF or LF. Owns the
-- reading of records and the choice of delimiter (comma, or tab/semicolon
-- when the first line has those and no comma); the encoding is decided
-- before (kiosk.import.sheet).
--
--   local records, problems = csv.parse(text)
--   records  = { { line = 14, fields = { "单选题", "题干", ... } }, ... }
--   problems = { { line = 20, reason = "..." } }  (an unclosed quote; that
--              record, the rest of the file, has broken = true)
local csv = {}

local function delimiter(text)
  local first = text:match("^[^\n]*") or ""
  local function count(ch) local _, n = first:gsub(ch, "") return n end
  local c, t, s = count(","), count("\t"), count(";")
  if c == 0 and t > 0 then return "\t" end
  if c == 0 and s > 0 then return ";" end
  return ","
end

function csv.parse(text)
  local d = delimiter(text)
  local records, problems = {}, {}
  local pos, line, len = 1, 1, #text
  local special = "[\"\r\n" .. d .. "]"
  while pos <= len do
    local fields, start_line, broken = {}, line, false
    while true do
      local ch = text:sub(pos, pos)
      local field
      if ch == '"' then
        -- quoted field: up to the quote not followed by another quote
        local parts, p = {}, pos + 1
        while true do
          local q = text:find('"', p, true)
          if not q then
            problems[#problems + 1] = { line = start_line, reason = "a quoted field opened here is never closed" }
            broken = true
            parts[#parts + 1] = text:sub(p)
            pos = len + 1
            break
          end
          parts[#parts + 1] = text:sub(p, q - 1)
          if text:sub(q + 1, q + 1) == '"' then
            parts[#parts + 1] = '"'
            p = q + 2
          else
            pos = q + 1
            break
          end
        end
        field = table.concat(parts)
        local _, nl = field:gsub("\n", "")
        line = line + nl
        -- anything between the closing quote and the delimiter is kept, as Excel does
        local stop = text:find(special, pos) or len + 1
        if stop > pos then field = field .. text:sub(pos, stop - 1) end
        pos = stop
      else
        local stop = text:find(special, pos) or len + 1
        if text:sub(stop, stop) == '"' then -- a quote inside an unquoted field is literal
          stop = text:find("[\r\n" .. d .. "]", stop) or len + 1
        end
        field = text:sub(pos, stop - 1)
        pos = stop
      end
      fields[#fields + 1] = field
      local sep = text:sub(pos, pos)
      if sep == d then
        pos = pos + 1
      else
        if sep == "\r" then pos = pos + 1 end
        if text:sub(pos, pos) == "\n" then pos = pos + 1 end
        line = line + 1
        break
      end
    end
    records[#records + 1] = { line = start_line, fields = fields, broken = broken or nil }
  end
  return records, problems
end

return csv
