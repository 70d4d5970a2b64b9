"""Topic sections (a text with neither keyword labels nor numbered headings): their headings read
like a reader's heading of what the section is about."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing import api
from briefing.extraction import topic_words as tw
from briefing.extraction.align import Unit
from briefing.extraction.tense import simplified, tense_of_heading
from briefing.extraction.topics import _jieba, keywords, segment

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def _parts(keyword: str) -> list[str]:
    return [p for p in keyword.split("、") if p]


_QUANTITIES = ("全年新增就业1200万人左右，完成投资500亿元以上，新增停车位2万个以上，目标任务全部完成。"
               "力争新增停车场3000个左右，停车位改造完成率达到90%以上，新增投资20亿元。") * 3
_PAGE = ("(资料图片)\n一起来看!\n新闻推荐\n现予公告。\n记者从发布会上获悉，本报讯。\n"
         "今年将新建停车场和公交站，停车场向社会开放，公交站覆盖乡镇。") * 2


@pytest.mark.parametrize("text, never", [
    (_QUANTITIES, ("左右", "以上", "以下", "目标", "万人", "亿元", "万个", "新增", "完成", "完成率")),
    (_PAGE, ("图片", "资料", "来看", "一起", "推荐", "新闻", "公告", "现予", "记者", "发布会")),
], ids=["qualifiers-units-quantities", "reporting-and-page-words"])
def test_stop_classes_are_never_keywords(text: str, never: tuple[str, ...]):
    words = keywords(text, 8)
    assert "停车场" in words
    assert not set(never) & set(words)


def test_a_persons_name_is_never_a_keyword():
    text = ("市长邵建辉作政府工作报告。邵建辉介绍，今年将加快轨道交通建设。邵建辉表示，轨道交通线路延伸到新城。"
            "副市长林晓峰说，轨道交通和公交站点衔接。") * 2
    words = keywords(text, 8)
    assert "轨道交通" in words
    assert not [w for w in words if "邵" in w or "林晓" in w]


def test_a_word_jieba_joins_across_a_boundary_is_never_a_keyword():
    # 22日晚 cuts as 22|日晚; 就市人大 as 就市|人大.
    text = "2月22日晚，市委召开专题民主协商会，就市人大常委会人选听取意见。民主协商会听取各方意见。"
    words = keywords(text, 8)
    assert "日晚" not in words and "就市" not in words


def test_the_generic_verbs_of_a_traditional_text_are_never_keywords_and_keywords_stay_traditional():
    text = ("潼關縣今年將辦好十件民生實事。實施停車場建設，全縣新增停車位500個以上。"
            "加快發展，推進建設，持續增長。實施停車場建設，新建停車場3個。加快發展城區排水管網建設，改造排水管網。") * 2
    words = keywords(text, 8)
    for w in ("發展", "建設", "實施", "增長", "推進", "持續", "新增"):
        assert w not in words
    assert "停車場" in words  # as printed, not 停车场


def test_a_recurring_noun_phrase_names_its_section():
    text = ("今年将推进老旧小区改造，老旧小区改造惠及居民2万户。"
            "老旧小区改造同步加装电梯，加装电梯资金由区财政补贴。")
    words = keywords(text, 2)
    assert "老旧小区改造" in words


def test_a_nouns_last_character_jieba_left_apart_stays_with_it():
    text = "新增公共充电桩400个，充电桩覆盖所有街道，新能源车主就近找到充电桩。"  # 充电|桩
    assert "充电桩" in keywords(text, 3)


def _units(*paras: str) -> list[Unit]:
    return [Unit("p", [p]) for p in paras]


def test_a_heading_is_two_names_in_their_order_in_the_section():
    units = _units(
        "今年将推进老旧小区改造，老旧小区改造惠及居民2万户，同步加装电梯。",
        "老旧小区改造后，小区加装电梯120部，加装电梯补贴由区财政承担。",
        "小区停车难有所缓解，停车位新增3000个。",
        "新建普惠托育机构10家，托育服务覆盖所有街道，普惠托育价格下降。",
        "托育机构与社区卫生服务中心合作，托育服务延伸到家门口。",
        "社区卫生服务中心开设儿科门诊，儿科门诊延长服务时间。",
    )
    out = segment(units)
    assert len(out) == 2
    first, second = out[0][2], out[1][2]
    assert _parts(first)[0] == "老旧小区改造" and "加装电梯" in _parts(first)
    assert "托育" in second or "儿科门诊" in second


def test_a_section_too_thin_to_name_joins_its_neighbour():
    units = _units(
        "今年将推进老旧小区改造，老旧小区改造惠及居民2万户，同步加装电梯。",
        "老旧小区改造后，小区加装电梯120部，加装电梯补贴由区财政承担。",
        "小区停车难有所缓解。",
        "1",
        "新建普惠托育机构10家，托育服务覆盖所有街道，普惠托育价格下降。",
        "托育机构与社区卫生服务中心合作，托育服务延伸到家门口。",
    )
    out = segment(units)
    assert all(len(_parts(k)) == 2 for _, _, k in out)
    assert not [a for a, b, _ in out if b - a == 1 and units[a].texts == ["1"]]


def test_a_text_of_one_topic_section_has_no_heading():
    text = ("某市召开人代会\n\n今天上午，某市人民代表大会开幕，市长作政府工作报告。\n\n"
            "报告提出，今年地区生产总值增长6%左右，城镇新增就业5万人以上。\n\n"
            "报告说，将新建学校10所，改造老旧小区100个。\n")
    s = api.extract_text(text)
    assert [x.keyword for x in s.sections] == [""]
    assert s.keywords  # the document's keywords still come from its words


def _topic_texts() -> list[Path]:
    out = []
    for txt in sorted(CORPUS.glob("*.txt")):
        gold = json.loads(txt.with_name(txt.stem + ".gold.json").read_text(encoding="utf-8"))
        if not gold["sections"]:
            out.append(txt)
    return out


@pytest.mark.parametrize("txt", _topic_texts(), ids=lambda p: p.stem)
def test_corpus_topic_headings_and_keywords_are_of_no_stop_class(txt: Path):
    s = api.extract_text(txt.read_text(encoding="utf-8"))
    heads = [x.keyword for x in s.sections]
    assert "正文" not in heads
    if len(heads) == 1:
        assert heads == [""]
    for part in [p for k in heads for p in _parts(k)] + list(s.keywords):
        simple = simplified(part) if len(part) > 1 else part
        assert not tw.never(simple), part
        assert simple not in tw.GENERIC and simple not in tw.MODIFIERS, part
        assert not tw.name_like(simple, known=_jieba().dt.FREQ.get(simple, 0) >= 10), part
    for k in heads:
        # made by us, so never read as the author's heading of a review or a plan
        assert not k or tense_of_heading(k) is None, k
        assert not k or len(_parts(k)) == 2, k


def test_a_nul_in_a_text_does_not_shift_the_sections_words():
    units = _units("老旧小区改造\x00惠及居民，老旧小区改造加装电梯。", "加装电梯补贴，老旧小区改造完成。",
                   "新建托育机构，托育服务覆盖街道。", "托育机构合作，托育服务延伸到家门口。")
    out = segment(units)
    assert [k for _, _, k in out] == [k for _, _, k in segment([Unit("p", [t.replace("\x00", " ") for t in u.texts])
                                                                 for u in units])]
