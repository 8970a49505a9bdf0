"""`sinoscope config show`: every setting, its value, where it came from, and its help."""

from __future__ import annotations

import typer

from ..settings import settings_table
from ._app import ConfigOption, DataDirOption, DbOption, JsonOption, app, print_json, settings_from

config_app = typer.Typer(help="Settings.", no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("show")
def show(
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    json: JsonOption = False,
) -> None:
    """Show the effective settings (defaults < config file < SINOSCOPE_* env < flags)."""
    settings = settings_from(config, db=db, data_dir=data_dir)
    rows = [
        {
            "name": name,
            "type": kind,
            "value": getattr(settings, name),
            "default": default,
            "help": help_text,
        }
        for name, kind, default, help_text in settings_table()
    ]
    if json:
        print_json(rows)
        return
    for r in rows:
        typer.echo(f"{r['name']} = {r['value']!r}   ({r['type']}, default {r['default']!r})")
        typer.echo(f"    {r['help']}  [env SINOSCOPE_{r['name'].upper()}]")
