-- kiosk.flow.screens — the screens a flow calls, built from the widget kit.
-- Each is function(f, opts, done): it shows itself with ui.root and calls
-- done(value) once when the person is finished; f:NAME(opts) returns value.
--
--   welcome{ title, subtitle, image, leaderboard = exam_id, access = true }  -> language ("zh"/"en")
--        (access: the 大字 / 高对比 switches and the help button; false hides them;
--         the brand's logo unless image is given; after a minute idle, the attract
--         loop: kiosk.flow.attract)
--   form{ title, fields = { "name", "phone", { id, label, kind = "text"|"phone"|"digits"|"name",
--                                              required, max_len, placeholder, note, check = fn } } }
--        (note: a line under the field; "nickname" takes its limit and word
--         filter from flow.app{ nickname = } (kiosk.flow.nickname))
--                                                             -> { [id] = value }  (saved as candidate data)
--        (a field given by name is one of M.standard_fields: name, phone, nickname, email)
--   consent{ title, text, version }                           -> true (declining ends the session)
--   instructions{ title, text, summary = true, time_limit_s, question_time_s }  -> true
--        (summary: the sections and the time rules; give time_limit_s / question_time_s
--         when f:quiz gets them, so the screen says the rules the quiz keeps)
--   quiz{ ... }                                               -> result   (kiosk.flow.quiz)
--   result(result)                                            -> true   (what it shows: M.RESULT_SHOWS)
--   leaderboard{ exam, highlight }                            -> true
--   podium{ score, exam, seconds = 15 }                       -> true   (kiosk.flow.podium: the day's top three)
--   prize{ seconds = 60 }                                     -> true   (the prize code and its QR; false: no code)
--   message{ title, text, button, seconds }                   -> true
--   thanks{ title, text, seconds = 10 }                       -> true   (words of the mode: M.mode_t)
local ui = require "kiosk.ui"
local core = require "kiosk.ui.core"
local board = require "kiosk.flow.leaderboard"

local M = {}

-- "12:05" from milliseconds.
function M.clock(ms)
  local s = math.max(0, math.ceil(ms / 1000))
  return string.format("%d:%02d", s // 60, s % 60)
end

-- A centred page: a scrolling body and a row of buttons at the bottom.
-- o.dense: tighter spacing on a short screen (800x480), so a page of
-- reading (the instructions) fits above its button there.
function M.page(body, buttons, o)
  local _, h = gfx.size()
  local dense = o and o.dense and h < 650
  local column = { padding = dense and "m" or "l", gap = dense and "s" or "m", max_width = 1100 }
  local scroll = { flex = 1, gap = dense and "s" or "m" }
  for _, w in ipairs(body) do scroll[#scroll + 1] = w end
  column[#column + 1] = ui.scroll(scroll)
  if buttons then column[#column + 1] = ui.row(buttons) end
  return ui.column(column)
end

-- Automatically goes on after `seconds` (screens after the session ended).
-- The sentence over the bar is built from the live number, so it always
-- agrees with the bar ("5 秒后回到首页" when 5 seconds are left).
local function auto_continue(f, seconds, done, key)
  if not seconds or seconds <= 0 then return end
  local countdown = ui.countdown { deadline_ms = kiosk.now() + seconds * 1000, total_ms = seconds * 1000,
                                   style = "bar", on_expire = function() done(true) end,
                                   sentence = function(s) return f:t(key or "continue_in", s) end }
  return countdown
end

-- ---- help ----

-- The staff-call screen: a dialog over whatever the candidate is doing, so
-- the place (the question, typed text, the clock) stays as it was under it.
-- It says what is true: the kiosk raises no alarm by itself, so the sign is
-- big enough for staff in the room to see, and the candidate is asked to
-- raise a hand. The call is an event in the session (staff can read it).
function M.call_staff(f)
  if f.session then f.recorder:event("help") end
  f.helping = true -- no "still there?" while waiting for staff
  ui.show_dialog(ui.dialog {
    title = "🙋 " .. f:t("help_title"),
    -- Before a session (the welcome screen) there are no answers to keep:
    -- only what is true then.
    text = f:t(f.session and "help_text" or "help_text_start"),
    buttons = { { label = f:t("help_back"), on_tap = function()
      f.helping = false
      f:arm_idle()
    end } },
  })
end

-- The help button for a screen's header or footer: f:help_button().
function M.help_button(f, props)
  local b = { label = f:t("help_button"), style = "ghost", on_tap = function() M.call_staff(f) end }
  for k, v in pairs(props or {}) do b[k] = v end
  return ui.button(b)
end

-- ---- welcome ----

-- Large text and high contrast, switched by the candidate on the welcome
-- screen; they last for this candidate's session (a fresh VM for the next).
local function access_row(f, o, done)
  local function toggle(which)
    if which == "large" then f.large_text = not f.large_text; ui.set_large_text(f.large_text)
    else f.high_contrast = not f.high_contrast; ui.set_high_contrast(f.high_contrast) end
    M.welcome(f, o, done)
  end
  -- Side by side on landscape screens; stacked on portrait ones, where three
  -- buttons abreast leave too little width for their words.
  local portrait = ui.is_portrait()
  local sep, grow = portrait and " · " or "\n", not portrait and 1 or nil
  return (portrait and ui.column or ui.row) { gap = "m",
    ui.button { label = "大字" .. sep .. "Large text", element_label = "大字 · Large text", style = f.large_text and "primary" or "ghost", flex = grow,
                on_tap = function() toggle("large") end },
    ui.button { label = "高对比" .. sep .. "High contrast", element_label = "高对比 · High contrast", style = f.high_contrast and "primary" or "ghost", flex = grow,
                on_tap = function() toggle("contrast") end },
    M.help_button(f, { label = "呼叫工作人员" .. sep .. "Call staff", element_label = "呼叫工作人员 · Call staff", flex = grow }),
  }
end

-- The height a column of these widgets leaves on the screen (padding and
-- gap: theme space names; width: the column's max_width), so a widget that
-- can shrink (the leaderboard card) takes only that and pushes nothing off.
function M.room_left(widgets, padding, gap, max_width)
  local sp, lw, lh = core.theme().space, gfx.size()
  local width = math.min(lw - 2 * sp[padding], max_width)
  local used = 2 * sp[padding] + math.max(0, #widgets - 1) * sp[gap]
  for _, w in ipairs(widgets) do
    if w.visible ~= false and not w.flex then used = used + select(2, w:measure(width)) end
  end
  return lh - used
end

function M.welcome(f, o, done)
  local set = f.set
  local items = { padding = "l", gap = "l", max_width = 1000 }
  items[#items + 1] = ui.spacer { flex = 1 }
  local title = ui.label { text = f:text(o.title or (set and set.title) or ""), size = "title", bold = true,
                          align = "center" }
  if o.image then items[#items + 1] = ui.image { name = o.image, height = 160 } end
  items[#items + 1] = require("kiosk.ui.brand").with_title(title) -- the brand's logo by the title
  if o.subtitle then items[#items + 1] = ui.label { text = f:text(o.subtitle), align = "center", color = "muted" } end
  local board_at = o.leaderboard and #items + 1
  if board_at then items[board_at] = ui.spacer {} end -- the board, once the room it may take is known
  items[#items + 1] = ui.spacer { flex = 1 }
  local langs = f.languages
  if #langs > 1 then
    local row = { gap = "m" }
    for _, lang in ipairs(langs) do
      local name = (f.strings[lang] or {}).language_name or lang
      row[#row + 1] = ui.button { label = name, flex = 1, size = "heading", on_tap = function()
        f.lang = lang
        ui.set_language(lang)
        done(lang)
      end }
    end
    items[#items + 1] = ui.row(row)
  else
    items[#items + 1] = ui.button { label = o.button and f:text(o.button) or f:t("start"), size = "heading",
                                    on_tap = function() done(f.lang) end }
  end
  if o.access ~= false then items[#items + 1] = access_row(f, o, done) end
  items[#items + 1] = ui.spacer { height = 24 }
  if board_at then
    local card = M.leaderboard_table(f, o.leaderboard, nil, 5, M.room_left(items, "l", "l", 1000), true)
    if card then items[board_at] = card else table.remove(items, board_at) end
  end
  ui.root(ui.column(items))
  -- After a minute without a touch while this screen is up: the attract loop.
  require("kiosk.flow.attract").arm(f, o, function() M.welcome(f, o, done) end)
end

-- ---- form ----

local function available_layouts(list)
  local out = {}
  for _, name in ipairs(list) do
    local l = ui.keyboard_layouts[name]
    if l and (l.available == nil or l.available()) then out[#out + 1] = name end
  end
  return out
end

-- Which keyboard layouts a field of this kind offers; an English candidate
-- (lang, default the kit's language) gets the letters first.
function M.layouts_for(kind, lang)
  if kind == "phone" or kind == "digits" or kind == "pin" then return { "digits" } end
  local order = (lang or ui.language()) == "en" and { "latin", "pinyin", "handwriting", "digits" }
                or { "pinyin", "handwriting", "latin", "digits" }
  local l = available_layouts(order)
  return #l > 0 and l or { "latin" }
end

-- A field's check(value) gets the trimmed, non-empty value and answers:
--   true                      valid
--   false or nil              invalid: "<label>格式不正确" is shown at the field
--   a string or {zh=,en=}     invalid: that message is shown at the field
-- (so a pattern test must say `v:match(p) ~= nil`, not return the match).
local checks = {
  phone = function(v) return v:match("^1%d%d%d%d%d%d%d%d%d%d$") ~= nil end, -- a mainland mobile number
}

-- The fields most forms ask for, by name: f:form{ fields = { "name", "phone" } }.
M.standard_fields = {
  name = { id = "name", label = { zh = "姓名", en = "Name" }, kind = "name" },
  phone = { id = "phone", label = { zh = "手机号", en = "Mobile number" }, kind = "phone" },
  nickname = { id = "nickname", label = { zh = "昵称", en = "Nickname" }, max_len = 12 },
  email = { id = "email", label = { zh = "电子邮箱", en = "Email" },
            check = function(v) return v:match("^[^@%s]+@[^@%s]+%.[^@%s]+$") ~= nil end },
}

function M.form(f, o, done)
  local fields, widgets = {}, {}
  for i, spec in ipairs(o.fields or {}) do
    -- The nickname: its limit, filter and note from flow.app{ nickname = } (kiosk.flow.nickname).
    if spec == "nickname" then spec = require("kiosk.flow.nickname").field(f) end
    fields[i] = type(spec) == "string" and M.standard_fields[spec] or spec
    if not fields[i] then error("form: no standard field named '" .. tostring(spec) .. "'", 2) end
  end
  local errors, groups = {}, {}
  local keyboard
  -- On a short screen (800x480) a field with a note needs the title's room
  -- to show its note above the keyboard: the field's own label says what
  -- to enter, so the title gives way rather than being cut in half.
  local _, screen_h = gfx.size()
  local short = screen_h < 650 and fields[1] ~= nil and fields[1].note ~= nil
  local body = { ui.label { text = f:text(o.title) or f:t("form_title"), size = "title", bold = true,
                            visible = not short } }
  for i, spec in ipairs(fields) do
    local label = f:text(spec.label)
    local field = ui.text_field { label = label, placeholder = f:text(spec.placeholder) or label, kind = spec.kind,
                                  max_len = spec.max_len or (spec.kind == "phone" and 11 or 40),
                                  on_change = function() errors[i]:set_text("") end }
    local focus = field.focus
    field.focus = function(self)
      focus(self)
      if keyboard and keyboard.target ~= self then
        keyboard.target = self
        keyboard.layouts = M.layouts_for(spec.kind)
        keyboard:set_layout(keyboard.layouts[1])
      end
    end
    widgets[i] = field
    -- The field's own error sits right under it; the pair scrolls into view together.
    errors[i] = ui.label { text = "", color = "danger", size = "small", bold = true }
    groups[i] = ui.column { gap = "xs", field, errors[i] }
    -- A one-line note under the field ("昵称会显示在排行榜上"), above its error.
    if spec.note then
      table.insert(groups[i].children, 2, ui.label { text = f:text(spec.note), color = "muted", size = "small" })
    end
    body[#body + 1] = groups[i]
  end
  local function fail(i, text)
    for j = 1, #errors do errors[j]:set_text(j == i and "⚠ " .. text or "") end
    widgets[i]:focus()
    ui.reveal(groups[i])
  end
  local function submit()
    local values = {}
    for i, spec in ipairs(fields) do
      local v = widgets[i].value:gsub("^%s+", ""):gsub("%s+$", "")
      local label = f:text(spec.label)
      if v == "" and spec.required ~= false then return fail(i, f:t("required", label)) end
      local check = spec.check or checks[spec.kind]
      if v ~= "" and check then
        local verdict = check(v)
        if type(verdict) == "string" or type(verdict) == "table" then return fail(i, f:text(verdict)) end
        if verdict ~= true then return fail(i, f:t("invalid", label)) end
      end
      values[spec.id] = v
    end
    f.recorder:candidate(values)
    done(values)
  end
  local first = fields[1] and M.layouts_for(fields[1].kind) or { "latin" }
  keyboard = ui.keyboard { target = widgets[1], layouts = first, layout = first[1], on_done = function(_, kb)
    -- "done" moves to the next field, and submits after the last.
    for i, w in ipairs(widgets) do
      if w == kb.target then
        if widgets[i + 1] then widgets[i + 1]:focus() else submit() end
        return
      end
    end
  end }
  local page = M.page(body, { gap = "m", ui.button { label = f:t("next"), flex = 1, on_tap = submit } })
  ui.root(ui.column { gap = "s", page, keyboard, flex = 1 })
  page.flex = 1
  if widgets[1] then
    widgets[1]:focus()
    -- The first field with its note in view above the keyboard (at 800x480
    -- the page's title gives way rather than the nickname's note).
    if fields[1].note then ui.reveal(groups[1]) end -- (in case the page scrolls anyway)
  end
end

-- ---- consent and instructions ----

function M.consent(f, o, done)
  local text = f:text(o.text)
  ui.root(M.page({
    ui.label { text = f:text(o.title) or f:t("consent_title"), size = "title", bold = true },
    ui.card { padding = "m", ui.label { text = text } },
  }, { gap = "m",
    ui.button { label = f:t("disagree"), style = "secondary", flex = 1, on_tap = function()
      f.recorder:event("consent", { given = false })
      f:abandon("abandoned")
    end },
    ui.button { label = f:t("agree"), flex = 2, on_tap = function()
      f.recorder:candidate({}, { text = text, version = tostring(o.version or 1) })
      f.recorder:event("consent", { given = true, version = o.version or 1 })
      done(true)
    end },
  }))
end

-- The time rules in one sentence that cannot contradict the section lines
-- above it: the whole paper's limit (or none), and which sections have a
-- clock on each question. clocked: the titles of those sections; all: every
-- question has one.
-- The time rules in one sentence that agrees with the section lines above
-- it: the whole paper's limit (or none), and whether some questions (some =
-- true) or all of them (all = true) have a clock of their own.
local function time_rule(f, limit, some, all)
  if not limit then
    return f:t(all and "time_rule_each_only" or some and "time_rule_some_only" or "time_rule_none")
  end
  local minutes = math.ceil(limit / 60)
  return f:t(all and "time_rule_paper_each" or some and "time_rule_paper_some" or "time_rule_paper", minutes)
end

function M.instructions(f, o, done)
  local body = { ui.label { text = f:text(o.title) or f:t("instructions_title"), size = "title", bold = true } }
  if o.text then body[#body + 1] = ui.label { text = f:text(o.text) } end
  local set = f.set
  if set and o.summary ~= false then
    -- What the paper holds: sections, their points and the time allowed.
    -- A clock on each question: the section's, else the quiz's
    -- (o.question_time_s, as given to f:quiz) or the mode's.
    local mode = require("kiosk.exam").mode(f.mode) or {}
    local every = o.question_time_s or mode.question_clock_s
    local some, all = false, true
    for _, sec in ipairs(set.sections) do
      local n = sec.draw or #sec.questions
      local one = n == 1 and "_one" or "" -- "1 question" in English
      local text = sec.points and f:t("section_summary" .. one, f:text(sec.title or sec.id), n, M.num(sec.points))
                   or f:t("section_count" .. one, f:text(sec.title or sec.id), n)
      local sep = f.lang == "en" and "; " or "；"
      -- A clock per question is said here, before it starts: the section's
      -- (or the quiz's, the mode's) for all of it, else its questions' own.
      local clock = sec.time_limit_s or every
      local own = false
      for _, q in ipairs(sec.questions) do own = own or q.time_limit_s ~= nil end
      if clock then
        text = text .. sep .. f:t("question_clock_note", clock)
        some = true
      else
        all = false
        if own then
          text = text .. sep .. f:t("question_own_clock_note")
          some = true
        end
      end
      body[#body + 1] = ui.label { text = "· " .. text, color = "muted" }
    end
    local limit = o.time_limit_s or set.time_limit_s
    body[#body + 1] = ui.label { text = time_rule(f, limit, some, all and some), bold = true }
  end
  ui.root(M.page(body, { ui.button { label = f:t("begin_quiz"), flex = 1, on_tap = function() done(true) end } },
                 { dense = true }))
end

-- ---- result ----

-- Bars for a list of { label, score, max_score }.
function M.bars(rows)
  local col = { gap = "s" }
  for _, r in ipairs(rows) do
    local frac = r.max_score > 0 and r.score / r.max_score or 0
    col[#col + 1] = ui.progress { value = frac, text = string.format("%s　%s / %s", r.label, M.num(r.score),
                                                                       M.num(r.max_score)) }
  end
  return ui.column(col)
end

function M.num(v)
  if v == nil then return "—" end
  if math.abs(v - math.floor(v + 0.5)) < 1e-6 then return tostring(math.floor(v + 0.5)) end
  return string.format("%.1f", v)
end

-- What the result screen shows, the exam's choice (flow.app{ show_result = }):
--   "all"      the score, sections, competencies and, with a pass mark, pass/fail (default)
--   "score"    the score, sections and competencies, never pass/fail
--   "verdict"  pass/fail only (or that it waits for the interviewer)
--   "thanks"   a thank-you only
M.RESULT_SHOWS = { all = true, score = true, verdict = true, thanks = true }

-- Competencies: the set's own name (so { zh=, en= } shows in the candidate's
-- language) and how many questions on the paper test each.
local function competency_rows(f, result)
  local exam = require "kiosk.exam"
  local named, counts = {}, {}
  local asked
  if result.paper then
    asked = {}
    for _, e in ipairs(result.paper) do asked[e.id] = true end
  end
  for _, sec in ipairs(f.set and f.set.sections or {}) do
    for _, q in ipairs(sec.questions or {}) do
      for _, c in ipairs(q.competencies or {}) do
        local key = exam.text(c)
        named[key] = named[key] or c
        if not asked or asked[q.id] then counts[key] = (counts[key] or 0) + 1 end
      end
    end
  end
  local rows = {}
  for key, c in pairs(result.competencies or {}) do
    rows[#rows + 1] = { label = f:text(named[key] or key), score = c.score, max_score = c.max_score,
                        questions = counts[key] }
  end
  table.sort(rows, function(a, b) return a.label < b.label end)
  return rows
end

function M.result(f, result, done)
  local chart = require "kiosk.flow.chart"
  local shows = f.show_result or "all"
  local body = { ui.label { text = f:t(shows == "thanks" and "thanks_title" or "result_title"), size = "title",
                            bold = true } }
  local pending = (result.pending or 0) > 0
  if result.status == "timed_out" then
    body[#body + 1] = ui.label { text = f:t(result.score and "time_up_submit" or "time_up_abandon"), color = "warning" }
  end
  local note = (require("kiosk.exam").mode(f.mode) or {}).result_note
  if shows == "thanks" then
    if not note then body[#body + 1] = ui.label { text = f:t("result_thanks") } end
  elseif result.score then
    -- Left: the score and the sections; right (below in portrait): the chart.
    local left, right = { gap = "m" }, { gap = "s" }
    local card = { padding = "m", gap = "xs" }
    local verdict = shows == "all" or shows == "verdict"
    if shows ~= "verdict" then
      if pending then
        -- Not a bold "0 / 95": what is scored so far, and that the rest waits.
        card[#card + 1] = ui.label { text = f:t("awaiting_review"), size = "heading", bold = true }
        card[#card + 1] = ui.label { text = f:t("scored_so_far", M.num(result.score), M.num(result.max_score)),
                                     color = "muted" }
      else
        card[#card + 1] = ui.label { text = f:t("your_score"), color = "muted", size = "small" }
        card[#card + 1] = ui.label { text = f:t("score_of", M.num(result.score), M.num(result.max_score)),
                                     size = "title", bold = true }
      end
    end
    if verdict and result.passed ~= nil then
      card[#card + 1] = ui.label { text = f:t(result.passed and "passed" or "not_passed"),
                                   size = shows == "verdict" and "title" or nil,
                                   color = result.passed and "success" or "danger", bold = true }
    elseif verdict and shows == "verdict" and pending then
      card[#card + 1] = ui.label { text = f:t("awaiting_review"), size = "heading", bold = true }
    end
    if pending then
      card[#card + 1] = ui.label { text = f:t("pending_review", result.pending), color = "muted" }
    end
    left[#left + 1] = ui.card(card)
    -- While answers wait, the breakdowns would show zeros for what is not scored yet.
    local breakdown = shows ~= "verdict" and not pending
    if breakdown and #(result.sections or {}) > 1 then
      local rows = {}
      for _, s in ipairs(result.sections) do
        rows[#rows + 1] = { label = f:text(s.title or s.id), score = s.score, max_score = s.max_score }
      end
      left[#left + 1] = ui.label { text = f:t("sections"), bold = true }
      left[#left + 1] = M.bars(rows)
    end
    local comps = breakdown and competency_rows(f, result) or {}
    if #comps > 0 then
      right[#right + 1] = ui.label { text = f:t("competencies"), bold = true }
      right[#right + 1] = chart.competencies(comps)
    end
    if ui.is_portrait() or #right == 0 then
      for _, w in ipairs(left) do body[#body + 1] = w end
      for _, w in ipairs(right) do body[#body + 1] = w end
    else
      left.flex, right.flex = 1, 1
      body[#body + 1] = ui.row { gap = "l", align = "start", ui.column(left), ui.column(right) }
    end
  end
  if note then body[#body + 1] = ui.label { text = f:t(note), color = "muted" } end
  local logo = ui.brand_logo("result") -- the brand's mark above it all, at the title's edge
  if logo then
    logo.align_self = "start"
    table.insert(body, 1, logo)
  end
  ui.root(M.page(body, { ui.button { label = f:t("continue"), flex = 1, on_tap = function() done(true) end } }))
  f.no_idle = true -- the session is over: no "still there?"; the screen goes on by itself
  kiosk.after(90000, function() done(true) end) -- a candidate who walked away from it
end

-- ---- leaderboard ----

-- The board card (kiosk.flow.leaderboard): me = the visitor's own row,
-- max_height = the room it may take on the screen; optional: nil when not
-- even a row fits.
function M.leaderboard_table(f, exam_id, me, n, max_height, optional)
  return board.card(f, { exam = exam_id, n = n or 10, me = me, max_height = max_height, optional = optional })
end

-- The visitor's public name as the board shows it: the nickname, else the
-- name they gave on a form of this flow.
local function own_name(f)
  for _, step in ipairs(f.steps or {}) do
    local v = step.name == "form" and type(step.value) == "table" and step.value
    if v and (v.nickname or v.name) then return v.nickname ~= "" and v.nickname or v.name end
  end
  return ""
end
M.own_name = own_name -- (the game's live board too: kiosk.flow.fair)

function M.leaderboard(f, o, done)
  local exam_id = o.exam or f.set.id
  local body = {}
  if o.score then
    body[#body + 1] = ui.label { text = f:t("points", math.floor(o.score + 0.5)), size = "title", bold = true,
                                 align = "center", color = "primary" }
  end
  -- The visitor's place among every finished game of this quiz, however far
  -- down the board it is.
  local rank, total, who = nil, nil, o.highlight or f.session
  if who then rank, total = f.recorder:rank(exam_id, who) end
  if rank then
    body[#body + 1] = ui.label { text = f:t("your_rank", rank, total), size = "heading", bold = true, align = "center" }
  end
  local go = auto_continue(f, o.seconds or 20, done)
  local buttons = { ui.button { label = f:t("continue"), flex = 1, on_tap = function() done(true) end } }
  -- The card gets the height the rest of the page leaves (M.page: padding
  -- "l", gaps "m"), so the visitor's own row stays on screen at every size.
  local others = { ui.row(buttons) }
  for _, w in ipairs(body) do others[#others + 1] = w end
  if go then others[#others + 1] = go end
  others[#others + 1] = ui.spacer {} -- the card's own gap
  local me = rank and { session = who, rank = rank, name = own_name(f), score = o.score } or nil
  body[#body + 1] = M.leaderboard_table(f, exam_id, me, o.n or 10, M.room_left(others, "l", "m", 1100))
  if go then body[#body + 1] = go end
  ui.root(M.page(body, buttons))
  f.no_idle = true
end

-- ---- the trade fair's podium (kiosk.flow.podium) ----

function M.podium(f, o, done) return require("kiosk.flow.podium").screen(f, o, done) end
function M.prize(f, o, done) return require("kiosk.flow.podium").prize_screen(f, o, done) end

-- ---- message and thanks ----

function M.message(f, o, done)
  local body = { ui.spacer { height = 40 },
                 ui.label { text = f:text(o.title) or "", size = "title", bold = true, align = "center" } }
  if o.text then body[#body + 1] = ui.label { text = f:text(o.text), align = "center" } end
  local go = auto_continue(f, o.seconds, done)
  if go then body[#body + 1] = go end
  ui.root(M.page(body, { ui.button { label = o.button and f:text(o.button) or f:t("continue"), flex = 1,
                                     on_tap = function() done(true) end } }))
end

-- A string in the words of the flow's mode when it has its own
-- ("thanks_title_trade_fair": "谢谢参与！", not the exam's "本次测试已完成"),
-- else the kiosk's general one.
function M.mode_t(f, key, ...)
  local own = key .. "_" .. tostring(f.mode)
  if (f.strings[f.lang] or {})[own] or f.strings.zh[own] then return f:t(own, ...) end
  return f:t(key, ...)
end

function M.thanks(f, o, done)
  f.no_idle = true
  local seconds = o.seconds or 10
  local body = { ui.spacer { height = 60 },
    ui.label { text = f:text(o.title) or M.mode_t(f, "thanks_title"), size = "title", bold = true, align = "center" },
    ui.label { text = f:text(o.text) or M.mode_t(f, "thanks_text"), align = "center", color = "muted" },
    auto_continue(f, seconds, done, "returning"),
  }
  ui.root(M.page(body, { ui.button { label = f:t("back_to_start"), flex = 1, on_tap = function() done(true) end } }))
end

return M
