"""Which source published a URL: match its host (and path) against the sources' `domains`.

A `domains` entry is `host[:port][/path]`:

    "news.cn"                  news.cn and every subdomain (english.news.cn), any port, any path
    "www.gov.cn"               www.gov.cn and its subdomains (english.www.gov.cn), not gov.cn
    "gov.cn/zhengce"           hosts ending in gov.cn, only under /zhengce (segment-wise)
    "127.0.0.1:8000/xinhua"    that address and port, under /xinhua (IP addresses match exactly)

When several entries match, the most specific wins: the longer host (in labels), then an
entry with a port, then the deeper path prefix. Input that is not a URL matches nothing.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..records import Beat, Source

_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True, slots=True)
class _Rule:
    host: str
    port: int | None
    path: tuple[str, ...]  # path prefix as segments
    source: Source

    @property
    def specificity(self) -> tuple[int, int, int]:
        return (self.host.count(".") + 1, self.port is not None, len(self.path))


def _segments(path: str) -> tuple[str, ...]:
    return tuple(s for s in path.split("/") if s)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _parse_rule(entry: str, source: Source) -> _Rule:
    hostport, _, path = entry.strip().lower().partition("/")
    host, _, port = hostport.partition(":")
    return _Rule(host.rstrip("."), int(port) if port else None, _segments(path), source)


class SourceMatcher:
    """Find the Source of a URL by the sources' `domains`; also look sources up by id."""

    def __init__(self, beat_or_sources: Beat | Iterable[Source]) -> None:
        sources = beat_or_sources.sources if isinstance(beat_or_sources, Beat) else beat_or_sources
        self._by_id: dict[str, Source] = {}
        self._rules: dict[str, list[_Rule]] = {}
        for source in sources:
            self._by_id.setdefault(source.id, source)
            for entry in source.domains:
                rule = _parse_rule(entry, source)
                self._rules.setdefault(rule.host, []).append(rule)
        for rules in self._rules.values():
            rules.sort(key=lambda r: r.specificity, reverse=True)

    def by_id(self, source_id: str) -> Source | None:
        return self._by_id.get(source_id)

    def match(self, url: str) -> Source | None:
        """The source whose `domains` match `url` most specifically, or None."""
        if "://" not in url:
            url = "http://" + url.lstrip("/")
        try:
            parts = urlsplit(url.strip())
            host = (parts.hostname or "").rstrip(".")
            port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
        except ValueError:
            return None
        if not host:
            return None
        path = _segments(parts.path.lower())
        candidates = [host] if _is_ip(host) else _suffixes(host)
        best: _Rule | None = None
        for suffix in candidates:
            for rule in self._rules.get(suffix, ()):
                if rule.port is not None and rule.port != port:
                    continue
                if path[: len(rule.path)] != rule.path:
                    continue
                if best is None or rule.specificity > best.specificity:
                    best = rule
                break  # rules are sorted: the first that matches is this host's best
        return best.source if best else None


def _suffixes(host: str) -> list[str]:
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels))]
