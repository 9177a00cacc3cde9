# Widget kit: behaviour driven by replay, and the question screen's look.
foreach(r buttons multi keyboard scroll countdown dialog)
  qk_replay_test(widgets_${r} tests/widgets/apps/kit tests/widgets/${r}.replay 1280x800)
endforeach()

qk_replay_test(widgets_question_landscape tests/widgets/apps/question tests/widgets/question.replay 1920x1080
  REF q=widgets_question_1920x1080.png)
qk_replay_test(widgets_question_portrait tests/widgets/apps/question tests/widgets/question.replay 1080x1920
  REF q=widgets_question_1080x1920.png)
qk_replay_test(widgets_question_small tests/widgets/apps/question tests/widgets/question.replay 800x480
  REF q=widgets_question_800x480.png)

qk_lua_test(widgets_theme tests/widgets/theme_test.lua)

# Partial redraws (only the changed region, software renderer) draw the same
# pixels as whole ones: small changes on the question screen, and scrolling.
foreach(size 1280x800 1080x1920 800x480)
  add_test(NAME widgets_partial_redraw_${size} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tests/widgets/partial_redraw.sh
    $<TARGET_FILE:quizkiosk> $<TARGET_FILE:qk_imgdiff> ${CMAKE_CURRENT_SOURCE_DIR}/tests/widgets/apps/question
    ${CMAKE_CURRENT_SOURCE_DIR}/tests/widgets/redraw.replay ${size} ${CMAKE_CURRENT_BINARY_DIR}/redraw_${size} pressed q)
  set_tests_properties(widgets_partial_redraw_${size} PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 120)
endforeach()
add_test(NAME widgets_partial_redraw_scroll COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tests/widgets/partial_redraw.sh
  $<TARGET_FILE:quizkiosk> $<TARGET_FILE:qk_imgdiff> ${CMAKE_CURRENT_SOURCE_DIR}/bench/frames/explain
  ${CMAKE_CURRENT_SOURCE_DIR}/tests/widgets/redraw_scroll.replay 1920x1080 ${CMAKE_CURRENT_BINARY_DIR}/redraw_scroll
  dragged glided)
set_tests_properties(widgets_partial_redraw_scroll PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 120)

# Rounded boxes, outlines, rings and arcs drawn at every radius (issue 14:
# outlines vanished at radii 12-13 and 40-41 px), read back from the pixels.
add_executable(qk_shapes_test tests/widgets/shapes_test.c)
target_link_libraries(qk_shapes_test PRIVATE qk_runtime qk_platform PkgConfig::SDL2_IMG) # reads its shots with SDL2_image (the program loads it as a module)
add_test(NAME widgets_shapes COMMAND qk_shapes_test)
set_tests_properties(widgets_shapes PROPERTIES ENVIRONMENT "${QK_TEST_ENV}")

# `expect` tells the truth about visibility: lines cut by a scroll's edge
# or under a dialog do not count as shown (issue 14).
foreach(size 1280x800 800x480)
  qk_replay_test(widgets_visibility_${size} tests/widgets/apps/visibility tests/widgets/visibility.replay ${size})
endforeach()

qk_lua_test(widgets_contrast tests/widgets/contrast_test.lua)

# The clock: m:ss, digits that fit the ring (also with large text), banners at
# 5 and 1 minutes, countdown sentences from the live number; four sizes.
foreach(size 800x480 1280x800 1080x1920 3840x2160)
  qk_replay_test(widgets_clock_${size} tests/widgets/apps/clock tests/widgets/clock.replay ${size}
    REF clock_large=widgets_clock_${size}.png)
endforeach()

# An English candidate's keyboard: letters first, English words on the keys.
foreach(size 800x480 1280x800 1080x1920 3840x2160)
  qk_replay_test(widgets_keyboard_en_${size} scripts/apps/cs_specialist tests/widgets/keyboard_en.replay ${size}
    REF keyboard_en=widgets_keyboard_en_${size}.png)
endforeach()

# Handwriting ink: a stroke is one continuous line with round joins and caps,
# no white wedge where it turns (issue 14), read back from the pixels.
add_executable(qk_stroke_test tests/widgets/stroke_test.c)
target_link_libraries(qk_stroke_test PRIVATE qk_runtime qk_platform PkgConfig::SDL2_IMG) # reads its shots with SDL2_image (the program loads it as a module)
add_test(NAME widgets_stroke COMMAND qk_stroke_test)
set_tests_properties(widgets_stroke PROPERTIES ENVIRONMENT "${QK_TEST_ENV}")
# ...and on the handwriting pad at the four sizes: 人 written in curved
# strokes, compared with reference images (the ink's width follows the pad).
if(TARGET qk_ime)
  foreach(size 800x480 1280x800 1080x1920 3840x2160)
    qk_replay_test(widgets_ink_${size} tests/ime/apps/ime tests/widgets/ink_${size}.replay ${size}
      REF ink=widgets_ink_${size}.png)
  endforeach()
endif()

# The text field's editing logic: the caret by character (Chinese, emoji,
# combining marks), insert and ⌫ at the caret, bounds, max_len, wrapping.
qk_lua_test(widgets_text_edit tests/widgets/text_edit_test.lua)

# The caret (issue 14): a text area keeps the caret's line in view (Up, Down,
# Home, End, a tap at a character); in the manager's written answer 你好世界
# typed with pinyin, ◀ ◀, X from the latin keys: the field and the counter
# agree. The keyboards with their cursor keys (pinyin with a composition
# open, latin) at the four sizes, compared with reference images.
qk_replay_test(widgets_area tests/widgets/apps/area tests/widgets/area.replay 1280x800)
if(TARGET qk_ime)
  foreach(size 800x480 1280x800 1080x1920 3840x2160)
    qk_replay_test(widgets_caret_${size} scripts/apps/cs_manager tests/widgets/caret.replay ${size}
      REF caret_pinyin=widgets_caret_pinyin_${size}.png caret_latin=widgets_caret_latin_${size}.png)
    set_tests_properties(widgets_caret_${size} PROPERTIES ENVIRONMENT "QUIZKIOSK_WALL_START_MS=1795000000000")
  endforeach()
endif()
