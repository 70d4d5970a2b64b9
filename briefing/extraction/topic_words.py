"""Word classes for naming topic sections: which of jieba's words may head a section, which may
only sit inside a phrase, and which never (quantities, qualifiers, reporting and page words,
people's names, words jieba joined across a boundary). Words are compared in simplified
characters (a text in traditional ones is converted first)."""

from __future__ import annotations

import re

# The verbs and fillers of any Chinese policy text: frequent everywhere, a topic nowhere. They may
# sit inside or end a phrase (老旧小区改造, 城镇新增就业), never stand alone.
GENERIC = frozenset(
    "建设 推进 发展 推动 加快 提升 加强 实施 深化 完善 坚持 强化 持续 全面 工作 促进 扩大 优化 支持 落实 培育 打造 "
    "开展 进一步 高质量 实现 提高 增强 健全 构建 着力 积极 深入 不断 切实 统筹 重点 重要 一批 主要 方面 领域 体系 "
    "机制 能力 水平 服务 管理 工程 项目 行动 政策 措施 改造 改建 扩建 改扩建 新建 新增 新开工 开工 建成 完成 兴办 办好 "
    "开通 启动 推广 提档 升级 整治 治理 保障 保护 聚焦 围绕 稳定 有序 加大 做好 抓好 确保 力争 实施方案 取得 成效 "
    "工作部 单位 部门 全力 大力 扎实 有效 有力 稳步 突出 做实 落细 落地 增效 提质 提速 攻坚 突破 专项 一体化".split()
)

# Modifiers: they open a phrase (公办幼儿园, 公共文化设施), never stand alone.
MODIFIERS = frozenset(
    "公共 公办 民办 一流 优质 现代 新型 智慧 智能 高端 基础 综合 特色 示范 专业 优秀 良好 多元 便民 惠民 普惠 城乡 "
    "老旧 困难 重点 重大 新兴 传统 先进 绿色 低碳 高效 安全 全新 大型 小型 中小 基层 国内 国外 境内 境外 全球 世界 "
    "本地".split()
)

# Characters that make a noun of the word before them, where jieba leaves them apart (充电|桩,
# 驿|站): they may end a phrase.
NOUN_SUFFIXES = frozenset("桩站点馆园院场路线道桥车房屋室网厂街港湾岛池厅楼库亭廊")

# What is done to a thing: a phrase that ends on one says more than the thing alone (老旧小区改造).
ACTIONS = frozenset("改造 改建 扩建 改扩建 新建 建设 治理 整治 保护 提升 升级 加装 覆盖 修复 开发 更新 救助 监测 照护".split())

# Never part of a heading: qualifiers and function words, quantity and target words, words of a
# report's page or of the meeting it was read at, and the headers of a table.
STOP = frozenset(
    # qualifiers, connectives, time words
    "左右 以上 以下 以内 以外 之内 之间 之一 不少 不少于 不低于 不超过 不高于 超过 达到 约为 累计 同比 环比 分别 其中 "
    "合计 共计 总计 预计 预期 同时 通过 进行 相关 有关 各类 各项 各级 各地 各个 所有 一些 这些 那些 我们 他们 大家 "
    "自己 今年 明年 去年 全年 当年 年底 年初 年末 上半年 下半年 近年来 以来 期间 目前 当前 首先 其次 最后 此外 另外 "
    "以及 并且 而且 或者 还是 按照 根据 对于 关于 为了 由于 因此 所以 如果 虽然 但是 已经 正在 将要 继续 等等 "
    "本市 全市 全省 全区 全县 全镇 我市 我省 我区 我县 全国 "
    # quantities, targets, units without a number
    "目标 任务 指标 计划 要求 增长 下降 增加 减少 增幅 增速 比例 比重 占比 总量 总额 规模 数量 人数 个数 完成率 平均 人均 年均 "
    "翻番 百分点 公里 千米 平方米 平方公里 公顷 千瓦 千瓦时 立方米 人次 标箱 美元 "
    # reporting and page words
    "图片 资料 资料图片 来看 一起 一起来看 推荐 新闻 新闻推荐 公告 现予 分列 报告 设定 记者 本报 本报讯 编辑 责编 "
    "责任编辑 来源 通讯员 作者 发布 发布时间 转载 点击 阅读 全文 原文 链接 附件 摄影 日电 消息 获悉 据悉 了解 介绍 "
    "表示 指出 强调 提出 认为 宣布 公布 显示 报道 采访 网站 网友 客户端 微信 公众号 扫码 关注 版面 首页 返回 打印 "
    "关闭 分享 收藏 字体 上一篇 下一篇 浏览 讲话 说明 通知 如下 "
    # the meeting
    "会议 大会 会上 开幕 闭幕 开幕式 主席台 审议 表决 全体会议 主持 出席 列席 人民代表大会 人代会 两会 政协 "
    "政府工作报告 工作报告 代表 委员 同志 领导 "
    # adverbs, pronouns, and verbs of saying, thinking and being: how a text speaks, not of what
    "更加 更是 更为 努力 认真 充分 反复 基本 显著 明显 逐步 全部 大幅 加速 始终 一直 仍然 依然 再次 首次 率先 共同 "
    "广泛 主动 及时 尽快 确实 真正 特别 尤其 非常 十分 比较 一定 进而 从而 随着 这份 哪些 这样 那样 什么 怎么 如何 "
    "怎样 这里 那里 自身 彼此 这一 这是 就是 也是 都是 主要是 注重 所作 作出 做出 争取 敢于 善于 勇于 需要 能够 可以 "
    "应该 必须 希望 期待 满怀 迎来 成为 作为 属于 包括 涉及 来自 面对 面向 针对 结合 依托 借助 利用 用于 给予 带来 "
    "带动 形成 具有 拥有 存在 出现 发生 进入 迈入 迈向 走向 走在 位居 列入 纳入 获得 得到 受到 赢得 反映 注明 供图 "
    "记者会 发布会 新闻发布会 "
    # institutions and the media: who speaks, not of what
    "政府 人民政府 市政府 县政府 区政府 省政府 镇政府 市委 县委 区委 省委 党委 国务院 全国人大 人大 人大常委会 主席团 "
    "常务主席 成员 宣传部 办公室 政协 市政协 县政协 召开 举行 隆重开幕 人民网 新华网 央广网 中国网 央视网 光明网 中新网 新华社 "
    "中新社 政务网 网站 网页 出席会议 积极开展 友情链接 相关链接 群众反映 反复研究 努力争取 "
    # table headers
    "序号 名称 内容 备注 时限 完成时限 责任 责任单位 责任领导 牵头单位 配合单位 责任人".split()
)

# A person's title: the word next to it is a name (市长温国辉, 郭兰英记者).
TITLES = frozenset(
    "总书记 书记 副书记 市长 副市长 代市长 县长 副县长 代县长 区长 副区长 代区长 省长 副省长 镇长 乡长 主任 副主任 局长 "
    "县委书记 市委书记 省委书记 区委书记 党委书记 副局长 处长 科长 厅长 部长 主席 副主席 执行主席 总理 委员 常委 代表 记者 通讯员 同志 董事长 总经理 经理 院长 "
    "校长 所长 行长 秘书长 主持人 先生 女士 教授 专家 摄".split()
)
_TITLED = re.compile(r"..(?:总书记|书记|市长|县长|区长|省长|镇长|乡长|局长|厅长|处长|部长|主席|总理|院长|校长|行长)$")
# The commonest surnames and given-name characters: an unknown word of two or three characters
# made of them is a name (贾建刚, 张利), not a term (文旅, 托额, 适老化).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文"
    "牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲"
    "翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米"
    "柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝"
)
NAME_CHARS = frozenset(
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌"
    "成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之"
    "翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘秀娟英华慧巧美娜静"
    "淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦"
    "晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓仪荷丹蓉眉君琴蕊薇菁梦岚婕馨瑗琰韵融艺咏卿聪澜纯毓悦昭冰爽琬茗"
    "羽希欣育滢馥筠柔竹凝晓欢霄枫芸菲寒伊亚宜可舒影荔丽阳妮宝贝初程恒鸿桦骅剑娇纪宽灵琪晴容睿烁堂唯威韦雯萱彦宇"
    "雨洋忠宗曼紫逸贤蝶菡儿轩韶铃兵宾彤铭锋鑫淼森鹤麟骏敏炜玮琨昊晗钊铮璇曦婧锐涵蕾立金银铁钢洪波涌"
)

# What an unknown word jieba joined across a boundary starts or ends with: a function character
# (就市 from 就|市人大), a place's suffix (区上 from 某区|上…).
_FUNCTION_CHARS = frozenset("就在对把将于和与及的了是为被从向到由以并而或也都还又再已等各每该其此这那让使给跟同比如即则所之")
_EDGE_CHARS = _FUNCTION_CHARS | frozenset("市区县省镇乡村上下中内外")
# After a number, a word opening with a unit or a date is the rest of that number (22日晚, 1200万人).
_AFTER_NUMBER = frozenset("日月年号时分秒点个万亿千百人元户家所座条项件台辆套间亩吨斤米公平千倍次名位岁天周期批处张")
_NUMBER = re.compile(r"^[0-9０-９.．%％]+$")

_NUMERALS = "零〇一二三四五六七八九十百千万亿两几多余数半双"
_UNIT_CHARS = ("人元个户家所座条项件台辆套间亩吨斤米里次名位岁倍天年月日号时周期批处张册本架艘头只块根片栋幢层床"
               "公顷方瓦度克升场届轮面级支种类票")
# A count or an ordinal, or a word opening with one (万人, 亿元, 第六届, 一是, 四次会议, 六大类).
_QUANTITY = re.compile(rf"^第?[{_NUMERALS}]+(?:[{_UNIT_CHARS}大]|是|$)|^第[{_NUMERALS}0-9]+")
# A code of letters and digits (S246, G60): a road's or a product's number, not a topic.
_CODE = re.compile(r"^[A-Za-z]+[0-9]|^[0-9]")


def never(word: str) -> bool:
    """A word that is never part of a heading, whatever its neighbours: also a person with the
    title jieba joined to the name (某某总书记)."""
    return (word in STOP or word in TITLES or bool(_QUANTITY.match(word)) or bool(_CODE.match(word))
            or bool(_TITLED.search(word)))


def after_number(word: str, prev: str) -> bool:
    """``word`` is the tail of the number before it (日晚 after 22)."""
    return bool(prev) and bool(_NUMBER.match(prev)) and word[0] in _AFTER_NUMBER


def name_like(word: str, known: bool) -> bool:
    """An unknown (or rare) word shaped like a Chinese name: a surname and given-name characters,
    perhaps with the verb jieba joined to it (邵建辉作)."""
    given = word[1:3] if len(word) == 4 else word[1:]
    return (not known and 2 <= len(word) <= 4 and word[0] in SURNAMES
            and all(ch in NAME_CHARS for ch in given))


def titled(word: str, prev: str, nxt: str, freq: int) -> bool:
    """A short word before a person's title or a surname-initial one after it (温国辉市长, 市长温国辉,
    总理李强: a name, or the office's body: 居委会主任); a rare word after
    a surname jieba left alone (郑|永年); a word before 网 (a site's name: 海口|网)."""
    return ((2 <= len(word) <= 3 and (nxt in TITLES or (word[0] in SURNAMES and prev in TITLES)))
            or (len(prev) == 1 and prev in SURNAMES and len(word) == 2 and freq < 50) or nxt == "网")


def cut_across(word: str) -> bool:
    """An unknown word that starts or ends on a character that belongs to its neighbour."""
    return word[0] in _EDGE_CHARS or word[-1] in _EDGE_CHARS
