-- Customer-service specialist screening at a walk-in hiring desk.
-- A candidate registers, agrees to how the data is used, answers the
-- 13 questions in 20 minutes, and sees the score; HR reads the results
-- later (staff screen or `quizkiosk export`). The result never shows which
-- answers were right: this is a recruitment test.
local flow = require "kiosk.flow"

return flow.app {
  set = require "questions",
  mode = "recruitment",
  languages = { "zh", "en" },      -- 中文 / English on the welcome screen (the questions are in Chinese)
  idle_timeout_s = 120,            -- two minutes without a touch: "还在吗？"

  run = function(f)
    f:welcome {
      subtitle = { zh = "客户服务专员岗位 · 约 20 分钟", en = "Customer-service specialist · about 20 minutes" },
    }
    f:form { fields = { "name", "phone" } }      -- or { id =, label =, kind = } for fields of your own
    f:consent {
      version = 1,
      text = {
        zh = "你的姓名和手机号仅用于本次招聘联系，由招聘部门保存，不会用于其他用途。答题结果用于评估岗位匹配度。招聘结束后六个月内删除个人信息。",
        en = "Your name and number are used only to contact you about this job and are kept by the recruiting team. Your answers are used to assess the fit for the role. Personal data is deleted within six months after recruiting ends.",
      },
    }
    f:instructions {
      text = {
        zh = "请独立作答。单选题每题只有一个正确答案；多选题须全部选对才得分。可以返回修改答案，交卷前可检查。",
        en = "Answer on your own. Single choice: one right answer. Multiple choice: points only when every right option and no wrong one is chosen. You can go back and change answers before handing in.",
      },
    }
    local result = f:quiz()
    f:result(result)
    f:thanks()
  end,
}
