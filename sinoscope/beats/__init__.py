"""Beats as data: the sources, topics, entities and metrics Sinoscope watches.

    from sinoscope.beats import load_beat, SourceMatcher

    beat = load_beat()                      # the bundled "china-ai" beat
    beat = load_beat("~/beats/my-beat")     # a folder; beat.toml may say extends = "china-ai"
    SourceMatcher(beat).match("https://english.news.cn/2025/x.htm")   # -> Source "xinhua"

The bundled beats are folders next to this module (`china-ai/`); `loader` reads and merges
them, `schema` says what each file may contain, `matcher` maps URLs to sources.
"""

from .loader import BUNDLED_DIR, DEFAULT_BEAT, list_beats, load_beat
from .matcher import SourceMatcher

__all__ = ["BUNDLED_DIR", "DEFAULT_BEAT", "SourceMatcher", "list_beats", "load_beat"]
