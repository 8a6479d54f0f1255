"""Write a seeded news archive with known counts of each term, for tests and benchmarks.

Articles are built from snippets whose counts are written down by hand: uses with particle
chains, Hanja and romanized forms, quoted mentions, compounds, and words that must not count
(탈북자녀 is 탈북 + 자녀, 새터 is a freshman orientation, 북한 inside 북한이탈주민 is not 북한),
padded with sentences that hold no term. Term ids are those of tests/data/usage (and of the
shipped glossary's north-korean-defector concept). A few documents have no date or a bad one,
or no outlet.

    python benchmarks/gen_archive.py archive.jsonl --documents 1000 --seed 7
    python benchmarks/gen_archive.py archive.jsonl --megabytes 200

writes the archive and ARCHIVE.expected.json: {"documents": {"year|outlet": n}, "counts":
{"year|outlet|term": [uses, documents using it, mentions, compounds]}}.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys

# (text, {term: (uses, mentions, compounds)}); compounds are among the uses.
SNIPPETS = [
    ("탈북자들에게서는 연락이 없었다.", {"talbukja": (1, 0, 0)}),
    ("그는 탈북자다.", {"talbukja": (1, 0, 0)}),
    ("'탈북자'라는 말은 논란이 많다.", {"talbukja": (0, 1, 0)}),
    ("탈북자녀 교육 지원이 늘었다.", {}),
    ("脫北者 문제를 다룬 책이다.", {"talbukja": (1, 0, 0)}),
    ("정부는 탈북민 지원을 늘렸다.", {"talbungmin": (1, 0, 0)}),
    ("탈북민들에게만 혜택이 돌아갔다.", {"talbungmin": (1, 0, 0)}),
    ("탈북민가족 모임이 열렸다.", {"talbungmin": (1, 0, 1)}),
    ("The talbukmin community met on Sunday.", {"talbungmin": (1, 0, 0)}),
    ("한 새터민은 조용히 말했다.", {"saeteomin": (1, 0, 0)}),
    ('"새터민"이라는 이름은 공모로 정해졌다.', {"saeteomin": (0, 1, 0)}),
    ("새터 행사에 신입생이 모였다.", {}),
    ("북한이탈주민으로서의 삶을 그렸다.", {"bukhanitaljumin": (1, 0, 0)}),
    ("북한의 식량 사정이 나빠졌다.", {"bukhan": (1, 0, 0)}),
    ("A North Korean defector spoke at the forum.", {"en-defector": (1, 0, 0)}),
    ("Two North Korean defectors' stories were told.", {"en-defector": (1, 0, 0)}),
    ('The term "North Korean defector" is contested.', {"en-defector": (0, 1, 0)}),
]
FILLER = [
    "오늘 서울의 날씨는 맑았다.",
    "시의회는 새 예산안을 발표했다.",
    "주민들은 공원에서 산책을 즐겼다.",
    "기자회견은 오후 세 시에 열렸다.",
    "전문가들은 신중한 접근을 주문했다.",
    "The council met on Tuesday to discuss the budget.",
    "Prices rose slightly in the third quarter.",
    "학교 급식 예산이 올해 처음으로 줄었다.",
]
OUTLETS = ["한겨레", "조선일보", "연합뉴스", "Korea Herald"]
BAD_DATES = [None, "2005-13-01", "어제", "", "2007-02-30"]


def _weights(year: int) -> list[float]:
    """Snippet weights that drift with the years, so a chart has a story to show."""
    weights = []
    for _, counts in SNIPPETS:
        term = next(iter(counts), "")
        w = 1.0
        if term == "saeteomin":
            w = 4.0 if 2005 <= year <= 2008 else 0.5
        elif term == "talbungmin":
            w = 0.3 + max(0, year - 2008) * 0.4
        elif term == "talbukja":
            w = max(0.4, 3.0 - max(0, year - 2008) * 0.2)
        weights.append(w)
    return weights


def document(rng: random.Random, size: int) -> tuple[dict, dict]:
    """Return one record (date, outlet, text) and its counts {term: [uses, mentions, compounds]}."""
    year = rng.randint(2000, 2026)
    if rng.random() < 0.02:
        date = rng.choice(BAD_DATES)
    else:
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    record = {"date": date, "outlet": rng.choice(OUTLETS) if rng.random() > 0.01 else None}
    counts: dict[str, list[int]] = {}
    sentences: list[str] = []
    weights = _weights(year)
    length = 0
    while length < size:
        if rng.random() < 0.35:
            text, found = rng.choices(SNIPPETS, weights)[0]
            for term, values in found.items():
                row = counts.setdefault(term, [0, 0, 0])
                for i, v in enumerate(values):
                    row[i] += v
        else:
            text = rng.choice(FILLER)
        sentences.append(text)
        length += len(text.encode("utf-8")) + 1
    record["text"] = "\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
    return record, counts


def _year(date) -> str:
    import re

    found = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", date or "")
    if not found or not 1 <= int(found.group(2)) <= 12 or date == "2007-02-30":
        return "unknown"
    return found.group(1)


def generate(documents: int, seed: int = 7, size: int = 600):
    """Yield (record, counts) for `documents` seeded documents of about `size` bytes each."""
    rng = random.Random(seed)
    for _ in range(documents):
        yield document(rng, size)


class Expected:
    """The counts the archive must give, by year and outlet."""

    def __init__(self):
        self.documents: dict[str, int] = {}
        self.counts: dict[str, list[int]] = {}

    def add(self, record: dict, counts: dict) -> None:
        group = f"{_year(record['date'])}|{record['outlet'] or 'unknown'}"
        self.documents[group] = self.documents.get(group, 0) + 1
        for term, (uses, mentions, compounds) in counts.items():
            row = self.counts.setdefault(f"{group}|{term}", [0, 0, 0, 0])
            row[0] += uses
            row[1] += uses > 0
            row[2] += mentions
            row[3] += compounds

    def as_dict(self) -> dict:
        return {
            "documents": dict(sorted(self.documents.items())),
            "counts": dict(sorted(self.counts.items())),
        }


def write_jsonl(path: str, records) -> Expected:
    """Write records as JSON Lines (gzip when the path ends in .gz); return the expected counts."""
    expected = Expected()
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as out:
        for record, counts in records:
            expected.add(record, counts)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return expected


def write_folder(root: str, records) -> Expected:
    """Write one .md (front matter), .txt (front matter) or .html (meta tags) file a record."""
    expected = Expected()
    os.makedirs(root, exist_ok=True)
    for number, (record, counts) in enumerate(records):
        expected.add(record, counts)
        kind = ("md", "txt", "html")[number % 3]
        head = {k: v for k, v in (("date", record["date"]), ("outlet", record["outlet"])) if v}
        if kind == "html":
            meta = "".join(f'<meta name="{k}" content="{v}">' for k, v in head.items())
            paragraphs = "".join(f"<p>{line}</p>\n" for line in record["text"].split("\n"))
            body = f"<html><head>{meta}</head><body>\n{paragraphs}</body></html>\n"
        else:
            matter = "".join(f"{k}: {v}\n" for k, v in head.items())
            body = f"---\n{matter}---\n{record['text']}\n"
        with open(os.path.join(root, f"{number:06d}.{kind}"), "w", encoding="utf-8") as out:
            out.write(body)
    return expected


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", help="FILE.jsonl, FILE.jsonl.gz or a folder (articles)")
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--megabytes", type=float, help="write about this much instead")
    parser.add_argument("--size", type=int, default=3000, help="bytes of text a document")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    count = args.documents
    if args.megabytes:
        count = int(args.megabytes * 1e6 / (args.size + 60))
    records = generate(count, args.seed, args.size)
    if args.output.endswith((".jsonl", ".jsonl.gz")):
        expected = write_jsonl(args.output, records)
    else:
        expected = write_folder(args.output, records)
    with open(args.output.rstrip("/") + ".expected.json", "w", encoding="utf-8") as out:
        json.dump(expected.as_dict(), out, ensure_ascii=False, indent=1)
    print(f"wrote {args.output}: {count} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
