# The standing reliability suite: power cuts during every bundled exam
# (powercut.sh) and a monkey on every bundled app (monkey.sh). Fixed seeds:
# a failure repeats with the seed the log prints. Longer runs: bench/.
#
# Power cuts: 50 kills in the release build (about 2 minutes). The ASan build
# runs 9 (three per exam): there every run is several times slower (the
# manager's typed answers alone take most of a minute), and what it adds
# over the release build is memory checking of the restart and resume paths,
# which a few kills already cover.
if(QK_SANITIZE)
  set(QK_POWERCUT_KILLS 9)
else()
  set(QK_POWERCUT_KILLS 50)
endif()
add_test(NAME reliability_powercut COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/reliability/powercut.sh $<TARGET_FILE:quizkiosk>
    $<TARGET_FILE:qk_faultfs> ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/powercut
    ${QK_POWERCUT_KILLS} 9)
set_tests_properties(reliability_powercut PROPERTIES TIMEOUT 900)

# Monkey: random events on every bundled app and the staff screen; 0 crashes
# and 0 sanitizer reports. Meant for the ASan+UBSan build (about 15 ms of CPU
# an event there: 2,500 events per app, 10,000 in all, take about 2.5
# minutes); the release build runs the same events in under half the time
# and catches what needs no sanitizer. The million-event run: bench/README.md.
add_executable(qk_monkey_gen tests/reliability/monkey_gen.c)
add_test(NAME reliability_monkey COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/reliability/monkey.sh $<TARGET_FILE:quizkiosk>
    $<TARGET_FILE:qk_monkey_gen> ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/monkey 2500 1)
set_tests_properties(reliability_monkey PROPERTIES TIMEOUT 1200)
