# The trade fair's game (issue 15, fair-motion): the widget kit's motion
# toolkit as pure functions, the answer tiles' colours, and the question
# loop of the bundled trade fair driven end to end by replay.
qk_lua_test(fair_tween tests/fair/tween_test.lua)
