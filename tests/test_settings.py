"""Settings precedence: defaults < config file < SINOSCOPE_* environment < CLI flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.errors import ConfigError
from sinoscope.settings import Settings, load_settings, settings_markdown, settings_table


def test_precedence(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("[sinoscope]\ntimeout = 5\nper_host_delay = 3.5\nconcurrency = 4\n")
    env = {"SINOSCOPE_PER_HOST_DELAY": "2", "SINOSCOPE_ALLOW_PRIVATE": "1", "OTHER": "x"}
    s = load_settings(cfg, env=env, overrides={"concurrency": 16, "retries": None})
    assert s.timeout == 5.0  # file over default
    assert s.per_host_delay == 2.0  # env over file
    assert s.allow_private is True
    assert s.concurrency == 16  # flag over file
    assert s.retries == Settings().retries  # None means "flag not given"


def test_config_file_found_in_data_dir(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('db = "postgresql://u@h/db"\n')
    s = load_settings(env={"SINOSCOPE_DATA_DIR": str(tmp_path)})
    assert s.data_dir == tmp_path
    assert s.db_url == "postgresql://u@h/db"


def test_db_url_forms(tmp_path: Path) -> None:
    assert Settings(data_dir=tmp_path).db_url == f"sqlite:///{tmp_path / 'sinoscope.db'}"
    assert Settings(db=str(tmp_path / "x.db")).db_url == f"sqlite:///{tmp_path / 'x.db'}"


def test_bad_values_say_what_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SINOSCOPE_TIMEOUT"):
        load_settings(env={"SINOSCOPE_TIMEOUT": "soon"})
    bad = tmp_path / "bad.toml"
    bad.write_text("timeout = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad, env={})
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("time_out = 3\n")
    with pytest.raises(ConfigError, match="unknown setting 'time_out'"):
        load_settings(unknown, env={})


def test_every_setting_has_help_and_docs_are_current() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "settings.md").read_text(encoding="utf-8")
    for name, _type, _default, help_text in settings_table():
        assert len(help_text) > 15, name
    assert doc == settings_markdown(), "regenerate: python -m sinoscope.settings > docs/settings.md"
