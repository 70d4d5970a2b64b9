"""The document model: versioned schema, lossless JSON round trip, errors by field path."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.errors import SchemaError
from briefing.model import SCHEMA, Figure, Highlight, Pair, Section, Summary, Target

text = st.text(max_size=20)
num = st.one_of(st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False))
highlights = st.builds(Highlight, label=text, paragraphs=st.lists(text, max_size=3))
leaf = st.builds(Section, keyword=text, paragraphs=st.lists(text, max_size=3), highlights=st.lists(highlights, max_size=2))
sections = st.builds(Section, keyword=text, paragraphs=st.lists(text, max_size=3),
                     highlights=st.lists(highlights, max_size=2), subsections=st.lists(leaf, max_size=2))


@st.composite
def summaries(draw: st.DrawFn) -> Summary:
    secs = draw(st.lists(sections, min_size=1, max_size=3))
    number = st.integers(1, len(secs))
    targets = draw(st.lists(st.builds(Target, section=number, indicator=text, value=num, unit=text,
                                      value_max=st.one_of(st.none(), num), qualifier=st.one_of(st.none(), text)),
                            max_size=3))
    figures = draw(st.lists(st.builds(Figure, section=st.one_of(st.none(), number), indicator=text, value=num,
                                      unit=text, growth=st.one_of(st.none(), num)), max_size=3))
    pairs = draw(st.lists(st.builds(Pair, st.integers(0, len(targets) - 1), st.integers(0, len(figures) - 1)),
                          max_size=3)) if targets and figures else []
    glance = draw(st.lists(st.integers(0, len(figures) - 1), max_size=3)) if figures else []
    return draw(st.builds(Summary, title=text, kicker=text, lead=st.lists(text, max_size=3), sections=st.just(secs),
                          targets=st.just(targets), figures=st.just(figures), pairs=st.just(pairs),
                          glance=st.just(glance), keywords=st.lists(text, max_size=3)))


@given(summaries())
def test_json_round_trip_is_lossless(s):
    assert Summary.from_json(s.to_json()) == s
    assert json.loads(s.to_json())["schema"] == SCHEMA


def test_required_field_names_of_the_schema():
    d = Summary(sections=[Section("k")], targets=[Target(1, "i", 1, "个")], figures=[Figure(None, "i", 1, "个")]).to_dict()
    assert {"schema", "title", "kicker", "subtitle", "source", "reporter", "date", "lead", "sections", "targets",
            "figures", "keywords"} <= set(d)
    assert {"keyword", "paragraphs", "highlights", "subsections"} <= set(d["sections"][0])
    assert {"section", "indicator", "value", "value_max", "unit", "qualifier", "text"} <= set(d["targets"][0])
    assert {"section", "indicator", "value", "unit", "growth", "text"} <= set(d["figures"][0])


@pytest.mark.parametrize("data,path", [
    ({"sections": [{"keyword": "a", "highlights": [{"label": 3}]}]}, "sections[0].highlights[0].label"),
    ({"sections": [{"keyword": "a"}], "targets": [{"section": 1, "indicator": "x", "value": "5", "unit": "%"}]},
     "targets[0].value"),
    ({"sections": [{}]}, "sections[0].keyword"),
    ({"lead": "not a list"}, "lead"),
    ({"sections": [{"keyword": "a", "subsections": [{"keyword": "b", "order": ["x"]}]}]}, "sections[0].subsections[0].order"),
])
def test_schema_errors_name_the_field(data, path):
    with pytest.raises(SchemaError) as e:
        Summary.from_dict(data)
    assert e.value.path == path


_ONE = {"sections": [{"keyword": "a"}, {"keyword": "b"}],
        "targets": [{"section": 2, "indicator": "x", "value": 5, "unit": "%"}],
        "figures": [{"section": None, "indicator": "x", "value": 4, "unit": "%"}]}


@pytest.mark.parametrize("edit,path", [
    ({"targets": [{"section": 3, "indicator": "x", "value": 5, "unit": "%"}]}, "targets[0].section"),
    ({"targets": [{"section": 0, "indicator": "x", "value": 5, "unit": "%"}]}, "targets[0].section"),
    ({"figures": [{"section": 7, "indicator": "x", "value": 4, "unit": "%"}]}, "figures[0].section"),
    ({"pairs": [{"target": 0, "figure": 1}]}, "pairs[0].figure"),
    ({"pairs": [{"target": -1, "figure": 0}]}, "pairs[0].target"),
    ({"glance": [0, 1]}, "glance[1]"),
])
def test_a_hand_edit_pointing_past_the_lists_is_refused_with_its_field(edit, path):
    Summary.from_dict(_ONE)  # the unedited summary is fine
    with pytest.raises(SchemaError, match="out of range") as e:
        Summary.from_dict({**_ONE, **edit})
    assert e.value.path == path
    assert str(e.value).startswith(f"{path}: ")


def test_other_schema_versions_are_refused():
    with pytest.raises(SchemaError, match="unsupported schema"):
        Summary.from_dict({"schema": "briefing.summary/99"})


def test_blocks_follow_the_reading_order():
    sec = Section("k", paragraphs=["a", "b"], highlights=[Highlight("L", ["x"])], order=["p", "h", "p"])
    assert sec.blocks() == ["a", Highlight("L", ["x"]), "b"]
    assert Section("k", paragraphs=["a"], highlights=[Highlight("L")]).blocks() == ["a", Highlight("L")]
