"""Unit and currency lexicons for English and Chinese quantities.

Measurement units are matched as written and keep their surface form in `Quantity.unit`;
currency symbols and codes are spelled out ("$" -> "dollar", "HK$" -> "hong kong dollar")
and carry an ISO code. Everything is compiled once at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CURRENCY_PREFIX_RE",
    "CURRENCY_WORD_RE",
    "FUNCTION_WORDS",
    "Currency",
    "Unit",
    "currency_for_prefix",
    "currency_for_word",
    "is_plural",
    "match_unit_en",
    "singular",
    "unit_lookup",
]


@dataclass(frozen=True, slots=True)
class Currency:
    iso: str | None
    name: str  # canonical English name: "dollar", "yuan", "hong kong dollar"


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit matched after a number: its text as written, canonical name and kind."""

    text: str
    canonical: str
    kind: str  # measure | duration | percent | money | multiplier | age | count
    end: int
    currency: Currency | None = None


# ------------------------------------------------------------------------------ currencies
_CURRENCIES: dict[str, tuple[str | None, str]] = {
    "$": ("USD", "dollar"),
    "US$": ("USD", "dollar"),
    "USD$": ("USD", "dollar"),
    "$US": ("USD", "dollar"),
    "USD": ("USD", "dollar"),
    "A$": ("AUD", "australian dollar"),
    "$A": ("AUD", "australian dollar"),
    "AU$": ("AUD", "australian dollar"),
    "AUD$": ("AUD", "australian dollar"),
    "AUD": ("AUD", "australian dollar"),
    "C$": ("CAD", "canadian dollar"),
    "CA$": ("CAD", "canadian dollar"),
    "CAD$": ("CAD", "canadian dollar"),
    "CAD": ("CAD", "canadian dollar"),
    "HK$": ("HKD", "hong kong dollar"),
    "HKD": ("HKD", "hong kong dollar"),
    "NZ$": ("NZD", "new zealand dollar"),
    "NZD$": ("NZD", "new zealand dollar"),
    "NZD": ("NZD", "new zealand dollar"),
    "S$": ("SGD", "singapore dollar"),
    "SGD": ("SGD", "singapore dollar"),
    "NT$": ("TWD", "new taiwan dollar"),
    "TWD": ("TWD", "new taiwan dollar"),
    "R$": ("BRL", "brazilian real"),
    "MEX$": ("MXN", "mexican peso"),
    "MXN$": ("MXN", "mexican peso"),
    "MXN": ("MXN", "mexican peso"),
    "€": ("EUR", "euro"),
    "EUR": ("EUR", "euro"),
    "£": ("GBP", "pound sterling"),
    "GBP": ("GBP", "pound sterling"),
    "PS": ("GBP", "pound sterling"),  # "£" after ASCII transliteration
    "¥": ("JPY", "yen"),
    "Y=": ("JPY", "yen"),  # "¥" after ASCII transliteration
    "JPY": ("JPY", "yen"),
    "￥": ("CNY", "yuan"),
    "RMB": ("CNY", "yuan"),
    "CNY": ("CNY", "yuan"),
    "₹": ("INR", "rupee"),
    "RS": ("INR", "rupee"),
    "RS.": ("INR", "rupee"),
    "INR": ("INR", "rupee"),
    "₩": ("KRW", "won"),
    "KRW": ("KRW", "won"),
    "₽": ("RUB", "rouble"),
    "RUB": ("RUB", "rouble"),
    "₺": ("TRY", "lira"),
    "₪": ("ILS", "shekel"),
    "NIS": ("ILS", "shekel"),
    "₿": ("BTC", "bitcoin"),
    "BTC": ("BTC", "bitcoin"),
    "₡": ("CRC", "costa rican colon"),
    "₾": ("GEL", "georgian lari"),
    "₭": ("LAK", "lao kip"),
    "RM": ("MYR", "malaysian ringgit"),
    "MYR": ("MYR", "malaysian ringgit"),
    "CHF": ("CHF", "swiss franc"),
    "SEK": ("SEK", "swedish krona"),
    "DKK": ("DKK", "danish krone"),
    "NOK": ("NOK", "norwegian krone"),
    "ZAR": ("ZAR", "rand"),
    "MUSD": ("USD", "dollar"),
    "MEUR": ("EUR", "euro"),
    "MGBP": ("GBP", "pound sterling"),
    "MAUD": ("AUD", "australian dollar"),
}
# codes written before an amount in "millions" (MUSD 30 = 30 million dollars)
MILLION_CODES = {"MUSD", "MEUR", "MGBP", "MAUD"}

_SYMBOLS = r"\$|€|£|¥|￥|₹|₩|₽|₺|₪|₿|₡|₾|₭"
_CODES = (
    r"USD|AUD|CAD|HKD|NZD|SGD|TWD|MXN|EUR|GBP|JPY|RMB|CNY|INR|KRW|RUB|NIS|BTC|MYR|CHF|SEK|"
    r"DKK|NOK|ZAR|MUSD|MEUR|MGBP|MAUD"
)
# before a number: "$", "US $", "$US", "HK$", "C $", "USD", "Rs.", "RM", "Y=", "PS" (only
# glued to an amount with a decimal, separator or scale, so "PS5" stays a console)
CURRENCY_PREFIX_RE = re.compile(
    rf"""
    (?:
      (?<![A-Za-z])(?:U\.?S\.?|us|u\.s\.?|HK|hk|NT|C|c)\s?\$
      | (?<![A-Za-z])(?:USD|usd|AUD|aud|AU|A|CA|CAD|cad|NZ|NZD|nzd|S|SG|R|Mex|mex|MXN|mxn)\$
      | \$\s?(?:US|A|C)(?![A-Za-z])
      | {_SYMBOLS}
      | (?<![A-Za-z])(?:{_CODES})(?![A-Za-z])
      | (?<![A-Za-z])(?:Rs\.?(?=\s?\d)|RM(?=\d)|Y=)
      | (?<![A-Za-z])PS(?=\d+(?:[.,]\d|\s?(?:bn|m|k|million|billion)\b))
    )[ \t]?
    """,
    re.VERBOSE,
)


def currency_for_prefix(text: str, language: str = "en") -> Currency | None:
    key = re.sub(r"[\s.]", "", text).upper()
    key = {"USD$": "USD$", "U.S.$": "US$"}.get(key, key)
    if key == "¥" and language == "zh":
        key = "￥"
    hit = _CURRENCIES.get(key) or _CURRENCIES.get(key.replace(".", ""))
    return Currency(*hit) if hit else None


# after a number, as words: kept as written in Quantity.unit; ISO from this table
_CURRENCY_WORDS: list[tuple[str, str | None, str]] = [
    (r"(?:US|U\.S\.|American) dollars?", "USD", "dollar"),
    (r"Australian dollars?", "AUD", "australian dollar"),
    (r"Canadian dollars?", "CAD", "canadian dollar"),
    (r"Hong Kong dollars?", "HKD", "hong kong dollar"),
    (r"New Zealand dollars?", "NZD", "new zealand dollar"),
    (r"Singapore dollars?", "SGD", "singapore dollar"),
    (r"(?:New )?Taiwan(?:ese)? dollars?", "TWD", "new taiwan dollar"),
    (r"dollars?|bucks", "USD", "dollar"),
    (r"euros?", "EUR", "euro"),
    (r"pounds? sterling|sterling", "GBP", "pound sterling"),
    (r"yen", "JPY", "yen"),
    (r"(?:Chinese )?yuan|renminbi|RMB|CNY|元", "CNY", "yuan"),
    (r"rupees?", "INR", "rupee"),
    (r"rupiah", "IDR", "rupiah"),
    (r"(?:South Korean |Korean )?won", "KRW", "won"),
    (r"r[ou]ubles?|rubles?", "RUB", "rouble"),
    (r"Swiss francs?", "CHF", "swiss franc"),
    (r"francs?", None, "franc"),
    (r"shekels?", "ILS", "shekel"),
    (r"Danish (?:crowns?|kroner|krone)", "DKK", "danish krone"),
    (r"Swedish (?:crowns?|kronor|krona)|kronor", "SEK", "swedish krona"),
    (r"Norwegian (?:crowns?|kroner|krone)", "NOK", "norwegian krone"),
    (r"Mexican pesos?|pesos?", "MXN", "peso"),
    (r"ringgit", "MYR", "malaysian ringgit"),
    (r"baht", "THB", "baht"),
    (r"rand", "ZAR", "rand"),
    (r"reais", "BRL", "brazilian real"),
    (r"(?:Turkish )?liras?", "TRY", "lira"),
    (r"dirhams?", "AED", "dirham"),
    (r"riyals?", "SAR", "riyal"),
    (r"naira", "NGN", "naira"),
    (r"(?:Finnish )?markkaa?", "FIM", "markka"),
    (r"pesetas?", "ESP", "peseta"),
    (r"(?:Dutch )?guilders?", "NLG", "guilder"),
    (r"bitcoins?|BTC", "BTC", "bitcoin"),
    (r"satoshis?", None, "satoshi"),
    (r"cents?|¢", None, "cent"),
    (r"pence|penny|p(?=\W|$)", None, "pence"),
    (r"sen", None, "sen"),
    (r"USD|EUR|GBP|JPY|HKD|AUD|CAD|CHF|INR|KRW|TWD|SGD|NZD|MXN|MUSD|MEUR|MGBP", None, "code"),
    (rf"(?:{_SYMBOLS})", None, "symbol"),
]
CURRENCY_WORD_RE = re.compile(
    r"(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _, _) in enumerate(_CURRENCY_WORDS)) + r")"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)


def currency_for_word(match: re.Match[str]) -> Currency:
    i = int(next(k for k, v in match.groupdict().items() if v is not None)[1:])
    _, iso, name = _CURRENCY_WORDS[i]
    if name in ("code", "symbol"):
        return currency_for_prefix(match.group()) or Currency(None, match.group())
    return Currency(iso, name)


# ------------------------------------------------------------------------ measurement units
# "canonical | kind | word forms (case-insensitive) | abbreviations (case-sensitive)"
_UNIT_TABLE = """
percent|percent|per cent,percent,percentage,pct,pc|%
percentage point|percent|percentage points,percentage point,percent points|pp,ppt
basis point|percent|basis points,basis point|bps,bp
millimetre|measure|millimetres,millimetre,millimeters,millimeter|mm
centimetre|measure|centimetres,centimetre,centimeters,centimeter|cm
kilometre|measure|kilometres,kilometre,kilometers,kilometer|km
micrometre|measure|micrometres,micrometre,micrometers,micrometer,microns,micron|μm,µm
nanometre|measure|nanometres,nanometre,nanometers,nanometer|nm
metre|measure|metres,metre,meters,meter|m
inch|measure|inches,inch|″
foot|measure|feet,foot|ft
yard|measure|yards,yard|yd,yds
nautical mile|measure|nautical miles,nautical mile|nmi
mile per hour|measure|miles per hour,miles an hour|mph
kilometre per hour|measure|kilometres per hour,kilometers per hour|km/h,km/hr
kilometre per hour|measure|kilometres an hour,kilometers an hour|kph,kmh
mile per gallon|measure|miles per gallon|mpg
mile|measure|miles,mile|
square metre|measure|square metres,square metre,square meters,square meter|m2,m²,sq m,sqm,sq. m
square kilometre|measure|square kilometres,square kilometre|km2,km²,sq km
square kilometre|measure|square kilometers,square kilometer|
square foot|measure|square feet,square foot|sq ft,sq. ft,sqft
square mile|measure|square miles,square mile|sq mi
cubic metre|measure|cubic metres,cubic metre,cubic meters,cubic meter|m3,m³
cubic foot|measure|cubic feet,cubic foot|cu ft
acre|measure|acres,acre|
hectare|measure|hectares,hectare|ha
kilogram|measure|kilograms,kilogram,kilos,kilo|kg
milligram|measure|milligrams,milligram|mg
microgram|measure|micrograms,microgram|μg,µg,mcg
gram|measure|grams,gram,grammes,gramme|g
tonne|measure|metric tons,metric ton,tonnes,tonne|
ton|measure|tons,ton|
pound-foot|measure|pound-feet,pound-foot,foot-pounds|lb-ft,lb ft
pound|measure|pounds,pound|lb,lbs
ounce|measure|fluid ounces,fluid ounce,ounces,ounce|oz,fl oz
carat|measure|carats,carat|ct
millilitre|measure|millilitres,millilitre,milliliters,milliliter|ml,mL
litre|measure|litres,litre,liters,liter|L
gallon|measure|gallons,gallon|gal
barrel per day|measure|barrels per day,barrels a day,barrel-a-day,barrels-a-day|bpd
barrel|measure|barrels,barrel|bbl
kilowatt hour|measure|kilowatt-hours,kilowatt-hour,kilowatt hours,kilowatt hour|kWh
megawatt hour|measure|megawatt-hours,megawatt-hour,megawatt hours,megawatt hour|MWh
gigawatt hour|measure|gigawatt-hours,gigawatt-hour,gigawatt hours,gigawatt hour|GWh
terawatt hour|measure|terawatt-hours,terawatt-hour,terawatt hours,terawatt hour|TWh
watt hour|measure|watt-hours,watt-hour|Wh
kilowatt|measure|kilowatts,kilowatt|kW
megawatt|measure|megawatts,megawatt|MW
gigawatt|measure|gigawatts,gigawatt|GW
terawatt|measure|terawatts,terawatt|TW
watt|measure|watts,watt|W
horsepower|measure|horsepower,brake horsepower|hp,bhp,PS
volt|measure|volts,volt,kilovolts,kilovolt|V,kV,mV
milliampere hour|measure|milliampere-hours,milliamp-hours|mAh,Ah
ampere|measure|amperes,ampere,amps,amp|A,mA,A/cm2
newton metre|measure|newton metres,newton meters,newton-metres|Nm,N·m
joule|measure|joules,joule,kilojoules,megajoules|kJ,MJ,GJ
calorie|measure|calories,calorie,kilocalories|kcal,cal
farad|measure|farads,farad|F
terabyte|measure|terabytes,terabyte|TB
gigabyte|measure|gigabytes,gigabyte|GB
megabyte|measure|megabytes,megabyte|MB
kilobyte|measure|kilobytes,kilobyte|KB,kB
petabyte|measure|petabytes,petabyte|PB
byte|measure|bytes,byte|
gigabit per second|measure|gigabits per second|Gbps,Gb/s
megabit per second|measure|megabits per second|Mbps,Mb/s
bit|measure|bits,bit,gigabits,megabits|Gb,Mb
gigahertz|measure|gigahertz|GHz
megahertz|measure|megahertz|MHz
kilohertz|measure|kilohertz|kHz
hertz|measure|hertz|Hz,HZ
flops|measure|exaflops,petaflops,teraflops,flops|EFLOPS,PFLOPS,TFLOPS,FLOPS,EFlops,PFlops,TFlops,TOPS
qubit|measure|qubits,qubit|
parameter|count|parameters,parameter|
degree celsius|measure|degrees celsius,degree celsius,degrees centigrade,celsius|°C,ºC,C
degree fahrenheit|measure|degrees fahrenheit,degree fahrenheit,fahrenheit|°F,ºF,F
degree|measure|degrees,degree|°
revolution per minute|measure|revolutions per minute|rpm
decibel|measure|decibels,decibel|dB
part per million|measure|parts per million|ppm
part per billion|measure|parts per billion|ppb
gigapascal|measure|gigapascals,gigapascal|GPa
megapascal|measure|megapascals,megapascal|MPa
kilopascal|measure|kilopascals,kilopascal|kPa
pascal|measure|pascals,pascal|Pa
pound per square inch|measure|pounds per square inch|psi
knot|measure|knots|kt
light-year|measure|light-years,light-year,light years|
year-old|age|years-old,year-old,years old,year old|
month-old|age|months-old,month-old,months old|
week-old|age|weeks-old,week-old,weeks old|
day-old|age|days-old,day-old,days old|
millisecond|duration|milliseconds,millisecond|ms
second|duration|seconds,second,secs,sec|
minute|duration|minutes,minute,mins,min|
hour|duration|hours,hour,hrs,hr|h
day|duration|days,day|
week|duration|weeks,week|
month|duration|months,month|
year|duration|years,year,yrs,yr|
decade|duration|decades,decade|
century|duration|centuries,century|
times|multiplier|times,fold|x
"""


def _build_units() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, str]]]:
    words: dict[str, tuple[str, str]] = {}
    abbrs: dict[str, tuple[str, str]] = {}
    for line in _UNIT_TABLE.strip().splitlines():
        canonical, kind, word_forms, abbr_forms = line.split("|")
        for w in filter(None, word_forms.split(",")):
            words[w.lower()] = (canonical, kind)
        for a in filter(None, abbr_forms.split(",")):
            abbrs[a] = (canonical, kind)
    alt_words = "|".join(
        re.escape(w).replace(r"\ ", r"[\s-]").replace(r"\-", r"[\s-]")
        for w in sorted(words, key=len, reverse=True)
    )
    alt_abbr = "|".join(re.escape(a) for a in sorted(abbrs, key=len, reverse=True))
    word_re = re.compile(rf"(?:{alt_words})(?![A-Za-z])", re.IGNORECASE)
    abbr_re = re.compile(rf"(?:{alt_abbr})(?![A-Za-z0-9])")
    table = {**{k: v for k, v in abbrs.items()}, **words}
    return word_re, abbr_re, table


_UNIT_WORD_RE, _UNIT_ABBR_RE, _UNIT_LOOKUP = _build_units()
_LOOKUP_LOWER = {re.sub(r"[\s-]+", " ", k.lower()): v for k, v in _UNIT_LOOKUP.items()}
# single letters and short abbreviations that need care after a number
_RISKY_ABBR = {"m", "g", "s", "h", "A", "C", "F", "L", "V", "W", "x", "pc", "ha", "ct", "kt"}


def unit_lookup(surface: str) -> tuple[str, str]:
    """(canonical, kind) of a unit written `surface` ("km" -> ("kilometre", "measure"))."""
    return _UNIT_LOOKUP.get(surface) or _LOOKUP_LOWER.get(surface.lower(), (surface, "measure"))


def match_unit_en(text: str, pos: int, glued: bool) -> Unit | None:
    """A unit starting at `pos` (just after a number, spaces already skipped)."""
    m = _UNIT_WORD_RE.match(text, pos)
    a = _UNIT_ABBR_RE.match(text, pos)
    best = m if m and (not a or m.end() >= a.end()) else a
    if not best:
        return None
    surface = best.group()
    if best is a and surface in _RISKY_ABBR and not glued and surface not in ("W", "V", "C", "F"):
        return None
    key = surface if best is a else re.sub(r"[\s-]+", " ", surface.lower())
    canonical, kind = _UNIT_LOOKUP.get(key) or _LOOKUP_LOWER.get(key.lower(), (surface, "measure"))
    return Unit(surface, canonical, kind, best.end())


# ----------------------------------------------------------------------------- singular
_IRREGULAR = {
    "people": "people",
    "feet": "foot",
    "teeth": "tooth",
    "children": "child",
    "mice": "mouse",
    "geese": "goose",
    "data": "data",
    "media": "media",
    "criteria": "criterion",
    "series": "series",
    "species": "species",
    "news": "news",
    "centuries": "century",
    "staff": "staff",
    "police": "police",
}


def singular(word: str) -> str:
    """A rough English singular for unit words ("companies" -> "company")."""
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith("men") and len(low) > 4:
        return low[:-3] + "man"
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zes", "uses")):
        return low[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 2:
        return low[:-1]
    return low


FUNCTION_WORDS = set(
    """a an the of in on at to for from by with without as than and or but nor so yet if that
    which who whom whose what when where while because since until after before during over
    under above below between among into onto upon about around per via vs versus is are was
    were be been being am has have had do does did will would shall should can could may might
    must this these those it its they them their he him his she her we us our you your i me my
    not no also only just more most less least each every all some any both either neither such
    there here then now ago later earlier last next this year month week day according said says
    say told including include includes up down out off away back still even already than
    whereas whilst although though against toward towards across along behind beyond within
    per cent percent plus minus worth compared ended ending""".split()
)
_VERBS_S = set(
    """is was has does says makes takes gives goes comes gets shows means seems remains includes
    plans needs asks wants uses runs sets puts keeps lets adds holds brings leads stands lies
    turns moves pays costs looks feels works calls helps starts begins ends rises falls grows
    reaches hits beats wins loses expects faces sees hopes thinks knows believes""".split()
)


def is_plural(word: str) -> bool:
    """Does an English word look like a plural noun ("companies", "GPUs", "fishermen")?"""
    low = word.lower()
    if low in ("people", "staff", "personnel", "police", "cattle", "feet", "children", "data"):
        return True
    if low.endswith("men") and len(low) > 4:
        return True
    if re.fullmatch(r"[A-Z]{2,}s", word):
        return True  # GPUs, CPUs
    if low in _VERBS_S or low in FUNCTION_WORDS:
        return False
    return (
        low.endswith("s")
        and not low.endswith(("ss", "us", "is", "'s", "’s", "ous"))
        and len(low) > 3
        and low.replace("-", "").isalpha()
    )
