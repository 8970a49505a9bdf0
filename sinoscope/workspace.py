"""A workspace: the settings, the beat and the store a command works on, opened lazily.

Surfaces (CLI, web) build one per request or command; library functions take the parts
they need explicitly, never the workspace.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from .beats import load_beat
from .records import Beat
from .settings import Settings
from .store import Store

CONFIG_TEMPLATE = """\
# Sinoscope settings. Precedence: defaults < this file < SINOSCOPE_* variables < CLI flags.
# `sinoscope config show` lists every setting with its help text.
[sinoscope]
# db = "postgresql://user@localhost/sinoscope"
# per_host_delay = 1.0
# beat = "china-ai"
"""


class Workspace:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def user_beat_dir(self) -> Path:
        """Where `sources add` keeps the user's additions (a beat extending the configured one)."""
        return Path(self.settings.data_dir) / "beat"

    @cached_property
    def beat(self) -> Beat:
        user = self.user_beat_dir
        if self.settings.beat == "china-ai" and (user / "beat.toml").exists():
            return load_beat(user)
        return load_beat(self.settings.beat)

    @cached_property
    def store(self) -> Store:
        return Store.open(self.settings.db_url)

    def init(self) -> list[str]:
        """Create the data dir, a commented config file and the store; say what was done."""
        done = []
        data_dir = Path(self.settings.data_dir)
        if not data_dir.exists():
            data_dir.mkdir(parents=True)
            done.append(f"created {data_dir}")
        config = data_dir / "config.toml"
        if not config.exists():
            config.write_text(CONFIG_TEMPLATE, encoding="utf-8")
            done.append(f"wrote {config}")
        self.store.upsert_sources(self.beat.sources)
        done.append(f"store ready at {self.settings.db_url}")
        done.append(
            f"beat {self.beat.id}: {len(self.beat.sources)} sources, {len(self.beat.topics)} "
            f"topics, {len(self.beat.entities)} entities, {len(self.beat.metrics)} metrics"
        )
        return done

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
