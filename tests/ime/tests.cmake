# Chinese input (runtime/ime, kiosk.ui pinyin and handwriting layouts).
# Only when the runtime was built with the engines (qk_ime).
if(TARGET qk_ime)
  # The engines in C: pinyin composition and handwriting strokes (tests/ime/strokes).
  add_executable(qk_ime_test tests/ime/ime_test.c)
  target_link_libraries(qk_ime_test PRIVATE qk_ime_engines)
  add_test(NAME ime_engines COMMAND qk_ime_test ${CMAKE_CURRENT_SOURCE_DIR}/tests/ime/strokes)
  set_tests_properties(ime_engines PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 60)

  # The keyboard layouts, driven by replay.
  foreach(r pinyin_full pinyin_edit pinyin_paging handwriting_landscape)
    qk_replay_test(ime_${r} tests/ime/apps/ime tests/ime/${r}.replay 1280x800)
  endforeach()
  qk_replay_test(ime_handwriting_portrait tests/ime/apps/ime tests/ime/handwriting_portrait.replay 1080x1920)
  qk_replay_test(ime_pinyin_portrait tests/ime/apps/ime tests/ime/pinyin_full.replay 1080x1920)

  # One engine per process, reset per candidate: what the first person's
  # learning keyboard learnt is gone from the next person's (new VM) list.
  qk_replay_test(ime_reset tests/ime/apps/ime_reset tests/ime/reset.replay 1280x800)

  # The engines are a module mapped only once a keyboard needs it, and a
  # program without the module keeps the keyboard's letters.
  add_test(NAME ime_module COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tests/ime/module.sh $<TARGET_FILE:quizkiosk>
    ${CMAKE_CURRENT_SOURCE_DIR})
  set_tests_properties(ime_module PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 120)

  # Missing engine data: the keyboard falls back to the layouts that work.
  qk_replay_test(ime_fallback tests/ime/apps/ime tests/ime/fallback.replay 1280x800)
  set_tests_properties(ime_fallback PROPERTIES ENVIRONMENT
    "QUIZKIOSK_PINYIN_DATA=${CMAKE_CURRENT_BINARY_DIR}/no-such-pinyin-data;QUIZKIOSK_ZINNIA_MODEL=${CMAKE_CURRENT_BINARY_DIR}/no-such-zinnia-model")
endif()

# The fleet (libpq), the Excel export and the importers (zip, XML) are
# modules too (runtime/base/module.h): none is mapped at a plain kiosk's
# first frame, a configured sync server loads the fleet's, and a program
# without them runs, says why, and fails only the commands that need them.
add_test(NAME ime_lazy_libs COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tests/ime/lazy_libs.sh $<TARGET_FILE:quizkiosk>
  ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(ime_lazy_libs PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 180)
