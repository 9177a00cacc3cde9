-- Customer-service manager interview. The candidate writes an answer to
-- each behavioural, situational and business question on the kiosk
-- (on-screen keyboard: pinyin, handwriting or Latin letters); the
-- interviewer then scores the answers on the reference answers' key points
-- behind the staff PIN. The candidate's result screen shows that the
-- answers await the interviewer; the final score goes to the results
-- database with the competency sub-scores.
local flow = require "kiosk.flow"

return flow.app {
  set = require "questions",
  mode = "recruitment",
  languages = { "zh", "en" },
  idle_timeout_s = 300,          -- writing takes thought: five minutes before "还在吗？"

  run = function(f)
    f:welcome { subtitle = { zh = "客服经理岗位 · 书面作答，约 60 分钟", en = "Customer-service manager · written answers, about an hour" } }
    f:form { fields = { "name", "phone" } }      -- the standard fields (kiosk/flow/screens.lua)
    f:consent {
      version = 1,
      text = {
        zh = "你的姓名、手机号和书面回答仅用于本次招聘评估，由招聘部门保存；面试官会查看你的回答并评分。招聘结束后六个月内删除个人信息。",
        en = "Your name, number and written answers are used only to assess this application and are kept by the recruiting team; the interviewer reads and scores your answers. Personal data is deleted within six months after recruiting ends.",
      },
    }
    f:instructions {
      text = {
        zh = "请结合你的真实经历作答，说明你的做法、结果和经验。每题回答会自动保存，可以返回修改。",
        en = "Answer from your own experience: what you did, how it ended, what you learned. Answers are saved as you type; you can go back and change them.",
      },
    }
    local result = f:quiz()
    f:result(result)          -- "N written answers await the interviewer"
    local final = f:rubric(result)
    if final then f:result(final) end
    f:thanks()
  end,
}
