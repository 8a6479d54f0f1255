"""An article read as a whole: what it is about, whose words each term is in, one voice per
term, and the summary an editor reads at the end.

The scanner finds terms; this module decides, for one text, what each found term becomes:
  - context: a term that is ours only in a North Korea context (a `near` rule, or a word whose
    only note is another reading, 월남 = 越南 Vietnam) counts where the title, the lede or a
    front-matter field sets that subject, else only with a context word within its window;
  - voice (voice.py): quoted speech is reported at most as information, with no suggestion;
    a mention one level lower (at least information), with no suggestion;
  - one voice per article: the first use of each term in each voice is the finding, later
    ones are folded into it (every=True reports them all);
  - consistency: another designation of the same concept is noted only when the writer uses
    it (not a speaker, not a mention); it makes a finding by itself only for a group of
    people (advice.MIXING_FINDS);
  - the summary: which designations of each concept the text uses, how often, and the advice.
No engine imports: findings are taken as objects with path, line, col, severity, term, text,
message, suggestion, replacements, mention and confidence (check.engine.Finding).
"""

from __future__ import annotations

import re

from .advice import MIXING_FINDS, SAME, SEVERITIES, lower
from .voice import MENTION, SPEECH, USE, Voices

MISREAD = "can be misread as"  # advice.documented's words for a curated homophone
_PREFIX = {SPEECH: "quoted speech: ", MENTION: "mention of the word: ", USE: ""}


_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*\r?\n", re.S)
_SUBJECT_KEYS = re.compile(
    r"^(?:title|subject|about|topic|tags|keywords|section|category|categories|headline)\s*:(.*)$",
    re.M | re.I,
)
_HTML_TITLE = re.compile(r"<(title|h1)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
LEDE = 600  # characters of the first paragraphs read as the lede


def subject_text(text: str, kind: str = "txt") -> str:
    """Return what sets an article's subject: front-matter title/subject/tags fields, the
    headline (the first line, or an HTML title or h1) and the lede (the text's start).

    >>> subject_text("---\\ntitle: 탈북민 정착\\nauthor: x\\n---\\n# 제목\\n\\n본문", "md")
    ' 탈북민 정착\\n# 제목\\n\\n본문'
    """
    parts = []
    body = text
    front = _FRONT.match(text)
    if front:
        parts += [m.group(1) for m in _SUBJECT_KEYS.finditer(front.group(1))]
        body = text[front.end() :]
    if kind == "html":
        parts += [m.group(2) for m in _HTML_TITLE.finditer(text)]
        body = re.sub(r"<[^>]*>", " ", body)
    parts.append(body.lstrip()[:LEDE])
    return "\n".join(parts)


def about(subject: str, words) -> bool:
    """Tell whether the subject text holds one of the context words (case-insensitive).

    >>> about("HANAWON, South Korea | North Korea’s nuclear test", ["North Korea"])
    True
    """
    low = subject.lower()
    return any(w.lower() in low for w in words)


def ambiguous(rule) -> bool:
    """Tell whether a rule reports a term only because it can be read as another word (월남:
    越南 Vietnam): then it is ours only in a North Korea context."""
    return bool(rule.reasons) and all(r.startswith(MISREAD) for r in rule.reasons)


def voiced(severity: str | None, voice: str) -> str | None:
    """Return how loud a term is in a voice: a use as it is, a mention one level lower,
    quoted speech at most information.

    >>> voiced("warning", "use"), voiced("warning", "mention"), voiced("error", "speech")
    ('warning', 'info', 'info')
    """
    if severity is None or voice == USE:
        return severity
    return lower(severity) if voice == MENTION else "info"


class Tally:
    """How often each designation of one concept is used, by voice, in one text. (A plain
    class: dataclasses import `inspect`, which a cold `nkterms check` would pay for.)"""

    def __init__(self, category: str = "other"):
        self.category = category
        self.forms: dict[str, str] = {}  # term -> form
        self.counts: dict[str, dict[str, int]] = {}  # term -> voice -> n
        self.advice: dict[str, tuple[int, str]] = {}  # term -> (rank, note)
        self.langs: dict[str, str] = {}  # term -> language

    def add(self, term: str, form: str, voice: str, lang: str = "") -> None:
        """Count one occurrence of a term in a voice."""
        self.forms.setdefault(term, form)
        self.langs.setdefault(term, lang)
        by_voice = self.counts.setdefault(term, {})
        by_voice[voice] = by_voice.get(voice, 0) + 1

    def own(self, lang: str | None = None) -> list[str]:
        """The terms the writer uses in their own voice (in one language), in order."""
        return [t for t, c in self.counts.items() if c.get(USE) and lang in (None, self.langs[t])]

    def mixed(self) -> list[str]:
        """The writer's own designations in the first language they use several in."""
        for lang in dict.fromkeys(self.langs[t] for t in self.own()):
            if len(self.own(lang)) > 1:
                return self.own(lang)
        return []


def summary_line(tally: Tally) -> str:
    """Say in one line which designations of a concept a text uses, how often, and the advice.

    >>> t = Tally("people")
    >>> for v in ("use", "speech", "speech"): t.add("a", "탈북민", v)
    >>> t.add("b", "북향민", "mention"); t.advice["a"] = (0, "the choice is the writer's")
    >>> summary_line(t)
    "탈북민 ×3 (2 quoted), 북향민 ×1 (1 mentioned) for this group: the choice is the writer's"
    """
    parts = []
    for term, by_voice in tally.counts.items():
        total = sum(by_voice.values())
        notes = [
            f"{by_voice[v]} {w}"
            for v, w in ((SPEECH, "quoted"), (MENTION, "mentioned"))
            if v in by_voice
        ]
        parts.append(f"{tally.forms[term]} ×{total}" + (f" ({', '.join(notes)})" if notes else ""))
    label = SAME.get(tally.category, SAME["other"])[1]
    advice = max(tally.advice.values())[1] if tally.advice else ""
    if tally.mixed() and SAME.get(tally.category, SAME["other"])[0]:
        advice = "the writer uses " + ", ".join(tally.forms[t] for t in tally.mixed())
        advice += ": pick one" + (f"; {max(tally.advice.values())[1]}" if tally.advice else "")
    return f"{', '.join(parts)} {label}" + (f": {advice}" if advice else "")


def _advice(rule) -> str:
    """The one sentence of advice a term the writer uses gives the summary of its concept."""
    if rule.choice == "open" and rule.reasons:
        return rule.reasons[-1]
    if rule.suggestion:
        return f"instead of {rule.form}, write {rule.suggestion}"
    return f"{rule.form}: {rule.reasons[0]}" if rule.reasons else ""


class Article:
    """One text's context, voices, folds and tallies. Ask `judge` about each term the scanner
    finds, in text order; `summary()` at the end.

    `rule` objects carry term, concept, form, severity, reasons, suggestion, near, window,
    category and choice (check.rules.Rule). `domain` are the words that make a text about
    North Korea for a term that has no `near` words of its own but is ambiguous. `text` is
    what the scanner read (front matter and code masked: a word there is no context);
    `subject` is subject_text() of the text as written (by default, of `text`).
    """

    def __init__(self, text: str, kind="txt", every=False, domain=(), subject: str | None = None):
        self.text, self.every, self.domain = text, every, tuple(domain)
        self.low = text.lower()
        self.voices = Voices(text, kind)
        self.subject = subject_text(text, kind) if subject is None else subject
        self._about: dict[tuple, bool] = {}
        self.tallies: dict[str, Tally] = {}
        self.reported: dict[str, int] = {}  # concept -> findings made
        self.seen: set[tuple[str, str]] = set()  # (term, voice) already reported
        self.said: set[str] = set()  # concepts whose open choice was said
        self.folded = 0

    def in_context(self, rule, start: int, end: int) -> bool:
        """Tell whether a term that is ours only near North Korea is in such a context here:
        the article is about it, or a context word is within the rule's window."""
        words = tuple(rule.near) or (self.domain if ambiguous(rule) else ())
        if not words:
            return True
        if words not in self._about:
            self._about[words] = about(self.subject, words)
        if self._about[words]:
            return True
        window = self.low[max(0, start - rule.window) : end + rule.window]
        return any(w.lower() in window for w in words)

    def judge(self, rule, start: int, end: int, low=False, mention=False, notes=(), after=None):
        """Return (severity, voice, message) of the finding a term at text[start:end] makes,
        or None: out of context, nothing to say in its voice, or folded into an earlier one.
        `low`: part of a compound; `mention`: the scanner's own mention flag; `notes`: what
        else the caller says about it (the house romanization); `after`: where its particles
        end."""
        if not self.in_context(rule, start, end):
            return None
        voice = self.voices.of(start, end, end if after is None else after)
        if voice == USE and mention:
            voice = MENTION
        tally = self.tallies.setdefault(rule.concept, Tally(rule.category))
        tally.add(rule.term, rule.form, voice, rule.lang)
        base = rule.severity
        if base is None and (notes or (voice == USE and self._mixing(rule, tally))):
            base = "info"
        severity = voiced("info" if low and base else base, voice)
        if severity is None:
            return None
        if not self.every and (rule.term, voice) in self.seen:
            self.folded += 1
            return None
        self.seen.add((rule.term, voice))
        self.reported[rule.concept] = self.reported.get(rule.concept, 0) + 1
        if voice == USE or rule.choice == "open":  # advice is for the writer's own words
            tally.advice.setdefault(rule.term, (SEVERITIES.index(severity), _advice(rule)))
        return severity, voice, self._message(rule, voice, low, tally, list(notes))

    @staticmethod
    def _mixing(rule, tally: Tally) -> bool:
        """Whether the writer also uses another designation of this group of people."""
        if rule.category not in MIXING_FINDS or rule.choice == "house":
            return False  # the house's own word: the others' findings already name it
        return any(t != rule.term for t in tally.own(rule.lang))

    def _message(self, rule, voice: str, low: bool, tally: Tally, extra: list) -> str:
        notes = list(rule.reasons)
        if rule.choice == "open" and notes:
            if rule.concept in self.said:
                notes.pop()  # the choice is said once per text
            self.said.add(rule.concept)
        notes += extra
        same = SAME.get(rule.category, SAME["other"])[0]
        others = [tally.forms[t] for t in tally.own(rule.lang) if t != rule.term]
        if voice == USE and others and same and rule.choice != "house":
            notes.append(f"this text also uses {', '.join(others)} {same}: pick one")
        prefix = _PREFIX[voice] or ("in a compound: " if low else "")
        return f"{prefix}{rule.form}: " + "; ".join(notes) if notes else f"{prefix}{rule.form}"

    def summary(self) -> list[str]:
        """One line per concept with a finding whose findings do not tell it all (some uses
        folded or not reported, or several designations): its designations and the advice."""
        return [
            summary_line(t)
            for c, t in self.tallies.items()
            if c in self.reported
            and (
                len(t.counts) > 1
                or sum(map(sum, map(dict.values, t.counts.values()))) > self.reported[c]
            )
        ]
