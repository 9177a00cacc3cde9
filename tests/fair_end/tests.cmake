# The trade fair's end (issue 15, items 3, 6, 7, 8): the podium of the day,
# the nickname limit and filter, the attract loop fed with the day's top
# three, the game's thanks texts. Replays and references live here.

# The nickname filter: normalising, matching, innocent names (pure logic).
qk_lua_test(fair_end_nickname tests/fair_end/nickname_test.lua)

# The podium of the day after a whole game (the visitor 1st, and 7th, with
# yesterday's best left off), the game's thanks; the nickname refused and
# then accepted; the attract loop with the day's top three after 60 s of
# the virtual clock; each compared with its reference at the four sizes.
foreach(size 800x480 1280x800 1080x1920 3840x2160)
  foreach(case first seventh)
    add_test(NAME fair_end_podium_${case}_${size} COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
      sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/fair_end/podium.sh $<TARGET_FILE:quizkiosk> $<TARGET_FILE:qk_imgdiff>
         ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/fair-end-podium-${case}-${size} ${size} ${case} ref)
    set_tests_properties(fair_end_podium_${case}_${size} PROPERTIES TIMEOUT 300)
  endforeach()
  qk_replay_test(fair_end_nickname_${size} scripts/apps/trade_fair tests/fair_end/nickname.replay ${size}
    REF refusal=fair_end_nickname_${size}.png)
  add_test(NAME fair_end_attract_${size} COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
    sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/fair_end/attract.sh $<TARGET_FILE:quizkiosk> $<TARGET_FILE:qk_imgdiff>
       ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/fair-end-attract-${size} ${size} ref)
  set_tests_properties(fair_end_attract_${size} PROPERTIES TIMEOUT 300)
endforeach()

# The podium's motion timeline and the day it counts from (pure logic),
# in two time zones.
qk_lua_test(fair_end_podium_motion tests/fair_end/podium_test.lua)
qk_lua_test(fair_end_podium_motion_ny tests/fair_end/podium_test.lua)
set_tests_properties(fair_end_podium_motion PROPERTIES ENVIRONMENT "${QK_TEST_ENV};TZ=Asia/Shanghai")
set_tests_properties(fair_end_podium_motion_ny PROPERTIES ENVIRONMENT "${QK_TEST_ENV};TZ=America/New_York")

# With large text at 800x480 the podium's words give way, "继续" stays on screen.
add_test(NAME fair_end_podium_large_800x480 COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/fair_end/podium.sh $<TARGET_FILE:quizkiosk> $<TARGET_FILE:qk_imgdiff>
     ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/fair-end-podium-large 800x480 first large)
set_tests_properties(fair_end_podium_large_800x480 PROPERTIES TIMEOUT 300)
