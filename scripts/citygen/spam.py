"""SEO spam as hacked government CMS pages carry it, each with the trick that hides it.

Tricks: a class hidden by a <style> rule, off-screen absolute positioning, zero/1px fonts, a 1×1
<marquee>, links inside HTML comments, the `hidden` attribute, visibility:hidden, a zero-height
box with overflow hidden, a large negative text-indent, and two a reader does see: spam text
spliced into a real paragraph, and a slogan line between documents. The strings are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_BRANDS = ("澳门新葡京", "威尼斯人", "皇冠体育", "永利娱乐", "金沙城", "银河娱乐", "太阳城", "博彩天下", "亚洲彩票", "大发快三")
_PRODUCTS = ("线上娱乐平台", "官方网站注册", "真人视讯开户", "体育投注网址", "百家乐开户送彩金", "时时彩计划网",
             "北京赛车PK10开奖直播", "六合彩开奖结果查询", "老虎机在线试玩", "棋牌游戏下载送金币", "足球滚球投注")
_TLDS = ("com", "net", "cc", "vip", "top")

# trick → does a reader see it
TRICKS = {
    "css_class": False, "offscreen": False, "tiny_font": False, "marquee": False, "comment_link": False,
    "hidden_attr": False, "visibility": False, "height0": False, "text_indent": False,
    "spliced": True, "slogan": True,
}


@dataclass
class Injection:
    text: str  # the spam string as injected
    trick: str
    html: str  # markup to insert (for "spliced": the text itself)
    head: str = ""  # markup for <head> (a <style> rule)
    inline: bool = False  # goes inside a paragraph rather than between lines

    @property
    def visible(self) -> bool:
        return TRICKS[self.trick]


def spam_text(rng: random.Random) -> str:
    text = rng.choice(_BRANDS) + rng.choice(_PRODUCTS)
    if rng.random() < 0.4:
        text += f" www.{rng.choice(('js', 'hg', 'ylg', 'amxpj', 'bet', 'yh'))}{rng.randint(100, 9999)}.{rng.choice(_TLDS)}"
    return text


def _link(rng: random.Random, text: str) -> str:
    return f'<a href="http://www.{rng.choice(("hg", "xpj", "ag", "bet"))}{rng.randint(10, 999)}.{rng.choice(_TLDS)}/" target="_blank">{text}</a>'


def make(rng: random.Random, trick: str) -> Injection:
    text = spam_text(rng)
    link = _link(rng, text)
    if trick == "css_class":
        cls = "".join(rng.choice("abcdefghkmnpqrstuvwxyz") for _ in range(rng.randint(4, 7)))
        rule = rng.choice(("display:none", "display: none !important", "visibility:hidden;position:absolute"))
        return Injection(text, trick, f'<div class="{cls}">{link}</div>', head=f"<style>.{cls}{{{rule}}}</style>")
    if trick == "offscreen":
        x = rng.choice(("-9999px", "-8000px", "-10000px"))
        return Injection(text, trick, f'<div style="position:absolute;left:{x};top:{x};">{link}</div>')
    if trick == "tiny_font":
        size = rng.choice(("0px", "0", "1px"))
        return Injection(text, trick, f'<span style="font-size:{size};line-height:0;color:#fff">{text}</span>',
                         inline=rng.random() < 0.5)
    if trick == "marquee":
        return Injection(text, trick, f'<marquee height="1" width="1" scrollamount="3000" scrolldelay="20000">{link}</marquee>')
    if trick == "comment_link":
        return Injection(text, trick, f"<!--{link}-->", inline=rng.random() < 0.3)
    if trick == "hidden_attr":
        return Injection(text, trick, f"<p hidden>{link}</p>")
    if trick == "visibility":
        return Injection(text, trick, f'<div style="visibility:hidden;height:0;">{link}</div>')
    if trick == "height0":
        return Injection(text, trick, f'<div style="height:0;overflow:hidden;">{link}</div>')
    if trick == "text_indent":
        return Injection(text, trick, f'<div style="text-indent:-9999em;overflow:hidden;white-space:nowrap">{link}</div>')
    if trick == "spliced":
        return Injection(text, trick, text, inline=True)
    if trick == "slogan":
        return Injection(text, trick, f"<p>{link if rng.random() < 0.5 else text}</p>")
    raise ValueError(f"unknown spam trick {trick!r}")


def plan(rng: random.Random, tricks: tuple[str, ...]) -> list[Injection]:
    """2–5 injections for one page, from the site's tricks; no string inside another (so that what
    a reader sees of one never counts as another)."""
    out: list[Injection] = []
    for _ in range(rng.randint(2, 5)):
        inj = make(rng, rng.choice(tricks))
        if all(inj.text not in o.text and o.text not in inj.text for o in out):
            out.append(inj)
    return out
