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
# A place name up to its level: 青岚市, 白沙湾区; 州 ends one only when no level follows (汀州市, not 汀州).
PLACE_NAME = rf"[{CJK}]{{1,10}}?(?:[省市县縣区區旗盟]|州(?![市县縣区區]))"
SPACES = re.compile(r"\s+")  # removed where a value is read without its spacing (本 政 发 → 本政发)
DIGIT = r"[0-9０-９]"
OPEN_BRACKET = r"[〔\[［(（【〖﹝｛{]"
CLOSE_BRACKET = r"[〕\]］)）】〗﹞｝}]"
HAO = r"[号號]"

# ── Offices and document headers ────────────────────────────────────────────────────────
# The 文号 grammar lives in docnumber.py. An office name: an optional place, then an institution.
# 本溪市人民政府办公室 (000:359), 黃石市人民政府辦公室 (001), 阿里地区行政公署 (real/032),
# 金华经济技术开发区管理委员会党政综合办公室 (real/015), 中共岳阳市委办公室 (real/014),
# 中华人民共和国国务院 (real/027), 市政府辦 (real/040).
OFFICE_SUFFIX = (
    r"(?:人民政府办公室|人民政府办公厅|人民政府辦公室|人民政府辦公廳|人民政府|政府办公室|政府辦公室|政府办|政府辦|"
    r"行政公署办公室|行政公署|行署|办公室|辦公室|办公厅|辦公廳|委员会|委員會|管理委员会|管理委員會|管委会|管委會|"
    r"常委会|常委會|人大常委会|国务院|國務院|局|厅|廳|委|办|辦|部|院|署|会|會|中心|政府|公司|处|處|所|站|队|隊|社|司|团|團)"
)
OFFICE_NAME = re.compile(rf"^[{CJK}（）()、“”·]{{1,40}}?{OFFICE_SUFFIX}$")
# A gazette issue's or page's issuer as a letterhead (红头): 本溪市人民政府文件 (003:34),
# 本溪市人民政府办公室文件 (000:359), joint banners; real/033 prints the office and 文件 on two lines.
BANNER = re.compile(rf"^[{CJK}、\s]{{2,60}}{OFFICE_SUFFIX}\s*文\s*件$")
BANNER_WORD = re.compile(r"^文\s*件$")
# 本溪市人民政府令 (000:35); also 中华人民共和国XX部令, 国务院国资委、财政部令.
ORDER_HEADER = re.compile(rf"^[{CJK}、]{{2,30}}(?:人民政府|政府|部|委员会|委員會|局|国务院|國務院|主席|总局|總局|署|行|委)令$")
# The genre word a title ends with; longest first so 实施意见 wins over 意见.
GENRES = (
    "实施意见 實施意見 实施方案 實施方案 实施细则 實施細則 实施办法 實施辦法 管理办法 管理辦法 "
    "工作方案 行动方案 行動方案 行动计划 行動計劃 工作要点 工作要點 指导意见 指導意見 应急预案 應急預案 "
    "通知 通報 通报 意见 意見 办法 辦法 方案 决定 決定 批复 批覆 批複 批復 复函 覆函 復函 函 公告 通告 令 命令 "
    "报告 報告 规划 規劃 计划 計劃 细则 細則 规则 規則 规定 規定 条例 條例 章程 纲要 綱要 "
    "讲话 講話 决议 決議 议案 議案 措施 要点 要點 指南 指引 清单 清單 目录 目錄 标准 標準 制度 预案 預案 "
    "名单 名單 公示 纪要 紀要 请示 請示 答复 答覆 通令 守则 守則 导则 導則 任务 任務 说明 說明"
).split()
GENRE_ALT = any_of(GENRES)
# A bracketed 文号 at the end of a title: the TOC form (000:20), real/013, real/014.
TRAILING_NUMBER = re.compile(rf"\s*[(（]\s*(?P<number>[{CJK}、]{{1,30}}(?:{OPEN_BRACKET}.{{0,6}}{CLOSE_BRACKET})?\s*第?\s*[0-9０-９]{{1,5}}\s*[号號](?:令)?)\s*[)）]\s*$")
# A title ends with 的通知 / 实施意见 / … (a bracketed 文号 may follow: TOC form).
# A draft's title may end in its status unbracketed: …的通知征求意见稿, …的通知征求意见.
TITLE_END = re.compile(rf"(?:{GENRE_ALT})(?:[(（][^()（）]{{1,20}}[)）]|[(（]?征求意见稿?[)）]?)?》?(?:{TRAILING_NUMBER.pattern})?$")
# 本溪市人民政府办公室关于… / 市人民政府辦公室關于… (001:149) / 关于印发… (real/023): 关于 after an office.
ABOUT = r"(?:关于|關於|關于|关於)"
TITLE_START = re.compile(rf"^(?:[{CJK}、（）()“”·\s]{{0,60}}?{OFFICE_SUFFIX}(?:[、和与及\s][{CJK}]{{2,30}}?)*\s*)?{ABOUT}")
# What an order (令) promulgates: rules, never a notice or a letter.
ORDER_TITLE = re.compile(r"(?:规定|規定|办法|辦法|条例|條例|细则|細則|规则|規則|决定|決定|令|章程|规程|規程)(?:[(（][^()（）]{1,12}[)）])?$")
# 转发温州市推行…的通知: a title that opens with its verb, the office printed on the line above.
ISSUING = r"(?:印发|印發|转发|轉發|批转|批轉)"  # what a title does with the document it hands out
TITLE_VERB = re.compile(rf"^{ISSUING}")
# 中共岳阳市委办公室岳阳市人民政府办公室印发《…》的通知 (real/014): issuers, then 印发/转发/批转.
TITLE_ISSUES = re.compile(rf"^[{CJK}、（）()“”·\s]{{2,60}}?{OFFICE_SUFFIX}\s*{ISSUING}")
# 为保障…顺利开展，维护公共秩序，根据有关法律法规规定 (a page wrapped before its full stop): a text's
# opening clause, however its last word reads (…规定), never a title.
OPENING_CLAUSE = re.compile(r"^(?:为|為|根据|根據|按照|依据|依據)[^，,。]{2,}[，,]")
# Speech: 在…的讲话 (001:10).
LEADER = r"(?:市长|市長|副市长|副市長|书记|書記|区长|區長|副区长|副區長|县长|縣長|副县长|副縣長|主任|省长|省長|副省长|副省長|主席|局长|局長|秘书长|秘書長|州长|州長|盟长|盟長|旗长|旗長|镇长|鎮長|乡长|鄉長|总理|總理)"
# 在…上的讲话, or with its speaker before it (邝文涛常务副市长在…的讲话, 王明同志在…的讲话).
SPEECH_TITLE = re.compile(rf"^(?:[{CJK}]{{1,12}}?(?:{LEADER}|同志))?(?:在|於|于).{{4,80}}(?:上|时|時)?的(?:讲话|講話|发言|發言|致辞|致辭)$")
# …and a name after the title, never 在 (马宏伟副市长在全市数字政 / 府建设…的讲话 is a title wrapped).
SPEAKER = re.compile(rf"^(?:[{CJK}]{{1,12}}{LEADER}|{LEADER}|同志)\s*(?!在)[{CJK}·\s]{{0,6}}$")

# ── Dates ───────────────────────────────────────────────────────────────────────────────
# 2021年2月4日, 二〇二一年二月四日 (000:265, 001:14), and what real pages print besides: a Latin O
# or a digit 0 for 〇 (二O二O年三月五日, 二0二一年5月6日), Chinese numerals mixed with digits,
# spaces inside (2023年 11 月 08 日), 2021-02-04 and 2021.02.04.
DATE_DIGIT = "0-9０-９〇○零OoＯ一二三四五六七八九"
_Y = rf"[12１２一二][{DATE_DIGIT}]{{3}}"
_MD = rf"(?:[0-9０-９]{{1,2}}|[一二三四五六七八九十〇○零Oo]{{1,3}})"
DATE_WRITTEN = re.compile(rf"(?P<y>{_Y})\s*年\s*(?P<m>{_MD})\s*月\s*(?P<d>{_MD})\s*日")
DATE_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
# A line that is only a date, maybe in brackets: the signature date (000:265), the speech date (001:14).
_UNNAMED = re.compile(r"\?P<\w+>")
# DATE_WRITTEN without its group names, to stand inside other patterns.
DATE_WRITTEN_TEXT = _UNNAMED.sub("?:", DATE_WRITTEN.pattern)
DATE_LINE = re.compile(rf"^[(（]?\s*(?:{DATE_WRITTEN_TEXT})\s*[)）]?$")

# ── Parts of a document ─────────────────────────────────────────────────────────────────
# 主送: a short line ending with a colon, naming bodies (000:255, 001:39).
RECIPIENTS = re.compile(r"^(?P<who>[^。；;！？!?]{2,200}?)[:：]$")
RECIPIENT_HINT = re.compile(r"(各|人民政府|政府|委员会|委員會|部门|部門|单位|單位|局|办|辦|管委会|管委會|机构|機構|厅|廳|公司|学校|學校|医院|醫院|街道|镇|鎮|乡|鄉|行署|公署)")
ATTACHMENT = re.compile(r"^附\s*件\s*(?P<n>[0-9０-９一二三四五六七八九十]*)\s*[:：]?\s*(?P<rest>.*)$")
ATTACHMENT_ITEM = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<name>.+)$")
PUBLIC_NOTE = re.compile(r"^[(（]\s*此件(?:公开发布|公開發布|不公开|不公開|主动公开|主動公開|依申请公开|依申請公開)[^)）]*[)）]$")
# A signatory's title alone (000: 市长), or with a name and the date (real/026: 自治区主席 陈 武 2016年12月6日).
SIGNATORY = re.compile(rf"^[{CJK}]{{0,10}}?{LEADER}(?!\s*在)(?:\s*[\u4e00-\u9fff·]{{0,4}}(?:\s+[\u4e00-\u9fff·]{{1,3}})?)?$")
BOOK_TITLE_LINE = re.compile(r"^《(?P<title>[^《》]{4,120})》$")
BOOK_TITLE = re.compile(r"《(?P<title>[^《》]{2,120})》")

# ── Issue header ────────────────────────────────────────────────────────────────────────
# 本溪市人民政府公报 (000:11), 黃石市人民政府公報2019年第6號(總號:90) (001:6).
# A gazette is named after its place: a page title's bare 政府公报 section name is not one.
# 青堰政报, 深圳政报: a 政报 needs no level character (政报 is never a section's name).
GAZETTE_NAME = re.compile(rf"(?P<name>[{CJK}]{{1,20}}[省市县縣区區州旗盟][{CJK}]{{0,14}}(?:公报|公報)|[{CJK}]{{2,12}}(?:政报|政報))")
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
# A path of short crumbs from the home page: 首页 > 政务公开 > 政策文件 (real/012), 首页 / 文件汇编/ 正文 (034).
BREADCRUMB_PATH = re.compile(r"^(?:网站首页|首\s*页|主页|Home)\s*(?:[>»›/→＞|\\]+\s*[^>»›/→＞|\\]{1,24}?\s*)+$")
# A headline with the page's stamp run on after a blank: …最新公告 發布時間:2024-04-17 14:47 來源:….
RUN_ON_STAMP = re.compile(r"\s+(?:发布|發布|更新|发表|發表)?(?:时间|時間|日期)\s*[:：]\s*(?:19|20)\d\d\s*[-/.年].*$")
# 当前位置: / 您当前的位置: / 你现在所在的位置: / 所在栏目: (read folded to Simplified: lines.classify).
# A bare 位置: names a place in a notice (位置：东至…) unless a path follows it.
BREADCRUMB = re.compile(
    r"^(?:(?:您|你)?(?:当前|现在|目前)(?:所在|所处)?的?|您的|你的|(?:您|你)?(?:所在|所处)的?)(?:位置|栏目|页面)\s*[:：]"
    r"|^(?:位置|栏目)\s*[:：]\s*(?:网站首页|首\s*页|主页|[^>»›→＞]{1,24}[>»›→＞])"
)
# Words of toolbars, share bars and footers. A line made only of these (plus punctuation,
# dates and counts) is chrome: 语音阅读 【字体: 打印 (001:4), 微博微信 (004:111), 关闭 (004:113).
CHROME_WORDS = (
    "语音阅读 語音閱讀 语音播报 朗读 朗讀 字体 字體 字号 字號 打印本页 打印本頁 打印 列印 关闭窗口 關閉窗口 关闭本页 "
    "关闭 關閉 收藏本页 收藏 分享到 分享 微博 微信 朋友圈 QQ空间 QQ 空间 扫一扫 掃一掃 二维码 在手机上打开 "
    "在手机打开 在手機打開 在手機上打開 当前页面 當前頁面 当前页 當前頁 "
    "返回顶部 返回頂部 返回 保存 纠错 糾錯 默认 默認 大 中 小 简体 繁体 簡體 繁體 无障碍 無障礙 发布时间 發布時間 "
    "浏览次数 瀏覽次數 访问次数 阅读次数 点击 次 来源 來源 打印文章 加入收藏 下载 下載 上一篇 下一篇 "
    "我要纠错 复制链接 复制 Print print 本页 当前 視力保護色 护眼 "
    "打开适老化模式 打開適老化模式 适老化模式 適老化模式 适老化 適老化 关怀版 關懷版 长者模式 長者模式 "
    "无障碍浏览 無障礙瀏覽 无障碍阅读 無障礙閱讀 x X × "
    "返回目录 返回目錄 回到顶部 回到頂部 回到目录 回到目錄 返回首页 返回首頁 回到首页 回到首頁 返回列表 返回上一页 返回上一頁 TOP Top top"
).split()
CHROME_WORD_ALT = any_of(CHROME_WORDS)
CHROME_ONLY = re.compile(
    rf"^(?:(?:{CHROME_WORD_ALT})|[\s【】\[\]（）()<>《》|｜/:：,，.。·•\-—_+＋*×↑↓←→▲△^]|"
    rf"\d{{2,4}}[-/年.]\d{{1,2}}[-/月.]\d{{1,2}}日?|\d{{1,2}}:\d{{2}}(?::\d{{2}})?|\d+)+$"
)
# Lines that start a related-links block or a pager (004:107 相关解读:…; 002:505 相关信息).
CHROME_PREFIX = re.compile(
    r"^(?:相关信息|相關信息|相关解读|相關解讀|相关链接|相關鏈接|相关文件|相關文件|相关稿件|相關稿件|相关新闻|相關新聞|政策解读|政策解讀|解读[:：]|解讀[:：]|"
    r"上一篇|下一篇|上一条|下一条|分享到)"
)
# A related-links head alone on its line: what follows it at a page's end is a list of other pages.
RELATED_HEAD = re.compile(r"^(?:相关信息|相關信息|相关链接|相關鏈接|相关文件|相關文件|相关稿件|相關稿件|相关新闻|相關新聞|相关阅读|相關閱讀|"
                          r"延伸阅读|延伸閱讀)\s*[:：]?$")
# Footer marks, anywhere in a short line: ICP备…, 网站标识码…, 版权所有….
FOOTER_MARK = re.compile(r"(?:ICP备|ICP備|公网安备|公網安備|网站标识码|網站標識碼|版权所有|版權所有)")
# Footer words that only count at a page's top or bottom: 主办单位: may open a line of a real notice.
FOOTER_PREFIX = re.compile(r"^(?:主办单位|主辦單位|承办单位|承辦單位|技术支持|技術支持|联系我们|聯繫我們|网站地图|網站地圖|Copyright|copyright|©)")
# Chrome words that alone make a line of chrome words a toolbar (大/中/小 are not enough).
TOOLBAR_WORDS = re.compile(
    r"语音|語音|朗读|朗讀|字体|字體|字号|字號|打印|列印|关闭|關閉|收藏|分享|微博|微信|朋友圈|QQ|扫一扫|掃一掃|"
    r"返回顶部|返回頂部|返回目录|返回目錄|回到顶部|回到頂部|回到目录|回到目錄|返回首页|返回首頁|回到首页|回到首頁|返回列表|返回上一[页頁]|"
    r"纠错|糾錯|浏览次数|瀏覽次數|上一篇|下一篇|发布时间|發布時間|二维码|无障碍|無障礙|适老化|適老化|关怀版|關懷版"
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
# A printed page's number left in a PDF's text: —1—, - 2 -, －3－ (real/033).
PAGE_NUMBER_MARK = re.compile(r"^[-—–－]{1,2}\s*\d{1,3}\s*[-—–－]{1,2}$")
# A line of decoration between documents (★　★　★, ※※※, ————): layout, no text of anyone's.
SEPARATOR_LINE = re.compile(r"^(?:[\s\u3000]*[★☆*＊※◆◇■□●○▲△◎·•\-－﹣—─━=＝~～_]){3,}[\s\u3000]*$")
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
    "开元棋牌 開元棋牌 网赌 網賭 菠菜 提现秒到 充值返利 真人视讯 真人視訊 滚球 滾球 线上娱乐 線上娛樂 "
    "开奖直播 开奖结果 送金币 老虎机在线 金沙城 新葡京 银河娱乐 永利娱乐 大发快三 博彩天下 "
    "特马 特碼 开特马 四不像图 管家婆 一码一肖 一肖一码 六肖 平特一肖 三中三 跑狗图 正版资料 资料大全 "
    "天天开彩 天天彩 马会传真 今晚开奖 今晚开码 新澳门 新澳門 开奖记录 開獎記錄"
).split()
SPAM_WEAK = (
    "彩票 澳门 澳門 赌 賭 娱乐 娛樂 注册 註冊 在线观看 在線觀看 视频 視頻 免费 免費 亚洲 亞洲 高清 "
    "AV av 下载 下載 官网 官網 平台 开户 開戶 投注 体育 體育 直播 美女 福利 精品 影院 电影 電影 "
    "官方网站 网址 查询 试玩 注册 送 天下 在线 计划网"
).split()
# Between the pieces of a page's <title> or headline (标题_栏目_站点, 标题 | 站点, 标题 - 站点).
HEADING_SEPARATORS = re.compile(r"\s*[丨|｜_]\s*|\s+[-—–]\s+")
# The weak words that speak of the vice itself, not of a website (在线, 查询, 平台 name a real service too).
SPAM_VICE_RE = re.compile(r"彩票|澳门|澳門|赌|賭|娱乐|娛樂|投注|开户|開戶|AV|av|美女|影院")
SPAM_STRONG_RE = re.compile(any_of(SPAM_STRONG))
SPAM_WEAK_RE = re.compile(any_of(SPAM_WEAK))
# A web address as spam prints it: www.js9730.net, bet3548.vip.
SPAM_ADDRESS = re.compile(r"(?:https?://)?(?:www\.)?[a-z0-9\-]{2,}\.(?:com|net|cc|vip|top|org|xyz|me|co|info|win|bet)(?![a-z0-9])", re.I)
# A government text about gambling fights it: these words turn a lexicon hit into real content.
ENFORCEMENT = re.compile(r"打击|打擊|整治|查处|查處|严禁|嚴禁|取缔|取締|禁止|治理|非法|违法|違法|犯罪|专项行动|專項行動|管理办法|管理辦法|监管|監管")
# A web address: spam advertises one, a gazette document hardly ever does.
URLISH = re.compile(r"(?:https?://|www\.|\.com\b|\.net\b|\.cc\b|\.vip\b)", re.I)
# Sentence punctuation: spam lines are slogans, document lines are sentences.
SENTENCE_PUNCT = re.compile(r"[。；;，,、：:“”《》]")
