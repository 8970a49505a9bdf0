"""One typed settings object: defaults < config file < SINOSCOPE_* environment < CLI flags.

Every setting is declared once below with its type, default and help text; `sinoscope config
show` and docs/settings.md are generated from this table, and a test checks both stay complete.
Settings are passed explicitly to whatever needs them; nothing reads a global.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

ENV_PREFIX = "SINOSCOPE_"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


def _computed_setting(factory: Any, help: str) -> Any:
    return field(default_factory=factory, metadata={"help": help})


def default_data_dir() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "sinoscope"


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = _computed_setting(  # noqa: RUF009 - a field() with a factory
        default_data_dir, "Folder for the SQLite store, the WARC archive and charts."
    )
    db: str = _setting(
        "",
        "Database: a SQLite file path or a SQLAlchemy URL (postgresql://…). "
        "Empty means DATA_DIR/sinoscope.db.",
    )
    beat: str = _setting(
        "china-ai", "The beat to use: the id of a bundled beat or a path to a beat folder."
    )
    user_agent: str = _setting(
        "Sinoscope/0.1 (+https://github.com/sinoscope/sinoscope; news research crawler)",
        "User-Agent sent with every request and matched against robots.txt.",
    )
    timeout: float = _setting(20.0, "Seconds before a request is given up (connect and read).")
    max_bytes: int = _setting(
        10_000_000, "Largest response body kept, in bytes; bigger pages are refused, not cut."
    )
    max_redirects: int = _setting(5, "Redirects followed per request.")
    retries: int = _setting(2, "Retries after a 429, a 5xx or a network error.")
    backoff: float = _setting(
        1.0, "Seconds before the first retry; doubles each time (Retry-After wins)."
    )
    concurrency: int = _setting(8, "Requests in flight at once, over all hosts.")
    workers: int = _setting(
        0, "Processes that extract and analyse pages (0: one per CPU core; 1: no extra process)."
    )
    per_host_concurrency: int = _setting(2, "Requests in flight at once to one host.")
    per_host_delay: float = _setting(
        1.0, "Minimum seconds between two requests to the same host (robots Crawl-delay wins)."
    )
    respect_robots: bool = _setting(True, "Obey robots.txt (turn off only for your own sites).")
    allow_private: bool = _setting(
        False,
        "Allow requests to private, loopback and link-local addresses (off: SSRF guard on).",
    )
    archive: bool = _setting(True, "Keep every HTTP response in a WARC file under DATA_DIR/warc.")
    max_feed_entries: int = _setting(500, "Entries read from one feed or sitemap.")
    sitemap_depth: int = _setting(2, "How many levels of sitemap indexes are followed.")
    near_duplicate_threshold: float = _setting(
        0.5,
        "Estimated Jaccard similarity of word 3-gram / character 4-gram shingle sets at which "
        "two documents are near duplicates (a 10% edit leaves about 0.57).",
    )
    minhash_permutations: int = _setting(128, "MinHash permutations (more: slower, finer).")
    min_text_chars: int = _setting(
        80, "Documents with less extracted text than this are recorded as empty, not stored."
    )
    poll_interval: str = _setting("15m", "Default interval for `sinoscope run --every`.")
    brief_min_documents: int = _setting(
        3, "Documents a story needs before a briefing summarises it (else: single-source list)."
    )
    brief_min_publishers: int = _setting(
        2, "Independent publishers a story needs before a briefing summarises it."
    )
    llm_url: str = _setting(
        "",
        "OpenAI-compatible API of the LLM writer (e.g. http://127.0.0.1:11434/v1); empty: none.",
    )
    llm_model: str = _setting("", "Model name the LLM server serves (e.g. qwen2.5).")
    llm_api_key: str = _setting(
        "", "API key for the LLM server, if it needs one (best set in the environment)."
    )
    llm_timeout: float = _setting(120.0, "Seconds to wait for one LLM reply.")
    log_level: str = _setting("WARNING", "Logging level for the command line.")

    # ------------------------------------------------------------------ derived values
    @property
    def db_url(self) -> str:
        """A SQLAlchemy URL for `db` (a bare path means a SQLite file)."""
        if not self.db:
            return f"sqlite:///{Path(self.data_dir) / 'sinoscope.db'}"
        if "://" in self.db:
            return self.db
        return f"sqlite:///{Path(self.db).expanduser().resolve()}"

    @property
    def warc_dir(self) -> Path:
        return Path(self.data_dir) / "warc"

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **coerce(changes))


def settings_table() -> list[tuple[str, str, Any, str]]:
    """(name, type name, default, help) for every setting, in declaration order."""
    out = []
    for f in fields(Settings):
        default: Any = f.default
        if default is dataclasses.MISSING:
            factory: Any = f.default_factory
            default = factory()
        out.append((f.name, _type_name(f.type), default, f.metadata["help"]))
    return out


def _type_name(t: Any) -> str:
    return t if isinstance(t, str) else getattr(t, "__name__", str(t))


def coerce(values: Mapping[str, Any]) -> dict[str, Any]:
    """Convert strings (from env or files) to each setting's type; unknown names are errors."""
    types = {f.name: _type_name(f.type) for f in fields(Settings)}
    out: dict[str, Any] = {}
    for name, value in values.items():
        key = name.replace("-", "_")
        if key not in types:
            known = ", ".join(sorted(types))
            raise ConfigError(f"unknown setting {name!r}; known settings: {known}")
        out[key] = _convert(key, types[key], value)
    return out


def _convert(name: str, type_name: str, value: Any) -> Any:
    try:
        if type_name == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(value)
        if type_name == "int":
            return int(value)
        if type_name == "float":
            return float(value)
        if type_name == "Path":
            return Path(str(value)).expanduser()
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"setting {name} must be a {type_name}, got {value!r}; fix it in the config file, "
            f"the {ENV_PREFIX}{name.upper()} variable or the command line"
        ) from None


def load_settings(
    config_file: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build Settings from defaults, a TOML file, SINOSCOPE_* variables and CLI overrides.

    The config file is `config_file`, else $SINOSCOPE_CONFIG, else DATA_DIR/config.toml when it
    exists. `overrides` holds CLI flags; None values mean "not given" and are skipped.
    """
    env = os.environ if env is None else env
    names = {f.name for f in fields(Settings)}
    from_env = {
        k[len(ENV_PREFIX) :].lower(): v
        for k, v in env.items()
        if k.startswith(ENV_PREFIX) and k[len(ENV_PREFIX) :].lower() in names
    }
    cli = {k: v for k, v in (overrides or {}).items() if v is not None}

    # the data dir decides where the default config file lives, so settle it first
    data_dir_layers = [
        coerce({"data_dir": d["data_dir"]}) for d in (from_env, cli) if "data_dir" in d
    ]
    base = Settings()
    for layer in data_dir_layers:
        base = dataclasses.replace(base, **layer)

    path = config_file or (Path(env["SINOSCOPE_CONFIG"]) if env.get("SINOSCOPE_CONFIG") else None)
    if path is None and (Path(base.data_dir) / "config.toml").exists():
        path = Path(base.data_dir) / "config.toml"
    from_file: dict[str, Any] = {}
    if path is not None:
        try:
            from_file = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {path} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        from_file = from_file.get("sinoscope", from_file)

    settings = Settings()
    for layer in (from_file, from_env, cli):
        settings = dataclasses.replace(settings, **coerce(layer))
    return settings


def settings_markdown() -> str:
    """docs/settings.md, generated from the table above (`python -m sinoscope.settings`)."""
    lines = [
        "# Settings",
        "",
        "Generated by `python -m sinoscope.settings > docs/settings.md`; do not edit by hand.",
        "",
        "Precedence: defaults < config file (`--config`, `$SINOSCOPE_CONFIG` or",
        "`DATA_DIR/config.toml`, keys at top level or under `[sinoscope]`) < `SINOSCOPE_*`",
        "environment variables < command-line flags.",
        "",
        "| setting | type | default | environment | meaning |",
        "|---|---|---|---|---|",
    ]
    for name, type_name, default, help_text in settings_table():
        shown = "~/.local/share/sinoscope" if name == "data_dir" else repr(default)
        lines.append(
            f"| `{name}` | {type_name} | `{shown}` | `{ENV_PREFIX}{name.upper()}` | {help_text} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(settings_markdown(), end="")
