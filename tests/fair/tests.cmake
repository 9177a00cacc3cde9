# The trade fair's game (issue 15, fair-motion): the widget kit's motion
# toolkit as pure functions, the answer tiles' colours, and the question
# loop of the bundled trade fair driven end to end by replay.
qk_lua_test(fair_tween tests/fair/tween_test.lua)

# The whole question loop of the bundled trade fair (tour.sh says what it
# checks) at the three kiosk sizes the issue names, and at 4K for the
# reference images of each step (tests/ref/fair_<step>_<WxH>.png).
foreach(size 1280x800 1080x1920 800x480 3840x2160)
  add_test(NAME fair_tour_${size} COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
    sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/fair/tour.sh $<TARGET_FILE:quizkiosk> $<TARGET_FILE:qk_imgdiff>
       ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/fair-tour-${size} ${size})
  set_tests_properties(fair_tour_${size} PROPERTIES TIMEOUT 300)
endforeach()
qk_lua_test(fair_tiles tests/fair/tiles_test.lua)
