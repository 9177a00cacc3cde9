-- Three questions, five minutes, pass mark 50 %.
local exam = require "kiosk.exam"
local qs = {}
for i = 1, 3 do
  qs[i] = exam.single { id = "q" .. i, stem = { zh = "第" .. i .. "题：选 A", en = "Question " .. i .. ": pick A" },
                        options = { "A", "B" }, answer = "A" }
end
return exam.set { id = "brand", title = { zh = "服务之星测评", en = "Service star check" }, pass = 0.5,
  time_limit_s = 300, exam.section { id = "s", points = 1, table.unpack(qs) } }
