"""Every pattern the stages use, named and grouped by concept, with where it came from.

Patterns work on one stripped line unless said otherwise. Seeds are ../shared/seeds/NNN_*.txt;
"seen" means the shape was observed there, the rest generalises it to what government CMSs print.
"""

from __future__ import annotations

import re

X = re.VERBOSE


def any_of(words: list[str]) -> str:
    """An alternation of literal words, longest first so 实施意见 wins over 意见."""
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
DIGIT = r"[0-9０-９]"
OPEN_BRACKET = r"[〔\[［(（【〖﹝｛{]"
CLOSE_BRACKET = r"[〕\]］)）】〗﹞｝}]"
HAO = r"[号號]"

# ── 文号 (document numbers) ──────────────────────────────────────────────────────────────
# 本政办发〔2021〕1号 (000:251), 黃政發〔2019〕14號 (001:38), 韶曲府办函〔2020〕67号 (004:3);
# CMSs also print [2021], （2021）, 【2021】 and full-width digits.
def _doc_number(named: bool = True) -> str:
    g = (lambda name: f"?P<{name}>") if named else (lambda name: "?:")
    return (
        rf"({g('agency')}[{CJK}]{{1,14}}?)\s*{OPEN_BRACKET}\s*({g('year')}(?:19|20|１９|２０){DIGIT}{{2}})\s*"
        rf"{CLOSE_BRACKET}\s*第?\s*({g('serial')}{DIGIT}{{1,5}})\s*{HAO}"
    )


def _order_number(named: bool = True) -> str:
    g = (lambda name: f"?P<{name}>") if named else (lambda name: "?:")
    return rf"({g('agency')}[{CJK}]{{0,14}}令)?\s*第\s*({g('serial')}{DIGIT}{{1,5}})\s*{HAO}"


DOC_NUMBER = re.compile(_doc_number())
# 政府令第192号 (000:20 TOC), 第192号 under a 令 header (000:37).
ORDER_NUMBER = re.compile(_order_number())
# A line that is only a 文号, maybe with a 签发人 beside it (上行文 print it so).
DOC_NUMBER_LINE = re.compile(rf"^{_doc_number()}(?:\s+签发人[:：].*)?$")
ORDER_NUMBER_LINE = re.compile(rf"^{_order_number()}$")
# A title with its number appended in brackets: the TOC form (000:20) and 004:3.
TRAILING_NUMBER = re.compile(rf"\s*[(（]\s*(?P<number>{_doc_number(False)}|{_order_number(False)})\s*[)）]\s*$")

# ── Document headers ────────────────────────────────────────────────────────────────────
OFFICE_SUFFIX = (
    r"(?:人民政府办公室|人民政府办公厅|人民政府辦公室|人民政府辦公廳|人民政府|政府办公室|政府辦公室|"
    r"办公室|辦公室|办公厅|辦公廳|委员会|委員會|管理委员会|管委会|管委會|"
    r"局|厅|廳|委|办|辦|部|院|署|会|會|中心|政府)"
)
# 本溪市人民政府文件 (003:34), 本溪市人民政府办公室文件 (000:359), also 中共XX委文件 and joint banners.
BANNER = re.compile(rf"^[{CJK}、\s]{{2,40}}{OFFICE_SUFFIX}\s*文\s*件$")
# 本溪市人民政府令 (000:35); also 中华人民共和国XX部令.
ORDER_HEADER = re.compile(rf"^[{CJK}]{{2,24}}(?:人民政府|政府|部|委员会|委員會|局)令$")
# The genre word a title ends with; longest first so 实施意见 wins over 意见.
GENRES = (
    "实施意见 實施意見 实施方案 實施方案 实施细则 實施細則 实施办法 實施辦法 管理办法 管理辦法 "
    "工作方案 行动方案 行動方案 行动计划 行動計劃 工作要点 工作要點 指导意见 指導意見 "
    "通知 通報 通报 意见 意見 办法 辦法 方案 决定 決定 批复 批覆 批複 复函 覆函 函 公告 通告 令 命令 "
    "报告 報告 规划 規劃 计划 計劃 细则 細則 规则 規則 规定 規定 条例 條例 章程 纲要 綱要 "
    "讲话 講話 决议 決議 议案 議案 措施 要点 要點 指南 清单 清單 目录 目錄 标准 標準 制度"
).split()
GENRE_ALT = any_of(GENRES)
# A title ends with 的通知 / 实施意见 / …, maybe followed by the bracketed number (TOC form).
TITLE_END = re.compile(rf"(?:{GENRE_ALT})(?:{TRAILING_NUMBER.pattern.replace('?P<number>', '?:')})?$")
# 本溪市人民政府办公室关于… / 市人民政府辦公室關于… (001:149): an office, then 关于.
TITLE_START = re.compile(rf"^[{CJK}、（）()]{{0,40}}?{OFFICE_SUFFIX}(?:[、和与及][{CJK}]{{2,30}}?)*\s*(?:关于|關於|關于|关於)")
# Speech: 在…的讲话 (001:10).
SPEECH_TITLE = re.compile(rf"^(?:在|於|于).{{4,80}}(?:上|时|時)?的(?:讲话|講話|发言|發言|致辞|致辭)$")
SPEAKER = re.compile(rf"^(?:[{CJK}]{{1,12}}(?:市长|市長|副市长|副市長|书记|書記|区长|區長|县长|縣長|主任|省长|省長|局长|局長|秘书长|秘書長|同志))\s*[{CJK}·]{{0,4}}$|^(?:市长|市長|副市长|副市長|区长|區長|县长|縣長|省长|省長)\s+[{CJK}·]{{2,4}}$")

# ── Dates ───────────────────────────────────────────────────────────────────────────────
CN_DIGITS = "〇○零Ｏ一二三四五六七八九十"
DATE_NUMERIC = re.compile(rf"(?P<y>(?:19|20|１９|２０){DIGIT}{{2}})\s*年\s*(?P<m>{DIGIT}{{1,2}})\s*月\s*(?P<d>{DIGIT}{{1,2}})\s*日")
DATE_CHINESE = re.compile(rf"(?P<y>[{CN_DIGITS}]{{4}})\s*年\s*(?P<m>[{CN_DIGITS}]{{1,2}})\s*月\s*(?P<d>[{CN_DIGITS}]{{1,3}})\s*日")
DATE_ISO = re.compile(rf"(?P<y>(?:19|20)\d{{2}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})")
# A line that is only a date, maybe in brackets: the signature date (000:265), the speech date (001:14).
_UNNAMED = re.compile(r"\?P<\w+>")
DATE_LINE = re.compile(
    rf"^[(（]?\s*(?:{_UNNAMED.sub('?:', DATE_NUMERIC.pattern)}|{_UNNAMED.sub('?:', DATE_CHINESE.pattern)})\s*[)）]?$"
)

# ── Parts of a document ─────────────────────────────────────────────────────────────────
# 主送: a short line ending with a colon, naming bodies (000:255, 001:39).
RECIPIENTS = re.compile(r"^(?P<who>[^。；;！？!?]{2,150}?)[:：]$")
RECIPIENT_HINT = re.compile(r"(各|人民政府|政府|委员会|委員會|部门|部門|单位|單位|局|办|辦|管委会|管委會|机构|機構|厅|廳|公司|学校|學校|医院|醫院|街道|镇|鎮|乡|鄉)")
ATTACHMENT = re.compile(r"^附\s*件\s*(?P<n>\d*)\s*[:：]?\s*(?P<rest>.*)$")
ATTACHMENT_ITEM = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<name>.+)$")
PUBLIC_NOTE = re.compile(r"^[(（]\s*此件(?:公开发布|公開發布|不公开|主动公开|依申请公开)[^)）]*[)）]$")
SIGNATORY = re.compile(r"^(?:市长|市長|区长|區長|县长|縣長|省长|省長|主任|局长|局長)(?:\s*[\u4e00-\u9fff·]{0,4})?$")
BOOK_TITLE_LINE = re.compile(r"^《(?P<title>[^《》]{4,80})》$")

# ── Issue header ────────────────────────────────────────────────────────────────────────
# 本溪市人民政府公报 (000:11), 黃石市人民政府公報2019年第6號(總號:90) (001:6).
# A gazette is named after its place: a page title's bare 政府公报 section name is not one.
GAZETTE_NAME = re.compile(rf"(?P<name>[{CJK}]{{1,20}}[省市县縣区區州旗盟][{CJK}]{{0,14}}(?:公报|公報))")
ISSUE_NUMBER = re.compile(rf"(?P<year>(?:19|20)\d{{2}})\s*年\s*第\s*(?P<number>\d{{1,3}})\s*(?:号|號|期)")
TOTAL_NUMBER = re.compile(r"(?:总第|總第|总|總)\s*(?:号|號|期)?\s*[:：]?\s*(?P<total>\d{1,5})\s*(?:期|号|號)?")
TOC_HEADING = re.compile(r"^(?:本期)?\s*目\s*[录錄次]$")
TOC_PAGE_REF = re.compile(r"(?:[.…·．\-—_\s]{2,}|\s+)\(?\d{1,4}\)?$")

# ── CMS page fields ─────────────────────────────────────────────────────────────────────
# 索引号: 发布机构: … (000:1-5), 日期:[2019-07-18 16:13] (001:8), 公开方式:主动公开 (004:105).
META_LABELS = (
    "索引号 索引號 发布机构 發布機構 发文机关 發文機關 信息名称 信息名稱 主题分类 主題分類 发布日期 發布日期 "
    "成文日期 废止日期 廢止日期 文号 文號 文 号 关键词 關鍵詞 主题词 主題詞 公开方式 公開方式 公开范围 公開範圍 "
    "公开时限 有效性 时效 生效日期 发布时间 發布時間 日期 来源 來源 作者 浏览次数 瀏覽次數 点击数 點擊數 "
    "阅读次数 閱讀次數 访问量 信息来源 分类 體裁分類 体裁分类 所属主题 组配分类 公开日期 发文字号 發文字號 "
    "名称 名稱 编号 编 号 责任部门"
).split()
META_LABEL_ALT = any_of(META_LABELS).replace(r"\ ", r"\s*")  # 文 号: spaced labels match any spacing
META_PAIR = re.compile(rf"(?P<label>{META_LABEL_ALT})\s*[:：]\s*")

# ── Chrome (site furniture, not the document) ───────────────────────────────────────────
BREADCRUMB = re.compile(r"^(?:当前位置|您现在的位置|您的位置|现在位置|所在位置|當前位置|您現在的位置|您的位置|位置)\s*[:：]")
# Words of toolbars, share bars and footers. A line made only of these (plus punctuation,
# dates and counts) is chrome: 语音阅读 【字体: 打印 (001:4), 微博微信 (004:111), 关闭 (004:113).
CHROME_WORDS = (
    "语音阅读 語音閱讀 语音播报 朗读 朗讀 字体 字體 字号 字號 打印本页 打印本頁 打印 列印 关闭窗口 關閉窗口 关闭本页 "
    "关闭 關閉 收藏本页 收藏 分享到 分享 微博 微信 朋友圈 QQ空间 QQ 空间 扫一扫 掃一掃 二维码 在手机上打开 "
    "返回顶部 返回頂部 返回 保存 纠错 糾錯 默认 默認 大 中 小 简体 繁体 簡體 繁體 无障碍 無障礙 发布时间 發布時間 "
    "浏览次数 瀏覽次數 访问次数 阅读次数 点击 次 来源 來源 打印文章 加入收藏 下载 下載 上一篇 下一篇 "
    "我要纠错 复制链接 复制 Print print 本页 当前 視力保護色 护眼"
).split()
CHROME_WORD_ALT = any_of(CHROME_WORDS)
CHROME_ONLY = re.compile(
    rf"^(?:(?:{CHROME_WORD_ALT})|[\s【】\[\]（）()<>《》|｜/:：,，.。·•\-—_+＋*×]|"
    rf"\d{{2,4}}[-/年.]\d{{1,2}}[-/月.]\d{{1,2}}日?|\d{{1,2}}:\d{{2}}(?::\d{{2}})?|\d+)+$"
)
# Lines that start a related-links block or a pager (004:107 相关解读:…; 002:505 相关信息).
CHROME_PREFIX = re.compile(
    r"^(?:相关信息|相關信息|相关解读|相關解讀|相关链接|相關鏈接|相关文件|相关稿件|相关新闻|政策解读|解读[:：]|"
    r"上一篇|下一篇|上一条|下一条|分享到)"
)
# A related-links head alone on its line: what follows it at a page's end is a list of other pages.
RELATED_HEAD = re.compile(r"^(?:相关信息|相關信息|相关链接|相關鏈接|相关文件|相关稿件|相关新闻|相关阅读)\s*[:：]?$")
# Footer marks, anywhere in a short line: ICP备…, 网站标识码…, 版权所有….
FOOTER_MARK = re.compile(r"(?:ICP备|ICP備|公网安备|公網安備|网站标识码|網站標識碼|版权所有|版權所有)")
# Footer words that only count at a page's top or bottom: 主办单位: may open a line of a real notice.
FOOTER_PREFIX = re.compile(r"^(?:主办单位|主辦單位|承办单位|承辦單位|技术支持|技術支持|联系我们|聯繫我們|网站地图|網站地圖|Copyright|copyright|©)")
# Chrome words that alone make a line of chrome words a toolbar (大/中/小 are not enough).
TOOLBAR_WORDS = re.compile(
    r"语音|語音|朗读|朗讀|字体|字體|字号|字號|打印|列印|关闭|關閉|收藏|分享|微博|微信|朋友圈|QQ|扫一扫|掃一掃|"
    r"返回顶部|返回頂部|纠错|糾錯|浏览次数|瀏覽次數|上一篇|下一篇|发布时间|發布時間|二维码|无障碍|無障礙"
)
# Page-field labels that are CMS fields wherever they stand (日期: or 来源: only at the edges).
STRONG_META = re.compile(
    r"^(?:索引号|索引號|发布机构|發布機構|信息名称|信息名稱|主题分类|主題分類|成文日期|废止日期|廢止日期|"
    r"公开方式|公開方式|公开范围|公開範圍|发布日期|發布日期|发布时间|發布時間|浏览次数|瀏覽次數|点击数|"
    r"阅读次数|關鍵詞|关键词|主题词|发文机关|發文機關|组配分类|体裁分类|所属主题|公开日期|有效性)"
)

# ── Artifacts ───────────────────────────────────────────────────────────────────────────
# 360截圖16421025101129114.png (001:400): a screenshot's file name left in the text.
IMAGE_FILENAME = re.compile(r"^[^\s。，,；;]{0,80}\.(?:png|jpe?g|gif|bmp|webp|tiff?)$", re.I)
MARKUP_ONLY = re.compile(r"^(?:\s*</?[A-Za-z][A-Za-z0-9]*(?:\s+[^<>]*)?/?>\s*)+$")
MARKUP_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z\-:]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>")

# ── Spam lexicon ────────────────────────────────────────────────────────────────────────
# Gambling, lottery and adult phrases of SEO-spam injections (fixtures/html: 天天彩票注册送彩金,
# 亚洲无码视频在线观看; 001:402 高清盛宴尽在亚美AV). Strong terms are next to never in a
# government document; weak ones (彩票, 澳门…) are, so they only count together with others.
SPAM_STRONG = (
    "彩金 送彩金 注册送 開戶送 开户送 首存 博彩 赌场 賭場 娱乐城 娛樂城 真人娱乐 真人荷官 百家乐 百家樂 "
    "时时彩 時時彩 六合彩 老虎机 老虎機 北京赛车 北京賽車 幸运飞艇 幸運飛艇 pk10 PK10 快三 11选5 "
    "体育投注 體育投注 网上赌 網上賭 线上赌 棋牌游戏 棋牌遊戲 捕鱼游戏 电子游艺 電子遊藝 葡京 威尼斯人 "
    "太阳城 太陽城 金沙娱乐 永利娱乐 澳门银河 银河娱乐 皇冠体育 皇冠足球 亚博 亞博 bet365 BET365 "
    "无码 無碼 有码 毛片 黄片 黃片 成人视频 成人影片 成人电影 色情 av天堂 AV天堂 一本道 东京热 東京熱 "
    "高清盛宴 亚美AV 偷拍 自拍 人妻 乱伦 亂倫 av在线 AV在线 伦理片 倫理片 三级片 三級片 国产精品 "
    "日韩 日韓 欧美精品 激情视频 美女直播 裸聊 约炮 約炮 发票代开 代开发票 "
    "午夜福利 午夜影院 午夜电影 福利姬 黄色网站 黃色網站 成人网站 一夜情 性感荷官 真钱 真錢 赌博网站 "
    "在线观看 在線觀看 免费观看 免費觀看 看片 精品视频 无码视频 国产自拍 番号 AV女优 女优 女優 "
    "开元棋牌 開元棋牌 网赌 網賭 菠菜 提现秒到 充值返利"
).split()
SPAM_WEAK = (
    "彩票 澳门 澳門 赌 賭 娱乐 娛樂 注册 註冊 在线观看 在線觀看 视频 視頻 免费 免費 亚洲 亞洲 高清 "
    "AV av 下载 下載 官网 官網 平台 开户 開戶 投注 体育 體育 直播 美女 福利 精品 影院 电影 電影"
).split()
SPAM_STRONG_RE = re.compile(any_of(SPAM_STRONG))
SPAM_WEAK_RE = re.compile(any_of(SPAM_WEAK))
# A government text about gambling fights it: these words turn a lexicon hit into real content.
ENFORCEMENT = re.compile(r"打击|打擊|整治|查处|查處|严禁|嚴禁|取缔|取締|禁止|治理|非法|违法|違法|犯罪|专项行动|專項行動|管理办法|管理辦法|监管|監管")
# A web address: spam advertises one, a gazette document hardly ever does.
URLISH = re.compile(r"(?:https?://|www\.|\.com\b|\.net\b|\.cc\b|\.vip\b)", re.I)
# Sentence punctuation: spam lines are slogans, document lines are sentences.
SENTENCE_PUNCT = re.compile(r"[。；;，,、：:“”《》]")
