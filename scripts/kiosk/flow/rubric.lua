-- kiosk.flow.rubric — the interviewer's scoring screen for open answers:
-- f:rubric(result).
--
-- The candidate hands the kiosk to the interviewer, who unlocks this with
-- the staff PIN (the same PIN as the staff screen; wrong PINs lock out with
-- a growing delay; on a kiosk without one, scoring waits until staff set it
-- with `quizkiosk set-pin`). For each open question it shows the candidate's
-- answer, the reference answer's key points to tick, and a keyword match
-- offered as a suggestion only; the points follow the ticked key points
-- (points × ticked / all) and the interviewer may adjust them. Each score is
-- saved when confirmed (f.recorder:rubric); at the end the session's score,
-- pass/fail and competencies are recomputed with exam.score_session and
-- stored (the recorder's rescore keeps the provisional score in the audit trail).
-- "Score later" leaves the answers pending; the thanks screen follows.
local ui = require "kiosk.ui"
local exam = require "kiosk.exam"
local screens = require "kiosk.flow.screens"

local M = {}

local function open_questions(f, result)
  local list = {}
  for _, entry in ipairs(result.paper or {}) do
    local q, sec = exam.find(f.set, entry.id)
    if exam.person_scored(q, sec) then list[#list + 1] = { q = q, sec = sec } end
  end
  return list
end

-- Step 1: the PIN.
local function ask_pin(f, on_ok, on_later)
  local message = ui.label { text = "", color = "danger", bold = true }
  local field = ui.text_field { label = "PIN", placeholder = f:t("rubric_pin"), kind = "pin", max_len = 12 }
  -- The message and the field sit under the title, outside the scroll, so
  -- the keypad never covers them (at 800x480 the explanation below them is
  -- what scrolls).
  local function try()
    local pin = field.value
    field.value = ""
    local verdict, wait_ms = f.recorder:verify_pin(pin)
    if verdict == "ok" then
      on_ok()
    elseif verdict == "not_set" then
      -- No staff PIN yet (a new kiosk). Whoever stands at the screen could
      -- be the candidate, so no PIN is made here: staff set one with
      -- `quizkiosk set-pin`; the answers wait ("score later").
      message:set_text(f:t("rubric_no_pin"))
    elseif verdict == "locked" or wait_ms then
      message:set_text(f:t("rubric_locked", math.ceil((wait_ms or 0) / 1000)))
    else
      message:set_text(f:t("rubric_wrong_pin"))
    end
    kiosk.redraw()
  end
  -- Title, message and field stay in view above the scroll: with the
  -- keypad up on a small screen the interviewer must still see what this
  -- screen is and what went wrong.
  ui.root(ui.column { gap = "s",
    ui.column { padding = "l", gap = "m", max_width = 1100,
      ui.label { text = f:t("rubric_title"), size = "title", bold = true },
      message,
      -- The field and both buttons on one row: with the keypad up at
      -- 800x480 there is room for one row under the title and message.
      ui.row { gap = "m", align = "center",
        ui.column { flex = 2, field },
        ui.button { label = f:t("rubric_later"), style = "secondary", flex = 1, on_tap = on_later },
        ui.button { label = f:t("rubric_unlock"), flex = 1, on_tap = try },
      },
      ui.scroll { flex = 1, gap = "m",
        ui.label { text = f:t("rubric_intro"), color = "muted" },
      },
    },
    ui.keyboard { target = field, layout = "digits", layouts = { "digits" }, on_done = try },
  })
  ui.current().children[1].flex = 1
  field:focus()
end

-- Step 2: one question at a time.
local function score_one(f, items, k, scores, on_finish)
  local item = items[k]
  local q, sec = item.q, item.sec
  local max = exam.max_points(q, sec)
  local answer = f.last_result.responses[q.id]
  local t = exam.type(q.type)
  local kps = q.key_points or {}
  local saved = scores[q.id]
  local ticked = saved and saved.ticked or {}
  local points = saved and saved.points or 0
  local points_label = ui.label { text = "", size = "heading", bold = true }
  local function show_points() points_label:set_text(f:t("rubric_points", screens.num(points), screens.num(max))) end
  show_points()
  local options = {}
  for i, kp in ipairs(kps) do options[i] = { id = tostring(i), text = f:text(kp) } end
  local selected = {}
  for i in pairs(ticked) do selected[#selected + 1] = tostring(i) end
  local list = ui.choice_list { multi = true, options = options, selected = selected, on_change = function(ids)
    ticked = {}
    for _, id in ipairs(ids) do ticked[tonumber(id)] = true end
    points = #kps > 0 and math.floor(max * #ids / #kps + 0.5) or points
    show_points()
  end }
  local hint = t.suggest and t.suggest(q, answer) or nil
  -- Left: the question and the candidate's answer; right: the rubric.
  -- (One under the other on a portrait screen.)
  local left = { gap = "s",
    ui.label { text = f:text(q.stem), size = "body", bold = true },
    ui.card { padding = "m", gap = "xs",
      ui.label { text = f:t("rubric_answer"), size = "small", color = "muted" },
      ui.label { text = (type(answer) == "string" and answer ~= "") and answer or f:t("unanswered") } },
  }
  if hint and hint.of > 0 then
    left[#left + 1] = ui.label { size = "small", color = "muted",
      text = f:t("rubric_suggest", hint.hits, hint.of, #hint.words > 0 and table.concat(hint.words, "、") or "—",
                 screens.num(max * hint.hits / hint.of)) }
  end
  local right = { gap = "s", ui.label { text = f:t("rubric_key_points"), size = "small", bold = true }, list }
  local head = ui.progress { value = (k - 1) / #items, text = f:t("rubric_of", k, #items) .. " · " .. f:text(sec.title or sec.id) }
  local body
  if ui.is_portrait() then
    body = { head }
    for _, w in ipairs(left) do body[#body + 1] = w end
    for _, w in ipairs(right) do body[#body + 1] = w end
  else
    left.flex, right.flex = 1, 1
    body = { head, ui.row { gap = "l", align = "start", ui.column(left), ui.column(right) } }
  end
  -- The points and their −1/+1 sit in the bottom row, outside the scroll:
  -- under the answer they were scrolled out of sight at 800x480, and the
  -- interviewer saves what they cannot see.
  local buttons = { gap = "m", align = "center",
    ui.button { label = "−1", element_label = "减一分", style = "secondary", on_tap = function()
      points = math.max(0, points - 1); show_points() end },
    points_label,
    ui.button { label = "+1", element_label = "加一分", style = "secondary", on_tap = function()
      points = math.min(max, points + 1); show_points() end },
  }
  if k > 1 then
    buttons[#buttons + 1] = ui.button { label = f:t("prev_question"), style = "secondary", flex = 1,
                                        on_tap = function() score_one(f, items, k - 1, scores, on_finish) end }
  end
  buttons[#buttons + 1] = ui.button { label = k < #items and f:t("rubric_save_next") or f:t("rubric_save_finish"),
    flex = 2, on_tap = function()
      local list_ticked = {}
      for i in pairs(ticked) do list_ticked[#list_ticked + 1] = i end
      table.sort(list_ticked)
      scores[q.id] = { points = points, ticked = ticked }
      f.recorder:rubric(q.id, { points = points, scores = { key_points = list_ticked, of = #kps },
                                reviewer = "kiosk" })
      if k < #items then score_one(f, items, k + 1, scores, on_finish) else on_finish() end
    end }
  ui.root(screens.page(body, buttons))
end

function M.screen(f, result, done)
  f.no_idle = true
  local items = open_questions(f, result or {})
  if #items == 0 or not f.session then return done(false) end
  local scores = {}
  local function finish()
    local extra = {}
    for id, s in pairs(scores) do extra[id] = { points = s.points } end
    local final = exam.score_session(f.set, result.responses or {}, result.paper, extra)
    local answers = {}
    for id, s in pairs(scores) do answers[id] = { points = s.points } end
    local passed = final.passed -- nil while answers still waiting could change it
    f.recorder:rescore({ score = final.score, max_score = final.max_score, passed = passed,
                         reason = "interviewer rubric", answers = answers,
                         sections = final.sections, competencies = final.competencies })
    final.status, final.responses, final.paper = result.status, result.responses, result.paper
    f.last_result = final
    done(final)
  end
  -- Whoever waits at the kiosk: the screen goes back to the start after ten minutes.
  local function later() done(false) end
  ask_pin(f, function() score_one(f, items, 1, scores, finish) end, later)
  f.rubric_timer = kiosk.after(10 * 60 * 1000, function() if f.current then later() end end)
end

return M
