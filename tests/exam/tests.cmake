# The exam model (kiosk.exam.session) and the recorder, as Lua unit tests
# with a fake clock: milliseconds, no process, no screen, no database.
qk_lua_test(exam_session tests/exam/session_test.lua)
qk_lua_test(exam_recorder tests/exam/recorder_test.lua)
qk_lua_test(exam_bank tests/exam/bank_test.lua)
