"""Canonical URLs and the document ids derived from them.

`canonical_url` applies only transformations that cannot merge two different articles: a
wrong merge would give two articles one id (one of them lost), while a missed merge only
leaves two documents that the content hash then links as `duplicate_of`. So it

- lower-cases the scheme and host, decodes punycode hosts, drops a trailing dot and the
  default port (courlan's `normalize_url` does these and the path clean-up below);
- collapses repeated slashes in the path, drops leading `/..`, percent-encodes non-ASCII
  characters as UTF-8, writes escapes in upper case and decodes escapes of unreserved
  characters (RFC 3986 6.2.2); an empty path becomes `/`;
- drops `;jsessionid=…` path parameters;
- drops known tracking parameters (`utm_*`, `fbclid`, `gclid`, `spm`, `from` …, see
  TRACKING_PARAMS) and sorts the rest by name, keeping their bytes and the order of repeated
  names;
- drops the fragment, except hash-bang (`#!…`) and hash-route (`#/…`) fragments, which name
  the page on some single-page sites.

It keeps the trailing slash, `index.html`, `www.` and the path's case: all of these can name
different pages. It keeps `http` vs `https` in the URL (that is the address that worked), but
`document_id` treats the two as one, because news sites serve the same article on both.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

from courlan import normalize_url

__all__ = ["TRACKING_PARAMS", "TRACKING_PREFIXES", "canonical_url", "document_id", "url_key"]

#: Query parameters (lower-cased names) that only say who shared or advertised a link.
TRACKING_PARAMS = frozenset(
    {
        # ad click ids and analytics
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "li_fat_id", "igshid", "igsh", "mibextid", "_ga", "_gl",
        "mkt_tok", "ncid", "ocid", "cmpid", "s_cid", "smid", "ref", "ref_src", "ref_url",
        "at_medium", "at_campaign", "guccounter", "guce_referrer", "guce_referrer_sig",
        # Chinese platforms: Alibaba/Taobao spm, WeChat, Sina, Toutiao, Bilibili shares
        "spm", "scm", "spm_id_from", "from", "share_source", "share_medium", "share_plat",
        "share_tag", "share_from", "share_session_id", "isappinstalled", "scene",
        "clicktime", "enterid", "sharer_sharetime", "sharer_shareid", "chksm", "wfr",
        "tt_from", "vd_source",
    }
)  # fmt: skip
#: Name prefixes of tracking parameters (utm_source, pk_campaign, mc_cid, _hsenc …).
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "mc_", "hsa_", "_hs", "itm_", "oly_", "at_custom")

_JSESSIONID = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_NEEDS_QUOTING = re.compile(r"[^\x21-\x7e]|[\"<>\\^`{|}]")


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) URL (see the module docstring); idempotent.

    Anything that is not an absolute http(s) URL comes back stripped of surrounding
    whitespace, unchanged otherwise: a messy URL is still a stable key.
    """
    known = _recent.get(url)
    if known is None:
        known = _canonical(url)
        if len(_recent) >= _RECENT:
            _recent.clear()
        _recent[url] = _recent[known] = known  # canonical_url(canonical) is canonical
    return known


_RECENT = 8192  # pipelines ask for a URL's canonical form and its id in quick succession
_recent: dict[str, str] = {}


def _canonical(url: str) -> str:
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return text
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.netloc:
        return text
    path = _JSESSIONID.sub("", parts.path)
    # courlan gets no query and no fragment: we handle those ourselves (it would unescape
    # HTML entities in the query and drop any parameter merely containing "source" or "ga")
    try:
        base = normalize_url(SplitResult(scheme, parts.netloc, path, "", ""))
    except ValueError:  # e.g. a port that is not a number
        return text
    head = urlsplit(base)
    netloc = head.netloc.rstrip(".") if not head.netloc.endswith("]") else head.netloc
    netloc = _strip_default_port(scheme, netloc)
    new_path = _normalize_escapes(head.path) or "/"
    query = _clean_query(parts.query)
    fragment = parts.fragment if parts.fragment[:1] in ("!", "/") else ""
    return urlunsplit((scheme, netloc, new_path, query, _normalize_escapes(fragment)))


def url_key(url: str) -> str:
    """The string `document_id` hashes: the canonical URL with `http` read as `https`."""
    canonical = canonical_url(url)
    if canonical.startswith("http://"):
        return "https://" + canonical[len("http://") :]
    return canonical


def document_id(url: str) -> str:
    """A stable 16-hex-digit id for the article at `url` (any form: it is canonicalised)."""
    return hashlib.sha256(url_key(url).encode("utf-8")).hexdigest()[:16]


# ------------------------------------------------------------------------------- helpers
def _strip_default_port(scheme: str, netloc: str) -> str:
    host, sep, port = netloc.rpartition(":")
    if sep and not netloc.endswith("]") and port in (("80",) if scheme == "http" else ("443",)):
        return host.rstrip(".")
    if sep and host.endswith("."):  # "example.com.:8080"
        return host.rstrip(".") + ":" + port
    return netloc


def _normalize_escapes(part: str) -> str:
    """Upper-case escapes, decode escaped unreserved characters, escape the unsafe ones."""

    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    part = _NEEDS_QUOTING.sub(_quote_char, part)
    return _ESCAPE.sub(fix, part)


def _quote_char(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def _clean_query(query: str) -> str:
    """Drop tracking parameters, sort the rest by name (stable), keep each value's bytes."""
    kept: list[tuple[str, str]] = []
    for field in query.split("&"):
        if not field:
            continue
        raw_name = field.split("=", 1)[0]
        name = unquote(raw_name.replace("+", " ")).strip().lower()
        if name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES):
            continue
        kept.append((_normalize_escapes(raw_name), _normalize_escapes(field)))
    kept.sort(key=lambda pair: pair[0])
    return "&".join(field for _, field in kept)
