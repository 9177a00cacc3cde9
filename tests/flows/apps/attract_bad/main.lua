-- attract_bad/main.lua: an app whose attract slides go wrong (issue 14's
-- "bad input gets a clear message and the kiosk keeps running"): the first
-- round's own slide names a picture that is not there, the second round's
-- slides function raises an error. The loop goes on with what it has.
local flow = require "kiosk.flow"
local rounds = 0
return flow.app {
  set = false,
  attract = { after_s = 1, slides = function()
    rounds = rounds + 1
    if rounds == 1 then return { { title = "没有图片的幻灯片", image = "missing.png" } } end
    error("the day's top three are not ready")
  end },
  run = function(f)
    f:welcome { title = "坏幻灯片测试" }
    f:message { title = "开始了", seconds = 0 }
  end,
}
