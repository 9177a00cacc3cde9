-- bench/frames: a long explanation in a scroll view, as a result screen's
-- review shows it (the issue measured scrolling one). The text is the seed's
-- ten questions with their options, several times over: about 4,000
-- characters in one label.
local ui = require "kiosk.ui"

local qs = {
  "根据2026年客户服务行业规范，以下哪项不属于客户服务专员的核心职责？处理客户投诉并达成解决方案；定期向客户发送营销推广信息；收集客户反馈并优化服务流程；协助销售团队完成业绩指标。",
  "2026年客户服务规范强调“首问负责制”，以下哪项最能体现该原则？将客户问题转交给其他部门后不再跟进；无论问题复杂与否，均由受理人全程负责；仅在客户情绪激动时才提供重点服务。",
  "针对地域差异（如方言问题），2026年客户服务专员应采取哪种策略？仅服务普通话客户以简化流程；使用方言工具辅助沟通，但优先推荐普通话；要求客户必须使用标准普通话。",
  "根据2026年行业数据，客户满意度提升的关键因素中，以下哪项权重最高？问题解决速度、服务人员专业度、客户等待时长、服务态度亲和力。",
  "客户服务专员在记录服务日志时，以下哪项最符合规范？仅记录客户投诉内容；详细记录沟通过程及解决方案；删除敏感客户信息后记录；使用非正式语言描述事件。",
}
local parts = {}
for round = 1, 6 do
  for i, q in ipairs(qs) do parts[#parts + 1] = ("%d.%d %s"):format(round, i, q) end
end

ui.root(ui.column { padding = "l", gap = "m",
  ui.label { text = "答案解析", size = "heading", bold = true },
  ui.scroll { flex = 1,
    ui.label { text = table.concat(parts, "\n") },
  },
})

return ui.app()
