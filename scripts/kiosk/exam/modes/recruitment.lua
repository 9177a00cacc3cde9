-- kiosk.exam.modes.recruitment — a screening test: answers are saved as
-- given and never marked right or wrong on screen; the candidate may go
-- back and change them, and a review page comes before handing in.
-- Every mode is a table of these capabilities (a missing one is false/nil):
--   answers_on_first_tap  a tap on an option of a one-tap type (single,
--                         true/false) is the final answer, scored for speed
--   may_go_back           the candidate may go back to an earlier question
--   review                a review page before handing in (f:quiz{ review = } overrides)
--   checks_each           a "check" button shows right or wrong before going on
--   shows_feedback        right or wrong is shown after an answer
--   reveals_key           the right answer is shown when the answer was wrong
--   explains              the question's explanation (解析) is shown with the feedback
--   question_clock_s      a clock on every question (else only where the set gives one)
--   lead_in_s             first-tap questions show alone this long (3-2-1) before their
--                         answers open; their clock starts then (the session's opens_at)
--   feedback_ms           first-tap feedback goes on by itself after this long
--   board_ms              then the top five and the player's place this long (kiosk.flow.fair)
--   streaks               right answers in a row are shown (first-tap modes)
--   shows_points_each     the header says how many points a question is worth
--   option_style          how options look ("tiles": big coloured blocks)
--   result_note           a strings key shown under the result (nil: none)
return {
  name = "recruitment",
  may_go_back = true,
  review = true,
  shows_points_each = true,
  result_note = "recruitment_result",
}
