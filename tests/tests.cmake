# Tests of the runtime core, and the helpers every room uses to add its own.
# Rooms keep their registrations in tests/<room>/tests.cmake (included below).

# The Lua test loop both Lua test hosts share (lua_tests.h).
add_library(qk_lua_tests STATIC tests/lua_tests.c)
target_include_directories(qk_lua_tests PUBLIC tests)
target_link_libraries(qk_lua_tests PUBLIC qk_lua)

add_executable(qk_lua_runner tests/lua_runner.c)
target_link_libraries(qk_lua_runner PRIVATE qk_lua_tests qk_runtime)

add_executable(qk_imgdiff tests/imgdiff.c)
target_link_libraries(qk_imgdiff PRIVATE PkgConfig::SDL2 PkgConfig::SDL2_IMG)

set(QK_TEST_ENV
  "SDL_VIDEODRIVER=offscreen"
  "QUIZKIOSK_DATA=${CMAKE_CURRENT_SOURCE_DIR}"
  "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/tests/lsan.supp:print_suppressions=0"
  "ASAN_OPTIONS=detect_leaks=1"
  "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")

# qk_lua_test(NAME FILE): runs FILE's test* functions in the sandbox, with the
# kiosk library (scripts/) on the require path.
function(qk_lua_test name file)
  add_test(NAME ${name}
    COMMAND qk_lua_runner ${CMAKE_CURRENT_SOURCE_DIR}/${file} ${CMAKE_CURRENT_SOURCE_DIR}/scripts)
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 60)
endfunction()

# qk_replay_test(NAME APP_DIR REPLAY WxH [REF shot=reference.png ...]):
# drives APP_DIR headless from REPLAY; shots go to <build>/shots/NAME. Each
# REF pair compares a shot with a stored reference image.
# PIN: the staff PIN is set with `quizkiosk set-pin` on the fresh database
# first, as staff would on a new kiosk.
function(qk_replay_test name app replay size)
  cmake_parse_arguments(ARG "" "DB;PIN" "REF;EXTRA" ${ARGN})
  set(shots ${CMAKE_CURRENT_BINARY_DIR}/shots/${name})
  set(db ${CMAKE_CURRENT_BINARY_DIR}/dbs/${name}.db)
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV} "QK_TEST_PIN=${ARG_PIN}"
      ${CMAKE_CURRENT_SOURCE_DIR}/tests/run_replay.sh $<TARGET_FILE:quizkiosk> $<TARGET_FILE:qk_imgdiff>
      ${CMAKE_CURRENT_SOURCE_DIR}/${app} ${CMAKE_CURRENT_SOURCE_DIR}/${replay} ${size} ${shots} ${db}
      ${CMAKE_CURRENT_SOURCE_DIR} ${ARG_REF} -- ${ARG_EXTRA})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300) # long typed answers under ASan take a minute
endfunction()

file(GLOB QK_ROOM_TESTS ${CMAKE_CURRENT_SOURCE_DIR}/tests/*/tests.cmake)
foreach(f ${QK_ROOM_TESTS})
  include(${f})
endforeach()
