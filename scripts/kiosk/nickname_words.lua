-- kiosk.nickname_words — the bundled list of words a public nickname may
-- not contain (kiosk.flow.nickname): common Chinese and English slurs and
-- obscenities. It is data, read once; an app adds its own words with
-- flow.app{ nickname = { blocked = { "…" } } } (those are matched anywhere).
--
-- How a word is matched (kiosk.flow.nickname.normalize first folds case and
-- full-width letters, and drops spaces, punctuation and symbols, so
-- "Ｆ.U.C.K" and "傻 逼" are caught):
--   anywhere  inside the nickname at all: the Chinese words (Chinese has no
--             spaces to mark a word) and English words too long or too
--             particular to hide inside an innocent name;
--   whole     only as a whole word of the nickname (or the whole nickname):
--             short English words that innocent names contain — "ass" in
--             Cassandra, "dick" in Dickens, "cock" in Hancock, "cunt" in
--             Scunthorpe, "cum" in Cumberbatch, "rape" in Grape, "fuk" in Fukuda, "rapist" in Therapist.
-- Nothing here is ever shown: the refusal never repeats the word.
return {
  anywhere = {
    -- Chinese, simplified and traditional, and their common stand-ins
    "傻逼", "傻b", "傻屄", "煞笔", "沙比", "傻比", "傻x", "煞逼",
    "他妈的", "他媽的", "你妈的", "你媽的", "你妈逼", "妈了个逼", "媽了個逼", "草你妈", "操你妈", "操你媽",
    "草泥马", "草尼玛", "肏", "屄", "操你", "干你娘", "幹你娘", "日你", "狗日的",
    "鸡巴", "雞巴", "几把", "鸡吧", "屌", "阴茎", "陰莖", "阴道", "陰道",
    "婊子", "贱人", "賤人", "贱货", "賤貨", "骚货", "騷貨", "妓女", "淫",
    "王八蛋", "混蛋", "畜生", "杂种", "雜種", "狗娘养", "狗娘養", "人渣", "废物", "廢物",
    "去死", "智障", "脑残", "腦殘", "弱智", "白痴", "白癡", "贱逼", "死全家",
    "黑鬼", "支那", "尼哥",
    "nmsl", "cnm", "nmb", "wdnmd",
    -- English
    "fuck", "fvck", "phuck", "motherf", "shithead", "bullshit", "shitty",
    "asshole", "arsehole", "bastard", "bitch", "biatch", "whore", "slut",
    "nigger", "nigga", "faggot", "retard", "dickhead", "cocksucker", "wanker",
    "pussies", "vagina", "dildo", "jizz", "blowjob", "handjob", "porno", "hitler",
    "pedophile", "paedophile", "killyourself",
  },
  whole = {
    "sb", "tmd", "fuk", "kys", "porn",
    "shit", "ass", "arse", "dick", "cock", "cunt", "cum", "tit", "tits", "twat", "wank",
    "pussy", "penis", "rape", "fag", "fags", "nazi", "kkk", "sex", "anal", "piss",
    "spic", "chink", "gook", "kike", "coon", "rapist",
  },
}
