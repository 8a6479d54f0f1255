"""An article read as a whole: subject, context, voices, one voice per term, summary
(check/article.py), on hand-made rules so a curator's edit cannot change them."""

from __future__ import annotations

from nkterms.check.article import Article, Tally, about, ambiguous, subject_text, summary_line
from nkterms.check.rules import Rule

DEFECTOR = Rule(
    "en-defector", "nkd", "en", "defector", "info", ("connotation contested",), "", (),
    near=("North Korea", "North Korean"), category="people",
)  # fmt: skip
SAETEOMIN = Rule(
    "saeteomin", "nkd", "ko", "새터민", "warning", ("deprecated",), "북한이탈주민", (),
    category="people",
)  # fmt: skip
TALBUNGMIN = Rule(
    "talbungmin", "nkd", "ko", "탈북민", "info", ("contested", "the choice is the writer's"), "",
    (), category="people", choice="open",
)  # fmt: skip
WOLLAM = Rule(
    "wollam", "wollam", "ko", "월남", "info", ("can be misread as 越南 'Vietnam'",), "", (),
    category="event",
)  # fmt: skip
HANGUK = Rule("hanguk", "rok", "ko", "한국", None, (), "", (), category="place")
DAEHANMINGUK = Rule("daehanminguk", "rok", "ko", "대한민국", None, (), "", (), category="place")


def judge_all(text: str, rule: Rule, kind: str = "txt", every: bool = False, domain=()):
    """Judge every occurrence of the rule's form in the text, in order."""
    article = Article(text, kind, every, domain)
    out, at = [], text.find(rule.form)
    while at >= 0:
        out.append(article.judge(rule, at, at + len(rule.form)))
        at = text.find(rule.form, at + 1)
    return out, article


def test_subject_from_front_matter_title_and_lede():
    md = "---\ntitle: Inside the school teaching North Korean defectors\nnote: x\n---\nBody."
    assert about(subject_text(md, "md"), DEFECTOR.near)
    assert not about(subject_text("---\nnote: North Korea\n---\nBody.", "md"), DEFECTOR.near)
    html = "<html><title>North Korea</title><p>x</p></html>"
    assert about(subject_text(html, "html"), DEFECTOR.near)


def test_a_near_rule_holds_for_the_whole_article_about_the_subject():
    far = "x" * 700  # past the window and the lede
    about_nk = f"Before she left North Korea, she watched TV. {far} All defectors study."
    not_about = f"The ballet dancer left Moscow. Many defectors wrote books. {far} North Korea."
    found, _ = judge_all(about_nk, DEFECTOR)
    assert found[0][:2] == ("info", "use")
    found, _ = judge_all(not_about, DEFECTOR)
    assert found == [None]  # the window rule stays for a text not about North Korea
    found, _ = judge_all(f"{far} North Korea and its defectors.", DEFECTOR)
    assert found[0][:2] == ("info", "use")


def test_an_ambiguous_word_needs_a_north_korea_context():
    assert ambiguous(WOLLAM) and not ambiguous(SAETEOMIN)
    found, _ = judge_all("1965년 월남에 파병된 국군", WOLLAM, domain=("북한",))
    assert found == [None]
    found, _ = judge_all("6·25 때 북한에서 월남한 실향민", WOLLAM, domain=("북한",))
    assert found[0][0] == "info"


def test_speech_is_information_without_suggestion_and_mentions_one_level_lower():
    text = "정 장관은 “새터민 단체가 있다”고 말했다. ‘새터민’ 호칭은 2008년에 밀려났다. 새터민 단체"
    found, _ = judge_all(text, SAETEOMIN, every=True)
    assert [f[:2] for f in found] == [("info", "speech"), ("info", "mention"), ("warning", "use")]
    assert found[0][2].startswith("quoted speech: 새터민")
    assert found[1][2].startswith("mention of the word: 새터민")


def test_one_voice_per_term_folds_repeats_in_each_voice():
    text = "탈북민 단체. 탈북민 지원. “탈북민 만세”라며. “탈북민 최고”라며. ‘탈북민’ 호칭."
    found, article = judge_all(text, TALBUNGMIN)
    assert [f and f[1] for f in found] == ["use", None, "speech", None, "mention"]
    assert article.folded == 2
    every, _ = judge_all(text, TALBUNGMIN, every=True)
    assert all(every)


def test_the_open_choice_is_said_once_per_text():
    found, _ = judge_all("탈북민 단체. ‘탈북민’ 호칭.", TALBUNGMIN)
    assert found[0][2].endswith("the choice is the writer's")
    assert "the choice" not in found[1][2]


def test_the_writer_mixing_names_for_people_is_a_finding_by_itself():
    plain = Rule(
        "bukhanitaljumin", "nkd", "ko", "북한이탈주민", None, (), "", (), category="people"
    )
    other = Rule("hanguk-saram", "nkd", "ko", "탈북인", None, (), "", (), category="people")
    article = Article("북한이탈주민 지원. “탈북인”이라며 말했다. 탈북인 단체.")
    assert article.judge(plain, 0, 6) is None
    assert article.judge(other, 12, 15) is None  # a speaker's word: no inconsistency
    assert article.judge(other, 25, 28)[:2] == ("info", "use")


def test_designations_side_by_side_make_no_finding_by_themselves():
    article = Article("대한민국 국군. 한국 정부.")
    assert article.judge(DAEHANMINGUK, 0, 4) is None
    assert article.judge(HANGUK, 9, 11) is None
    assert article.summary() == []


def test_consistency_counts_only_the_writers_own_uses():
    text = "“탈북민 만세”라며 말했다. 새터민 단체. 탈북민 단체. 새터민 지원."
    article = Article(text, every=True)
    quoted = article.judge(TALBUNGMIN, 1, 4)
    first = article.judge(SAETEOMIN, text.index("새터민"), text.index("새터민") + 3)
    assert quoted[1] == "speech" and "also uses" not in first[2]
    own = text.index("탈북민 단체")
    assert (
        "this text also uses 새터민 for the same group: pick one"
        in article.judge(TALBUNGMIN, own, own + 3)[2]
    )


def test_summary_lists_designations_counts_and_advice():
    text = "새터민 단체. 새터민 지원. ‘탈북민’ 호칭."
    article = Article(text)
    for rule in (SAETEOMIN, SAETEOMIN, TALBUNGMIN):
        at = text.find(rule.form, getattr(article, "_at", 0))
        article._at = at + 1
        article.judge(rule, at, at + len(rule.form))
    assert article.summary() == [
        "새터민 ×2, 탈북민 ×1 (1 mentioned) for this group: instead of 새터민, write 북한이탈주민"
    ]


def test_summary_line_says_when_the_writer_mixes_designations():
    tally = Tally("people")
    tally.add("a", "탈북민", "use")
    tally.add("b", "북향민", "use")
    assert (
        summary_line(tally)
        == "탈북민 ×1, 북향민 ×1 for this group: the writer uses 탈북민, 북향민: pick one"
    )
