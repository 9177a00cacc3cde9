-- kiosk.exam.modes.trade_fair — a quick game at a stand: the first tap is
-- the answer, faster answers earn more (the speed rule), right answers in a
-- row earn a streak, right or wrong shows at once and the next question
-- follows by itself; 20 seconds a question unless the set says otherwise.
-- The rhythm (kiosk.flow.fair draws it): each question alone for a 3-2-1
-- lead-in, then its answer tiles and its clock; after the answer the
-- reveal, then the top five and the player's place, then the next question.
-- (Capabilities: see kiosk/exam/modes/recruitment.lua.)
return {
  name = "trade_fair",
  answers_on_first_tap = true,
  may_go_back = false,
  review = false,
  shows_feedback = true,
  reveals_key = true,
  question_clock_s = 20,
  lead_in_s = 3,
  feedback_ms = 3000,
  board_ms = 4000,
  streaks = true,
  option_style = "tiles",
}
