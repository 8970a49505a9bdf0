"""The `sinoscope` command line: thin typer commands over library functions.

Each module in this package registers its commands on `app`; none holds logic a test
would need to reach through the command line.
"""

from __future__ import annotations

import importlib

from ._app import app

_COMMAND_MODULES = (
    "ingest",
    "documents",
    "claims",
    "brief",
    "sources",
    "config",
    "demo",
    "quantities",
)

for _name in _COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}")


def main() -> None:
    app()


__all__ = ["app", "main"]
