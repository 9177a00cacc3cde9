-- broken_set/main.lua: an app whose question set does not load.
local flow = require "kiosk.flow"

return flow.app {
  set = require "questions",
  run = function(f) f:welcome {} end,
}
