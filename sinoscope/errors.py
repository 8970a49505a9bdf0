"""Sinoscope's exceptions. Messy web input is not an exception: stages return a status.

These are raised for the caller's bad arguments or configuration, each message saying
what to do about it:

    SinoscopeError
    ├── ConfigError          a setting, config file or CLI flag is wrong
    ├── BeatError            a beat folder does not load or does not validate
    ├── StoreError           the database cannot be opened, migrated or queried
    ├── InputError           an ingest input is neither a URL, a file, a folder nor a WARC
    ├── FetchRefused         a URL may not be fetched (SSRF guard, scheme, robots.txt)
    └── NotFound             a document, source, entity … id that does not exist
"""

from __future__ import annotations


class SinoscopeError(Exception):
    """Base of every error Sinoscope raises on purpose."""


class ConfigError(SinoscopeError):
    pass


class BeatError(SinoscopeError):
    pass


class StoreError(SinoscopeError):
    pass


class InputError(SinoscopeError):
    pass


class FetchRefused(SinoscopeError):
    """A URL we will not fetch. `reason` is short and readable ("private address 10.0.0.1")."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"refused to fetch {url}: {reason}")
        self.url = url
        self.reason = reason


class NotFound(SinoscopeError):
    pass
