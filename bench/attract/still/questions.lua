-- The trade-fair quiz: eight quick questions about good service; each
-- visitor gets five of them in a shuffled order (the seed is recorded with
-- the session). Points for speed: a right answer earns between 500 and 1000
-- points — the faster, the more — plus +100 for each right answer in a row
-- after the first (at most +500). See kiosk.exam.scoring's "speed" rule.
local exam = require "kiosk.exam"
local single, truefalse = exam.single, exam.truefalse

return exam.set {
  id = "trade_fair",
  title = { zh = "服务达人快问快答", en = "Service pro quick quiz" },

  exam.section {
    id = "quick", title = { zh = "快问快答", en = "Quick quiz" },
    points = 1000, scoring = "speed", time_limit_s = 20,
    draw = 5, shuffle = true,

    single { id = "t1", competencies = { "服务意识" },
      stem = { zh = "客户打来电话时，第一句话最好说什么？", en = "What is the best first thing to say when a customer calls?" },
      options = { { zh = "“喂，什么事？”", en = "\"Yes, what is it?\"" },
                  { zh = "“您好，很高兴为您服务！”", en = "\"Hello, happy to help you!\"" },
                  { zh = "“请稍等。”", en = "\"Please hold.\"" } },
      answer = "B" },

    truefalse { id = "t2", competencies = { "服务规范" },
      stem = { zh = "“首问负责制”是指第一个接待客户的人负责到底。", en = "\"First contact responsibility\" means the first person the customer reaches sees the matter through." },
      answer = true },

    single { id = "t3", competencies = { "沟通能力" },
      stem = { zh = "客户情绪激动时，最先应该做什么？", en = "A customer is upset. What comes first?" },
      options = { { zh = "讲清公司规定", en = "Explain the rules" },
                  { zh = "倾听并表示理解", en = "Listen and show you understand" },
                  { zh = "转给主管", en = "Pass them to a manager" },
                  { zh = "请客户冷静", en = "Ask them to calm down" } },
      answer = "B" },

    truefalse { id = "t4", competencies = { "合规意识" },
      stem = { zh = "为了方便，可以把客户的病历信息发到同事群里讨论。", en = "To save time, a customer's medical details may be discussed in a team chat." },
      answer = false },

    single { id = "t5", competencies = { "服务意识" },
      stem = { zh = "CSAT 衡量的是什么？", en = "What does CSAT measure?" },
      options = { { zh = "客户满意度", en = "Customer satisfaction" },
                  { zh = "通话时长", en = "Call length" },
                  { zh = "销售额", en = "Sales" } },
      answer = "A" },

    single { id = "t6", competencies = { "问题解决" },
      stem = { zh = "遇到复杂技术问题，客服应该怎么做？", en = "A complex technical problem comes in. What should the agent do?" },
      options = { { zh = "马上承诺解决时间", en = "Promise a fix time at once" },
                  { zh = "评估后分步骤沟通方案", en = "Assess, then explain the solution step by step" },
                  { zh = "只发一份通用指南", en = "Send a generic guide only" } },
      answer = "B" },

    truefalse { id = "t7", competencies = { "沟通能力" },
      stem = { zh = "对所有问题都承诺“100%解决”是好的沟通技巧。", en = "Promising \"100% solved\" for every problem is good communication." },
      answer = false },

    single { id = "t8", competencies = { "协作能力" },
      stem = { zh = "跨部门协作时，最好的进度同步方式是？", en = "Working with other teams, how is progress best shared?" },
      options = { { zh = "口头转告", en = "Word of mouth" },
                  { zh = "内部协作系统实时更新", en = "Live updates in the shared system" },
                  { zh = "等问题升级再说", en = "Wait until it escalates" } },
      answer = "B" },
  },
}
