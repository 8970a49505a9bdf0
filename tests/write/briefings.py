"""Small hand-made documents, claims and briefings for the write tests (no store needed)."""

from __future__ import annotations

from datetime import UTC, datetime

from sinoscope.records import (
    Attribution,
    Briefing,
    BriefingSection,
    BriefingSentence,
    BriefingSource,
    Citation,
    Claim,
    Entity,
)
from sinoscope.understand.quantities import extract_quantities

DOC_EN = (
    "Beijing, May 2 (Xinhua) -- China now has more than 5,000 AI companies, up from about "
    "1,400 five years ago, the Ministry of Industry and Information Technology said on "
    "Thursday. The core AI industry was worth 344 billion yuan in 2023, the ministry added."
)
DOC_ZH = (
    "工信部表示，全国人工智能企业超过4500家，核心产业规模近6000亿元。"
    "到2030年，人工智能普及率将达到百分之九十。华为发布了新一代昇腾芯片。"
)
DOCUMENTS = {"doc-en": DOC_EN, "doc-zh": DOC_ZH}

ENTITIES = (
    Entity("china", "place", "China", "中国"),
    Entity("huawei", "company", "Huawei", "华为"),
    Entity("smic", "company", "SMIC", "中芯国际"),
    Entity("ascend", "product", "Ascend", "昇腾"),
    Entity(
        "miit",
        "agency",
        "Ministry of Industry and Information Technology",
        "工信部",
        aliases=("MIIT",),
    ),
    Entity("xinhua", "outlet", "Xinhua", "新华社"),
)

WINDOW = (datetime(2024, 5, 1, tzinfo=UTC), datetime(2024, 5, 8, tzinfo=UTC))


def span(document_id: str, sentence: str) -> Citation:
    """The citation of `sentence` in one of DOCUMENTS."""
    start = DOCUMENTS[document_id].index(sentence)
    return Citation(document_id, start, start + len(sentence))


def claim(
    claim_id: str,
    document_id: str,
    sentence: str,
    *,
    attribution: Attribution | None = None,
    entities: tuple[str, ...] = (),
) -> Claim:
    c = span(document_id, sentence)
    language = "zh" if document_id == "doc-zh" else "en"
    quantities = tuple(extract_quantities(sentence, language))
    return Claim(
        id=claim_id,
        document_id=document_id,
        kind="quantity",
        sentence=sentence,
        start=c.start,
        end=c.end,
        language=language,
        quantities=quantities,
        attribution=attribution or Attribution(name=""),
        entities=entities,
    )


EN_COMPANIES = (
    "China now has more than 5,000 AI companies, up from about 1,400 five years ago, the "
    "Ministry of Industry and Information Technology said on Thursday."
)
EN_INDUSTRY = "The core AI industry was worth 344 billion yuan in 2023, the ministry added."
ZH_COMPANIES = "全国人工智能企业超过4500家，核心产业规模近6000亿元。"
ZH_TARGET = "到2030年，人工智能普及率将达到百分之九十。"
ZH_HUAWEI = "华为发布了新一代昇腾芯片。"

MIIT = Attribution(name="Ministry of Industry and Information Technology", entity_id="miit")
CLAIMS = {
    "c-companies": claim("c-companies", "doc-en", EN_COMPANIES, attribution=MIIT),
    "c-industry": claim("c-industry", "doc-en", EN_INDUSTRY, attribution=MIIT),
    "c-zh-companies": claim(
        "c-zh-companies",
        "doc-zh",
        ZH_COMPANIES,
        attribution=Attribution(name="工信部", entity_id="miit", text="工信部表示", kind="cited"),
    ),
}

SOURCES = (
    BriefingSource(
        1,
        "doc-en",
        "China has more than 5,000 AI firms",
        "https://english.news.cn/20240502/ai.html",
        "xinhua",
        "Xinhua",
        datetime(2024, 5, 2, tzinfo=UTC),
    ),
    BriefingSource(
        2,
        "doc-zh",
        "全国人工智能企业超过4500家",
        "https://www.miit.gov.cn/xwdt/art.html",
        "miit",
        "工信部",
        datetime(2024, 5, 3, tzinfo=UTC),
    ),
)


def sentence(text: str, *citations: Citation, original: str | None = None) -> BriefingSentence:
    return BriefingSentence(text, tuple(citations), original)


def briefing(*sentences: BriefingSentence, writer: str = "extractive", **kw: object) -> Briefing:
    title = str(kw.pop("title", "China's AI drive this week"))
    dek = str(kw.pop("dek", "Company counts and industry size, with sources."))
    sources = kw.pop("sources", SOURCES)
    language = str(kw.pop("language", "en"))
    assert not kw, kw
    return Briefing(
        title=title,
        dek=dek,
        window=WINDOW,
        sections=(BriefingSection("Companies & investment", tuple(sentences)),),
        sources=sources,  # type: ignore[arg-type]
        writer=writer,
        language=language,
        beat="china-ai",
    )
