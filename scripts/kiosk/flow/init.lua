-- kiosk.flow — an exam kiosk written as a story that reads top to bottom.
--
--   local flow = require "kiosk.flow"
--   return flow.app {
--     set = require "questions",         -- a question set (kiosk.exam)
--     mode = "recruitment",              -- "recruitment" | "practice" | "trade_fair"
--     idle_timeout_s = 90,               -- then "还在吗？" for still_there_s (20), then abandoned
--     run = function(f)
--       f:welcome { title = "客户服务专员筛选测试" }        -- the candidate picks 中文 / English here
--       local who = f:form { fields = { { id = "name", label = "姓名" },
--                                       { id = "phone", label = "手机号", kind = "phone" } } }
--       f:consent { text = "……" }
--       f:instructions { text = "……" }
--       local result = f:quiz()                             -- the timed questions; saved as they go
--       f:result(result)
--       f:thanks()
--     end,
--   }
--
-- Each f:NAME{...} shows a screen and waits until the person is done with
-- it, then returns what they entered; ordinary Lua decides what comes next
-- (if, loops, functions). Screens are in kiosk.flow.screens and
-- kiosk.flow.quiz; an app replaces or adds one with
-- flow.app{ screens = { welcome = function(f, opts, done) ... done(value) end } }.
--
-- What the runner does for every flow:
--   * a results session starts at the first screen after the welcome
--     (f.recorder, a kiosk.flow.recorder: the only way to the results
--     store) and every step is checkpointed, so after a power
--     cut the kiosk offers to resume where the candidate was;
--   * no input for idle_timeout_s shows "still there?"; no answer ends the
--     session as abandoned;
--   * when run() returns, the kiosk restarts with fresh state for the next
--     person (kiosk.restart()).
local ui = require "kiosk.ui"
local exam = require "kiosk.exam"
local recorder = require "kiosk.flow.recorder"
local strings = require "kiosk.flow.strings"
local screens = require "kiosk.flow.screens"
screens.quiz = require("kiosk.flow.quiz").screen
screens.rubric = require("kiosk.flow.rubric").screen

local flow = {}
flow.screens = screens
flow.strings = strings

local Flow = {}
Flow.__index = Flow

-- ---- words ----

-- f:t(key, ...) — a UI string in the candidate's language.
function Flow:t(key, ...)
  local s = (self.strings[self.lang] or {})[key] or self.strings.zh[key] or key
  if select("#", ...) > 0 then return string.format(s, ...) end
  return s
end

-- f:text(value) — a set's text ({ zh =, en = } or a string) in the candidate's language.
function Flow:text(value) return exam.text(value, self.lang) end

-- ---- the results session ----

local function seed_now()
  -- quizkiosk --seed N (replays): every session draws with N.
  if kiosk.config.seed then return kiosk.config.seed end
  -- Wall time mixed down to 31 bits: differs per session, recorded with it.
  local t = kiosk.wall_time()
  return (t * 2654435761 + kiosk.now()) % 2147483647 + 1
end

-- Starts the results session (once). The seed decides the draw of questions.
function Flow:begin()
  if self.session then return self.session end
  local set = self.set
  self.seed = self.seed or seed_now()
  self.session = self.recorder:begin {
    exam = set and set.id or self.spec.id or kiosk.config.app,
    exam_title = set and exam.text(set.title) or self.spec.title,
    content_hash = set and exam.fingerprint(set) or kiosk.hash(kiosk.config.app),
    seed = self.seed, lang = self.lang, mode = self.mode,
  }
  self.recorder:event("start", { seed = self.seed, lang = self.lang, mode = self.mode })
  -- The option texts of this version of the set, once: the exports show
  -- "B 香蕉", not only "B". Recorded in the background from here, a slice
  -- per timer call (a bank of 100,000 questions: ~0.5 s of CPU that the
  -- first question does not wait for); the recorder completes them before
  -- it stores an answer.
  if set then
    self.recorder:questions(set)
    self:record_questions()
  end
  self:save()
  return self.session
end

-- The option texts' next slice, then the next one from a timer, until done.
-- (A resumed session's recorder asks first whether the set is still its
-- version, by the set's hash: that waits for the background to make it,
-- so no call here loads the parts or makes the whole hash at once.)
function Flow:record_questions()
  local set = self.set
  local hashed = not set or (not exam.loading(set) and exam.fingerprint_step(set))
  if hashed and self.recorder:questions_step() then return end
  kiosk.after(1, function() self:record_questions() end)
end

-- Writes the checkpoint: the steps done so far (the quiz keeps its own
-- position in it through the recorder).
function Flow:save(remaining_ms)
  if not self.session or self:ended() then return end
  local rec = self.recorder
  rec:checkpoint({ steps = self.steps, seed = self.seed, lang = self.lang, quiz = rec.state.quiz }, remaining_ms)
end

-- Whether the session has ended (by the flow, or by the quiz handing in).
function Flow:ended() return self.recorder.ended end

-- The help button ("呼叫工作人员") for any screen, and the staff-call screen
-- it opens over the candidate's place (kiosk.flow.screens.call_staff).
function Flow:help_button(props) return screens.help_button(self, props) end
function Flow:call_staff() return screens.call_staff(self) end

-- Ends the session (once): status completed / abandoned / timed_out / interrupted.
function Flow:finish(status, result)
  self.recorder:finish(status, result)
end

-- ---- screens ----

-- Shows screen `name` and waits for it. Under resume, steps already done
-- return what they returned the first time without being shown again.
function Flow:screen(name, opts)
  opts = opts or {}
  if self.replaying then
    local step = self.replaying[1]
    if step and step.name == name then
      table.remove(self.replaying, 1)
      if #self.replaying == 0 then self.replaying = nil end
      return step.value
    end
    self.replaying = nil
  end
  local show = self.screens[name]
  if not show then error("no screen named '" .. tostring(name) .. "' (add it in flow.app{ screens = {...} })", 2) end
  if name ~= "welcome" and name ~= "attract" and self.set ~= false and not self:ended() then self:begin() end
  self.recorder:event("screen", { name = name })
  local token = {}
  self.current = token
  show(self, opts, function(value)
    -- A screen is done once; a second tap on its button does nothing.
    if self.current ~= token then return end
    self.current = nil
    self:resume(value)
  end)
  local value = coroutine.yield()
  if name ~= "quiz" then
    self.steps[#self.steps + 1] = { name = name, value = value }
    self:save()
  end
  return value
end

-- Every screen of kiosk.flow.screens (and the app's own) is a method:
-- f:welcome{...} is f:screen("welcome", {...}).
local instance_mt = {
  __index = function(self, key)
    local method = Flow[key]
    if method ~= nil then return method end
    if rawget(self, "screens")[key] then
      return function(me, opts) return me:screen(key, opts) end
    end
    return nil
  end,
}

-- Continues the flow's coroutine with a screen's value.
function Flow:resume(value)
  local ok, err = coroutine.resume(self.co, value)
  if not ok then error(err, 0) end -- the runtime's error screen shows it with its file:line
  if coroutine.status(self.co) == "dead" then self:done() end
end

-- run() returned: the session is complete; fresh state for the next person.
function Flow:done()
  if self.session and not self:ended() then self:finish("completed", self.last_result) end
  kiosk.restart()
end

-- Ends the session now (idle, a declined consent, "end" in a dialog). The
-- flow's coroutine is left waiting: the restart drops the whole VM.
function Flow:abandon(status)
  self:finish(status or "abandoned", self.last_result)
  self.current = nil
  kiosk.restart()
end

-- ---- idle ----

function Flow:arm_idle()
  if self.idle_timer then kiosk.cancel(self.idle_timer) end
  self.idle_timer = kiosk.after(self.idle_ms, function()
    self.idle_timer = nil
    self:on_idle()
  end)
end

function Flow:on_idle()
  -- Only a session in progress is abandoned; the welcome screen just waits,
  -- and screens after the end return to the start on their own.
  if not self.session or self:ended() or self.no_idle or self.helping then return self:arm_idle() end
  self.recorder:event("idle", { after_ms = self.idle_ms })
  local left = self.still_there_ms
  local countdown = ui.countdown { deadline_ms = kiosk.now() + left, total_ms = left, style = "bar",
    sentence = function(s) return self:t("ends_in", s) end, -- the live number, never a stale one
    on_expire = function()
      ui.close_dialog()
      self:abandon("abandoned")
    end }
  ui.show_dialog(ui.dialog {
    title = self:t("still_there_title"),
    text = self:t("still_there_text"),
    body = countdown,
    buttons = {
      { label = self:t("end_now"), style = "secondary", on_tap = function() self:abandon("abandoned") end },
      { label = self:t("still_here"), on_tap = function()
          self.recorder:event("still_here")
          self:arm_idle()
        end },
    },
  })
end

-- ---- the app ----

-- The resume offer after a power cut. The next person at the kiosk may not
-- be the one whose test was cut short, so the offer says whose test it is
-- (masked: "张*") and asks for proof before continuing: the last four digits
-- of the phone the candidate gave, or the staff PIN when no phone was
-- collected. A wrong answer leaves the session for staff, marked
-- interrupted. No proof is asked when the same candidate is certainly still
-- there: the runtime started a fresh VM after a script error or after the
-- results storage came back (kiosk.config.continue_session), or its
-- supervisor restarted it within a minute of a crash or freeze.
local TRUST_AFTER_CRASH_MS = 60000

local function continue_session(f, r)
  local cp = r.checkpoint or {}
  f.session, f.seed = r.session_id, cp.seed
  f.recorder:attach(r.session_id)
  -- Its version's option texts, if a crash cut their recording short and
  -- the set is still that version (asked only then: the hash may be big).
  if f.set then
    f.recorder:questions(f.set, function()
      local info = f.recorder:session_info(r.session_id)
      return info ~= nil and info.content_hash == exam.fingerprint(f.set)
    end)
    f:record_questions()
  end
  f.recorder.state = { steps = cp.steps, seed = cp.seed, lang = cp.lang, quiz = cp.quiz }
  f.steps = cp.steps or {}
  f.replaying = #f.steps > 0 and { table.unpack(f.steps) } or nil
  f.resumed = { answers = r.answers or {}, quiz = cp.quiz, remaining_ms = r.remaining_ms }
  f.recorder:event("resumed", { remaining_ms = r.remaining_ms })
  f:start()
end

-- The session stays for staff, kept as interrupted; the next person starts.
local function leave_for_staff(f, r)
  f.recorder:finish_other(r.session_id, "interrupted")
  kiosk.restart()
end

function flow.resume_trusted(r)
  local c = kiosk.config
  if c.continue_session ~= nil and c.continue_session == r.session_id then return true end
  return c.restarted_after_crash == true and (r.idle_ms or math.huge) <= TRUST_AFTER_CRASH_MS
end

local function offer_resume(f, r)
  local cp = r.checkpoint or {}
  f.lang = cp.lang or f.lang
  ui.set_language(f.lang)
  if flow.resume_trusted(r) then return continue_session(f, r) end
  local answered = 0
  for _ in pairs(r.answers or {}) do answered = answered + 1 end
  local left = r.remaining_ms and screens.clock(r.remaining_ms) or f:t("no_limit")
  local whose = (r.who or "") ~= "" and f:t("resume_whose", r.who, answered, left) or f:t("resume_text", answered, left)
  local by_phone = r.has_phone == true
  local message = ui.label { text = "", color = "danger", align = "center" }
  local field = ui.text_field { label = by_phone and f:t("resume_phone_label") or f:t("rubric_pin"),
                                placeholder = by_phone and f:t("resume_phone_label") or f:t("rubric_pin"),
                                kind = by_phone and "digits" or "pin", max_len = by_phone and 4 or 12 }
  local function try()
    local given = field.value or ""
    field:set_value("")
    if by_phone then
      if #given ~= 4 then message:set_text(f:t("resume_four_digits")) kiosk.redraw() return end
      if f.recorder:resume_check(r.session_id, given) then return continue_session(f, r) end
    else
      local verdict, wait_ms = f.recorder:verify_pin(given)
      if verdict == "ok" then return continue_session(f, r) end
      if verdict == "locked" then
        message:set_text(f:t("rubric_locked", math.ceil((wait_ms or 0) / 1000)))
        kiosk.redraw()
        return
      end
    end
    -- Not the candidate (or not staff): the test is left for staff.
    f.recorder:event_for(r.session_id, "resume_refused", { by = by_phone and "phone" or "pin" })
    ui.root(screens.page({
      ui.spacer { height = 40 },
      ui.label { text = f:t("resume_refused_title"), size = "title", bold = true, align = "center" },
      ui.label { text = f:t("resume_refused_text"), align = "center", color = "muted" },
    }, { ui.button { label = f:t("back_to_start"), flex = 1, on_tap = function() leave_for_staff(f, r) end } }))
    kiosk.after(8000, function() leave_for_staff(f, r) end)
  end
  -- As on the rubric's PIN screen: title, sentence, and the field with both
  -- buttons on one row, outside any scroll, so with the keypad up an
  -- 800x480 screen shows all of it (a page with the buttons under the field
  -- scrolled the title and the whose-test line off the top).
  ui.root(ui.column { gap = "s",
    ui.column { padding = "l", gap = "m", max_width = 1100,
      ui.label { text = f:t("resume_title"), size = "heading", bold = true, align = "center" },
      ui.label { text = whose .. "\n" .. (by_phone and f:t("resume_prove_phone") or f:t("resume_prove_pin")),
                 align = "center" },
      ui.row { gap = "m", align = "center",
        ui.column { flex = 1, field }, -- four digits: room enough for "不是我的测试" on one line
        ui.button { label = f:t("resume_no"), style = "secondary", flex = 1, on_tap = function() leave_for_staff(f, r) end },
        ui.button { label = f:t("resume_yes"), flex = 1, on_tap = try },
      },
      ui.scroll { flex = 1, message },
    },
    ui.keyboard { target = field, layout = "digits", layouts = { "digits" }, on_done = try },
  })
  ui.current().children[1].flex = 1
  field:focus()
  -- Nobody answers (the candidate did not come back): the session stays
  -- kept as interrupted and the kiosk is ready for the next person.
  kiosk.after(120000, function()
    if f.co then return end
    leave_for_staff(f, r)
  end)
end

function Flow:start()
  self.co = coroutine.create(function() self.spec.run(self) end)
  self:resume()
end

-- A big set's parts (exam.part), its content hash and its id index are
-- made in the background, one slice per timer call (each well inside the
-- time limit), while the first screen waits, and then the collector's
-- cycle is finished (exam.collect_step); f:begin() finishes whatever is
-- left (and starts recording the option texts, Flow:record_questions).
local function prepare(set)
  if exam.loading(set) then
    -- (No collector step forced here: a forced step ends the collector's
    -- pause, so with one per part it never paused, and each part cost time
    -- in proportion to the whole bank so far: 30 ms for the first of 40
    -- parts, 180 ms for the last, 3.1 s of CPU in all instead of 1.5 s.)
    exam.load_step(set)
  elseif exam.fingerprint_step(set) and exam.index_step(set) then -- the id index too, before anyone starts
    -- then the collector's cycle finished here, in small steps: a cycle left
    -- half done would end (its indivisible last phase over the whole bank)
    -- inside the tap's call, and the finished one leaves the collector idle
    -- until the heap has grown by as much again.
    if exam.collect_step() then return end
  end
  -- 1 ms, not 0: the main loop comes round (input, frames, the watchdog)
  -- between slices rather than running them all in one go.
  kiosk.after(1, function() prepare(set) end)
end

-- flow.app(spec) -> the app table main.lua returns.
function flow.app(spec)
  assert(type(spec) == "table" and type(spec.run) == "function", "flow.app needs run = function(f) ... end")
  if spec.show_result ~= nil and not screens.RESULT_SHOWS[spec.show_result] then
    error("flow.app: show_result must be \"all\", \"score\", \"verdict\" or \"thanks\", not "
          .. tostring(spec.show_result), 2)
  end
  local f = setmetatable({
    spec = spec,
    set = spec.set == nil and false or spec.set,
    mode = spec.mode or "recruitment",
    show_result = spec.show_result or "all",
    languages = spec.languages or { "zh" },
    idle_ms = (spec.idle_timeout_s or 90) * 1000,
    still_there_ms = (spec.still_there_s or 20) * 1000,
    steps = {},
    strings = {},
    recorder = recorder.new(),
    screens = setmetatable(spec.screens or {}, { __index = screens }),
  }, instance_mt)
  f.lang = f.languages[1]
  ui.set_language(f.lang)
  for lang, words in pairs(strings) do
    f.strings[lang] = setmetatable((spec.strings or {})[lang] or {}, { __index = words })
  end
  if spec.theme then ui.set_theme(spec.theme) end
  -- The brand: logo and colours, checked (messages in the kiosk log).
  if spec.brand ~= nil then
    if type(spec.brand) ~= "table" then error("flow.app: brand must be a table { logo =, colors = }", 2) end
    ui.set_brand(spec.brand)
  end
  if spec.attract ~= nil and spec.attract ~= false and type(spec.attract) ~= "table" then
    error("flow.app: attract must be a table or false", 2)
  end

  -- Any touch or key restarts the idle clock; the touch's own timestamp is
  -- kept for fair answer timing (trade fair speed points).
  ui.on_event(function(e)
    if e.type == "press" or e.type == "release" or e.type == "key" or e.type == "text" or e.type == "move" then
      f.last_input_t = e.t or kiosk.now()
      f:arm_idle()
    end
  end)
  f:arm_idle()

  if f.set then kiosk.after(0, function() prepare(f.set) end) end

  -- Started as a maintenance tool (rescore, replay-session): no candidate.
  if kiosk.config.tool then return require("kiosk.flow.tools").run(f) end

  local r = f.recorder:resumable()
  if r and type(r.checkpoint) == "table" then
    offer_resume(f, r)
  else
    -- A session cut short before its first checkpoint can never be resumed:
    -- keep it, as interrupted, rather than leave it "in progress" for ever.
    if r then f.recorder:finish_other(r.session_id, "interrupted") end
    f:start()
  end
  return ui.app()
end

return flow
