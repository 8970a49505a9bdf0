"""The typer application and the options every command shares."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import SinoscopeError
from ..settings import Settings, load_settings

app = typer.Typer(
    name="sinoscope",
    help="Track China's AI drive and the US-China technology race from the sources up.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or database URL (postgresql://…); default: DATA_DIR."),
]
DataDirOption = Annotated[
    Path | None, typer.Option("--data-dir", help="Data folder (store, archive, charts).")
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="A TOML config file (default DATA_DIR/config.toml).")
]
BeatOption = Annotated[
    str | None, typer.Option("--beat", help="Bundled beat id or path to a beat folder.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def settings_from(config: Path | None = None, **overrides: Any) -> Settings:
    """Settings for a command: defaults < config file < SINOSCOPE_* env < the flags given."""
    settings = run_guarded(load_settings, config_file=config, overrides=overrides)
    logging.basicConfig(
        level=getattr(logging, settings.log_level.upper(), logging.WARNING),
        format="%(levelname)s %(name)s: %(message)s",
    )
    return settings


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a readable error to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def run_guarded(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a library function; turn our own errors into a message and exit code 2."""
    try:
        return fn(*args, **kwargs)
    except SinoscopeError as exc:
        raise fail(str(exc), 2) from None
