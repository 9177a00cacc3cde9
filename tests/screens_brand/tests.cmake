# Branding and the attract loop (issue 14), registered in a file of their
# own so they merge beside the other rooms' registrations (tests/*/tests.cmake
# is globbed in order: tests/flows, which defines qk_flow_test, comes first).
# The replays, apps and references live with the others in tests/flows,
# tests/widgets and tests/ref.

# The attract loop's timing, drift and the flow's slides: pure logic.
qk_lua_test(widgets_attract tests/widgets/attract_test.lua)

# A branded app's welcome screen,
# an attract slide, the quiz header and the result with its logo, at the
# four sizes (references); the header with large text on the small and the
# portrait screen; the bundled trade fair's loop after 60 s of the virtual
# clock, and a touch that returns to the welcome screen and starts nothing.
foreach(size 800x480 1280x800 1080x1920 3840x2160)
  qk_replay_test(flows_brand_${size} tests/flows/apps/brand tests/flows/brand.replay ${size}
    REF welcome=flows_brand_welcome_${size}.png attract=flows_brand_attract_${size}.png
        header=flows_brand_header_${size}.png result=flows_brand_result_${size}.png)
endforeach()
foreach(size 800x480 1080x1920)
  qk_replay_test(flows_brand_large_${size} tests/flows/apps/brand tests/flows/brand_large.replay ${size})
endforeach()
qk_flow_test(flows_attract_touch scripts/apps/trade_fair tests/flows/attract_touch.replay 1280x800
  "SELECT count(*) FROM sessions" "0")
# Attract slides that go wrong (a missing picture, a failing slides function):
# a line in the log, and the loop goes on with what it has.
qk_replay_test(flows_attract_bad tests/flows/apps/attract_bad tests/flows/attract_bad.replay 1280x800)
