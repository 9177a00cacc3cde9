# Exam flows and bundled apps: scoring and loader unit tests, and every
# bundled exam driven end to end by replay (all right, all wrong, a mix, an
# idle abandonment, a time-out) with the score on the result screen checked
# and the stored session checked in the database afterwards.
qk_lua_test(flows_exam tests/flows/exam_test.lua)
qk_lua_test(flows_question_screen tests/flows/question_screen_test.lua)

# qk_flow_test(NAME APP REPLAY WxH [SQL EXPECTED]): the replay, then (if
# given) the database the replay left must answer SQL with EXPECTED. The
# staff PIN is 2468 (set with `quizkiosk set-pin`, as on a real kiosk),
# except in the tests named *_nopin.
function(qk_flow_test name app replay size)
  set(pin 2468)
  if(name MATCHES "_nopin$")
    set(pin "")
  endif()
  qk_replay_test(${name} ${app} ${replay} ${size} PIN "${pin}")
  # Fixed wall clock: the shuffle seed (and so the paper) is the same every run.
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "QUIZKIOSK_WALL_START_MS=1795000000000"
    FIXTURES_SETUP ${name}_db)
  if(ARGC GREATER 5)
    add_test(NAME ${name}_db COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/flows/check_db.sh
      ${CMAKE_CURRENT_BINARY_DIR}/dbs/${name}.db "${ARGV4}" "${ARGV5}")
    set_tests_properties(${name}_db PROPERTIES FIXTURES_REQUIRED ${name}_db TIMEOUT 30)
  endif()
endfunction()

set(S scripts/apps/cs_specialist)
set(Q "SELECT status, score, max_score, passed, (SELECT count(*) FROM answers) FROM sessions")
qk_flow_test(flows_specialist_correct ${S} tests/flows/specialist_correct.replay 1280x800 "${Q}" "completed|29.0|29.0|1|13")
qk_flow_test(flows_specialist_wrong ${S} tests/flows/specialist_wrong.replay 1080x1920 "${Q}" "completed|0.0|29.0|0|13")
qk_flow_test(flows_specialist_mix ${S} tests/flows/specialist_mix.replay 1920x1080 "${Q}" "completed|16.0|29.0|0|13")
qk_flow_test(flows_specialist_idle ${S} tests/flows/specialist_idle.replay 800x480 "${Q}" "abandoned||||2")
qk_flow_test(flows_specialist_timeout ${S} tests/flows/specialist_timeout.replay 1280x800 "${Q}" "timed_out|4.0|29.0|0|2")

set(M scripts/apps/cs_manager)
qk_flow_test(flows_manager_correct ${M} tests/flows/manager_correct.replay 1280x800
  "SELECT status, score, max_score, passed, (SELECT count(*) FROM rubric_scores) FROM sessions" "completed|95.0|95.0|1|10")
qk_flow_test(flows_manager_wrong ${M} tests/flows/manager_wrong.replay 1080x1920
  "SELECT status, score, max_score, passed FROM sessions" "completed|0.0|95.0|0")
qk_flow_test(flows_manager_mix ${M} tests/flows/manager_mix.replay 1280x800
  "SELECT status, score, max_score, passed FROM sessions" "completed|53.0|95.0|0")
qk_flow_test(flows_manager_nopin ${M} tests/flows/manager_nopin.replay 1280x800
  "SELECT status, score, (SELECT count(*) FROM settings WHERE key LIKE 'pin.%') FROM sessions" "completed|0.0|0")
# At 800x480 the rubric's message is scrolled into view above the keyboard.
qk_flow_test(flows_manager_small_nopin ${M} tests/flows/manager_nopin.replay 800x480)
qk_flow_test(flows_manager_idle ${M} tests/flows/manager_idle.replay 1280x800
  "SELECT status, (SELECT count(*) FROM answers) FROM sessions" "abandoned|1")
qk_flow_test(flows_manager_timeout ${M} tests/flows/manager_timeout.replay 1280x800
  "SELECT status, (SELECT count(*) FROM answers) FROM sessions" "timed_out|2")

set(F scripts/apps/trade_fair)
set(QF "SELECT status, score FROM sessions ORDER BY id")
qk_flow_test(flows_fair_correct ${F} tests/flows/fair_correct.replay 1280x800 "${QF}" "completed|5995.0")
qk_flow_test(flows_fair_wrong ${F} tests/flows/fair_wrong.replay 1080x1920 "${QF}" "completed|0.0")
qk_flow_test(flows_fair_mix ${F} tests/flows/fair_mix.replay 1280x800 "${QF}" "completed|2722.0")
qk_flow_test(flows_fair_idle ${F} tests/flows/fair_idle.replay 1280x800 "${QF}" "abandoned|")
qk_flow_test(flows_fair_timeout ${F} tests/flows/fair_timeout.replay 800x480 "${QF}" "completed|0.0")

qk_flow_test(flows_demo scripts/apps/demo tests/flows/demo.replay 1280x800)

# rescore and replay-session on a stored session (tools.sh says what it checks).
add_test(NAME flows_tools COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/flows/tools.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}
     ${CMAKE_CURRENT_BINARY_DIR}/tools-test)
set_tests_properties(flows_tools PROPERTIES TIMEOUT 300)

# Power-cut safety: SIGKILL at many points of an exam, then integrity,
# every answer kept, resume within the window, interrupted after it.
add_test(NAME flows_crash COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/flows/crash.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}
     ${CMAKE_CURRENT_BINARY_DIR}/crash-test)
set_tests_properties(flows_crash PROPERTIES TIMEOUT 300)

# Practice mode explains each answer (the README's example quiz).
qk_flow_test(flows_practice tests/flows/apps/practice tests/flows/practice.replay 1280x800
  "SELECT status, score, passed FROM sessions" "completed|4.0|1")
qk_flow_test(flows_strict_abandon tests/flows/apps/strict tests/flows/strict_abandon.replay 1280x800
  "SELECT status, score IS NULL, (SELECT count(*) FROM answers) FROM sessions" "timed_out|1|2")
# A malformed question set: every problem on the error screen, kiosk running.
qk_replay_test(flows_broken_set tests/flows/apps/broken_set tests/flows/broken_set.replay 1280x800)
# The demo's first screen, compared with reference images (looked at before storing).
qk_replay_test(flows_demo_landscape scripts/apps/demo tests/flows/demo_look.replay 1280x800
  REF demo=flows_demo_1280x800.png)
qk_replay_test(flows_demo_portrait scripts/apps/demo tests/flows/demo_look.replay 1080x1920
  REF demo=flows_demo_1080x1920.png)
qk_flow_test(flows_grace_review tests/flows/apps/grace tests/flows/grace_review.replay 1280x800
  "SELECT status, score FROM sessions" "timed_out|10.0")
# The visitor's rank however far down the board (store.rank).
add_test(NAME flows_fair_rank COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/flows/fair_rank.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}
     ${CMAKE_CURRENT_BINARY_DIR}/fair-rank-test)
set_tests_properties(flows_fair_rank PROPERTIES TIMEOUT 120)

# The question screens at the four sizes, compared with reference images
# (issue 14's layout rule): the specialist's single and multiple choice and
# review page, the manager's written answer while typing. The replays also
# expect the header, the stem and every option to be wholly visible.
foreach(size 800x480 1280x800 1080x1920 3840x2160)
  qk_replay_test(flows_question_look_specialist_${size} ${S} tests/flows/question_look_specialist.replay ${size}
    REF single=flows_question_single_${size}.png multiple=flows_question_multiple_${size}.png
        review=flows_question_review_${size}.png)
  qk_replay_test(flows_question_look_manager_${size} scripts/apps/cs_manager tests/flows/question_look_manager.replay ${size}
    REF typing=flows_question_typing_${size}.png)
  set_tests_properties(flows_question_look_specialist_${size} flows_question_look_manager_${size}
    PROPERTIES ENVIRONMENT "QUIZKIOSK_WALL_START_MS=1795000000000")
endforeach()
# Practice's marks after a wrong pick, at the four sizes.
foreach(size 800x480 1280x800 1080x1920 3840x2160)
  qk_replay_test(flows_practice_look_${size} tests/flows/apps/practice tests/flows/practice_look.replay ${size}
    REF explained=flows_practice_explained_${size}.png)
endforeach()
# One clocked section between two untimed ones: only it goes forward only.
qk_replay_test(flows_sections tests/flows/apps/sections tests/flows/sections.replay 1280x800)
# 800x480, keyboard up: the folded stem unfolds on a tap and folds again.
qk_replay_test(flows_question_fold scripts/apps/cs_manager tests/flows/question_fold.replay 800x480)
# Registration form (issue 14): labels stay once a field has a value, errors
# sit under the failing field and scroll into view; the look at four sizes.
foreach(size 800x480 1280x800 1080x1920 3840x2160)
  qk_replay_test(flows_form_${size} ${S} tests/flows/form.replay ${size} REF form_invalid=flows_form_${size}.png)
endforeach()
# A form field's check: a message means invalid with that message, false the standard one.
qk_flow_test(flows_form_checks tests/flows/apps/form tests/flows/form_checks.replay 800x480
  "SELECT group_concat(field || '=' || value, ',') FROM (SELECT * FROM candidates ORDER BY field)" "badge=123456,code=ok,note=")

# Result screen (issue 14): an English candidate sees the competencies named
# in English on a radar whose labels keep clear of its points (four sizes,
# references); what the screen shows is the exam's choice (show_result).
foreach(size 800x480 1280x800 1080x1920 3840x2160)
  qk_replay_test(flows_result_en_${size} tests/flows/apps/result tests/flows/result_en.replay ${size}
    REF result=flows_result_${size}.png)
endforeach()
qk_flow_test(flows_result_verdict tests/flows/apps/result_verdict tests/flows/result_verdict.replay 1280x800
  "SELECT status, score, passed FROM sessions" "completed|6.0|1")
qk_flow_test(flows_result_thanks tests/flows/apps/result_thanks tests/flows/result_thanks.replay 1280x800)

# The script error screen in full-screen kiosk mode: calm, no traceback.
add_test(NAME flows_calm_error COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  sh -c "rm -f \"$1\" && exec \"$0\" \"$2\" --headless --fullscreen --replay \"$3\" --db \"$1\""
  $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_BINARY_DIR}/dbs/flows_calm_error.db
  ${CMAKE_CURRENT_SOURCE_DIR}/tests/core/apps/faults ${CMAKE_CURRENT_SOURCE_DIR}/tests/flows/calm_error.replay)
set_tests_properties(flows_calm_error PROPERTIES TIMEOUT 120)

# The welcome screen's 大字 / 高对比 switches and the help button (issue 14).
foreach(size 800x480 1280x800 1080x1920 3840x2160)
  qk_replay_test(flows_welcome_access_${size} ${S} tests/flows/welcome_access.replay ${size}
    REF welcome_access=flows_welcome_access_${size}.png)
endforeach()
