"""Title and author of a parsed page: JSON-LD, meta tags, then the page's own byline.

Authors come, in order, from JSON-LD (`author.name`), author meta tags, elements marked as
bylines (itemprop/rel/class "author" or "byline"), then byline patterns in the text near the
headline: "By Jane Doe", "作者：张三", "记者 张三 李四", "（记者 张三）", "文/张三".
Values that look like ids, URLs or sentences are refused.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from .density import line_key

log = logging.getLogger(__name__)

_TITLE_SEPARATORS = re.compile(r"\s+[-|–—·»]\s+|\s*[_｜|]\s*|——|－")
_AUTHOR_META = (
    "author",
    "article:author",
    "byl",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "citation_author",
)
# a class or id token naming the author itself ("author", "article-byline", "author_name"),
# not a part of an author box ("author-card-message-label")
_BYLINE_TOKEN = re.compile(r"(?:\w+[-_])?(?:author|byline|writer|zuozhe)(?:[-_]?names?)?", re.I)
# Chinese names: 2-4 characters each, the last one followed by a boundary (space, bracket,
# end of line, 报道, 发自 …), so that words running on ("记者查实，…") are not taken as names
_NAME_CJK = r"[\u4e00-\u9fff·]{2,4}?"
_NAME_END = r"(?=$|[\s）)\]】|/／]|发自|报道|摄|电|通讯员|实习生)"
_NAMES_CJK = rf"{_NAME_CJK}(?:[ \u3000、，,和]+{_NAME_CJK}){{0,5}}{_NAME_END}"
_NAMES_ANY = rf"(?:{_NAMES_CJK}|[A-Za-z][\w.\-]*(?: [A-Za-z][\w.\-]*){{0,3}})"
_OUTLET = r"[\u4e00-\u9fff·\s]{0,12}?"  # 本报, 新华社, 光明日报, 河南商报 …
# Bylines in a short line: at its start (after an outlet name), or after a label.
_ZH_LINE_BYLINES = (
    re.compile(rf"(?:作\s*者|撰文|采写)\s*[:：/]\s*(?P<names>{_NAMES_ANY})"),
    re.compile(rf"^\W*{_OUTLET}记者\s*[:：]?\s*(?P<names>{_NAMES_CJK})"),
    re.compile(rf"^\W*文\s*[/／|｜]\s*(?P<names>{_NAMES_CJK})"),
    # "by 眉间尺", "by duscha" in a Chinese line (forums, blogs); English lines use _EN_BYLINE
    re.compile(rf"(?=.*[\u4e00-\u9fff]).*?\b[Bb]y\s+(?P<names>{_NAMES_ANY})"),
)
# Bylines in brackets, anywhere (often closing the last paragraph): （记者 张三）, （张三 上海报道）
_ZH_BRACKET_BYLINES = (
    re.compile(rf"[（(【\[]\s*{_OUTLET}记者\s*(?P<names>{_NAMES_CJK})[^）)】\]]{{0,12}}[）)】\]]"),
    re.compile(rf"[（(]\s*(?P<names>{_NAMES_CJK})\s+[\u4e00-\u9fff]{{1,6}}报道\s*[）)]"),
)
_EN_BYLINE = re.compile(
    r"^\s*(?i:by|written by|words by)\s+(?P<names>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})*)",
)
_NOT_NAMES = frozenset(
    "时间 日期 来源 编辑 发布 摄影 报道 记者 通讯员 实习生 责编 作者 点击 阅读 评论 字号 "
    "分享 打印 关闭 更新 发表".split()
)
_ROLE = re.compile(r"实习记者|特约记者|记者|通讯员|实习生|摄影|摄")
_MAX_BYLINE_LINE = 60  # characters of a line read as a byline (bracketed ones: any)
_AUTHOR_PREFIX = re.compile(r"^\s*(?:by|作者|记者|文)\s*[:：/]?\s*", re.I)
_BAD_AUTHOR = re.compile(r"https?:|www\.|@|\d{3,}|[<>{}=]|_\d|^\W*$")
_MAX_AUTHOR = 60
_BYLINE_CANDIDATES = etree.XPath(  # a quick pre-selection for _BYLINE_TOKEN, in C
    "//*[@itemprop='author' or @rel='author' or "
    + " or ".join(
        f"contains(@{attr}, '{word}')"
        for attr in ("class", "id")
        for word in ("author", "Author", "byline", "Byline", "writer", "zuozhe")
    )
    + "]"
)


def jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    """All JSON-LD objects of the page, flattened out of lists and @graph."""
    out: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in script.get("type", "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            log.debug("unreadable JSON-LD")
            continue
        out.extend(_flatten(data))
    return out


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])


def meta_content(tree: HtmlElement, names: tuple[str, ...]) -> list[str]:
    """Contents of <meta name|property|itemprop=…> tags for `names`, in the order of `names`."""
    found: dict[str, list[str]] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if key in names and content:
            found.setdefault(key, []).append(content)
    return [value for name in names for value in found.get(name, [])]


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def find_title(tree: HtmlElement) -> str | None:
    """The headline: an <h1> confirmed by <title> or og:title, else og:title, else <title>."""
    head_title = _clean(tree.findtext(".//title"))
    og = next(iter(meta_content(tree, ("og:title", "twitter:title"))), "")
    h1s = [_clean(h.text_content()) for h in tree.iterfind(".//h1")][:3]
    reference = line_key(f"{head_title} {og}")
    for h1 in h1s:
        if h1 and line_key(h1) and line_key(h1) in reference:
            return h1
    if og:
        return _clean(og)
    if head_title:
        # the site name usually comes last; take the first part unless it is much the shorter
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(head_title) if p.strip()]
        if not parts:
            return head_title
        longest = max(parts, key=len)
        return parts[0] if 2 * len(parts[0]) >= len(longest) else longest
    return next((h for h in h1s if h), None)


def find_author(tree: HtmlElement, lines: list[str]) -> str | None:
    """The author(s), names separated by a space (see the module docstring).

    `lines` are the text lines to search for a byline, most likely first (the caller puts
    the article's first and last lines ahead of the rest of the page).
    """
    for obj in jsonld_objects(tree):
        if name := _jsonld_author(obj.get("author")):
            return name
    for value in meta_content(tree, _AUTHOR_META):
        if name := _valid_author(value):
            return name
    for el in _BYLINE_CANDIDATES(tree):
        tokens = f"{el.get('class', '')} {el.get('id', '')}".split()
        marked = el.get("itemprop") == "author" or el.get("rel") == "author"
        if el.tag in ("html", "body", "meta", "link", "script"):
            continue
        if marked or any(_BYLINE_TOKEN.fullmatch(t) for t in tokens):
            text = _clean(el.text_content())
            short = bool(text) and len(text) <= _MAX_AUTHOR
            if short and (name := author_in_text([text]) or _plain_name(text)):
                return name
    return author_in_text(lines)


def author_in_text(lines: list[str]) -> str | None:
    """A byline among text lines: 作者：…, 记者 …, （记者 …）, 文/…, By …"""
    for line in lines:
        found = None
        if len(line) <= _MAX_BYLINE_LINE:
            for pattern in _ZH_LINE_BYLINES:
                if (m := pattern.search(line)) and (found := _valid_author(_names(m, line))):
                    break
            if not found and (m := _EN_BYLINE.match(line)):
                found = _valid_author(m.group("names"))
        if not found:
            for pattern in _ZH_BRACKET_BYLINES:
                if (m := pattern.search(line)) and (found := _valid_author(m.group("names"))):
                    break
        if found:
            return found
    return None


def _names(m: re.Match[str], line: str) -> str:
    """The names of a byline match; in "记者 张三 北京报道" the last word is the place."""
    names = m.group("names")
    parts = names.split()
    if len(parts) > 1 and line[m.end() :].startswith("报道"):
        return " ".join(parts[:-1])
    return names


def _plain_name(text: str) -> str | None:
    """A byline element's text that is just names (Chinese ones: at most 3, of 2-4 chars)."""
    name = _valid_author(text)
    if name and re.search(r"[\u4e00-\u9fff]", name):
        parts = name.split()
        if len(parts) > 3 or any(not 2 <= len(p) <= 4 for p in parts):
            return None
    return name


def _jsonld_author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for v in value if (n := _jsonld_author(v))]
        return " ".join(names) if names else None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str):
        return _valid_author(value)
    return None


def _valid_author(value: str) -> str | None:
    value = _AUTHOR_PREFIX.sub("", _clean(value))
    if re.search(r"[\u4e00-\u9fff]", value):
        value = _ROLE.sub(" ", value)
        parts = [p for p in re.split(r"[\s、，,和]+", value) if p]
        value = " ".join(p for p in parts if p not in _NOT_NAMES)
    value = value.strip(" :：,，|/（）()[]【】")
    if not value or len(value) > _MAX_AUTHOR or _BAD_AUTHOR.search(value):
        return None
    if len(value.split()) > 8 or value.endswith((".", "。")):
        return None  # a sentence, not a name
    return value
