# The watchdog and the supervisor (issue 9, item 3): every freeze of a script
# that the in-process limits cannot stop ends in a restart, and the exam
# resumes on the same question. freeze.sh says what each test checks.
foreach(kind_path hang:watchdog crash:signal F6:watchdog F7:watchdog F8:either F9:either F10:either F11:either)
  string(REPLACE ":" ";" kp ${kind_path})
  list(GET kp 0 kind)
  list(GET kp 1 path)
  add_test(NAME watchdog_freeze_${kind} COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
    sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/watchdog/freeze.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}
       ${CMAKE_CURRENT_BINARY_DIR}/watchdog-test/${kind} ${kind} ${path})
  set_tests_properties(watchdog_freeze_${kind} PROPERTIES TIMEOUT 300) # the script's own limit is 120 s
endforeach()
