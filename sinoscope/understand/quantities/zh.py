"""Chinese quantities: 超过4500家, 近6000亿元, 百分之七十, 下降12%, 三千五百家, 5000余家.

Numbers come from `numbers_zh`; a number counts as a quantity when a unit, currency,
percentage or measure word follows (Chinese counts need a classifier: 家, 个, 名 …) or when
it stands on its own before punctuation. Years, dates (2024年6月), ordinals (第三) and set
phrases (一切, 统一, 十四五, 三星) are left out; durations (三年, 6个月) stay in.
All matching runs on a same-length copy of the text (traditional → simplified, full-width →
ASCII), so offsets stay those of the original.
"""

from __future__ import annotations

import re

from .clues import finditer_near_digits
from .model import Candidate, finish, merge_ranges
from .numbers_en import parse_arabic
from .numbers_zh import ZH_NUMBER_RE, ZH_NUMERAL_CHARS, ZhNumber, normalize_zh, parse_zh_detail
from .times_zh import extract_times_zh
from .units import CURRENCY_PREFIX_RE, Currency, currency_for_prefix
from .units_zh import ZH_CURRENCY_RE, ZH_UNIT_RE, zh_currency, zh_unit

__all__ = ["candidates_zh", "numbers_zh", "same_length_zh"]

_TRAD = "萬億兩倆貳參陸點負幾個對雙臺幣圓與為號類種項張條輛門噸裡鐘時週歲倉節場層間處際電額約統內"
_SIMP = "万亿两两贰叁陆点负几个对双台币圆与为号类种项张条辆门吨里钟时周岁仓节场层间处际电额约统内"
_SAME_LEN = str.maketrans(
    {**{chr(0xFF01 + i): chr(0x21 + i) for i in range(94) if i != 0x0B}, "\u3000": " "}
    | dict(zip(_TRAD, _SIMP, strict=True))
)
_WIDE_GROUPING = re.compile(r"，(?<=[０-９]，)(?=[０-９]{3})")  # the comma first: a fast scan


def same_length_zh(text: str) -> str:
    """Full-width ASCII and traditional numerals/units mapped one character to one; the
    full-width comma stays a clause break unless it groups full-width digits (９，９９９)."""
    return _WIDE_GROUPING.sub(",", text).translate(_SAME_LEN)


_IDIOMS = re.compile(
    r"一切|一些|一样|一起|一直|一般|一定|一旦|一致|一同|一再|一律|一向|一边|一面|一下|一时|一道|"
    r"一并|一齐|一经|一贯|一心|一手|一举|一系列|一流|一线|一体|一带一路|唯一|统一|之一|万一|一方面|"
    r"进一步|同一|单一|逐一|一味|一点|一度|一口气|一看|一把手|千万(?=[不别要])|万万(?=[不没])|"
    r"十分(?!钟)|十足|三星|四川|百度|千问|万达|万科|两岸|两会|两两|十四五|十三五|十五五|双十一|三农|"
    r"七十?国集团|八十?国集团|二十?国集团|三峡|九州|五粮液|一汽|三一|零跑|零售|零部件|零件|零食|零星|零碳|零和|零距离|"
    r"陆续|大陆|陆地|登陆|着陆|海陆|入伍|退伍|队伍|伍仁|收拾|拾取|拾起|拾到|放肆|肆意|肆无忌惮|"
    r"朝花夕拾|一号文件|五角大楼|二手|三方|两用|一代|一览|一行|一轮|一年一度|一路|二维码|三维|"
    r"四周|万物|百花|千方百计|万众|百姓|千家万户|九九|百分百|十全十美|一体化|一批"
)
_URL = re.compile(
    r"https?://\S+|www\.\S+|(?:\+86[- ]?)?(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"
    r"|(?:\+86[- ]?)?(?<!\d)1[3-9]\d{9}(?!\d)"
)
_LABEL_BEFORE = re.compile(
    r"(?:电话|手机|传真|邮编|邮政编码|编号|代码|号码|账号|工号|学号|型号|批号|文号|序号|热线|股票代码|证券代码)"
    r"[：:为是]?\s*$"
)
_FUNCTION_NEXT = set("的和与及或、，。；：！？,.;:!?）)」』”\"' \t\n等到至-—~～")
_COUNT_NOUNS = re.compile(
    r"用户|网民|人口|企业|公司|家庭|员工|职工|学生|游客|观众|粉丝|患者|会员|客户|开发者|工程师|"
    r"人才|专利|论文|模型|芯片|个人|居民|农户|岗位|科研人员|市场主体|中小企业|智能体|服务器|数据中心"
)
_PERCENT_PREFIX = re.compile(r"(百万万|百万|千万|万万|百|千|万|佰|仟)\s*分\s*之\s*")
_PERCENT_DENOM = {"百": 1e2, "佰": 1e2, "千": 1e3, "仟": 1e3, "万": 1e4}
_PERCENT_DENOM.update({"百万": 1e6, "千万": 1e7, "万万": 1e8, "百万万": 1e10})
_HALF_PERCENT = re.compile(r"(?<=打)对折|半折|半成")
_MULTIPLIER = re.compile(r"翻(?:了)?(?P<n>一|两|二|三|四)番|翻(?:了)?(?:一)?倍")
_APPROX_AFTER = re.compile(r"\s*(?P<m>余|多|来|几)(?=\s*[^\d\s])")
_K_SUFFIX = re.compile(r"\s?[kK](?![A-Za-z])")
_PCT_POINT = re.compile(r"\s*个?\s*百\s*分\s*点")
_DISCOUNT = re.compile(r"\s*(?P<u>成|折)(?:\s?(?P<tail>[零一二三四五六七八九半]))?")
_NOT_DISCOUNT = re.compile(r"\s*(?:成[为立本果功长熟员都交就品型效绩]|折[合算旧扣叠射返线])")
_MONEY_TAIL = re.compile(
    r"(?P<a>[零一二两三四五六七八九\d])[角毛](?:(?P<f>[零一二三四五六七八九\d])分)?"
)
_CENTS_TAIL = re.compile(r"又?(?P<c>[一二两三四五六七八九十\d]+)美分")
_LATIN = re.compile(r"[A-Za-z]")
_SEVEN_DIGITS = re.compile(r"\d{7}")
_PHONE_STARTS = frozenset("+")
# where a match of ZH_NUMBER_RE can begin: a sign, a digit, a decimal point, a numeral
_NUMBER_START = re.compile(rf"[-－−负負.．0-9０-９{ZH_NUMERAL_CHARS}半]")
_SCALE_TAIL = re.compile(r"[万亿兆]+$")
_K_BEFORE_POINTS = re.compile(r"[kK](?=\s*个?\s*百\s*分\s*点)")
_KUAI = re.compile(r"块(?:钱|[，。,.!？?\s]|$)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_RMB_AFTER = re.compile(r"\s*人民币")
_RMB_BEFORE = re.compile(r"人民币\s*$")
_PER = re.compile(r"\s*/\s*|每")
_CURRENCY_BEFORE = re.compile(rf"(?:{CURRENCY_PREFIX_RE.pattern})$", re.VERBOSE)
_LATIN_JOINED = re.compile(r"[A-Za-z][-_]$")
_NAME_BEFORE = re.compile(r"[A-Z][A-Za-z]*\s$")
_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "半": 5}


def _digit(ch: str) -> int:
    return int(ch) if ch.isdigit() else _DIGIT[ch]


def _search_number(norm: str, pos: int) -> re.Match[str] | None:
    """ZH_NUMBER_RE.search(norm, pos), trying only where a numeral can begin."""
    while True:
        start = _NUMBER_START.search(norm, pos)
        if start is None:
            return None
        m = ZH_NUMBER_RE.match(norm, start.start())
        if m is not None:
            return m
        pos = start.start() + 1


def _number_spans(norm: str) -> list[tuple[int, int, ZhNumber]]:
    """(start, end, parsed) for every well-formed numeral run; a bad run keeps its longest
    valid head and scanning resumes after it ("667.123 五点八" → 667.123, 五点八)."""
    out: list[tuple[int, int, ZhNumber]] = []
    pos = 0
    while True:
        m = _search_number(norm, pos)
        if not m:
            return out
        s, e = m.span()
        while e > s and norm[e - 1] == " ":
            e -= 1
        detail = parse_zh_detail(norm[s:e])
        if detail is None:
            for cut in range(e - 1, s, -1):
                if norm[cut - 1] == " ":
                    continue
                detail = parse_zh_detail(norm[s:cut])
                if detail is not None:
                    e = cut
                    break
        if detail is not None:
            out.append((s, e, detail))
            pos = e
        else:
            pos = s + 1


def _blocked(norm: str) -> list[tuple[int, int]]:
    idiom_text = norm.replace("壹", "一")
    spans = [m.span() for m in _IDIOMS.finditer(idiom_text)]
    if "www." in norm or "://" in norm:
        spans += [m.span() for m in _URL.finditer(norm)]
    elif _SEVEN_DIGITS.search(norm):  # phone numbers only: 7+ digits, maybe after "+"
        spans += [m.span() for m in finditer_near_digits(_URL, norm, 2, _PHONE_STARTS)]
    spans += [(t.start, t.end) for t in extract_times_zh(norm) if t.kind != "duration"]
    return spans


def _percent_prefix(norm: str, s: int) -> tuple[int, int, float] | None:
    """百分之七十 at s: (start, end, value in percent); None if not a percentage."""
    m = _PERCENT_PREFIX.match(norm, s)
    if not m or (
        s > 0 and re.match(r"[0-9零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾]", norm[s - 1])
    ):
        return None
    inner = ZH_NUMBER_RE.match(norm, m.end())
    if not inner:
        return None
    end = inner.end()
    while end > inner.start() and norm[end - 1] == " ":
        end -= 1
    detail = parse_zh_detail(norm[inner.start() : end], allow_sequence=False)
    while detail is None and end > inner.start() + 1:  # 百分之七十百分位: stop before 百分位
        end -= 1
        detail = parse_zh_detail(norm[inner.start() : end], allow_sequence=False)
        if detail is not None and detail.high is not None:
            detail = None
    if detail is None or detail.high is not None:
        return None  # 百分之二三十 is too vague to be a value
    value = detail.value
    k = _K_SUFFIX.match(norm, end)
    if k:
        value, end = value * 1000, k.end()
    denom = _PERCENT_DENOM[re.sub(r"\s", "", m.group(1))]
    return s, end, value * 100 / denom


def _candidate(norm: str, s: int, e: int, value: float) -> Candidate:
    c = Candidate(start=s, end=e, value=value, num_start=s, num_end=e)
    raw = normalize_zh(norm[s:e])
    c.plain_int = raw.isdigit()
    tail = _SCALE_TAIL.search(raw)
    c.scaled = tail is not None
    if tail:
        for ch in tail.group():
            c.scale_factor *= {"万": 1e4, "亿": 1e8, "兆": 1e12}[ch]
    return c


def _discount(norm: str, c: Candidate, raw: str, detail: ZhNumber) -> bool:
    """九成 = 90%, 七成六 = 76%, 三成半 = 35%, 八五折 = 85%, 75折 = 75%, 9.9折 = 99%."""
    m = _DISCOUNT.match(norm, c.end)
    if not m or _NOT_DISCOUNT.match(norm, c.end):
        return False
    value = detail.value
    if m.group("u") == "折":
        if detail.sequence and len(raw) == 2:
            value = value / 10  # 三八折
        elif 10 <= value < 100 and re.fullmatch(r"\d\d", raw):
            value = value / 10  # 75折
        elif value >= 10:
            return False  # 十折 is no discount at all
    elif value > 10:
        return False
    if detail.high is not None:
        return False
    tail = m.group("tail")
    if tail:
        value += _digit(tail) / 10
    c.value, c.unit, c.kind, c.end = value * 10, "%", "percent", m.end()
    return True


def _attach(norm: str, c: Candidate, raw: str, detail: ZhNumber) -> None:
    ap = _APPROX_AFTER.match(norm, c.end)
    if ap:
        c.change = ">" if ap.group("m") in "余多" else "~"
        c.approximate = ap.group("m") in "来几"
        c.end = ap.end()
    if detail.high is None:
        k = _K_BEFORE_POINTS.match(norm, c.end)
        if k and c.plain_int:
            c.value *= 1000
            c.end += 1
    rest_start = c.end + len(norm[c.end : c.end + 3]) - len(norm[c.end : c.end + 3].lstrip(" "))
    rest = norm[rest_start : rest_start + 12]
    if rest[:1] == "%":
        c.unit, c.kind, c.end = "%", "percent", rest_start + 1
        return
    m = _PCT_POINT.match(norm, c.end)
    if m:
        c.unit, c.kind, c.end = "percentage points", "percent", m.end()
        return
    if _discount(norm, c, raw, detail):
        return
    m = ZH_CURRENCY_RE.match(rest)
    if m:
        _money(norm, c, zh_currency(m.group()), rest_start + m.end())
        return
    if _KUAI.match(rest):
        _money(norm, c, Currency("CNY", "yuan"), rest_start + (2 if rest.startswith("块钱") else 1))
        return
    m = ZH_UNIT_RE.match(rest)
    if m:
        surface = m.group()
        canonical, kind = zh_unit(surface)
        end = rest_start + m.end()
        if kind == "duration" and surface == "年" and c.value >= 1000:
            c.skip = "year"
            return
        if surface == "个" and ZH_CURRENCY_RE.match(norm, end):  # 20个比特币
            cur = ZH_CURRENCY_RE.match(norm, end)
            assert cur is not None
            _money(norm, c, zh_currency(cur.group()), cur.end())
            return
        c.unit, c.kind, c.end = canonical, kind, end
        if surface == "打":
            c.value *= 12
            c.unit, c.kind = "", "number"
        if kind == "count":
            noun = _COUNT_NOUNS.match(norm, c.end)
            if noun and surface in ("个", "名", "位", "家"):
                c.unit, c.end = surface + noun.group(), noun.end()
        _per(norm, c)
        return
    noun = _COUNT_NOUNS.match(rest)
    if noun:
        c.unit, c.kind, c.end = noun.group(), "count", rest_start + noun.end()
        return
    nxt = norm[c.end : c.end + 1]
    if _LATIN.match(nxt):
        c.skip = "model name"
    elif nxt and nxt not in _FUNCTION_NEXT and not c.scaled and _HAN.match(nxt):
        c.skip = "no measure word"


def _money(norm: str, c: Candidate, currency: Currency, end: int) -> None:
    c.currency, c.unit, c.kind, c.end = currency, currency.name, "money", end
    tail = _MONEY_TAIL.match(norm, end) if currency.iso == "CNY" else None
    if tail:  # 五元三毛, 50元6角三分
        c.value += _digit(tail.group("a")) / 10
        if tail.group("f"):
            c.value += _digit(tail.group("f")) / 100
        c.end = tail.end()
    cents = _CENTS_TAIL.match(norm, c.end) if currency.iso == "USD" else None
    if cents:  # 两美元又三美分
        v = parse_zh_detail(cents.group("c"))
        if v is not None and v.value < 100:
            c.value += v.value / 100
            c.end = cents.end()
    _per(norm, c)
    rmb = _RMB_AFTER.match(norm, c.end)
    if rmb and currency.iso == "CNY":
        c.end = rmb.end()


def _per(norm: str, c: Candidate) -> None:
    m = _PER.match(norm, c.end)
    if not m:
        return
    u = ZH_UNIT_RE.match(norm, m.end())
    if u:
        c.unit = f"{c.unit} per {zh_unit(u.group())[0]}"
        c.end = u.end()


def _prefix_currency(norm: str, c: Candidate) -> None:
    before = norm[max(0, c.start - 6) : c.start]
    m = _CURRENCY_BEFORE.search(before)
    if m and c.currency is None and not c.unit:
        cur = currency_for_prefix(m.group().strip(), "zh")
        if cur:
            c.currency, c.unit, c.kind = cur, cur.name, "money"
            c.start -= len(before) - m.start()
            c.currency_prefix = True
    elif c.currency is not None and c.currency.iso == "CNY" and _RMB_BEFORE.search(before):
        c.start -= len(before) - before.rfind("人民币")  # 人民币50元


def _skip(norm: str, c: Candidate, raw: str) -> str | None:
    before = norm[max(0, c.start - 12) : c.start]
    if before.rstrip(" ").endswith("第"):
        return "ordinal"
    if _LABEL_BEFORE.search(before):
        return "code"  # 邮编100083, 股票代码600519
    if (before[-1:] and _LATIN.match(before[-1:])) or _LATIN_JOINED.search(before):
        return "model name"  # H20, GPT-4, 昇腾910B is caught by the letter after
    if _NAME_BEFORE.search(before) and c.kind in ("count", "number"):
        return "model name"  # Mate 60
    if raw in ("一", "壹", "幺") and c.kind in ("count", "number"):
        return "article"  # 一家公司 is "a company"
    if raw == "零" or (raw in ("百", "千", "万", "亿") and not c.unit):
        return "not a number"
    if len(raw) == 1 and raw in "伍陆拾肆" and not c.unit:
        return "financial numeral alone"
    return None


_ANY_NUMBER = re.compile(
    r"[0-9０-９零〇一二两三四五六七八九十百千万亿兆壹贰叁肆伍陆柒捌玖拾佰仟萬億兩半]|[对對]折"
)


def candidates_zh(text: str) -> list[Candidate]:
    if not _ANY_NUMBER.search(text):
        return []
    norm = same_length_zh(text)
    blocked = _blocked(norm)
    cands: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for m in _PERCENT_PREFIX.finditer(norm):
        pct = _percent_prefix(norm, m.start())
        if pct and not any(bs <= pct[0] < be for bs, be in blocked):
            c = _candidate(norm, pct[0], pct[1], pct[2])
            c.unit, c.kind = "%", "percent"
            cands.append(c)
            taken.append((pct[0], pct[1]))
    for m in _HALF_PERCENT.finditer(norm) if "折" in norm or "半成" in norm else ():
        c = _candidate(norm, m.start(), m.end(), 50.0 if "折" in m.group() else 5.0)
        c.unit, c.kind = "%", "percent"
        cands.append(c)
        taken.append(m.span())
    for s, e, detail in _number_spans(norm):
        if any(ts <= s < te for ts, te in taken) or any(bs <= s < be for bs, be in blocked):
            continue
        c = _candidate(norm, s, e, detail.value)
        raw = normalize_zh(norm[s:e])
        if detail.high is not None:
            c.low, c.high, c.approximate, c.change = detail.value, detail.high, True, "~"
        elif detail.approximate:
            c.change = ">"
        if detail.sequence and not _DISCOUNT.match(norm, e):
            continue  # 一九九一 outside a year is not a quantity
        _attach(norm, c, raw, detail)
        if c.skip:
            continue
        _prefix_currency(norm, c)
        c.skip = _skip(norm, c, raw)
        if not c.skip:
            cands.append(c)
    for m in _MULTIPLIER.finditer(norm):
        n = m.group("n")
        value = 2.0 ** {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}[n] if n else 2.0
        c = Candidate(start=m.start(), end=m.end(), value=value, num_start=m.start())
        c.unit, c.kind, c.change, c.unit_fixed = "times", "multiplier", "up", True
        cands.append(c)
    cands = [c for c in cands if not any(c is not o and o.start <= c.start < o.end for o in cands)]
    cands.sort(key=lambda c: c.start)
    cands = merge_ranges(norm, cands, "zh")
    return finish(norm, cands, "zh")


_ARABIC_EXTRA = re.compile(
    r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+|\^[-+]*\d+)"
    r"|(?<![\w.])-?\d+(?:\.\d+)?\s?[kKM](?![A-Za-z])"
    r"|(?<![\w./])-?(?:\d+\s)?\d+/\d+(?![\d/])"
)


def numbers_zh(text: str) -> list[tuple[int, int, float]]:
    """Every numeral in Chinese text: years and 第N included; 一切, 四川, 一美元, 八折 not."""
    norm = same_length_zh(text)
    idiom_text = norm.replace("壹", "一")
    blocked = [m.span() for m in _IDIOMS.finditer(idiom_text) if m.group() not in ("九九", "一点")]
    blocked += [m.span() for m in _URL.finditer(norm)]
    out: list[tuple[int, int, float]] = []
    taken: list[tuple[int, int]] = []
    for m in _ARABIC_EXTRA.finditer(norm):
        v = parse_arabic(m.group())
        if v is not None:
            out.append((m.start(), m.end(), v))
            taken.append(m.span())
    for m in _PERCENT_PREFIX.finditer(norm):
        pct = _percent_prefix(norm, m.start())
        if pct:  # the number model reports the number inside 百分之…
            out.append(
                (m.end(), pct[1], pct[2] * _PERCENT_DENOM[re.sub(r"\s", "", m.group(1))] / 100)
            )
            taken.append((m.start(), pct[1]))
    for s, e, detail in _number_spans(norm):
        if any(ts <= s < te for ts, te in taken) or any(a <= s < b for a, b in blocked):
            continue
        raw = normalize_zh(norm[s:e])
        after = norm[e : e + 8].lstrip()
        if (
            ZH_CURRENCY_RE.match(after)
            or re.match(r"[折成%]|美刀", after)
            or detail.high is not None
        ):
            continue
        if detail.sequence and not re.match(r"年", after):
            continue
        if len(raw) == 1 and raw in "伍陆拾肆" and after and not ZH_UNIT_RE.match(after):
            continue
        if raw in ("百", "千", "万", "亿", "兆") or (raw == "两" and after.startswith("两")):
            continue
        value = detail.value
        dozen = re.match(r"\s*打", norm[e:])
        if dozen:
            value, e = value * 12, e + dozen.end()
        out.append((s, e, value))
    return sorted(out)
