"""Human-readable text for lookup results (the CLI prints what these functions return)."""

import unicodedata

_WIDTH = 78
_ASCII = bytes(range(128))


def _cite(sources: list[dict], notes: list[dict]) -> str:
    """Number each source on first use; return the marks, e.g. "[1][2]"."""
    marks = []
    for source in sources:
        ids = [n["id"] for n in notes]
        if source["id"] not in ids:
            notes.append(source)
            ids.append(source["id"])
        marks.append(f"[{ids.index(source['id']) + 1}]")
    return "".join(marks)


def _claim_suffix(claim: dict, notes: list[dict]) -> str:
    cite = _cite(claim.get("sources", []), notes)
    if not claim.get("verified", True):
        cite += " (unverified)"
    return f" {cite}" if cite else ""


def width(text: str) -> int:
    """Return how many terminal columns `text` takes: Hangul and Hanja take two.

    >>> width("북향민"), width("abc"), width("北鄕民 x")
    (6, 3, 8)
    """
    if text.isascii():
        return len(text)
    # only non-ASCII characters can be wide: drop the ASCII ones in C (bytes.translate) so a
    # line of English with one "·" in it is not measured character by character
    others = text.encode("utf-8", "surrogatepass").translate(None, _ASCII)
    kinds = "".join(map(unicodedata.east_asian_width, others.decode("utf-8", "surrogatepass")))
    return len(text) + kinds.count("W") + kinds.count("F")


def _wrap(label: str, text: str, indent: int = 2, hang: int = 2) -> list[str]:
    """Fill words into lines of at most _WIDTH columns; a long word (a URL) keeps its own line.

    >>> _wrap("x: ", "aa bb", indent=0)
    ['x: aa bb']
    >>> [width(line) for line in _wrap("", "북향민 " * 20, indent=0)]
    [76, 64]
    """
    words = " ".join(text.split())
    line = " " * indent + label
    room = _WIDTH - width(line)
    lines: list[str] = []
    start, end = 0, len(words)
    while start < end:
        stop = _fit(words, start, room)
        lines.append(line + words[start:stop])
        start = stop + 1
        line, room = " " * (indent + hang), _WIDTH - indent - hang
    if lines:
        lines[-1] = lines[-1].rstrip()
    elif label:
        lines.append(line.rstrip())
    return lines


def _fit(words: str, start: int, room: int) -> int:
    """Return where the line of `words` (one space apart) that begins at `start` ends: after
    as many words as fit in `room` columns, or after the first word when even it does not fit.

    Measured line by line (str.rfind, then dropping words from the end), not word by word: a
    cold `nkterms lookup` spent more on wrapping its text than on searching.
    """
    end = len(words)
    if end - start <= room and width(words[start:]) <= room:
        return end
    stop = words.rfind(" ", start, start + room + 1)
    if stop <= start:  # the first word alone is wider than the room: it keeps its own line
        stop = words.find(" ", start)
        return end if stop == -1 else stop
    # no later word boundary fits (a column per character at least); drop words until it fits
    used = width(words[start:stop])
    while used > room:
        before = words.rfind(" ", start, stop)
        if before == -1:
            return stop
        used -= width(words[before:stop])
        stop = before
    return stop


def _status_lines(status: dict, notes: list[dict]) -> list[str]:
    when = " · ".join(f"{word} {status[word]}" for word in ("since", "until") if status.get(word))
    head = f"{status['value'].upper()} · {status['by']}" + (f" · {when}" if when else "")
    lines = _wrap("- ", head + _claim_suffix(status, notes), indent=4)
    if status.get("note"):
        lines += _wrap("", status["note"], indent=6, hang=0)
    return lines


def _meanings_line(item: dict) -> str:
    parts = []
    for m in item.get("meanings", []):
        if m.get("native"):
            parts.append(f"{m['char']} (native)")
        else:
            ko = (m.get("ko") or "").split(",")[0]
            en = (m.get("en") or "").split(";")[0]
            parts.append(f"{m['char']} {ko}" + (f" ({en})" if en else ""))
    return " · ".join(parts)


def reading_lines(item: dict, notes: list[dict], indent: int = 2) -> list[str]:
    """Render one reading of a word: its mark, spelling, gloss, meanings and note."""
    mark = {"curated": "!!", "input": "=>"}.get(item["source"], "??")
    if item.get("intended"):
        mark = "=="
    what = {
        "homophone": "reads the same",
        "polysemy": "same Hanja, other sense",
        "homograph": "homograph in the glossary",
        "romanization": "romanized the same",
        "intended": "intended",
    }[item["kind"]]
    status = "attested word" if item.get("attested") else item["source"]
    head = f"{mark} {item.get('hanja') or item['hangul']}  [{what}; {status}]"
    if item.get("gloss"):
        head += f'  "{item["gloss"]}"'
    lines = _wrap("", head, indent=indent, hang=3)
    meanings = _meanings_line(item)
    if meanings:
        lines += _wrap("", meanings, indent=indent + 3, hang=0)
    note = f"{item.get('note') or ''}{_claim_suffix(item, notes)}".strip()
    if note:
        lines += _wrap("", note, indent=indent + 3, hang=0)
    return lines


def _homophone_lines(record: dict, notes: list[dict]) -> list[str]:
    lines = []
    found = [h for h in record.get("homophones", []) if h.get("source") != "curated"]
    for h in record.get("homophones", []):
        if h.get("source") != "curated":
            continue
        reading = f"{h['hangul']}" + (f" as {h['hanja']}" if h.get("hanja") else "")
        gloss = f' "{h["gloss"]}"' if h.get("gloss") else ""
        intended = f" (intended: {record['hanja']})" if record.get("hanja") else ""
        lines.append(f"  !! MISREADING RISK: {reading}{gloss}{intended}")
        lines += _wrap(
            "", f"{h.get('note', '')}{_claim_suffix(h, notes)}".strip(), indent=5, hang=0
        )
    if found:
        lines.append(
            f"  other readings ({len(found)}; `nkterms homophones {record['form']}` explains):"
        )
        lines += _wrap(
            "", "; ".join(f"{h.get('hanja') or h['hangul']} ({h['kind']})" for h in found), indent=4
        )
    return lines


def homophones_text(result: dict) -> str:
    """Render the result of `nkterms homophones` for a reader."""
    notes: list[dict] = []
    verdict = (
        "ambiguous: check which reading readers will take"
        if result["ambiguous"]
        else "no other plausible reading found"
    )
    head = result["word"] + (
        f" ({result['reading']})" if result["reading"] != result["word"] else ""
    )
    lines = [f"{head}: {verdict}"]
    if result.get("native"):
        lines += _wrap(
            "",
            f"{result['native']} is native Korean: it has no Hanja, so no reading of "
            "it is guessed.",
            indent=2,
        )
    for item in result["readings"]:
        lines += reading_lines(item, notes)
    for i, source in enumerate(notes, 1):
        lines += _wrap(
            f"[{i}] ",
            f"{source.get('title') or source['id']}"
            + (f" {source['url']}" if source.get("url") else ""),
        )
    return "\n".join(lines)


def _short_status(term: dict) -> str:
    if not term.get("status"):
        return ""
    by = (term.get("status_by") or "").split(" (")[0]
    return f" {term['status']}" + (f" ({by})" if by else "")


def match_text(match) -> str:
    """Render one lookup match as a block of text for a reader."""
    r, notes = match.record, []
    head = r["form"] + (f" ({r['hanja']})" if r.get("hanja") else "")
    if r.get("hanja_basis") == "dictionary":
        head += " (Hanja from the word list)"
    tags = " · ".join(x for x in (r["lang"], r.get("pos"), r.get("origin")) if x)
    lines = [f"{head}  [{r['id']}]  {tags}"]
    if match.note:
        lines += _wrap("!! ", match.note)
    lines += _homophone_lines(r, notes)
    if r.get("gloss"):
        lines += _wrap("literally: ", f'"{r["gloss"]}"')
    rom = r.get("romanizations") or {}
    spelled = [
        f"{name.upper() if name != 'yale' else 'Yale'} {rom[key]}"
        for name, key in (("rr", "rr"), ("mr", "mr"), ("yale", "yale"), ("translit", "translit"))
        if rom.get(key)
    ]
    if rom.get("press"):
        spelled.append("press: " + ", ".join(rom["press"]))
    if spelled:
        lines += _wrap("", " · ".join(spelled))
    if r.get("status"):
        lines.append("  status:")
        for status in r["status"]:
            lines += _status_lines(status, notes)
    con = r.get("connotation")
    if con:
        users = f" ({', '.join(con['users'])})" if con.get("users") else ""
        note = f": {con['note']}" if con.get("note") else ""
        lines += _wrap(
            "connotation: ", f"{con['polarity']}{users}{note}{_claim_suffix(con, notes)}"
        )
    for lang, rendering in r.get("renderings", {}).items():
        basis = " (translator's rendering)" if rendering.get("basis") == "translator" else ""
        lines += _wrap(
            f"in {lang}: ", f"{rendering['text']}{basis}{_claim_suffix(rendering, notes)}"
        )
    if r.get("usage"):
        lines += _wrap("usage: ", r["usage"])
    others = r["concept"]["terms"]
    if others:
        lines.append("  same concept:")
        for t in others:
            lines += _wrap("", f"{t['form']} [{t['id']}]{_short_status(t)}", indent=4)
    lines.append(f"  found by: {match.matched_by} · score {match.score:.2f}")
    for i, source in enumerate(notes, 1):
        title = source.get("title") or source["id"]
        extra = ", ".join(x for x in (source.get("publisher"), source.get("published")) if x)
        lines += _wrap(
            f"[{i}] ",
            f"{title}"
            + (f" ({extra})" if extra else "")
            + (f" {source['url']}" if source.get("url") else ""),
        )
    return "\n".join(lines)


def suggestions_text(query: str, suggestions) -> str:
    """Render the 'did you mean' list for a query that matched nothing."""
    if not suggestions:
        return f"no term matches {query!r}"
    lines = [f"no term matches {query!r}; did you mean:"]
    for s in suggestions:
        r = s.record
        head = r["form"] + (f" ({r['hanja']})" if r.get("hanja") else "")
        lines.append(f"  {head}  [{r['id']}]  ({s.matched_by}, score {s.score:.2f})")
    return "\n".join(lines)
