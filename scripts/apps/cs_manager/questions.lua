-- 2026年客服经理面试题及答案参考 — the interview as the seed document
-- (seeds/003_658b3886696286a8.txt) writes it: every question's stem, the
-- competencies it tests (考察) and its reference answer (答案解析), word for
-- word, with the points of its part (8, 10, 15).
--
-- The candidate answers each question in writing at the kiosk; an
-- interviewer scores the answers afterwards on a rubric of the reference
-- answer's key points (the PIN-guarded scoring screen). Key points are the
-- reference answer's numbered items and its 结果/经验/案例 lines; keywords
-- (the item headings) only suggest a score to the interviewer.
--
-- Part 3 (业务能力题, 3 questions, 15 points each): the document is cut off
-- in the reference answer of question 1 (after "-应"), and questions 2 and 3
-- are missing. Question 1 is kept — its stem, competencies and the first part
-- of its reference answer are complete — with its reference as far as the
-- document goes; questions 2 and 3 are left out. So the interview holds
-- 5 × 8 + 4 × 10 + 1 × 15 = 95 points.
local exam = require "kiosk.exam"

return exam.set {
  id = "cs_manager",
  title = { zh = "客服经理面试", en = "Customer-service manager interview" },
  pass = 0.6,
  time_limit_s = 60 * 60,
  on_expiry = "grace", grace_s = 60,   -- an hour, then one more minute to hand in

  exam.section {
    id = "behavioural", title = { zh = "一、行为面试题", en = "Part 1: behavioural questions" }, points = 8, scoring = "rubric",
    instructions = "一、行为面试题(共5题,每题8分,总分40分)",

    exam.open { id = "b1",
      stem = "1.请描述一次你作为客服负责人,处理过最棘手的客户投诉事件。你采取了哪些措施?最终结果如何?从中获得了哪些经验?",
      competencies = { "问题解决能力", "领导力", "沟通技巧" },
      reference = "-措施:\n1.快速响应:第一时间安抚客户情绪,承诺48小时内给出解决方案;\n2.跨部门协作:调动技术、产品、法务团队共同分析问题;\n3.透明沟通:定期向客户更新进展,避免信息不对称;\n4.补偿方案:根据客户损失提供超出预期的补偿(如延长保修+服务费减免)。\n-结果:客户投诉从升级状态转为满意,并成为品牌推荐人;\n-经验:投诉处理需“快、准、稳”,团队协作比个人能力更重要。",
      key_points = {
        "快速响应:第一时间安抚客户情绪,承诺48小时内给出解决方案;",
        "跨部门协作:调动技术、产品、法务团队共同分析问题;",
        "透明沟通:定期向客户更新进展,避免信息不对称;",
        "补偿方案:根据客户损失提供超出预期的补偿(如延长保修+服务费减免)。",
        "结果:客户投诉从升级状态转为满意,并成为品牌推荐人;",
        "经验:投诉处理需“快、准、稳”,团队协作比个人能力更重要。",
      },
      keywords = { "快速响应", "跨部门协作", "透明沟通", "补偿方案" },
    },

    exam.open { id = "b2",
      stem = "2.当客服团队内部出现意见分歧时(如服务标准、流程优化),你如何协调?请举例说明。",
      competencies = { "团队管理", "冲突解决能力" },
      reference = "-协调方法:\n1.倾听各方观点:避免主观评判,先让团队充分表达;\n2.数据支撑决策:用客诉率、客户满意度等数据对比优劣方案;\n3.试点验证:对争议较大的方案先在小组内试运行,再推广。\n-案例:某次客服因“响应时长”标准争论不休,最终通过A/B测试证明“24小时回复”比“8小时”客户满意度更高,统一了标准。",
      key_points = {
        "倾听各方观点:避免主观评判,先让团队充分表达;",
        "数据支撑决策:用客诉率、客户满意度等数据对比优劣方案;",
        "试点验证:对争议较大的方案先在小组内试运行,再推广。",
        "案例:某次客服因“响应时长”标准争论不休,最终通过A/B测试证明“24小时回复”比“8小时”客户满意度更高,统一了标准。",
      },
      keywords = { "倾听各方观点", "数据支撑决策", "试点验证" },
    },

    exam.open { id = "b3",
      stem = "3.请分享一次你因资源不足(如人力、预算)而未能达成客户期望的经历。你如何应对?",
      competencies = { "抗压能力", "资源调配能力" },
      reference = "-应对策略:\n1.坦诚沟通:向客户解释资源限制,但承诺“最短时间解决”;\n2.替代方案:提出其他部门可提供的临时支持(如远程协助);\n3.向上争取:同时向管理层申请紧急资源,并说明潜在影响。\n-经验:透明沟通比强行承诺更有效,需学会“创造性解决”。",
      key_points = {
        "坦诚沟通:向客户解释资源限制,但承诺“最短时间解决”;",
        "替代方案:提出其他部门可提供的临时支持(如远程协助);",
        "向上争取:同时向管理层申请紧急资源,并说明潜在影响。",
        "经验:透明沟通比强行承诺更有效,需学会“创造性解决”。",
      },
      keywords = { "坦诚沟通", "替代方案", "向上争取" },
    },

    exam.open { id = "b4",
      stem = "4.你如何激励客服团队保持高服务积极性?请结合具体事例。",
      competencies = { "团队激励", "绩效管理能力" },
      reference = "-激励方法:\n1.即时奖励:对解决复杂问题的客服给予小额奖金;\n2.成长机会:组织技能竞赛、优秀案例分享会;\n3.人文关怀:定期团建、生日关怀等情感投入。\n-案例:某季度通过“服务之星”评选+季度奖金,团队平均CSAT提升12%。",
      key_points = {
        "即时奖励:对解决复杂问题的客服给予小额奖金;",
        "成长机会:组织技能竞赛、优秀案例分享会;",
        "人文关怀:定期团建、生日关怀等情感投入。",
        "案例:某季度通过“服务之星”评选+季度奖金,团队平均CSAT提升12%。",
      },
      keywords = { "即时奖励", "成长机会", "人文关怀" },
    },

    exam.open { id = "b5",
      stem = "5.描述一次你因过度追求效率(如缩短通话时长)而导致客户体验下降的教训。",
      competencies = { "客户导向", "服务意识" },
      reference = "-教训:\n1.效率与体验的平衡:过度压缩时长易遗漏关键问题;\n2.培训调整:优化脚本,强调“解决问题”而非“按时间结束”;\n3.工具辅助:引入智能质检系统,避免人为判断失误。\n-经验:效率需以客户满意度为前提,需量化服务“质”而非“量”。",
      key_points = {
        "效率与体验的平衡:过度压缩时长易遗漏关键问题;",
        "培训调整:优化脚本,强调“解决问题”而非“按时间结束”;",
        "工具辅助:引入智能质检系统,避免人为判断失误。",
        "经验:效率需以客户满意度为前提,需量化服务“质”而非“量”。",
      },
      keywords = { "效率与体验的平衡", "培训调整", "工具辅助" },
    },
  },

  exam.section {
    id = "situational", title = { zh = "二、情景面试题", en = "Part 2: situational questions" }, points = 10, scoring = "rubric",
    instructions = "二、情景面试题(共4题,每题10分,总分40分)",

    exam.open { id = "s1",
      stem = "1.客户因系统故障无法退款,情绪激动,声称要曝光公司。你如何应对?",
      competencies = { "危机公关", "情绪管理能力" },
      reference = "-应对步骤:\n1.安抚情绪:先倾听,表示理解(“我明白您很生气,我们尽快解决”);\n2.责任承担:主动承认系统问题,避免推卸;\n3.替代方案:建议通过线上渠道退款,承诺24小时内完成;\n4.后续跟进:主动发邮件确认退款状态,避免二次投诉。",
      key_points = {
        "安抚情绪:先倾听,表示理解(“我明白您很生气,我们尽快解决”);",
        "责任承担:主动承认系统问题,避免推卸;",
        "替代方案:建议通过线上渠道退款,承诺24小时内完成;",
        "后续跟进:主动发邮件确认退款状态,避免二次投诉。",
      },
      keywords = { "安抚情绪", "责任承担", "替代方案", "后续跟进" },
    },

    exam.open { id = "s2",
      stem = "2.某大客户(如某地政府机构)投诉服务响应慢,而普通客户却反映服务过细。如何平衡?",
      competencies = { "服务策略", "分层管理能力" },
      reference = "-平衡方法:\n1.分级响应:为政企客户配备专属客服小组,缩短SLA;\n2.资源分配:通过智能客服分流简单问题,人工聚焦复杂咨询;\n3.标准化与个性化结合:对政企客户提供模板化服务,普通客户保留灵活沟通。",
      key_points = {
        "分级响应:为政企客户配备专属客服小组,缩短SLA;",
        "资源分配:通过智能客服分流简单问题,人工聚焦复杂咨询;",
        "标准化与个性化结合:对政企客户提供模板化服务,普通客户保留灵活沟通。",
      },
      keywords = { "分级响应", "资源分配", "标准化与个性化结合" },
    },

    exam.open { id = "s3",
      stem = "3.客服团队发现某产品说明书存在误导,但市场部要求暂时不更新。你如何处理?",
      competencies = { "原则性", "跨部门沟通能力" },
      reference = "-处理流程:\n1.内部核实:要求客服组提供具体案例(截图+客诉记录);\n2.风险提示:向管理层提交报告,强调误导可能导致的集体投诉;\n3.折中方案:先在官网发布“勘误公告”,同时争取尽快更新正式版。",
      key_points = {
        "内部核实:要求客服组提供具体案例(截图+客诉记录);",
        "风险提示:向管理层提交报告,强调误导可能导致的集体投诉;",
        "折中方案:先在官网发布“勘误公告”,同时争取尽快更新正式版。",
      },
      keywords = { "内部核实", "风险提示", "折中方案" },
    },

    exam.open { id = "s4",
      stem = "4.客户要求客服为其“定制化”解决方案(如修改合同条款),超出标准服务范围。你如何拒绝?",
      competencies = { "服务边界", "合规意识" },
      reference = "-拒绝话术:\n1.明确权限:解释客服无权修改合同,需联系法务或销售;\n2.提供路径:告知客户申请流程及预计周期;\n3.价值补偿:承诺“若最终修改成功,额外赠送服务时长”。",
      key_points = {
        "明确权限:解释客服无权修改合同,需联系法务或销售;",
        "提供路径:告知客户申请流程及预计周期;",
        "价值补偿:承诺“若最终修改成功,额外赠送服务时长”。",
      },
      keywords = { "明确权限", "提供路径", "价值补偿" },
    },
  },

  exam.section {
    id = "business", title = { zh = "三、业务能力题", en = "Part 3: business questions" }, points = 15, scoring = "rubric",
    instructions = "三、业务能力题(每题15分)", -- the document says 共3题; only question 1 is complete

    exam.open { id = "k1",
      stem = "1.你认为2026年客服行业最可能的技术趋势是什么?你将如何利用?",
      competencies = { "行业洞察", "技术应用能力" },
      reference = "-趋势预测:\n1.AI+客服:智能质检将普及,但人工需转向复杂问题处理;\n2.多渠道整合:客服需同时管理社交、语音、视频等多端沟通;\n3.客户数据分析:通过用户画像实现个性化服务推荐。",
      key_points = {
        "AI+客服:智能质检将普及,但人工需转向复杂问题处理;",
        "多渠道整合:客服需同时管理社交、语音、视频等多端沟通;",
        "客户数据分析:通过用户画像实现个性化服务推荐。",
      },
      keywords = { "AI+客服", "多渠道整合", "客户数据分析" },
    },
  },
}
