"""The public surface of sinoscope.dedupe."""

from __future__ import annotations

import sinoscope.dedupe as dedupe
from sinoscope.dedupe import index, options, signatures, text, urls


def test_every_public_name_is_exported_by_the_package() -> None:
    for module in (index, options, signatures, text, urls):
        for name in module.__all__:
            if not name.isupper():  # constants stay in their modules
                assert name in dedupe.__all__, f"{module.__name__}.{name}"
    assert all(hasattr(dedupe, name) for name in dedupe.__all__)
