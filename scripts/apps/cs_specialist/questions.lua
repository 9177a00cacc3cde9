-- 2026年客户服务专员工作规范与面试题集 — the question set, exactly as the
-- seed document (seeds/000_fac72103fae413c1.txt) writes it: stems, options,
-- answers, points and explanations unchanged (its half-width , ? ( ) too).
--
-- Left out: multiple-choice question 4 ("根据2026年行业趋势，客户服务专员需
-- 具备哪些数字化能力？") — the document is cut off in its option A
-- ("熟练使用AI客服辅助工…") with no answer or explanation — and questions
-- 5 to 8 of that part, which the document does not contain. So the paper
-- holds 10 single-choice (2 points each) and 3 multiple-choice questions
-- (3 points each): 29 points.
--
-- Competency tags (考察) are ours: the document gives none for this part.
local exam = require "kiosk.exam"
local single, multiple = exam.single, exam.multiple

return exam.set {
  id = "cs_specialist",
  title = { zh = "客户服务专员筛选测试", en = "Customer-service specialist screening" },
  pass = 0.6,                -- 60% of the points
  time_limit_s = 20 * 60,
  on_expiry = "submit",      -- at the end of the time, what is answered is handed in

  exam.section {
    id = "single", title = { zh = "一、单选题", en = "Part 1: single choice" }, points = 2,
    instructions = { zh = "共10题，每题2分。每题只有一个正确答案。", en = "10 questions, 2 points each. Each has one right answer." },

    single { id = "s1", competencies = { "岗位认知" },
      stem = "1.根据2026年客户服务行业规范,以下哪项不属于客户服务专员的核心职责?",
      options = { "处理客户投诉并达成解决方案", "定期向客户发送营销推广信息",
                  "收集客户反馈并优化服务流程", "协助销售团队完成业绩指标" },
      answer = "B",
      explanation = "营销推广信息发送通常由市场或销售部门负责,客户服务专员的核心职责是解决客户问题、收集反馈、优化服务,而非直接参与销售指标达成。" },

    single { id = "s2", competencies = { "服务规范" },
      stem = "2.2026年客户服务规范强调“首问负责制”,以下哪项最能体现该原则?",
      options = { "将客户问题转交给其他部门后不再跟进", "无论问题复杂与否,均由受理人全程负责",
                  "仅在客户情绪激动时才提供重点服务", "对超出权限的问题直接拒绝客户请求" },
      answer = "B",
      explanation = "“首问负责制”要求受理人对客户问题负责到底,直至问题解决或合理转交,体现全程服务意识。" },

    single { id = "s3", competencies = { "沟通能力" },
      stem = "3.针对地域差异(如方言问题),2026年客户服务专员应采取哪种策略?",
      options = { "仅服务普通话客户以简化流程", "使用方言工具辅助沟通,但优先推荐普通话",
                  "要求客户必须使用标准普通话", "放弃服务方言地区客户" },
      answer = "B",
      explanation = "尊重地域文化需兼顾沟通效率,优先推荐普通话但提供方言辅助工具符合包容性服务规范。" },

    single { id = "s4", competencies = { "岗位认知" },
      stem = "4.根据2026年行业数据,客户满意度提升的关键因素中,以下哪项权重最高?",
      options = { "问题解决速度", "服务人员专业度", "客户等待时长", "服务态度亲和力" },
      answer = "D",
      explanation = "研究表明,服务态度亲和力对客户满意度的影响权重最高,专业度和效率紧随其后。" },

    single { id = "s5", competencies = { "服务规范" },
      stem = "5.客户服务专员在记录服务日志时,以下哪项最符合规范?",
      options = { "仅记录客户投诉内容", "详细记录沟通过程及解决方案", "删除敏感客户信息后记录", "使用非正式语言描述事件" },
      answer = "B",
      explanation = "完整记录沟通细节有助于问题追溯和流程优化,敏感信息需脱敏处理而非删除。" },

    single { id = "s6", competencies = { "沟通能力" },
      stem = "6.针对VIP客户(如2026年新增的“银卡”级别),服务专员应优先采取哪种沟通方式?",
      options = { "标准电话客服渠道", "等待客户主动联系", "主动发起多渠道沟通(如微信+专属热线)", "仅邮件回复" },
      answer = "C",
      explanation = "VIP客户需主动服务,多渠道沟通确保及时响应,符合2026年差异化服务标准。" },

    single { id = "s7", competencies = { "协作能力" },
      stem = "7.客户服务专员在处理跨部门协作时,以下哪项行为最规范?",
      options = { "将问题转交后不再询问进展", "通过内部协作系统实时更新进度",
                  "仅在问题升级时才联系相关部门", "要求其他部门必须立即响应" },
      answer = "B",
      explanation = "协作系统记录可追溯,实时更新符合高效协作规范,避免信息断层。" },

    single { id = "s8", competencies = { "问题解决" },
      stem = "8.针对复杂技术问题,2026年客户服务专员应遵循的流程是?",
      options = { "直接承诺解决时限", "告知客户“稍后联系”", "评估后分步骤沟通解决方案", "仅提供通用操作指南" },
      answer = "C",
      explanation = "复杂问题需分步解释,避免客户困惑,符合技术支持服务规范。" },

    single { id = "s9", competencies = { "服务规范" },
      stem = "9.客户服务专员在收到客户表扬时,以下哪项处理最恰当?",
      options = { "忽略表扬以专注处理投诉", "向直属上级汇报并感谢客户", "在社交媒体公开感谢客户", "要求客户提供更多个人信息" },
      answer = "B",
      explanation = "表扬需正式记录并反馈,公开感谢需经授权,避免过度隐私索取。" },

    single { id = "s10", competencies = { "合规意识" },
      stem = "10.根据2026年合规要求,客户服务专员在处理敏感信息(如健康咨询)时,以下哪项最符合隐私保护?",
      options = { "与同事讨论客户病情细节", "仅在授权系统内记录并加密存储", "通过语音留言转达信息", "要求客户自行提供完整病历" },
      answer = "B",
      explanation = "敏感信息需全程加密,授权系统记录符合GDPR与国内《个人信息保护法》修订要求。" },
  },

  exam.section {
    id = "multi", title = { zh = "二、多选题", en = "Part 2: multiple choice" }, points = 3,
    scoring = "all_or_nothing", -- the document's rule: every right option and no wrong one
    instructions = { zh = "每题3分。每题有两个或以上正确答案，全部选对才得分。", en = "3 points each. Each has two or more right answers; points only when all are chosen and nothing else." },

    multiple { id = "m1", competencies = { "沟通能力" },
      stem = "1.2026年客户服务专员需掌握哪些沟通技巧?",
      options = { "快速理解客户情绪", "避免使用专业术语", "同步记录关键信息", "对所有问题承诺“100%解决”" },
      answer = { "A", "C" },
      explanation = "情绪理解和服务记录是核心能力,术语需适度解释而非完全避免,承诺需基于实际。" },

    multiple { id = "m2", competencies = { "岗位认知" },
      stem = "2.针对地域性服务差异(如2026年新增的“西北方言补贴政策”),客户服务专员需了解哪些内容?",
      options = { "补贴申请流程", "当地服务话术调整", "补贴政策生效时间", "必须掌握当地方言" },
      answer = { "A", "B", "C" },
      explanation = "需掌握政策细节和话术适配,方言掌握程度依岗位分层,非强制要求。" },

    multiple { id = "m3", competencies = { "问题解决" },
      stem = "3.客户服务专员在处理投诉时,以下哪些行为符合2026年规范?",
      options = { "30分钟内响应客户投诉", "认真倾听客户诉求至少3分钟", "对客户情绪波动直接反驳", "主动提出3种解决方案供选择" },
      answer = { "A", "B", "D" },
      explanation = "响应时效和倾听时长是基本要求,情绪管理需克制,方案提供需主动。" },
  },
}
