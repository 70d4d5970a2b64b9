"""Property tests: the extractor never crashes, and what it makes survives the JSON round trip."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import api
from briefing.errors import BriefingError
from briefing.extraction.clean import undouble
from briefing.model import Summary

CJK_TEXT = st.text(
    alphabet=st.sampled_from(list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质育十百千万亿%，。、；：？！“”（）《》…—·ABCabc0123456789 .\n\t"))
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), CJK_TEXT))
def test_any_text_gives_a_summary_or_a_clear_error(text):
    try:
        s = api.extract_text(text)
    except BriefingError as e:
        assert str(e) and "\n" not in str(e)
        return
    assert Summary.from_json(s.to_json()) == s
    for t in s.targets:
        assert 1 <= t.section <= len(s.sections)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="看研究常好的人大二三两AB12“”", min_size=1, max_size=3))
def test_single_reduplicated_words_are_left_alone(word):
    # 看看 / 研究研究: genuine reduplication is one doubled run of a short word (of distinct
    # characters: 看看看看 would be the doubled run 看看).
    if len(word) < 3 and len(set(word)) == len(word):
        assert undouble(word * 2) is None
