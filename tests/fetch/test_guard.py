from __future__ import annotations

import pytest

from sinoscope.errors import FetchRefused
from sinoscope.fetch.guard import (
    UnresolvableHost,
    address_kind,
    check_url,
    is_public_address,
    parse_ip_host,
    redact,
)

NAMES = {
    "news.example": ["93.184.216.34"],
    "dual.example": ["93.184.216.34", "10.1.2.3"],  # one bad address is enough to refuse
    "v6.example": ["2606:4700::1111"],
    "mapped.example": ["::ffff:192.168.1.1"],
    "meta.example": ["169.254.169.254"],
}


def resolver(host: str) -> list[str]:
    return NAMES.get(host, [])


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback address 127.0.0.1"),
        ("http://2130706433/", "loopback address 127.0.0.1"),
        ("http://0x7f000001/", "loopback address 127.0.0.1"),
        ("http://0x7f.1/", "loopback address 127.0.0.1"),
        ("http://127.1/", "loopback address 127.0.0.1"),
        ("http://[::1]/", "loopback address ::1"),
        ("http://[::ffff:127.0.0.1]/", "loopback address ::ffff:7f00:1"),
        ("http://[::ffff:7f00:1]/", "loopback address ::ffff:7f00:1"),
        ("http://0/", "unspecified address 0.0.0.0"),
        ("http://10.0.0.5:8080/x", "private address 10.0.0.5"),
        ("http://192.168.0.1/", "private address 192.168.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata address 169.254.169.254"),
        ("http://[fe80::1]/", "link-local address fe80::1"),
        ("http://224.0.0.1/", "multicast address 224.0.0.1"),
        ("http://100.64.0.1/", "non-public address 100.64.0.1"),
        ("http://localhost/", "loopback name localhost"),
        ("http://api.localhost/", "loopback name api.localhost"),
        ("http://dual.example/", "private address 10.1.2.3"),
        ("http://mapped.example/", "private address ::ffff:192.168.1.1"),
        ("http://meta.example/", "cloud metadata address 169.254.169.254"),
    ],
)
def test_private_targets_are_refused(url: str, reason: str) -> None:
    with pytest.raises(FetchRefused) as info:
        check_url(url, resolver)
    assert info.value.reason == f"{reason} (use --allow-private)"


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://news.example/", "gopher://news.example/", "data:text/plain,hi"],
)
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchRefused, match="unsupported scheme"):
        check_url(url, resolver, allow_private=True)


def test_public_targets_return_the_addresses_to_connect_to() -> None:
    assert check_url("https://news.example/a?b=1", resolver) == ("93.184.216.34",)
    assert check_url("http://v6.example/", resolver) == ("2606:4700::1111",)
    assert check_url("http://93.184.216.34/", resolver) == ("93.184.216.34",)


def test_allow_private_skips_address_checks_only() -> None:
    assert check_url("http://2130706433/", resolver, allow_private=True) == ("127.0.0.1",)
    assert check_url("http://dual.example/", resolver, True) == ("93.184.216.34", "10.1.2.3")
    with pytest.raises(FetchRefused):
        check_url("file:///etc/passwd", resolver, allow_private=True)


def test_unresolvable_and_invalid_urls() -> None:
    with pytest.raises(UnresolvableHost, match=r"could not resolve host nowhere\.example"):
        check_url("http://nowhere.example/", resolver)

    def failing(host: str) -> list[str]:
        raise OSError("no network")

    with pytest.raises(UnresolvableHost):
        check_url("http://news.example/", failing)
    with pytest.raises(FetchRefused, match="invalid URL"):
        check_url("http://0177.0.0.1/", resolver)  # httpx refuses this form itself
    with pytest.raises(FetchRefused, match="no host"):
        check_url("http:///path", resolver)


def test_parse_ip_host_reads_numeric_forms_like_the_system_resolver() -> None:
    assert str(parse_ip_host("0177.0.0.1")) == "127.0.0.1"
    assert str(parse_ip_host("3232235521")) == "192.168.0.1"
    assert str(parse_ip_host("10.1")) == "10.0.0.1"
    assert str(parse_ip_host("[::1]")) == "::1"
    assert str(parse_ip_host("127.0.0.1.")) == "127.0.0.1"
    for name in ("example.com", "1.2.3.4.5", "4294967296", "08.1.1.1", "1e3", ""):
        assert parse_ip_host(name) is None


def test_address_kinds() -> None:
    assert address_kind("8.8.8.8") is None
    assert is_public_address("2606:4700::1111")
    assert address_kind("2002:7f00:1::") == "loopback"  # 6to4 wrapping 127.0.0.1
    assert address_kind("64:ff9b::a00:5") == "private"  # NAT64 wrapping 10.0.0.5
    assert address_kind("168.63.129.16") == "cloud metadata"
    assert address_kind("fd00:ec2::254") == "cloud metadata"
    assert not is_public_address("not an address")
    assert not is_public_address("fe80::1%eth0")


def test_redact_strips_credentials() -> None:
    assert redact("https://user:secret@news.example/a") == "https://news.example/a"
    assert redact("https://news.example/a") == "https://news.example/a"
