"""robots.txt (RFC 9309): parse once per host, answer "may this path be fetched?".

    rules = parse_robots(text, user_agent)
    rules.allows("/news/1?x=2")       # longest match wins, Allow wins ties, * and $ work
    rules.crawl_delay                 # seconds or None (not in the RFC, widely used)
    sitemaps_from_robots(text)        # the Sitemap: lines

Our group is the one whose User-agent equals our product token (the User-Agent up to the
first "/" or space, case-insensitive), else the "*" group, else everything is allowed.
`RobotsRules.unavailable(reason)` is the rule set for a robots.txt that could not be read
(5xx, network error): the RFC says to assume complete disallow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

MAX_ROBOTS_BYTES = 512_000  # RFC 9309: parse at least 500 KiB


@dataclass(frozen=True, slots=True)
class Rule:
    allow: bool
    pattern: str

    def matches(self, path: str) -> bool:
        return _compile(self.pattern).match(path) is not None


@dataclass(frozen=True, slots=True)
class RobotsRules:
    rules: tuple[Rule, ...] = ()
    crawl_delay: float | None = None
    sitemaps: tuple[str, ...] = ()
    unavailable_reason: str | None = None

    @classmethod
    def unavailable(cls, reason: str) -> RobotsRules:
        return cls(unavailable_reason=reason)

    def allows(self, path: str) -> bool:
        """May `path` (path and query, as in the URL) be fetched?"""
        if self.unavailable_reason is not None:
            return False
        path = _normalise(path or "/")
        if path == "/robots.txt":
            return True
        best: Rule | None = None
        for rule in self.rules:
            if not rule.pattern or not rule.matches(path):
                continue
            if (
                best is None
                or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow)
            ):
                best = rule
        return best is None or best.allow


_CACHE: dict[str, re.Pattern[str]] = {}


def _compile(pattern: str) -> re.Pattern[str]:
    compiled = _CACHE.get(pattern)
    if compiled is None:
        anchored = pattern.endswith("$")
        body = pattern[:-1] if anchored else pattern
        regex = ".*".join(re.escape(part) for part in _normalise(body).split("*"))
        compiled = re.compile(regex + ("$" if anchored else ""), re.DOTALL)
        if len(_CACHE) < 10_000:
            _CACHE[pattern] = compiled
    return compiled


def _normalise(path: str) -> str:
    # compare decoded forms so /caf%C3%A9 and /café match; keep %2F distinct from "/"
    return unquote(path.replace("%2F", "%252F").replace("%2f", "%252F"))


def product_token(user_agent: str) -> str:
    """The name robots.txt groups are matched against: "Sinoscope/0.1 (…)" → "sinoscope"."""
    return re.split(r"[/\s]", user_agent.strip(), maxsplit=1)[0].lower()


def _lines(text: str) -> list[tuple[str, str]]:
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = line.split(":", 1)
        out.append((key.strip().lower().replace("_", "-"), value.strip()))
    return out


def parse_robots(text: str, user_agent: str) -> RobotsRules:
    """The rules of robots.txt `text` that apply to `user_agent`."""
    token = product_token(user_agent)
    groups: dict[str, list[Rule]] = {}
    delays: dict[str, float] = {}
    agents: list[str] = []
    in_rules = False
    for key, value in _lines(text[:MAX_ROBOTS_BYTES]):
        if key == "user-agent":
            if in_rules:
                agents, in_rules = [], False
            agents.append(value.lower())
            groups.setdefault(value.lower(), [])
        elif key in ("allow", "disallow"):
            in_rules = True
            for agent in agents:
                groups[agent].append(Rule(key == "allow", value))
        elif key == "crawl-delay":
            in_rules = True
            try:
                seconds = float(value)
            except ValueError:
                continue
            for agent in agents:
                delays.setdefault(agent, seconds)
    chosen = token if token in groups else "*"
    delay = delays.get(chosen)
    return RobotsRules(
        rules=tuple(groups.get(chosen, ())),
        crawl_delay=delay if delay is not None and delay >= 0 else None,
        sitemaps=tuple(sitemaps_from_robots(text)),
    )


def sitemaps_from_robots(robots_txt: str) -> list[str]:
    """The absolute http(s) URLs of the Sitemap: lines of a robots.txt, in order, deduplicated."""
    out = [
        value
        for key, value in _lines(robots_txt[:MAX_ROBOTS_BYTES])
        if key == "sitemap" and value.lower().startswith(("http://", "https://"))
    ]
    return list(dict.fromkeys(out))
