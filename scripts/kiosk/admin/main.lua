-- kiosk/admin — the staff screen behind the hidden gesture (press and hold
-- the top-left corner for three seconds). A PIN first; wrong PINs lock the
-- screen for a growing time (no PIN set yet: the screen says how staff set
-- one; it is never created here). Then: today's numbers, the last results,
-- the sound's volume and mute (kiosk.admin.sound), export to a USB stick,
-- reload the app, leave the kiosk; the prize codes (kiosk.admin.prize) once
-- the kiosk has issued any. With a fleet
-- server configured: its sync state (connected, backlog, last contact, the
-- results the server refused and why) and the published question set it runs.
--
-- It runs as an app of its own (a fresh VM), so it works even when the exam
-- app's scripts are broken; "back" returns to the app that was running.
local ui = require "kiosk.ui"

local num = require("kiosk.flow.screens").num -- the result screen's number format
local sound = require "kiosk.admin.sound" -- the volume and mute row

local M = {}
local pin_field, message

local function fmt_pct(v)
  if v == nil then return "—" end
  return string.format("%.0f%%", v * (v <= 1 and 100 or 1))
end

local function back() kiosk.return_to_app() end

-- Session statuses as staff read them (the store's names stay in exports).
local STATUS = {
  completed = "已完成 · completed", timed_out = "超时 · timed out", abandoned = "放弃 · abandoned",
  interrupted = "中断 · interrupted", in_progress = "进行中 · in progress",
}

-- A USB stick by a name staff recognise ("U 盘 · KINGSTON"), not its mount path.
local function media_name(path)
  local base = path:gsub("/+$", ""):match("([^/\\]+)$") or path
  return "U 盘 · " .. base
end

local show_dashboard

local function stat_card(title, value)
  return ui.card { padding = "m", gap = "xs", flex = 1,
    ui.label { text = value, size = "heading", bold = true },
    ui.label { text = title, size = "small", color = "muted" },
  }
end

local function export_to(folder)
  local ok, path_or_err = pcall(store.export, folder, "csv")
  -- The fleet bundle too: a site with no network carries it to the centre
  -- (`quizkiosk fleet import`); importing it twice adds nothing.
  local bundle_ok, bundle = false, nil
  if ok then bundle_ok, bundle = pcall(store.export, folder, "bundle") end
  if ok then
    ui.alert { title = "导出完成 · Exported", text = path_or_err .. "\n（另有 _answers.csv 答题明细）"
      .. (bundle_ok and ("\n" .. bundle) or ("\n中心数据包未写出 · fleet bundle not written: " .. tostring(bundle))) }
  else
    ui.alert { title = "导出失败 · Export failed", text = tostring(path_or_err) }
  end
end

local function choose_export()
  local places = kiosk.removable_media()
  if #places == 0 then
    ui.alert { title = "未找到 U 盘 · No USB stick", text = "请插入 U 盘后重试。\nInsert a USB stick and try again." }
    return
  end
  local buttons = {}
  local seen = {}
  for _, p in ipairs(places) do
    local name = media_name(p)
    seen[name] = (seen[name] or 0) + 1
    if seen[name] > 1 then name = name .. " (" .. seen[name] .. ")" end
    buttons[#buttons + 1] = { label = name, on_tap = function() export_to(p) end }
  end
  buttons[#buttons + 1] = { label = "取消", style = "secondary" }
  ui.show_dialog(ui.dialog { title = "导出到 · Export to", text = "CSV（Excel 可直接打开）", buttons = buttons })
end

-- The fleet sync worker's state, or nil when no server is configured.
local function sync_line()
  local s = store.sync_status()
  if not s.configured then return nil end
  -- The published question set running (else the kiosk's own folder);
  -- the reason for being offline last, where a long one may be cut.
  local parts = {
    s.connected and "中心服务器 · Fleet: 已连接 connected" or "中心服务器 · Fleet: 未连接 offline",
    string.format("待发送 backlog %d", s.backlog),
  }
  -- Results the server refused for their content: set aside, the rest goes
  -- on; `quizkiosk fleet refused` lists them, `fleet resend` retries them.
  -- The count right after the backlog, the (long) latest reason last.
  local refused = (s.refused or 0) > 0
  if refused then
    parts[#parts + 1] = string.format("%d 条被服务器拒绝 refused by the server%s", s.refused,
      (s.held or 0) > 0 and string.format(" (+%d 等待 waiting)", s.held) or "")
  end
  parts[#parts + 1] = "题库 set: " .. (s.question_set or "本机 local")
  if s.connected then parts[#parts + 1] = "最后联系 last contact " .. (s.last_contact and s.last_contact:sub(12, 19) or "—") end
  if s.question_set_refused then parts[#parts + 1] = "已拒绝 refused: " .. s.question_set_refused end
  if not s.connected and s.error then parts[#parts + 1] = s.error end
  if refused and s.refused_reason then parts[#parts + 1] = "拒绝原因 reason: " .. s.refused_reason end
  return ui.label { text = table.concat(parts, " · "), size = "small",
                    color = (s.connected and not refused) and "muted" or "danger", max_lines = 2 }
end

function show_dashboard()
  local st = store.stats_today()
  local rows = { gap = "s", flex = 1 }
  for _, r in ipairs(st.recent or {}) do
    -- Rounded as the candidate's result screen rounds it (11.2, not 11.1667).
    local score = r.score and (num(r.score) .. " / " .. num(r.max_score or 0)) or "—"
    local verdict = r.passed == true and "通过" or r.passed == false and "未通过" or STATUS[r.status] or r.status
    rows[#rows + 1] = ui.label {
      text = string.format("%s　%s　%s　%s　%s", (r.time:sub(6, 16):gsub("T", " ")), r.exam,
                           r.name ~= "" and r.name or "（匿名）", score, verdict),
      size = "small", max_lines = 1,
    }
  end
  if #rows == 0 then rows[1] = ui.label { text = "还没有结果 · No results yet", color = "muted" } end
  -- Prize codes (the trade fair's): the button appears once this kiosk has
  -- issued one, so an exam kiosk's dashboard stays as it was.
  local title = { gap = "m", ui.label { text = "管理 · Admin", size = "title", bold = true, flex = 1 } }
  if prize.list(0, 1).total > 0 then
    title[#title + 1] = ui.button { label = "奖品码 · Prize codes", style = "secondary", on_tap = function()
      require("kiosk.admin.prize").show(show_dashboard)
    end }
  end
  title[#title + 1] = ui.label { text = kiosk.config.kiosk_id, color = "muted", size = "small" }
  local col = { padding = "l", gap = "m", ui.row(title) }
  col[#col + 1] = sync_line() -- nil (nothing added) without a fleet server
  for _, w in ipairs {
    ui.row { gap = "m",
      -- Chinese over English on two lines of their own: a narrow card
      -- never strands the " · " at a line's end, and the four cards stay
      -- the same height.
      stat_card("今日场次\ntoday", tostring(st.started)),
      stat_card("完成率\ncompleted", fmt_pct(st.completion_rate)),
      stat_card("通过率\npassed", fmt_pct(st.pass_rate)),
      stat_card("平均分\naverage", st.avg_score_pct and string.format("%.0f%%", st.avg_score_pct) or "—"),
    },
    -- The sound row where the screen has the height (else a button, below).
    sound.fits_dashboard() and sound.row(function() show_dashboard() end) or false,
    ui.label { text = "最近结果 · Last results", size = "body", bold = true },
    ui.scroll(rows),
    -- Two rows of two: four in a row wrapped "导出到 / U 盘" onto two lines
    -- and made the buttons of one row different heights at 800x480 and
    -- in portrait.
    ui.row { gap = "m",
      ui.button { label = "导出到 U 盘", flex = 1, on_tap = choose_export },
      ui.button { label = "重新载入应用", style = "secondary", flex = 1, on_tap = function() kiosk.reload_app() end },
      not sound.fits_dashboard() and ui.button { label = "声音 · Sound", style = "secondary", flex = 1,
        on_tap = function() sound.page(function() show_dashboard() end) end } or nil,
    },
    ui.row { gap = "m",
      ui.button { label = "返回", style = "secondary", flex = 1, on_tap = back },
      ui.button { label = "退出 Kiosk", style = "danger", flex = 1, on_tap = function()
        ui.confirm { title = "退出 Kiosk？", text = "退出后需要管理员重新启动。", yes = "退出", danger = true,
                     on_yes = function() kiosk.quit() end }
      end },
    },
  } do if w then col[#col + 1] = w end end
  ui.root(ui.column(col))
end

local function pin_screen(title, on_pin)
  pin_field = ui.text_field { label = "PIN", placeholder = "PIN", kind = "pin", max_len = 12 }
  message = ui.label { text = "", color = "danger" }
  ui.root(ui.column { padding = "l", gap = "m", max_width = 600,
    ui.label { text = title, size = "heading", bold = true },
    pin_field,
    message,
    ui.spacer { flex = 1 },
    ui.keyboard { target = pin_field, layout = "digits", on_done = function(v) on_pin(v or "") end },
    ui.button { label = "返回", style = "ghost", on_tap = back },
  })
  pin_field:focus()
end

local function check_pin(pin)
  local verdict, wait_ms = store.verify_pin(pin)
  if verdict == "ok" then
    show_dashboard()
  elseif verdict == "locked" or wait_ms then
    pin_field:set_value("")
    message:set_text(string.format("错误次数过多，请 %d 秒后再试\nLocked: try again in %d s",
                                   math.ceil(wait_ms / 1000), math.ceil(wait_ms / 1000)))
  else
    pin_field:set_value("")
    message:set_text("PIN 不正确 · Wrong PIN")
  end
end

-- No PIN yet (a new kiosk): staff functions stay closed. A PIN is never
-- created on screen, where anyone could be the first to type one; staff
-- set it from the command line (or the installer does).
local function no_pin_screen()
  ui.root(ui.column { padding = "l", gap = "m", max_width = 760,
    ui.label { text = "本机还没有设置管理 PIN · No staff PIN yet", size = "heading", bold = true },
    ui.label { text = "管理功能在设置 PIN 之前保持关闭。请在本机终端运行：\n"
                      .. "Staff functions stay closed until a PIN is set. On this machine, run:" },
    ui.card { padding = "m", ui.label { text = "quizkiosk set-pin --db <results.db> <PIN>", bold = true } },
    ui.label { text = "PIN 为 4–12 位数字。 · The PIN is 4 to 12 digits.", color = "muted" },
    ui.spacer { flex = 1 },
    ui.button { label = "返回", style = "secondary", on_tap = back },
  })
end

if store.pin_is_set() then
  pin_screen("请输入管理员 PIN · Admin PIN", check_pin)
else
  no_pin_screen()
end

-- Staff walk away: back to the candidates' app after two idle minutes.
local idle_timer
local function arm_idle()
  if idle_timer then kiosk.cancel(idle_timer) end
  idle_timer = kiosk.after(120000, back)
end
ui.on_event(function() arm_idle() end)
arm_idle()

M.app = ui.app()
return M.app
