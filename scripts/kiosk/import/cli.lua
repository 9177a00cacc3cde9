-- kiosk/import/cli.lua — the entry of `quizkiosk import|new|check`
-- (runtime/import/tool.c runs it in the sandbox with the `importhost`
-- table: the command line, the input files' bytes, a writer confined to the
-- output folder). Prints the report and sets the exit code.
local import = require "kiosk.import"
local check = require "kiosk.import.check"
local text = require "kiosk.import.text"
local host = importhost

local function say(s) host.stdout(s .. "\n") end
local function fail(s) host.stderr(s .. "\n") end

-- importlib opens files by path: only the ones named on the command line.
local function confine_importlib(files)
  if not rawget(_G, "importlib") then return end
  local allowed = {}
  for _, f in ipairs(files) do allowed[f.path] = true end
  local real = importlib
  local wrapped = {}
  for k, v in pairs(real) do
    if type(v) == "function" and (k == "zip_list" or k == "zip_read" or k == "docx_text" or k:match("^open") or k:match("path")) then
      wrapped[k] = function(path, ...)
        if not allowed[path] then error("importlib." .. k .. ": refused to open " .. tostring(path) .. " (not named on the command line)", 2) end
        return v(path, ...)
      end
    else
      wrapped[k] = v
    end
  end
  rawset(_G, "importlib", wrapped)
end

local MAIN = [[
-- %s — made by `quizkiosk new` around the imported questions.lua.
-- The standard flow: welcome, form, consent, instructions, quiz, result,
-- thanks. Change the texts to your own; `quizkiosk check .` after editing.
local flow = require "kiosk.flow"

return flow.app {
  set = require "questions",
  mode = "recruitment",          -- "recruitment" | "practice" | "trade_fair"
  languages = { "zh", "en" },
  idle_timeout_s = 120,

  run = function(f)
    f:welcome { subtitle = { zh = %s, en = %s } }
    f:form { fields = { "name", "phone" } }
    f:consent {
      version = 1,
      text = {
        zh = "你的姓名和手机号仅用于本次测试的联系，由组织方保存，不会用于其他用途。",
        en = "Your name and number are used only to contact you about this test and are kept by the organisers.",
      },
    }
    f:instructions {
      text = {
        zh = "请独立作答。可以返回修改答案，交卷前可检查。",
        en = "Answer on your own. You can go back and change answers before handing in.",
      },
    }
    local result = f:quiz()
    f:result(result)
%s    f:thanks()
  end,
}
]]

local RUBRIC = [[
    local final = f:rubric(result)   -- open questions: the interviewer scores behind the staff PIN
    if final then f:result(final) end
]]

local function run_import()
  local files = host.files
  confine_importlib(files)
  local opts = { format = host.format }
  local r = import.run(files, opts)
  local id = import.make_id(host.out)
  for _, l in ipairs(import.report(r)) do say(l) end
  if #r.sections == 0 then
    fail("quizkiosk " .. host.command .. ": no questions found; nothing written")
    return 1
  end
  local code = import.render(r, { id = id })
  -- What is written must load as the kiosk will load it.
  local set, errors = check.source(code, host.out .. "/questions.lua")
  if not set then
    fail("quizkiosk " .. host.command .. ": internal error: the generated set does not load:")
    for _, e in ipairs(errors) do fail("  " .. e) end
    return 1
  end
  local ok, err = host.write("questions.lua", code)
  if not ok then
    fail("quizkiosk " .. host.command .. ": " .. err)
    return 1
  end
  local nq, ns, pts = check.counts(set)
  say(string.format("wrote %s/questions.lua: %d questions in %d sections, %s points", host.out, nq, ns, tostring(pts)))
  if host.command == "new" then
    if host.exists("main.lua") then
      say(host.out .. "/main.lua exists: kept as it is")
    else
      local has_open = false
      for _, sec in ipairs(set.sections) do
        for _, q in ipairs(sec.questions) do if q.type == "open" then has_open = true end end
      end
      local main = string.format(MAIN, r.title or id, import.lit(r.title or id), import.lit(r.title or id),
                                 has_open and RUBRIC or "")
      local ok2, err2 = host.write("main.lua", main)
      if not ok2 then
        fail("quizkiosk new: " .. err2)
        return 1
      end
      say("wrote " .. host.out .. "/main.lua: welcome, form, consent, instructions, quiz, result, thanks")
    end
    say("run it: quizkiosk " .. host.out)
  end
  if #r.skips > 0 then
    if host.allow_skips then
      say(string.format("%d item(s) skipped (allowed by --allow-skips)", #r.skips))
      return 0
    end
    fail(string.format("quizkiosk %s: %d item(s) skipped (listed above); fix the file, or pass --allow-skips to accept",
                       host.command, #r.skips))
    return 1
  end
  return 0
end

local function run_check()
  local dir = host.app_dir:gsub("/+$", "")
  local code, shown = host.read_app("questions.lua")
  if not code then
    fail("quizkiosk check: " .. shown)
    return 1
  end
  local set, errors, warnings = check.source(code, dir .. "/questions.lua", function(name)
    if name == "questions.lua" or name == "main.lua" then return nil end
    return (host.read_app(name))
  end)
  local main = host.read_app("main.lua")
  if main then
    local fn, err = load(main, "@" .. dir .. "/main.lua", "t")
    if not fn then errors[#errors + 1] = err end
  else
    warnings[#warnings + 1] = dir .. "/main.lua: missing (the kiosk needs it to run the app; `quizkiosk new` writes one)"
  end
  for _, e in ipairs(errors) do say(e) end
  for _, w in ipairs(warnings) do say(w .. " (warning)") end
  if #errors > 0 or not set then
    say(string.format("%d error(s), %d warning(s)", #errors, #warnings))
    return 1
  end
  local nq, ns, pts = check.counts(set)
  say(string.format("ok: %d questions in %d sections, %s points; %d warning(s)", nq, ns, tostring(pts), #warnings))
  return 0
end

return {
  run = function()
    local rc
    if host.command == "check" then rc = run_check() else rc = run_import() end
    host.exit(rc)
  end,
}
