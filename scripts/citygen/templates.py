"""CMS page templates around an article: the chrome real government sites put there.

Six layouts seen on real sites: a TRS-style div page (`TRS_Editor`), an old table layout, a
`<br>`-only article, Word-exported `<p>` with styled runs, a bulleted field list (`<ul><li>`),
and an HTML5 article with a <dl> field block. Around the text: navigation, breadcrumbs, the CMS
field table (索引号 / 发布机构 / 发文字号 / 成文日期, labels in several spellings), a 字体大中小
toolbar, share and print bars, related links with unrelated headlines, and an ICP footer.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field

from .cities import City
from .documents import Line

CENTER = frozenset({"banner", "title", "order_head", "order_num", "rule_title", "attach_title", "speech_date",
                    "speaker", "toc_head", "cover", "cover_name", "section"})
RIGHT = frozenset({"sign_office", "sign_date", "sign", "sign_person"})
TEMPLATES = ("trs_div", "table_old", "br_only", "p_styled", "ul_fields", "article_section")
LABELS = {
    "索引号": ("索引号", "索 引 号", "索　引　号"),
    "发布机构": ("发布机构", "发文机关", "发布单位"),
    "发文字号": ("发文字号", "文号", "文　　号"),
    "成文日期": ("成文日期", "生成日期", "发文日期"),
    "发布日期": ("发布日期", "公开日期"),
    "主题分类": ("主题分类", "分类"),
    "信息名称": ("信息名称", "名　　称", "标题"),
    "有效性": ("有效性", "时效性"),
}


@dataclass
class View:
    """Everything a template places on the page."""

    city: City
    charset: str  # declared charset, "" when the page declares none
    title: str  # <title>
    h1: str | None
    fields: list[tuple[str, str]]  # (canonical label, value)
    published: str  # 2021-04-02 09:30
    source: str
    lines: list[Line]
    between: dict[int, list[str]] = field(default_factory=dict)  # markup before line i
    inline: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # markup inside line i at a position
    head: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # markup outside the article
    flatten_tables: bool = False


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def _line_text(view: View, i: int, line: Line) -> str:
    spots = sorted(view.inline.get(i, []))
    if not spots:
        return esc(line.text)
    out, last = [], 0
    for pos, markup in spots:
        out.append(esc(line.text[last:pos]) + markup)
        last = pos
    out.append(esc(line.text[last:]))
    return "".join(out)


def _runs(rng: random.Random, text: str) -> str:
    """Word exports split a paragraph into styled runs at arbitrary points."""
    if len(text) < 8 or rng.random() < 0.5 or "<" in text or "@@" in text:  # never cut markup or a spam slot
        return f'<span style="font-family:仿宋_GB2312;font-size:16pt">{text}</span>'
    cut = rng.randint(2, len(text) - 2)
    while cut < len(text) and text[cut - 1] == "&":
        cut += 1
    if "&" in text[max(0, cut - 8):cut + 1]:
        return f'<span style="font-family:仿宋_GB2312">{text}</span>'
    return (f'<span style="font-family:仿宋_GB2312;font-size:16pt">{text[:cut]}</span>'
            f'<span style="font-family:仿宋_GB2312;font-size:16pt;">{text[cut:]}</span>')


def _block(template: str, rng: random.Random, line: Line, inner: str) -> str:
    align = "center" if line.role in CENTER else "right" if line.role in RIGHT else "left"
    if template == "p_styled":
        inner = _runs(rng, inner)
        if line.role == "banner":
            return f'<p style="text-align:center;line-height:1.5"><span style="color:#FF0000;font-size:26pt;font-family:方正小标宋简体">{inner}</span></p>'
        style = {"center": "text-align:center", "right": "text-align:right;margin-right:4em",
                 "left": "text-indent:2em;line-height:28pt"}[align]
        return f'<p style="{style}">{inner}</p>'
    if template == "ul_fields" or template == "article_section" and rng.random() < 0.3:
        cls = {"center": "tc", "right": "tr", "left": "ti"}[align]
        return f'<div class="{cls}">{inner}</div>'
    if align == "center":
        return f'<p align="center">{inner}</p>' if template == "table_old" else f'<p style="text-align: center;">{inner}</p>'
    if align == "right":
        return f'<p align="right">{inner}</p>' if template == "table_old" else f'<p style="text-align: right;">{inner}</p>'
    return f'<p style="text-indent: 2em;">{inner}</p>' if rng.random() < 0.8 else f"<p>　　{inner}</p>"


def _br_line(rng: random.Random, line: Line, inner: str) -> str:
    if line.role in CENTER:
        pad = "&nbsp;" * rng.randint(12, 30)
    elif line.role in RIGHT:
        pad = "&nbsp;" * rng.randint(40, 70)
    else:
        pad = "&nbsp;&nbsp;&nbsp;&nbsp;" if rng.random() < 0.8 else "　　"
    return pad + inner + "<br>" + ("<br>" if rng.random() < 0.3 else "")


def article(template: str, view: View, rng: random.Random) -> str:
    """The article body: one block per line, tables as <table> or flattened, injections in place."""
    out: list[str] = []
    i = 0
    lines = view.lines
    while i < len(lines):
        out += view.between.get(i, [])
        line = lines[i]
        if line.role == "cell" and not view.flatten_tables:
            j = i
            while j < len(lines) and lines[j].role == "cell" and lines[j].table == line.table:
                j += 1
            rows: dict[int, list[str]] = {}
            for k in range(i, j):
                rows.setdefault(lines[k].row, []).append(f"<td>{_line_text(view, k, lines[k])}</td>")
                if k > i:
                    out += view.between.get(k, [])
            body = "".join(f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items()))
            out.append(f'<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">{body}</table>')
            i = j
            continue
        inner = _line_text(view, i, line)
        out.append(_br_line(rng, line, inner) if template == "br_only" else _block(template, rng, line, inner))
        i += 1
    out += view.between.get(len(lines), [])
    sep = "" if template == "br_only" else "\n"
    return sep.join(out)


def _label(rng: random.Random, key: str) -> str:
    return rng.choice(LABELS.get(key, (key,)))


def _fields(template: str, view: View, rng: random.Random) -> str:
    if not view.fields:
        return ""
    colon = rng.choice(("：", ":", "") if template in ("trs_div", "br_only", "table_old", "article_section") else ("：", ":"))
    pairs = [(_label(rng, k) + colon, esc(v)) for k, v in view.fields]
    if template in ("trs_div", "br_only"):
        rows = []
        for k in range(0, len(pairs), 2):
            cells = "".join(f'<td class="t1">{a}</td><td class="t2">{b}</td>' for a, b in pairs[k:k + 2])
            rows.append(f"<tr>{cells}</tr>")
        return f'<table class="xxgk_table" width="100%">{"".join(rows)}</table>'
    if template == "table_old":
        return "<table class=xxgk>" + "".join(f"<tr><th>{a}</th><td>{b}</td></tr>" for a, b in pairs) + "</table>"
    if template == "ul_fields":
        return '<ul class="xxgk-info">' + "".join(f'<li><label>{a}</label><span>{b}</span></li>' for a, b in pairs) + "</ul>"
    if template == "p_styled":
        return '<div class="zwgk_box">' + "".join(f"<p><b>{a}</b>{b}</p>" for a, b in pairs) + "</div>"
    return '<dl class="doc-meta">' + "".join(f"<dt>{a}</dt><dd>{b}</dd>" for a, b in pairs) + "</dl>"


@dataclass
class Chrome:
    """The site chrome of one page, kept as the strings a reader sees (for the truth)."""

    breadcrumb: list[str]
    crumb_label: str
    toolbar: str
    share: str
    tools: str
    related_head: str
    related: list[str]
    footer: list[str]
    info: str

    def strings(self) -> list[str]:
        crumb = self.crumb_label + " > ".join(self.breadcrumb)
        return [crumb, self.share, self.tools, self.related_head, *self.related, *self.footer]


def chrome(city: City, rng: random.Random, crumbs: list[str], published: str, source: str) -> Chrome:
    news = (f"{city.name}召开{rng.choice(('全' + city.level + '安全生产', '政府常务', '优化营商环境推进', '防汛工作'))}会议",
            f"{city.name[:-1]}{rng.choice(('新区', '高新区', '经开区'))}{rng.randint(3, 40)}个重点项目集中开工",
            f"{city.name}{rng.randint(2019, 2024)}年{rng.choice(('春季', '秋季'))}招聘会圆满举办",
            f"{city.head_title}{city.head_name}调研{rng.choice(('乡村振兴', '项目建设', '民生实事'))}工作")
    code = f"{rng.randint(10, 65)}{rng.randint(10000000, 99999999)}"
    return Chrome(
        breadcrumb=["首页", *crumbs],
        crumb_label=rng.choice(("当前位置：", "您现在的位置：", "您的位置：", "当前位置:")),
        toolbar="【字体：大 中 小】",
        share=rng.choice(("分享到：", "分享：")),
        tools=rng.choice(("【打印本页】", "【打印】", "打印本页")) + " " + rng.choice(("【关闭窗口】", "【关闭】", "关闭")),
        related_head=rng.choice(("相关链接", "相关阅读", "相关文件")),
        related=list(rng.sample(news, 2)),
        footer=[f"主办单位：{city.office_full}　承办：{city.name}大数据中心",
                f"网站标识码：{code}　{city.prov}ICP备{rng.randint(10000000, 99999999)}号"
                f"　{city.prov}公网安备 {rng.randint(10**13, 10**14 - 1)}号"],
        info=f"发布时间：{published}　来源：{source}",
    )


BODY_SLOT = "@@ARTICLE@@"


def render(template: str, view: View, rng: random.Random, ch: Chrome) -> tuple[str, str]:
    """The page with BODY_SLOT where the article goes, and the article (kept apart so that a
    Traditional page converts its chrome here and its lines one by one, exactly as the truth)."""
    city = view.city
    meta = ""
    if view.charset:
        meta = (f'<meta http-equiv="Content-Type" content="text/html; charset={view.charset}">' if template == "table_old"
                else f'<meta charset="{view.charset}">')
    crumb = ch.crumb_label + " &gt; ".join(f'<a href="/{k}/">{esc(c)}</a>' for k, c in enumerate(ch.breadcrumb))
    toolbar = '【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】'
    share = f'{ch.share}<a class="wx">微信</a><a class="wb">微博</a><a class="qq">QQ空间</a>'
    tools = f'<a href="javascript:window.print()">{esc(ch.tools.split(" ")[0])}</a> <a href="javascript:window.close()">{esc(ch.tools.split(" ")[1])}</a>'
    related = "".join(f'<li><a href="/news/{k}.html">{esc(t)}</a></li>' for k, t in enumerate(ch.related))
    footer = "".join(f"<p>{esc(f)}</p>" for f in ch.footer)
    nav = "".join(f'<li><a href="/{k}/">{n}</a></li>' for k, n in enumerate(("首页", "政务公开", "政务服务", "互动交流", f"走进{city.name[:-1]}")))
    head = "\n".join(view.head)
    article_html = article(template, view, rng)
    body = BODY_SLOT
    fields = _fields(template, view, rng)
    h1 = esc(view.h1) if view.h1 else ""
    outside_top = "\n".join(view.outside[: len(view.outside) // 2])
    outside_end = "\n".join(view.outside[len(view.outside) // 2:])
    title = esc(view.title)
    info = esc(ch.info)

    if template == "table_old":
        return f"""<html>
<head>
{meta}
<title>{title}</title>
<link href="/css/style.css" rel="stylesheet" type="text/css">
{head}
</head>
<body topmargin="0" leftmargin="0">
{outside_top}
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td><img src="/images/top_banner.jpg" width="980" height="120"></td></tr>
<tr><td class="nav"><table><tr>{''.join(f'<td><a href="/{k}/">{n}</a></td>' for k, n in enumerate(("首页", "政务公开", "办事服务", "互动交流")))}</tr></table></td></tr>
<tr><td class="weizhi">{crumb}</td></tr>
<tr><td>{fields}</td></tr>
<tr><td align="center" class="bt"><b><font size="4">{h1}</font></b></td></tr>
<tr><td align="center" class="info">{info}　　{toolbar}</td></tr>
<tr><td class="content"><div id="Zoom">
{body}
</div></td></tr>
<tr><td align="center">{tools}</td></tr>
<tr><td><table class="xglj"><tr><td>{ch.related_head}：</td></tr>{''.join(f'<tr><td><a href="/news/{k}.html">{esc(t)}</a></td></tr>' for k, t in enumerate(ch.related))}</table></td></tr>
</table>
<table width="980" align="center" class="foot"><tr><td align="center">{'<br>'.join(esc(f) for f in ch.footer)}</td></tr></table>
{outside_end}
</body>
</html>
""", article_html
    if template == "article_section":
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{meta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{head}
</head>
<body>
<header class="site-header"><div class="logo">{esc(city.gov)}</div><nav><ul>{nav}</ul></nav></header>
{outside_top}
<nav class="breadcrumb" aria-label="breadcrumb">{crumb}</nav>
<main>
<article class="detail">
<h1>{h1}</h1>
<section class="meta">{fields}<p class="info">{info} <span class="tool">{toolbar}</span></p></section>
<div class="content" id="zoom">
{body}
</div>
<div class="share">{share}</div>
<div class="tools">{tools}</div>
</article>
<aside class="related"><h2>{ch.related_head}</h2><ul>{related}</ul></aside>
</main>
<footer>{footer}</footer>
{outside_end}
</body>
</html>
""", article_html
    wrapper = {"trs_div": ('<div class="TRS_Editor" id="zoom">', "</div>"),
               "br_only": ('<div class="con" id="zoom"><font style="font-size:16px;line-height:30px">', "</font></div>"),
               "p_styled": ('<div class="article-con" id="UCAP-CONTENT">', "</div>"),
               "ul_fields": ('<div class="article-content">', "</div>")}[template]
    return f"""<!DOCTYPE html>
<html>
<head>
{meta}
<title>{title}</title>
<meta name="keywords" content="{esc(city.gov)},政府公报">
<link rel="stylesheet" href="/css/common.css">
<script type="text/javascript" src="/js/jquery.min.js"></script>
{head}
</head>
<body>
<div class="top"><div class="w1200"><span class="date">{esc(view.published[:10])}</span><a href="/">无障碍</a> <a href="/">长者模式</a></div></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{esc(city.gov)}"></div><ul class="nav">{nav}</ul></div>
{outside_top}
<div class="location">{crumb}</div>
<div class="main w1200">
{fields}
<div class="detail">
<h1 class="title">{h1}</h1>
<div class="info">{info}　浏览次数：<span id="hits">{rng.randint(20, 3000)}</span>　{toolbar}</div>
{wrapper[0]}
{body}
{wrapper[1]}
<div class="share">{share}</div>
<div class="print">{tools}</div>
</div>
<div class="related"><h3>{ch.related_head}</h3><ul>{related}</ul></div>
</div>
<div class="footer">{footer}</div>
{outside_end}
</body>
</html>
""", article_html
