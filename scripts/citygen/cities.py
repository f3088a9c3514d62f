"""Invented cities, counties and districts: who publishes, under which abbreviations, on which CMS.

Each profile is data. The choices mirror what differs between real issuers: the level (a county
or district issues no 令), 办公室 or 办公厅, 政发 or 府发 style abbreviations, the bracket a site
prints in its 文号, how often the gazette appears, the CMS template, the encoding and the script.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Dept:
    """A government department: full name without the city, and its 文号 code letter."""

    name: str
    code: str


@dataclass(frozen=True)
class City:
    slug: str  # ASCII folder name
    name: str  # 澜川市
    short: str  # 澜 (the 文号 prefix)
    level: str  # 市 / 县 / 区
    province: str  # 湖南省
    prov: str  # 湘 (province 文号 prefix, ICP prefix)
    gazette: str  # name printed on the issue
    office: str  # 人民政府办公室 or 人民政府办公厅 (without the city)
    gov_fa: str  # 文号 agency of the government's documents
    office_fa: str  # … of the office's documents
    gov_han: str
    office_han: str
    ren: str  # personnel notices
    tong: str  # 通告 / 公告
    party_fa: str  # joint party–government office documents
    bracket: tuple[str, str]  # how the site prints the year bracket
    issue_word: str  # 期 or 号
    per_year: int  # issues a year
    first_year: int
    first_total: int  # 总第 of the first issue generated
    templates: tuple[str, ...]
    encodings: tuple[str, ...]  # utf-8 | utf-8-undeclared | gbk | gbk-undeclared | big5
    script: str  # simplified | traditional | mixed
    order_form: str  # split (令 / 第N号 on two lines) | oneline | hao_ling (第N号令)
    toc_styles: tuple[str, ...]
    spam: tuple[str, ...]  # spam tricks this site suffers from
    head_name: str
    deputies: tuple[str, ...]
    depts: tuple[Dept, ...] = field(default=())

    @property
    def gov(self) -> str:
        return f"{self.name}人民政府"

    @property
    def office_full(self) -> str:
        return f"{self.name}{self.office}"

    @property
    def party_office(self) -> str:
        return f"中共{self.name[:-1]}{self.level}委办公室"

    @property
    def head_title(self) -> str:
        return f"{self.level}长"

    @property
    def has_orders(self) -> bool:
        # Only cities with law-making power issue government rules (令); counties and districts don't.
        return self.level == "市"

    @property
    def lvl(self) -> str:
        """How the city names itself inside its own text: 市 / 县 / 区."""
        return self.level

    def dept_full(self, dept: Dept) -> str:
        return f"{self.name}{dept.name}"


_DEPTS = (
    Dept("发展和改革委员会", "发改"),
    Dept("教育局", "教"),
    Dept("财政局", "财"),
    Dept("人力资源和社会保障局", "人社"),
    Dept("自然资源和规划局", "自然资规"),
    Dept("住房和城乡建设局", "建"),
    Dept("农业农村局", "农"),
    Dept("民政局", "民"),
    Dept("卫生健康委员会", "卫健"),
    Dept("应急管理局", "应急"),
    Dept("市场监督管理局", "市监"),
    Dept("生态环境局", "环"),
    Dept("交通运输局", "交"),
    Dept("水利局", "水"),
    Dept("商务局", "商"),
    Dept("医疗保障局", "医保"),
)

CITIES: tuple[City, ...] = (
    City("lanchuan", "澜川市", "澜", "市", "湖南省", "湘", "澜川市人民政府公报", "人民政府办公室",
         "澜政发", "澜政办发", "澜政函", "澜政办函", "澜政任", "澜政通", "澜办发", ("〔", "〕"), "期", 12,
         2021, 101, ("trs_div", "p_styled"), ("utf-8", "utf-8", "gbk"), "simplified", "split",
         ("dots_page", "paren", "wrapped"), ("css_class", "offscreen", "marquee", "slogan"),
         "周明远", ("刘建华", "陈思宁", "赵一鸣"), _DEPTS),
    City("lanxi", "岚溪县", "岚", "县", "江西省", "赣", "岚溪县人民政府公报", "人民政府办公室",
         "岚府发", "岚府办发", "岚府函", "岚府办函", "岚府任", "岚府通", "岚办发", ("[", "]"), "期", 6,
         2019, 31, ("table_old", "br_only"), ("gbk", "gbk", "gbk-undeclared"), "simplified", "split",
         ("no_num", "num_line", "two_col"), ("tiny_font", "comment_link", "spliced", "hidden_attr"),
         "黄立群", ("孙文涛", "吴海燕"), _DEPTS[:12]),
    City("yunqiao", "云峤市", "云", "市", "贵州省", "黔", "云峤市人民政府公报", "人民政府办公厅",
         "云府发", "云府办发", "云府函", "云府办函", "云府任", "云府通", "云办发", ("〔", "〕"), "期", 24,
         2020, 401, ("br_only", "trs_div"), ("gbk-undeclared", "gbk", "utf-8"), "simplified", "hao_ling",
         ("two_col", "dots_page", "paren"), ("offscreen", "marquee", "height0", "slogan", "spliced"),
         "杨正和", ("罗志坚", "田晓梅", "龙成武"), _DEPTS),
    City("linyuan", "临沅市", "临", "市", "河南省", "豫", "临沅市人民政府公报", "人民政府办公室",
         "临政", "临政办", "临政函", "临政办函", "临政任", "临政通", "临办", ("〔", "〕"), "号", 12,
         2022, 61, ("p_styled", "article_section"), ("utf-8", "utf-8-undeclared"), "simplified", "oneline",
         ("num_before", "paren", "table"), ("css_class", "text_indent", "comment_link", "tiny_font"),
         "郑国栋", ("王欣然", "冯立军"), _DEPTS),
    City("baishawan", "白沙湾区", "白", "区", "广东省", "粤", "白沙湾区人民政府公报", "人民政府办公室",
         "白府", "白府办", "白府函", "白府办函", "白府任", "白府通", "白办", ("〔", "〕"), "期", 12,
         2021, 21, ("ul_fields", "p_styled"), ("utf-8",), "simplified", "split",
         ("table", "no_num", "wrapped"), ("visibility", "marquee", "css_class", "spliced"),
         "梁家骏", ("何嘉慧", "邓永强"), _DEPTS[:10]),
    City("beisong", "北嵩市", "嵩", "市", "福建省", "闽", "北嵩市人民政府公报", "人民政府办公室",
         "嵩政", "嵩政办", "嵩政函", "嵩政办函", "嵩政任", "嵩政通", "嵩委办", ("〔", "〕"), "期", 12,
         2019, 180, ("article_section", "trs_div"), ("utf-8", "big5"), "traditional", "split",
         ("run_on", "paren", "dots_page"), ("offscreen", "slogan", "css_class", "comment_link"),
         "林振邦", ("许文华", "蔡明辉"), _DEPTS),
    City("qingyan", "青堰市", "青", "市", "四川省", "川", "青堰政报", "人民政府办公室",
         "青府发", "青府办发", "青府函", "青府办函", "青府任", "青府通", "青委办", ("〔", "〕"), "期", 12,
         2020, 88, ("trs_div", "table_old"), ("gbk", "utf-8"), "simplified", "oneline",
         ("paren", "num_line", "dots_page"), ("tiny_font", "height0", "visibility", "slogan"),
         "蒋德明", ("谢红梅", "唐建国", "曾志远"), _DEPTS),
    City("wutong", "梧桐县", "梧", "县", "安徽省", "皖", "梧桐县人民政府公报", "人民政府办公室",
         "梧政", "梧政办", "梧政函", "梧政办函", "梧政任", "梧政通", "梧办", ("〔", "〕"), "期", 6,
         2021, 12, ("p_styled", "br_only"), ("utf-8-undeclared", "utf-8", "gbk"), "mixed", "split",
         ("wrapped", "no_num", "dots_page"), ("text_indent", "marquee", "spliced", "hidden_attr"),
         "方志诚", ("汪丽华", "储永生"), _DEPTS[:11]),
    City("jintang", "金塘市", "金", "市", "浙江省", "浙", "金塘市人民政府公报", "人民政府办公室",
         "金政发", "金政办发", "金政函", "金政办函", "金政任", "金政通", "金委办发", ("【", "】"), "期", 24,
         2022, 301, ("table_old", "ul_fields"), ("utf-8", "gbk"), "simplified", "hao_ling",
         ("dots_page", "two_col", "table"), ("css_class", "visibility", "height0", "slogan"),
         "钱少华", ("俞建平", "沈晓燕", "徐立新"), _DEPTS),
    City("dongling", "东陵市", "东", "市", "辽宁省", "辽", "东陵市人民政府公报", "人民政府办公厅",
         "东政发", "东政办发", "东政函", "东政办函", "东政任", "东政通", "东委办发", ("〔", "〕"), "号", 12,
         2018, 140, ("br_only", "article_section"), ("gbk", "utf-8"), "traditional", "oneline",
         ("paren", "num_before", "wrapped"), ("marquee", "offscreen", "spliced", "text_indent"),
         "于海涛", ("高凤霞", "马宏伟"), _DEPTS),
)


def pick_cities(n: int) -> tuple[City, ...]:
    """The first n profiles (each distinct); more than exist is an error, not a silent repeat."""
    if not 1 <= n <= len(CITIES):
        raise ValueError(f"--cities must be between 1 and {len(CITIES)}, got {n}")
    return CITIES[:n]
