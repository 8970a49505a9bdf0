"""The SSRF guard: which URLs may be fetched, and which addresses we may connect to.

Pure functions, reusable by any surface that takes a URL from a user (CLI, web app, API):

    check_url(url, resolver, allow_private)  -> the vetted addresses, or raises FetchRefused
    address_kind(ip)                         -> None for a public address, else "loopback" …
    is_public_address(ip)                    -> bool
    parse_ip_host(host)                      -> the address a host literal denotes, or None
    redact(url)                              -> the URL without user:password, for logs

Only http and https are allowed. Every address a host resolves to must be public (one bad
address refuses the URL: a resolver may return it next time). Hosts are parsed by httpx, the
same parser the client uses, so the guard and the connection agree on the host. Numeric hosts
in the forms inet_aton accepts (2130706433, 0x7f000001, 0177.0.0.1, 127.1) are read as the
addresses they denote. `allow_private=True` skips the address checks, not the scheme check.

The addresses returned are the ones the caller must connect to (see transport.py): checking a
name and then letting the connection resolve it again would allow DNS rebinding.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

import httpx

from ..errors import FetchRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str], list[str]]

ALLOWED_SCHEMES = ("http", "https")
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack … instance metadata
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS IPv6 instance metadata
        "100.100.100.200",  # Alibaba Cloud metadata
        "168.63.129.16",  # Azure wire server (a public address, reachable from inside Azure)
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnresolvableHost(FetchRefused):
    """The host did not resolve to any address (a network condition, not a policy refusal)."""


def default_resolver(host: str) -> list[str]:
    """Every address `host` resolves to, via the system resolver (blocking)."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def redact(url: str) -> str:
    """`url` without credentials, fit for logs and error messages."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return url
    if not parsed.userinfo:
        return url
    return str(parsed.copy_with(username=None, password=None))


def parse_ip_host(host: str) -> IPAddress | None:
    """The address a host literal denotes ("[::1]", "127.0.0.1", "2130706433", "0x7f.1" …).

    None for host names. IPv4 follows inet_aton (what the system resolver does with numeric
    names): 1 to 4 dot-separated parts in decimal, octal (leading 0) or hex (0x), the last
    part filling the remaining bytes.
    """
    text = host.strip().rstrip(".").lower()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text)
        except ValueError:
            return None
    parts = text.split(".")
    if not text or len(parts) > 4:
        return None
    values = []
    for part in parts:
        value = _number(part)
        if value is None:
            return None
        values.append(value)
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = last
    for i, v in enumerate(head):
        number += v << (8 * (3 - i))
    return ipaddress.IPv4Address(number)


def _number(part: str) -> int | None:
    try:
        if part.startswith("0x"):
            return int(part[2:] or "0", 16)
        if len(part) > 1 and part.startswith("0"):
            return int(part[1:], 8)
        return int(part, 10) if part.isdigit() else None
    except ValueError:
        return None


def address_kind(address: str | IPAddress) -> str | None:
    """None when `address` is public; otherwise what it is ("private", "loopback" …)."""
    ip = ipaddress.ip_address(address.split("%")[0]) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        for inner in _embedded_ipv4(ip):
            kind = address_kind(inner)
            if kind:
                return kind
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    for kind, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),
    ):
        if flag:
            return kind
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64)."""
    out = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
    if ip.teredo:
        out.extend(ip.teredo)
    if ip in _NAT64:
        out.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return out


def is_public_address(address: str | IPAddress) -> bool:
    """True when connecting to `address` cannot reach a private network or the machine itself."""
    try:
        return address_kind(address) is None
    except ValueError:
        return False


def check_url(
    url: str, resolver: Resolver | None = None, allow_private: bool = False
) -> tuple[str, ...]:
    """Refuse `url` (FetchRefused) unless it is http(s) to public addresses only.

    Returns the addresses the host resolved to; connect to one of these, not to the name.
    `resolver` maps a host name to its addresses (default: the system resolver, blocking).
    Raises UnresolvableHost (a FetchRefused) when the name does not resolve.
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchRefused(redact(str(url)), f"invalid URL ({exc})") from None
    scheme = parsed.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = scheme or "none"
        raise FetchRefused(redact(url), f"unsupported scheme {shown!r} (only http and https)")
    host = parsed.raw_host.decode("ascii").lower()
    if not host:
        raise FetchRefused(redact(url), "no host in URL")
    literal = parse_ip_host(host)
    if literal is not None:
        addresses: tuple[str, ...] = (str(literal),)
    else:
        name = host.rstrip(".")
        if not allow_private and (name == "localhost" or name.endswith(".localhost")):
            raise FetchRefused(redact(url), f"loopback name {host} (use --allow-private)")
        try:
            addresses = tuple((resolver or default_resolver)(host))
        except (OSError, UnicodeError):
            addresses = ()
        if not addresses:
            raise UnresolvableHost(redact(url), f"could not resolve host {host}")
    if not allow_private:
        for address in addresses:
            try:
                kind = address_kind(address)
            except ValueError:
                kind = "invalid"
            if kind:
                raise FetchRefused(redact(url), f"{kind} address {address} (use --allow-private)")
    return addresses
