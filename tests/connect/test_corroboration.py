"""Corroboration and contradiction: periods, tolerances, independence and syndication."""

from __future__ import annotations

from datetime import UTC, datetime

from sinoscope.connect.corroboration import (
    AssessOptions,
    aliases_from_entities,
    assess,
    labels_for,
    voice_key,
)
from sinoscope.connect.indicators import DocumentInfo, build_observations
from sinoscope.records import Attribution, Claim, Entity, Metric, Observation, TimeRef
from sinoscope.understand.quantities import extract_quantities

COMPANIES = "ai-company-count"


def doc(
    doc_id: str,
    source: str,
    name: str,
    day: tuple[int, int, int] = (2025, 1, 10),
    copy_of: str | None = None,
) -> DocumentInfo:
    return DocumentInfo(doc_id, source, datetime(*day, tzinfo=UTC), copy_of, name)


DOCS = {
    d.document_id: d
    for d in (
        doc("xh-1", "xinhua", "Xinhua"),
        doc("cd-1", "chinadaily", "China Daily", copy_of="xh-1"),
        doc("pd-1", "peoples-daily", "People's Daily", copy_of="cd-1"),  # a copy of a copy
        doc("cx-1", "caixin", "Caixin"),
        doc("sc-1", "scmp", "South China Morning Post"),
        doc("sa-1", "semianalysis", "SemiAnalysis", (2025, 1, 31)),
        doc("cdd-1", "chinadaily", "China Daily", (2025, 1, 28)),
        doc("gov-1", "gov", "State Council"),
    )
}
ENTITIES = (
    Entity(
        id="miit",
        type="agency",
        name="MIIT",
        name_zh="工信部",
        aliases=("Ministry of Industry and Information Technology",),
    ),
    Entity(id="xinhua-agency", type="outlet", name="Xinhua", name_zh="新华社", source_id="xinhua"),
    Entity(id="deepseek", type="company", name="DeepSeek"),
)
METRICS = (Metric(id=COMPANIES, name="Number of AI companies", unit="companies"),)
OPTIONS = AssessOptions(
    aliases=aliases_from_entities(ENTITIES), labels=labels_for(METRICS, ENTITIES)
)


def obs(
    claim_id: str,
    document_id: str,
    value: float,
    *,
    change: str = "=",
    when: str = "2024",
    who: str = "",
    metric: str = COMPANIES,
    unit: str = "companies",
    deadline: int | None = None,
    definition: str | None = None,
) -> Observation:
    return Observation(
        metric=metric,
        value=value,
        unit=unit,
        claim_id=claim_id,
        document_id=document_id,
        source_id=DOCS[document_id].source_id if document_id in DOCS else None,
        attributed_to=who,
        date=str(deadline) if deadline else when,
        is_target=deadline is not None,
        deadline=deadline,
        change=change,
        definition=definition,
    )


def rate(
    claim_id: str,
    document_id: str,
    value: float,
    *,
    change: str = "=",
    when: str = "2024",
    deadline: int | None = None,
) -> Observation:
    return obs(
        claim_id,
        document_id,
        value,
        change=change,
        when=when,
        deadline=deadline,
        metric="ai-adoption-rate",
        unit="percent",
    )


XINHUA = obs("c-xh", "xh-1", 4500, change=">", who="MIIT")
COPY = obs("c-cd", "cd-1", 4500, change=">", who="MIIT")
COPY_OF_COPY = obs("c-pd", "pd-1", 4500, change=">", who="MIIT")


def test_syndicated_copies_are_not_independent() -> None:
    assert assess([XINHUA, COPY, COPY_OF_COPY], DOCS, OPTIONS) == []


def test_two_outlets_citing_one_agency_are_two_publishers_but_one_voice() -> None:
    caixin = obs("c-cx", "cx-1", 4500, change=">", who="工信部")
    [agreement] = assess([XINHUA, COPY, caixin], DOCS, OPTIONS)
    assert agreement.kind == "corroborates"
    assert agreement.publishers == ("Caixin", "Xinhua")
    assert agreement.voices == ("MIIT",)  # named as the gazetteer names it
    assert agreement.independent_sources == 1
    assert agreement.claim_ids == ("c-cx", "c-xh", "c-cd")  # originals first, then copies
    assert agreement.document_ids == ("cx-1", "xh-1", "cd-1")
    assert agreement.period == "2024"
    assert agreement.summary == (
        "Caixin and Xinhua (citing MIIT; and 1 syndicated copy) agree on number of AI "
        "companies in 2024: more than 4,500 companies"
    )
    # without the gazetteer, "工信部" and "MIIT" look like two voices
    [plain] = assess([XINHUA, caixin], DOCS)
    assert plain.independent_sources == 2


def test_independent_sources_corroborate_within_tolerance() -> None:
    xinhua_own = obs("a", "xh-1", 4500, change=">")
    scmp = obs("b", "sc-1", 4600)  # inside "more than 4,500"
    caixin = obs("c", "cx-1", 4700, change="~")  # within 10% of "about"
    [agreement] = assess([xinhua_own, scmp, caixin], DOCS, OPTIONS)
    assert agreement.kind == "corroborates"
    assert agreement.independent_sources == 3
    assert set(agreement.voices) == {"Xinhua", "South China Morning Post", "Caixin"}


def test_the_outlets_own_name_as_attribution_is_its_own_voice() -> None:
    cited_self = obs("a", "xh-1", 4500, who="Xinhua News Agency")
    named_outlet = obs("b", "cd-1", 4500, who="新华社")  # the copy names the original's outlet
    assert assess([cited_self, named_outlet], DOCS, OPTIONS) == []


def test_incompatible_values_in_the_same_year_contradict() -> None:
    more = obs("hi", "sc-1", 5000, change=">")
    exact = obs("lo", "cx-1", 4500)
    [agreement] = assess([exact, more], DOCS, OPTIONS)
    assert agreement.kind == "contradicts"
    assert agreement.sides == (("hi",), ("lo",))  # higher values first
    assert agreement.independent_sources == 2
    assert agreement.summary == (
        "South China Morning Post (more than 5,000 companies) contradicts Caixin "
        "(4,500 companies) on number of AI companies in 2024"
    )


def test_small_differences_are_within_the_five_percent_tolerance() -> None:
    a = obs("a", "sc-1", 4500)
    b = obs("b", "cx-1", 4700)
    c = obs("c", "gov-1", 4800)
    found = [(x.kind, x.sides) for x in assess([a, b, c], DOCS, OPTIONS)]
    assert found == [("corroborates", (("a", "b"),)), ("contradicts", (("c",), ("a", "b")))]
    assert assess([a, b], DOCS, OPTIONS)[0].kind == "corroborates"  # 4.4% apart
    assert assess([a, c], DOCS, OPTIONS)[0].kind == "contradicts"  # 6.7% apart


def test_different_periods_are_not_compared() -> None:
    y2024 = obs("a", "sc-1", 4500, when="2024")
    y2025 = obs("b", "cx-1", 6000, when="2025")
    assert assess([y2024, y2025], DOCS, OPTIONS) == []
    june = obs("c", "sc-1", 100, metric="users", unit="people", when="2024-06")
    december = obs("d", "cx-1", 200, metric="users", unit="people", when="2024-12")
    assert assess([june, december], DOCS, OPTIONS) == []
    year_only = obs("e", "gov-1", 200, metric="users", unit="people", when="2024")
    [agreement] = assess([december, year_only], DOCS, OPTIONS)
    assert agreement.kind == "corroborates" and agreement.period == "2024-12"
    mid_year = obs("f", "gov-1", 150, metric="users", unit="people", when="2024-06")
    assert assess([mid_year, year_only], DOCS, OPTIONS) == []  # "2024" means its end


def test_publication_dates_are_loose() -> None:
    docs = {**DOCS, "cx-2": doc("cx-2", "caixin", "Caixin", (2025, 3, 2))}
    # dated by their documents (10 January, 2 March 2025): any month of the year corroborates
    january = obs("a", "xh-1", 4500, when="2025-01-10")
    march = obs("b", "cx-2", 4500, when="2025-03-02")
    [agreement] = assess([january, march], docs, OPTIONS)
    assert agreement.kind == "corroborates" and agreement.period == "2025"
    # ... but a different figure months later, or against a figure the text dates, is no
    # contradiction: the articles may be reporting different periods
    march_more = obs("c", "cx-2", 6000, when="2025-03-02")
    dated_june = obs("d", "sc-1", 6000, when="2025-06")
    assert assess([january, march_more], docs, OPTIONS) == []
    assert assess([january, dated_june], docs, OPTIONS) == []
    # a date that is not the document's publication day is the text's own
    dated_jan = obs("e", "cx-2", 6000, when="2025-01-10")
    assert assess([january, dated_jan], docs, OPTIONS) == []
    text_jan = obs("f", "sc-1", 4500, when="2025-01-15")
    assert [a.kind for a in assess([dated_jan, text_jan], docs, OPTIONS)] == ["contradicts"]


def test_targets_only_meet_targets_with_the_same_deadline() -> None:
    t2027 = rate("a", "gov-1", 70, change=">", deadline=2027)
    t2027_again = rate("b", "xh-1", 70.5, deadline=2027)
    t2030 = rate("c", "cx-1", 90, change=">", deadline=2030)
    actual = rate("d", "sc-1", 70, when="2027")
    wrong = rate("e", "sc-1", 80, deadline=2027)
    found = assess([t2027, t2027_again, t2030, actual, wrong], DOCS, OPTIONS)
    assert [(a.kind, a.period, a.is_target, a.sides) for a in found] == [
        ("corroborates", "by 2027", True, (("a", "b"),)),
        ("contradicts", "by 2027", True, (("e",), ("a", "b"))),
    ]


def test_percent_metrics_use_percentage_points() -> None:
    close = [rate("a", "sc-1", 70), rate("b", "cx-1", 70.9)]
    far = [rate("a", "sc-1", 70), rate("b", "cx-1", 72)]
    assert assess(close, DOCS, OPTIONS)[0].kind == "corroborates"
    assert assess(far, DOCS, OPTIONS)[0].kind == "contradicts"


def test_different_definitions_are_not_compared() -> None:
    core = obs("core", "cx-1", 400, definition="core AI enterprises")
    zh_core = obs("zh", "sc-1", 400, definition="人工智能核心企业")
    everything = obs("all", "gov-1", 4500)
    [agreement] = assess([core, zh_core, everything], DOCS, OPTIONS)
    assert agreement.kind == "corroborates" and agreement.claim_ids == ("core", "zh")
    assert agreement.definition == "core AI enterprises"
    assert agreement.summary.endswith('(counted as "core AI enterprises")')


def test_values_from_one_original_document_do_not_contradict_each_other() -> None:
    first = obs("a", "xh-1", 4500)
    second = obs("b", "xh-1", 6000)
    copied = obs("c", "cd-1", 6000)
    assert assess([first, second, copied], DOCS, OPTIONS) == []


def test_free_metrics_find_the_deepseek_cost_disagreement() -> None:
    key = "text:deepseek:training cost"
    high = obs(
        "sa",
        "sa-1",
        1.6e9,
        change=">",
        who="SemiAnalysis",
        metric=key,
        unit="USD",
        when="2025-01-31",
    )
    low = obs("cd", "cdd-1", 5.6e6, change="~", metric=key, unit="USD", when="2025-01-28")
    [agreement] = assess([low, high], DOCS, OPTIONS)
    assert agreement.kind == "contradicts"
    assert agreement.summary == (
        "SemiAnalysis (more than $1.6 billion) contradicts China Daily (about $5.6 million) "
        "on DeepSeek training cost (reported in 2025)"
    )


def test_different_units_are_not_compared() -> None:
    dollars = obs("a", "sc-1", 5e9, metric="ai-investment", unit="USD")
    yuan = obs("b", "cx-1", 36e9, metric="ai-investment", unit="CNY")
    assert assess([dollars, yuan], DOCS, OPTIONS) == []


def test_agreement_ids_do_not_depend_on_input_order() -> None:
    items = [XINHUA, obs("b", "sc-1", 6000), obs("c", "cx-1", 4500, change=">")]
    forward = assess(items, DOCS, OPTIONS)
    backward = assess(list(reversed(items)), DOCS, OPTIONS)
    assert sorted(a.id for a in forward) == sorted(a.id for a in backward)
    assert len({a.id for a in forward}) == len(forward) == 2


def test_names_and_labels() -> None:
    assert voice_key("M.I.I.T.") == voice_key("miit")
    aliases = aliases_from_entities(ENTITIES)
    assert aliases[voice_key("Ministry of Industry and Information Technology")] == "miit"
    assert aliases[voice_key("新华社")] == "xinhua"
    names = ("Number of AI companies", "Big Fund size", "Core AI industry size", "AI investment")
    metrics = [Metric(id=str(i), name=n, unit="x") for i, n in enumerate(names)]
    assert list(labels_for(metrics).values()) == [
        "number of AI companies",
        "Big Fund size",
        "core AI industry size",
        "AI investment",
    ]


def test_from_claims_to_agreements() -> None:
    """The whole connect path on hand-made claims: observations, then agreements."""

    def claim(claim_id: str, document_id: str, sentence: str, who: str, as_of: str) -> Claim:
        return Claim(
            id=claim_id,
            document_id=document_id,
            kind="quantity",
            sentence=sentence,
            start=0,
            end=len(sentence),
            language=None,
            quantities=tuple(extract_quantities(sentence)),
            metric=COMPANIES,
            attribution=Attribution(name=who),
            time=TimeRef(as_of=as_of),
        )

    text = "China had more than 4,500 AI companies at the end of 2024, the ministry said."
    claims = [
        claim("xh", "xh-1", text, "MIIT", "2024"),
        claim("cd", "cd-1", text, "MIIT", "2024"),  # China Daily's copy of the Xinhua story
        claim("cx", "cx-1", "工信部称，截至2024年底全国人工智能企业超过4500家。", "工信部", "2024"),
        claim("sc", "sc-1", "There were 3,900 AI companies at the end of 2024.", "SCMP", "2024"),
    ]
    observations = build_observations(claims, DOCS, METRICS)
    assert [o.value for o in observations] == [4500, 4500, 4500, 3900]
    found = {a.kind: a for a in assess(observations, DOCS, OPTIONS)}
    assert set(found) == {"corroborates", "contradicts"}
    agree = found["corroborates"]
    assert agree.claim_ids == ("cx", "xh", "cd")
    assert (len(agree.publishers), agree.independent_sources) == (2, 1)  # two outlets, one MIIT
    clash = found["contradicts"]
    assert clash.sides == (("cx", "xh", "cd"), ("sc",))
    assert clash.independent_sources == 2


def test_a_province_figure_neither_contradicts_nor_corroborates_the_national_one() -> None:
    national = obs("n-xh", "xh-1", 4500, who="MIIT")
    national_too = obs("n-cx", "cx-1", 4500)
    province = obs("p-sc", "sc-1", 1500, definition="place: Guangdong")
    province_too = obs("p-gov", "gov-1", 1500, definition="place: Guangdong")
    found = assess([national, national_too, province, province_too], DOCS, OPTIONS)
    assert [a.kind for a in found] == ["corroborates", "corroborates"]
    assert all(a.kind != "contradicts" for a in found)
    assert {frozenset(a.claim_ids) for a in found} == {
        frozenset({"n-xh", "n-cx"}),
        frozenset({"p-sc", "p-gov"}),
    }
