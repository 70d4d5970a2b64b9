"""The document model: versioned schema, lossless JSON round trip, errors by field path."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.errors import SchemaError
from briefing.model import SCHEMA, Figure, Highlight, Section, Summary, Target

text = st.text(max_size=20)
num = st.one_of(st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False))
highlights = st.builds(Highlight, label=text, paragraphs=st.lists(text, max_size=3))
leaf = st.builds(Section, keyword=text, paragraphs=st.lists(text, max_size=3), highlights=st.lists(highlights, max_size=2))
sections = st.builds(Section, keyword=text, paragraphs=st.lists(text, max_size=3),
                     highlights=st.lists(highlights, max_size=2), subsections=st.lists(leaf, max_size=2))
summaries = st.builds(
    Summary, title=text, kicker=text, lead=st.lists(text, max_size=3), sections=st.lists(sections, max_size=3),
    targets=st.lists(st.builds(Target, section=st.integers(1, 9), indicator=text, value=num, unit=text,
                               value_max=st.one_of(st.none(), num), qualifier=st.one_of(st.none(), text)), max_size=3),
    figures=st.lists(st.builds(Figure, section=st.one_of(st.none(), st.integers(1, 9)), indicator=text, value=num,
                               unit=text, growth=st.one_of(st.none(), num)), max_size=3),
    keywords=st.lists(text, max_size=3),
)


@given(summaries)
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
    ({"targets": [{"section": 1, "indicator": "x", "value": "5", "unit": "%"}]}, "targets[0].value"),
    ({"sections": [{}]}, "sections[0].keyword"),
    ({"lead": "not a list"}, "lead"),
    ({"sections": [{"keyword": "a", "subsections": [{"keyword": "b", "order": ["x"]}]}]}, "sections[0].subsections[0].order"),
])
def test_schema_errors_name_the_field(data, path):
    with pytest.raises(SchemaError) as e:
        Summary.from_dict(data)
    assert e.value.path == path


def test_other_schema_versions_are_refused():
    with pytest.raises(SchemaError, match="unsupported schema"):
        Summary.from_dict({"schema": "briefing.summary/99"})


def test_blocks_follow_the_reading_order():
    sec = Section("k", paragraphs=["a", "b"], highlights=[Highlight("L", ["x"])], order=["p", "h", "p"])
    assert sec.blocks() == ["a", Highlight("L", ["x"]), "b"]
    assert Section("k", paragraphs=["a"], highlights=[Highlight("L")]).blocks() == ["a", Highlight("L")]
