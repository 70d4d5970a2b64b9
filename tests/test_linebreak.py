"""Chinese line breaking (GB/T 15834, W3C clreq): what may start or end a line, what stays whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.linebreak import CLOSING, OPENING, units, violations, wrap


def one(ch: str) -> float:
    return 1.0


def test_numbers_keep_their_units_and_latin_words_stay_whole():
    text = ("研发投入236.7亿元，增长27.8%，建成5G基站，PM2.5浓度下降，增长4.5%—5%，新建2049万平方米，第3期，"
            "在第十六届人民代表大会第四次会议上")
    u = units(text)
    for whole in ("236.7亿元，", "27.8%，", "5G", "PM2.5", "4.5%—5%，", "2049万平方米，", "第3期，", "第十六届", "第四次"):
        assert whole in u, (whole, u)


def test_closing_marks_stick_to_what_precedes_and_opening_marks_to_what_follows():
    u = units("他说：“强网杯”（国家）高新区。")
    assert u == ["他", "说：", "“强", "网", "杯”", "（国", "家）", "高", "新", "区。"]


def test_dash_and_ellipsis_pairs_are_never_split():
    for text in ("高新区——2020年", "等等……好的"):
        for w in range(2, 9):
            lines = wrap(text, w, one)
            joined = "\n".join(lines)
            assert "—\n—" not in joined and "…\n…" not in joined


def test_no_line_starts_with_closing_or_ends_with_opening_in_a_narrow_column():
    text = "一年一度的郑州市政府工作报告关系着你我他，记者梳理今年市政府工作报告，含金量大、亮点纷呈。“高新元素”频频出现（特别“抢镜”）。"
    for w in range(3, 20):
        lines = wrap(text, w, one)
        assert violations(lines) == [], (w, lines)
        assert "".join(lines) == text


def test_a_final_half_blank_mark_may_sit_in_the_last_half_em():
    # 4 ideographs + "，" fit a 4.5-em line: the comma's right half is blank.
    assert wrap("一二三四，五六", 4.5, one) == ["一二三四，", "五六"]
    # ... but not a 4-em line: then the last ideograph goes down with its comma.
    assert wrap("一二三四，五六", 4, one) == ["一二三", "四，五六"]


def test_squeeze_lets_a_line_keep_its_closing_mark():
    assert wrap("一二三四，五六", 4, one, squeeze=0.5) == ["一二三四，", "五六"]


def test_spaces_at_a_break_are_dropped_and_latin_words_are_not_cut():
    lines = wrap("the quick brown fox jumps", 10, one)
    assert lines == ["the quick", "brown fox", "jumps"]


def test_first_width_narrows_only_the_first_line():
    assert wrap("一二三四五六七八", 4, one, first_width=2) == ["一二", "三四五六", "七八"]


def test_a_unit_wider_than_the_line_is_cut_but_never_before_a_closing_mark():
    lines = wrap("https://www.gov.cn/zhengce/content/2026.htm。", 10, one)
    assert all(not ln or ln[0] not in CLOSING for ln in lines[1:])
    assert "".join(lines) == "https://www.gov.cn/zhengce/content/2026.htm。"


def test_violations_reports_bad_lines_only():
    assert violations(["一二三（", "，四五", "六（"]) == ["一二三（", "，四五"]
    # A text may open with a dash or end with an opening mark: only breaks are judged.
    assert violations(["——副标题", "六（"]) == []


_ALPHABET = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严，。、；：？！）》」』】”’…—％（《「『【“‘1234567890.%GDP "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=120), st.integers(min_value=3, max_value=30))
def test_property_no_violations_nothing_lost_lines_fit(text, width):
    lines = wrap(text, width, one)
    assert violations(lines) == []
    # Nothing is lost but the spaces dropped at breaks.
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for ln in lines:
        if len(ln) > width + 0.5:  # only a unit wider than a whole line may overflow, by force-cutting
            assert all(len(u) > width for u in units(ln)[:1])


@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_property_units_partition_the_text(text):
    u = units(text)
    assert "".join(u) == text
    for i, piece in enumerate(u):
        if i and not piece.isspace() and not u[i - 1].isspace():
            assert piece[0] not in CLOSING
            assert u[i - 1][-1] not in OPENING


def _one_unit_at_a_time(text, width, advance, first_width=None, squeeze=0.0):
    """The plain greedy wrapper, one unit at a time: what :func:`wrap` must give, only faster."""
    from briefing.linebreak import HALF_BLANK_END, _force_split, is_wide

    lines, cur, cur_w = [], [], 0.0
    limit = width if first_width is None else first_width

    def fits(total, last):
        trim = advance(last) / 2 if last in HALF_BLANK_END and is_wide(last) else 0.0
        return total - trim <= limit + squeeze + 1e-6

    def flush():
        nonlocal cur, cur_w, limit
        lines.append("".join(cur).rstrip())
        cur, cur_w, limit = [], 0.0, width

    for u in units(text):
        w = sum(map(advance, u))
        if u.isspace():
            if cur:
                cur.append(u)
                cur_w += w
            continue
        if cur and fits(cur_w + w, u[-1]):
            cur.append(u)
            cur_w += w
            continue
        if cur:
            flush()
        if fits(w, u[-1]):
            cur, cur_w = [u], w
            continue
        for piece in _force_split(u, advance, fits):
            if cur:
                flush()
            cur, cur_w = [piece], sum(map(advance, piece))
    if cur or not lines:
        lines.append("".join(cur).rstrip())
    return lines


def _mixed(ch: str) -> float:
    # Ideographs and full-width marks an em, Latin letters, digits and spaces narrower.
    return 1.0 if ord(ch) > 0x2000 else (0.3 if ch == " " else 0.55)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=160), st.integers(min_value=2, max_value=30),
       st.integers(min_value=1, max_value=30), st.sampled_from([0.0, 0.5]))
def test_property_wrap_is_the_greedy_wrapper(text, width, first, squeeze):
    for advance in (one, _mixed):
        assert wrap(text, width, advance, first_width=first, squeeze=squeeze) == \
            _one_unit_at_a_time(text, width, advance, first_width=first, squeeze=squeeze)


def test_the_whitespace_list_is_what_python_calls_space():
    from briefing.linebreak import WHITESPACE

    assert WHITESPACE == {chr(c) for c in range(0x110000) if chr(c).isspace()}
