from __future__ import annotations

import inspect

import sinoscope.fetch as fetch
from sinoscope.fetch import Fetcher, HttpFetcher


def test_all_names_the_public_surface() -> None:
    assert sorted(fetch.__all__) == sorted(set(fetch.__all__))
    for name in fetch.__all__:
        assert getattr(fetch, name) is not None
    public = {
        n
        for n, v in vars(fetch).items()
        if not n.startswith("_") and not inspect.ismodule(v) and n != "annotations"
    }
    assert public == set(fetch.__all__)


def test_http_fetcher_fits_the_seam() -> None:
    for method in ("fetch", "aclose"):
        seam = inspect.signature(getattr(Fetcher, method))
        real = inspect.signature(getattr(HttpFetcher, method))
        assert list(seam.parameters) == list(real.parameters)
        assert inspect.iscoroutinefunction(getattr(HttpFetcher, method))
