-- kiosk.exam.modes.practice — learning: each answer is checked on request,
-- marked right or wrong, with the right answer and the explanation (解析).
-- (Capabilities: see kiosk/exam/modes/recruitment.lua.)
return {
  name = "practice",
  may_go_back = true,
  review = true,
  checks_each = true,
  shows_feedback = true,
  reveals_key = true,
  explains = true,
  shows_points_each = true,
}
