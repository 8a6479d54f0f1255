"""The compiled scanner (nkterms._speedups) against the Python path it must equal.

The Python path (engine.candidates, engine.Emitter) is the reference: every test here runs
both on the same text and compares rows, text output and Findings, with texts built to hit
what the judging looks at (particles, quotes, mention phrases, word boundaries, context
words, URLs, case folding, characters NFC would change).
"""

from __future__ import annotations

import os
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkterms.check import engine
from nkterms.check.engine import DocumentCheck, Patterns, candidates, fold
from nkterms.check.readers import Masker
from nkterms.check.rules import index_rules
from nkterms.check.textmap import _ZERO_WIDTH, normalize
from nkterms.index import open_index

speedups = engine._speedups


def test_the_compiled_scanner_is_built():
    # The build hook compiles it wherever a C compiler is (CI's machines have one); without it
    # every test below would compare the Python path with itself.
    assert speedups is not None, (
        "nkterms._speedups is missing: reinstall with a C compiler "
        "(NKTERMS_PURE=1 disables it on purpose; then this test is expected to fail)"
    )


needs_speedups = pytest.mark.skipif(
    speedups is None, reason="see test_the_compiled_scanner_is_built"
)


@pytest.fixture(scope="module")
def patterns(tmp_path_factory, shipped):
    os.environ["NKTERMS_CACHE_DIR"] = str(tmp_path_factory.mktemp("speedups-cache"))
    return Patterns(index_rules(open_index(shipped)))


@needs_speedups
def test_safe_code_points_never_change_under_nfc():
    """Every code point the scanner takes as is must be one NFC leaves alone, alone or after
    any other character (the table comes from tools/gen_nfc_table.py)."""
    seconds = set()
    for cp in range(0x110000):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(int(parts[1], 16))
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF or speedups.unsafe(cp):
            continue
        ch = chr(cp)
        assert unicodedata.combining(ch) == 0, hex(cp)
        assert unicodedata.is_normalized("NFC", ch), hex(cp)
        assert cp not in seconds and ch not in _ZERO_WIDTH, hex(cp)
    assert speedups.unsafe(0x1161) and speedups.unsafe(0x301) and speedups.unsafe(0x200B)
    assert not speedups.unsafe(ord("탈")) and not speedups.unsafe(ord("北"))


@needs_speedups
def test_fold_is_engine_fold_for_every_code_point():
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        assert speedups.fold(cp) == ord(fold(chr(cp))), hex(cp)


def _python_rows(patterns, text):
    norm, _ = normalize(Masker("txt")(text))
    return list(candidates(patterns, norm, fold(norm)))


def _fragments(patterns):
    forms = sorted(set(patterns.forms))
    cased = [f.title() for f in forms if f.isascii()] + [f.upper() for f in forms if f.isascii()][
        :40
    ]
    form = st.sampled_from(forms + cased)
    after = st.sampled_from(
        [
            "들",
            "은",
            "는",
            "에게서는",
            "으로서의",
            "이라는 말",
            "라고",
            "란",
            "의",
            "자녀",
            "집",
            "s",
            "'s",
        ]
    )
    return st.lists(
        st.one_of(
            form,
            st.tuples(
                st.sampled_from([" ", "", "재", "x", '"', "“", "the term "]), form, after
            ).map("".join),
            st.tuples(form, st.sampled_from([" ", '" ', "” ", "', "]), form).map("".join),
            after,
            st.sampled_from(
                [
                    '"',
                    "“",
                    "”",
                    "'",
                    "’",
                    "「",
                    "」",
                    "«",
                    "»",
                    "the word ",
                    "so-called ",
                    'called "',
                ]
            ),
            st.sampled_from(
                ["North Korea", "북한", "탈북", " ", "  ", "\n", "\t", "\u3000", ".", ",", "-", "_"]
            ),
            st.sampled_from(
                ["http://x.kr/탈북자", "https://a.b", "www.nk.org", "ftp://f", "xwww.", "http://"]
            ),
            st.sampled_from(["Σ", "ΣΑ", "İ", "K", "ß", "Ǆ", "x", "s", "es", "'s", "s'", "9", "ｘ"]),
            st.sampled_from(
                ["\u0301", "\u1161", "\u200b", "\ufeff", "nkterms-disable", "\U0001f600"]
            ),
            st.text(alphabet="가나다라마바사아자차카타파하北鄕民ab ", max_size=4),
        ),
        max_size=30,
    ).map("".join)


@needs_speedups
@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_compiled_rows_equal_python_rows(patterns, data):
    text = data.draw(_fragments(patterns))
    rows = patterns.compiled.scan(text.encode("utf-8"))
    needs_python = "nkterms-" in text or any(speedups.unsafe(ord(ch)) for ch in text)
    if needs_python:
        assert rows is None
    else:
        assert rows == _python_rows(patterns, text)


def _run(patterns, blocks, compiled, text_output, jobs=1, **options):
    checker = DocumentCheck(
        patterns, "a.txt", text_output=text_output, compiled=compiled, **options
    )
    out = list(checker.check_blocks(blocks, jobs))
    if text_output:
        return b"".join(out), checker.counts
    return [(f.line, f.col, f.as_dict()) for found in out for f in found], checker.counts


@needs_speedups
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_compiled_output_equals_python_output(patterns, data):
    lines = data.draw(st.lists(_fragments(patterns), min_size=1, max_size=6))
    blocks = [line.encode("utf-8") + b"\n" for line in lines]  # several blocks: state carries
    options = data.draw(
        st.fixed_dictionaries(
            {"first_only": st.booleans(), "house_romanization": st.sampled_from(["", "rr", "mr"])}
        )
    )
    text_output = data.draw(st.booleans())
    assert _run(patterns, blocks, True, text_output, **options) == _run(
        patterns, blocks, False, text_output, **options
    )


@needs_speedups
def test_threads_give_the_same_output_as_one(patterns):
    """Blocks scanned ahead on other threads come out in order, slow-path blocks included."""
    lines = []
    for i in range(400):
        lines.append(
            f"줄 {i} 탈북자들은 새터민이라는 말을 싫어한다. North Korean defectors' talbukmin.\n"
        )
        if i % 37 == 0:
            lines.append("탈\u200b북자 (zero width) <!-- nkterms-disable talbukja --> 탈북자\n")
        if i % 53 == 0:
            lines.append("<!-- nkterms-enable --> 북\u1112\u1163\u11bc민\n")
    blocks = [("".join(lines[k : k + 7])).encode("utf-8") for k in range(0, len(lines), 7)]
    one = _run(patterns, blocks, True, True, jobs=1)
    assert one == _run(patterns, blocks, True, True, jobs=3)
    assert one == _run(patterns, blocks, False, True, jobs=1)
    assert sum(one[1]) > 400  # it did find things


@needs_speedups
@pytest.mark.parametrize("kind", ["md", "html"])
def test_markup_through_the_compiled_scanner_equals_python(patterns, kind):
    text = (
        "---\ntitle: 탈북자\n---\n# 새터민\n\n`탈북자` code and [link](http://x/탈북자) "
        "<b>탈북민</b> defectors in North Korea\n```\n탈북자\n```\n"
        "<!-- nkterms-disable-next-line -->\n탈북자\n<script>탈북자</script> 북향민\n"
    )
    blocks = [line.encode("utf-8") + b"\n" for line in text.split("\n")]
    compiled = DocumentCheck(patterns, "a", kind, text_output=True)
    python = DocumentCheck(patterns, "a", kind, text_output=True, compiled=False)
    assert b"".join(map(compiled.feed, blocks)) == b"".join(map(python.feed, blocks))


@needs_speedups
def test_bad_arguments_are_refused_not_crashed(patterns):
    with pytest.raises(TypeError):
        speedups.Automaton(["ab"], [(0, 0, 0, (), "near", 1)], (), "들")
    with pytest.raises(ValueError):
        speedups.Automaton(["ab", "cd"], [(0, 0, 0, (), (), 1)], (), "들")
    with pytest.raises(TypeError):
        speedups.Automaton([""], [(0, 0, 0, (), (), 1)], (), "들")
    emitter = speedups.Emitter(
        patterns.compiled, lambda *a: None, False, bytes(len(patterns.forms)), None
    )
    with pytest.raises(ValueError):
        emitter.emit([(len(patterns.forms), 0, 1, 1, "x", "x")])
    with pytest.raises(ValueError):
        speedups.Emitter(patterns.compiled, print, False, b"", None)
    other = Patterns(index_rules(open_index()))
    with pytest.raises(ValueError, match="another automaton"):
        emitter.emit_prepared(other.compiled.prepare("탈북자".encode()), 1)
    assert patterns.compiled.scan(b"\xff\xfe") is None  # not UTF-8: the Python path says so
    assert patterns.compiled.scan(b"") == []


@needs_speedups
def test_a_checker_cycle_is_collected(patterns):
    import gc
    import weakref

    checker = DocumentCheck(patterns, "a.txt", text_output=True)
    checker.feed("탈북자\n".encode())
    ref = weakref.ref(checker)
    del checker
    gc.collect()
    assert ref() is None  # Emitter -> describe -> DocumentCheck -> Emitter is traversed


def test_pure_environment_variable_turns_the_scanner_off(tmp_path):
    import subprocess

    code = "from nkterms.check import engine; print(engine._speedups is None)"
    env = {**os.environ, "NKTERMS_PURE": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr


@needs_speedups
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_lines_cut_anywhere_give_the_output_of_whole_lines(patterns, data):
    """A line longer than a block is cut inside (files.blocks): each part is read with the
    line around it, so both paths give what the whole line gives, a term across a cut
    included. (As between blocks of whole lines, a context window stops at the line's end.)"""
    lines = data.draw(st.lists(_fragments(patterns), min_size=1, max_size=3))
    whole_lines = [(line.replace("\n", " ") + "\n").encode("utf-8") for line in lines]
    blocks = []
    for raw in whole_lines:
        starts = [i for i in range(1, len(raw)) if not 0x80 <= raw[i] <= 0xBF]
        cuts = sorted(data.draw(st.sets(st.sampled_from(starts), max_size=8))) if starts else []
        blocks += [raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)], strict=True)]
    expected = _run(patterns, whole_lines, False, True)
    assert _run(patterns, blocks, True, True) == expected
    assert _run(patterns, blocks, False, True) == expected
    assert _run(patterns, blocks, True, True, jobs=2) == expected
