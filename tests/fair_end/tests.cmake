# The trade fair's end (issue 15, items 3, 6, 7, 8): the podium of the day,
# the nickname limit and filter, the attract loop fed with the day's top
# three, the game's thanks texts. Replays and references live here.

# The nickname filter: normalising, matching, innocent names (pure logic).
qk_lua_test(fair_end_nickname tests/fair_end/nickname_test.lua)
