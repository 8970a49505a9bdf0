"""Hand-written article pages, feeds and beats for the pipeline tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from sinoscope.beats.edit import source_toml
from sinoscope.records import Feed, Source

T0 = datetime(2024, 4, 19, 2, 0, tzinfo=UTC)

EN_PARAGRAPHS = [
    "China's industry ministry said on Friday that the country now counts more than 4,500 "
    "companies working on artificial intelligence, up from about 1,400 five years earlier.",
    "Officials told reporters in Beijing that the core AI industry was worth close to 600 "
    "billion yuan last year, and that new computing centres were opening in several provinces.",
    "Analysts said the figures depend heavily on how a company is counted, since many firms "
    "that sell ordinary software now describe themselves as AI businesses.",
    "The ministry also said it would publish guidance on data centre energy use later this "
    "year, as power demand from model training keeps rising.",
]
ZH_PARAGRAPHS = [
    "工业和信息化部在新闻发布会上介绍，我国人工智能企业数量已经超过4500家，"
    "核心产业规模接近6000亿元，产业链条日趋完整。",
    "发布会上还提到，全国在用算力中心的标准机架数量持续增加，智能算力占比明显提升，"
    "多个省份正在推进新一批智算中心建设。",
    "有业内人士指出，企业数量的统计口径仍有差异，部分传统软件公司也被纳入统计范围，"
    "相关数据需要结合具体标准来看待。",
]


def article(
    title: str,
    paragraphs: list[str],
    published: datetime,
    *,
    lang: str = "en",
    charset: str | None = "utf-8",
    byline: str = "By Lin Wei",
) -> str:
    """A news page with navigation, related links and a footer around the article."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    related = "".join(f'<li><a href="/other/{i}.html">Related story {i}</a></li>' for i in range(8))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head>{meta}<title>{escape(title)} - Test News</title>
<meta property="article:published_time" content="{published.isoformat()}">
</head><body>
<nav><a href="/">Home</a> | <a href="/tech">Tech</a> | <a href="/world">World</a></nav>
<main><article><h1>{escape(title)}</h1><p class="byline">{escape(byline)}</p>
{body}
</article>
<aside><h3>Related</h3><ul>{related}</ul></aside></main>
<footer>Copyright 2024 Test News. All rights reserved.</footer>
</body></html>"""


def rss(base: str, items: list[tuple[str, str, datetime]]) -> bytes:
    """An RSS 2.0 feed; items are (path, title, published)."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{base}{p}</link>"
        f"<pubDate>{format_datetime(d)}</pubDate></item>"
        for p, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test feed</title><link>{base}/</link>{entries}</channel></rss>"
    ).encode()


def story_pages(n: int, prefix: str = "/xinhua") -> dict[str, str]:
    """`n` distinct English articles (different subjects and numbers), keyed by path."""
    subjects = [
        ("chip fund", "a third chip investment fund of 344 billion yuan"),
        ("computing", "total computing power of 246 EFLOPS"),
        ("robots", "industrial robot installations above 290,000 units"),
        ("patents", "about 38,000 generative AI patent families"),
        ("users", "generative AI users reaching 249 million"),
        ("models", "302 registered generative AI services"),
    ]
    pages = {}
    for i in range(n):
        name, fact = subjects[i % len(subjects)]
        paragraphs = [
            f"Report number {i} on {name}: officials described {fact} at a briefing in "
            f"{['Beijing', 'Shanghai', 'Shenzhen', 'Hefei', 'Hangzhou'][i % 5]} on day {i}.",
            f"The announcement, the {i}th in a series this year, covered {name} policy, local "
            f"government support and targets for {2025 + i % 6}, with {i * 7 + 3} projects listed.",
            f"Independent analysts counted {i * 13 + 11} firms involved and said item {i} "
            "would need close monitoring as budgets and priorities shift over the coming months.",
        ]
        pages[f"{prefix}/2024/story-{i}.html"] = article(
            f"Story {i}: update on {name}", paragraphs, T0 + timedelta(hours=i)
        )
    return pages


def write_beat(folder: Path, host: str, sources: dict[str, list[str]]) -> Path:
    """A beat extending china-ai whose sources live under http://HOST/<source id>.

    `sources` maps a source id of the china-ai beat to its feed URLs.
    """
    from sinoscope.beats import load_beat

    base = load_beat("china-ai")
    blocks = []
    for source_id, feeds in sources.items():
        source = base.source(source_id)
        assert isinstance(source, Source)
        blocks.append(
            source_toml(
                Source(
                    id=source.id,
                    name=source.name,
                    kind=source.kind,
                    country=source.country,
                    language=source.language,
                    name_zh=source.name_zh,
                    domains=(f"{host}/{source_id}",),
                    feeds=tuple(Feed(url=u, kind="rss", verified=True) for u in feeds),
                )
            )
        )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "beat.toml").write_text(
        'id = "test-beat"\nname = "Test beat"\nextends = "china-ai"\n', encoding="utf-8"
    )
    (folder / "sources.toml").write_text("\n".join(blocks), encoding="utf-8")
    return folder
