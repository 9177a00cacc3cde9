-- form/main.lua: a registration form with checks of the app's own, one per
-- answer a check may give (the contract in kiosk/flow/screens.lua and the README).
local flow = require "kiosk.flow"
local exam = require "kiosk.exam"

return flow.app {
  set = exam.set { id = "form", title = "登记测试",
    exam.section { id = "s", points = 1,
      exam.single { id = "a", stem = "1 + 1 = ?", options = { "1", "2" }, answer = "B" },
    },
  },
  run = function(f)
    f:welcome {}
    f:form { fields = {
      -- a message: invalid, and the message is what the candidate reads
      { id = "badge", label = "工号", kind = "digits",
        check = function(v) if #v ~= 6 then return { zh = "工号是 6 位数字", en = "6 digits" } end return true end },
      -- false: invalid with the standard message
      { id = "code", label = "邀请码", check = function(v) return v == "ok" end },
      { id = "note", label = "备注", required = false },
    } }
    f:thanks { seconds = 0 }
  end,
}
