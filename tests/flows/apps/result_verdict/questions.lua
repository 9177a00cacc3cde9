-- A paper of nine questions, three per competency, the names in two
-- languages; pass mark 50 %. Shared by the result test apps (copied per app).
local exam = require "kiosk.exam"
local C = { { zh = "沟通", en = "Communication" }, { zh = "逻辑", en = "Reasoning" }, { zh = "服务", en = "Service" } }
local qs = {}
for i = 1, 9 do
  qs[i] = exam.single { id = "q" .. i, stem = { zh = "第" .. i .. "题：选 A", en = "Question " .. i .. ": pick A" },
                        options = { "A", "B" }, answer = "A", competencies = { C[(i - 1) % 3 + 1] } }
end
return exam.set { id = "result", title = { zh = "结果测试", en = "Result test" }, pass = 0.5,
  exam.section { id = "s", points = 1, table.unpack(qs) } }
