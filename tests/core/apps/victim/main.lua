-- escape.sh's first app: a candidate's finished session (1) and one cut
-- short (2), with a name and a phone, that no other app may reach.
local done = store.begin_session { exam = "v", content_hash = "h1" }
store.candidate(done, { name = "张伟", phone = "13800000000" })
store.answer(done, { question = "q1", response = "A", points = 1, max_points = 1, correct = true })
store.finish(done, { status = "completed", score = 1, max_score = 1, passed = true })
local open = store.begin_session { exam = "v", content_hash = "h1" }
store.candidate(open, { name = "李娜", phone = "13900000000" })
store.answer(open, { question = "q1", response = "B" })
store.checkpoint(open, { at = "q2" }, 60000)
store.set_setting("victim.colour", "blue")
-- Its own sessions and settings stay open to it.
assert(store.session(done).exam == "v" and store.answers(open).q1.response == "B")
assert(#store.sessions() == 2 and #store.events(done) >= 0)
assert(store.setting("victim.colour") == "blue" and store.setting("kiosk_id"))
local r = store.resumable()
assert(r and r.session_id == open and r.answers.q1 == "B", "own resumable session in full")
local msg = string.format("victim ready %d %d", done, open)
return { draw = function() gfx.clear("#ffffff"); gfx.text(msg, 40, 40, { size = 28 }) end }
