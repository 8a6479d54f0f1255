"""nkterms usage: exact counts on generated archives, engines that agree, and the command."""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nkterms.cli import main
from nkterms.usage import dask_engine
from nkterms.usage.archive import count_usage
from nkterms.usage.tally import Tally

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
import gen_archive  # noqa: E402

FIXTURE = str(Path(__file__).parent / "data" / "usage")
HAS_DASK = all(importlib.util.find_spec(m) for m in ("dask", "distributed"))
needs_dask = pytest.mark.skipif(
    not HAS_DASK, reason="dask is not installed (pip install '.[dask]')"
)


@pytest.fixture(scope="module")
def _module_cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def _isolated_cache(_module_cache, monkeypatch):
    """One index cache for this module (the fixture glossary compiles once, not per test),
    still away from the user's cache and other modules' tests."""
    monkeypatch.setenv("NKTERMS_CACHE_DIR", _module_cache)
    monkeypatch.delenv("NKTERMS_GLOSSARY", raising=False)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """A generated JSON Lines archive and the counts it must give (by year and outlet)."""
    root = tmp_path_factory.mktemp("archive")
    path = str(root / "news.jsonl")
    expected = gen_archive.write_jsonl(path, gen_archive.generate(300, seed=3, size=500))
    return path, expected.as_dict()


def flat(tally: Tally) -> dict:
    """The tally in the generator's layout."""
    return {
        "documents": {f"{p}|{o}": n for (p, o), n in sorted(tally.documents.items())},
        "counts": {f"{p}|{o}|{t}": r for (p, o, t), r in sorted(tally.counts.items())},
    }


def count(paths, **options) -> Tally:
    options.setdefault("by", ("year", "outlet"))
    return count_usage(paths, glossary=FIXTURE, **options).tally


@pytest.mark.parametrize("kind", ["txt", "md", "html"])
def test_counts_equal_checker_scan(archive, kind):
    """The compiled fast path counts exactly what nkterms.Checker.scan finds."""
    from nkterms.usage.matching import spec_of

    _, matcher = spec_of(FIXTURE)
    path, _ = archive
    texts = [json.loads(line)["text"] for line in Path(path).read_text("utf-8").splitlines()]
    texts += ["탈북민은\u200b 왔다", "북\u1112\u1163\u11bc민과 새터민", "<p>`탈북자` 탈북자들</p>"]
    for text in texts[:150] + texts[-3:]:
        assert matcher.count(text, kind) == matcher.reference(text, kind), text


def test_a_worker_with_another_glossary_refuses(good_glossary):
    from nkterms.errors import UsageError
    from nkterms.usage.matching import Matcher, Spec, spec_of

    spec, _ = spec_of(FIXTURE)
    with pytest.raises(UsageError, match="this worker's glossary differs"):
        Matcher(Spec(spec.key, str(good_glossary)))


@pytest.mark.parametrize("jobs", [1, 2], ids=["in-process", "two-workers"])
def test_jsonl_counts_are_exact(archive, jobs):
    path, expected = archive
    assert flat(count([path], jobs=jobs, shard_bytes=20_000)) == expected


def test_shard_edges_count_each_record_once(archive):
    path, expected = archive
    # shards of 997 bytes cut most records somewhere, and some exactly at a line start
    assert flat(count([path], shard_bytes=997)) == expected


def test_gzip_and_folder_archives_are_exact(tmp_path):
    records = list(gen_archive.generate(120, seed=5, size=400))
    gz = gen_archive.write_jsonl(str(tmp_path / "news.jsonl.gz"), records)
    folder = gen_archive.write_folder(str(tmp_path / "articles"), records)
    assert flat(count([str(tmp_path / "news.jsonl.gz")])) == gz.as_dict()
    assert flat(count([str(tmp_path / "articles")])) == folder.as_dict()


def test_parquet_archive_is_exact(tmp_path):
    pa = pytest.importorskip(
        "pyarrow", reason="pyarrow is not installed (pip install '.[parquet]')"
    )
    import pyarrow.parquet as pq

    records = list(gen_archive.generate(150, seed=11, size=400))
    expected = gen_archive.Expected()
    for record, counts in records:
        expected.add(record, counts)
    table = pa.Table.from_pylist([r for r, _ in records])
    pq.write_table(table, tmp_path / "news.parquet", row_group_size=40)
    assert flat(count([str(tmp_path / "news.parquet")])) == expected.as_dict()


def test_bad_dates_are_counted_as_unknown_and_named(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [
        {"date": "2005-03-01", "outlet": "A", "text": "탈북자들은 왔다."},
        {"date": "2005-13-01", "outlet": "A", "text": "탈북자들은 왔다."},
        {"outlet": "A", "text": "탈북자녀 교육"},
    ]
    data = [(json.dumps(x, ensure_ascii=False) + "\n").encode() for x in lines]
    path.write_bytes(b"".join(data))
    second, third = len(data[0]), len(data[0]) + len(data[1])
    tally = count([str(path)], by=("year",))
    assert tally.documents == {("2005", "all"): 1, ("unknown", "all"): 2}
    assert tally.counts == {
        ("2005", "all", "talbukja"): [1, 1, 0, 0],
        ("unknown", "all", "talbukja"): [1, 1, 0, 0],
    }
    assert tally.unknown == 2
    assert sorted(tally.unknown_examples) == sorted(
        [
            f"{path}: byte {second}: date '2005-13-01' is no real date",
            f"{path}: byte {third}: no date",
        ]
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not a JSON record (Expecting property name"),
        ('["a list"]', "not a JSON object: one object a line"),
        ('{"date": "2005"}', "no 'text' field: name the text field with --text-field"),
    ],
    ids=["not-json", "not-an-object", "no-text"],
)
def test_unreadable_records_are_named_and_exit_2(tmp_path, capsys, line, message):
    path = tmp_path / "a.jsonl"
    first = '{"date": "2005", "text": "탈북민"}\n'
    path.write_text(first + line + "\n", "utf-8")
    code = main(["--glossary", FIXTURE, "usage", str(path), "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 2
    assert f"{path}: byte {len(first.encode())}: {message}" in err
    assert "2005,all,usage-defector,talbungmin,탈북민,1,1,0,0,1.0" in out


def test_a_truncated_gzip_is_named_not_a_traceback(archive, tmp_path, capsys):
    path, _ = archive
    whole = gzip.compress(Path(path).read_bytes())
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(whole[: len(whole) // 2])
    code = main(["--glossary", FIXTURE, "usage", str(broken), "--format", "csv"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{broken}: cannot be read to the end (Compressed file ended before" in err


def test_progress_shows_documents_per_second(capsys):
    from nkterms.cli import _progress

    _progress()(1200)
    err = capsys.readouterr().err
    assert err.startswith("\r1,200 documents, ") and err.endswith(" documents/s")


def test_field_names_and_default_outlet(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"when": "2010-01-02", "body": "새터민과 탈북민"}) + "\n", "utf-8")
    from nkterms.usage.documents import Fields

    usage = count_usage(
        [str(path)],
        glossary=FIXTURE,
        by=("month", "outlet"),
        fields=Fields("when", "paper", "body", "txt", "Daily"),
    )
    assert [(r["period"], r["outlet"], r["term"], r["share"]) for r in usage.rows] == [
        ("2010-01", "Daily", "saeteomin", 0.5),
        ("2010-01", "Daily", "talbungmin", 0.5),
    ]


def test_concept_and_term_selection_keep_longest_match(archive):
    path, expected = archive
    tally = count([path], terms=("bukhan",))
    want = {k: v for k, v in expected["counts"].items() if k.endswith("|bukhan")}
    assert flat(tally)["counts"] == want  # 북한이탈주민 never counts as 북한, even alone


@needs_dask
def test_dask_synchronous_equals_local(archive):
    path, expected = archive
    local = count([path], shard_bytes=30_000)
    dask = count([path], shard_bytes=30_000, engine="dask", scheduler="synchronous")
    assert dask == local
    assert flat(dask) == expected


@pytest.fixture(scope="session")
def cluster():
    """A two-worker Dask LocalCluster (threads in this process, so it starts in a second)."""
    distributed = pytest.importorskip("distributed", reason="dask is not installed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as running:
        yield running


@needs_dask
def test_local_cluster_equals_local(archive, cluster):
    path, expected = archive
    usage = count_usage(
        [path],
        glossary=FIXTURE,
        by=("year", "outlet"),
        engine="dask",
        scheduler=cluster.scheduler_address,
        shard_bytes=30_000,
    )
    assert usage.tally == count([path], shard_bytes=30_000)
    assert flat(usage.tally) == expected


@needs_dask
def test_own_local_cluster_equals_local(archive):
    """The engine's own LocalCluster: two worker processes forked from the fork server."""
    path, expected = archive
    usage = count_usage(
        [path], glossary=FIXTURE, by=("year", "outlet"), engine="dask", jobs=2, shard_bytes=30_000
    )
    assert usage.tally == count([path], shard_bytes=30_000)
    assert flat(usage.tally) == expected
    assert usage.run["peak_kib"] and os.getpid() not in usage.run["peak_kib"]


@needs_dask
def test_forked_workers_see_the_environment_as_it_is_now(monkeypatch):
    """A fork has the fork server's environment; the cluster gives workers today's."""
    distributed = pytest.importorskip("distributed")
    dask_engine.warm_up(None)  # the server runs before the variable is set
    monkeypatch.setenv("NKTERMS_USAGE_PROBE", "set after the fork server started")
    cluster = dask_engine._local_cluster(distributed.LocalCluster, 1)
    with cluster, distributed.Client(cluster) as client:
        seen = client.run(os.getenv, "NKTERMS_USAGE_PROBE")
    assert list(seen.values()) == ["set after the fork server started"]


@needs_dask
def test_the_nkterms_script_runs_the_dask_engine(archive, capsys):
    """The installed command, as a user runs it: its workers import the script again as
    __mp_main__, which must not run the command a second time."""
    path, _ = archive
    command = ["--glossary", FIXTURE, "usage", path, "--by", "year", "--format", "json"]
    script = [sys.executable, str(REPO / "scripts" / "nkterms"), *command]
    done = subprocess.run(
        [*script, "--engine", "dask", "-j", "1"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert main([*command, "-j", "1"]) == 0
    assert json.loads(done.stdout) == json.loads(capsys.readouterr().out)


@needs_dask
def test_fsspec_paths(archive):
    import fsspec

    path, expected = archive
    with open(path, "rb") as source, fsspec.open("memory://usage/news.jsonl", "wb") as target:
        target.write(source.read())
    assert flat(count(["memory://usage/news.jsonl"], shard_bytes=25_000)) == expected
    assert flat(count(["memory://usage"])) == expected  # a folder holding the archive


def test_command_table_json_and_errors(archive, capsys):
    path, _ = archive
    assert (
        main(["--glossary", FIXTURE, "usage", path, "--by", "outlet", "--term", "saeteomin"]) == 0
    )
    out, err = capsys.readouterr()
    assert out.splitlines()[0].split() == [
        "period",
        "outlet",
        "concept",
        "term",
        "form",
        "occurrences",
        "documents",
        "mentions",
        "share",
    ]
    assert "nkterms: 300 document(s) counted" in err
    assert (
        main(
            [
                "--glossary",
                FIXTURE,
                "usage",
                path,
                "--format",
                "json",
                "--concept",
                "usage-north-korea",
            ]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["documents"] == 300 and {r["term"] for r in doc["rows"]} == {"bukhan"}
    assert main(["--glossary", FIXTURE, "usage", path, "--concept", "usage-defectr"]) == 2
    assert "did you mean 'usage-defector'?" in capsys.readouterr().err
    assert main(["--glossary", FIXTURE, "usage", str(Path(path).parent / "missing.jsonl")]) == 2
    assert "missing.jsonl: no such file or folder: check the path" in capsys.readouterr().err


def test_no_term_found_exits_1(tmp_path, capsys):
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"date": "2001", "text": "오늘 날씨는 맑았다."}) + "\n")
    assert main(["--glossary", FIXTURE, "usage", str(path)]) == 1


def test_plot_draws_png_with_a_hangul_font(archive, tmp_path, capsys):
    pytest.importorskip("matplotlib", reason="matplotlib is not installed (pip install '.[plot]')")
    path, _ = archive
    chart = tmp_path / "chart.png"
    code = main(
        ["--glossary", FIXTURE, "usage", path, "--concept", "usage-defector", "--plot", str(chart)]
    )
    err = capsys.readouterr().err
    assert code == 0
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from nkterms.usage.plot import hangul_font

    font = hangul_font()
    assert f"wrote {chart} (font: {font or 'none with Hangul'})" in err
    if font is None:
        assert "no font with Hangul found" in err


def test_plot_needs_a_period(archive, tmp_path, capsys):
    path, _ = archive
    code = main(
        ["--glossary", FIXTURE, "usage", path, "--by", "outlet", "--plot", str(tmp_path / "c.png")]
    )
    assert code == 2
    assert "--plot needs counts over time: add --by year or --by month" in capsys.readouterr().err
    assert not (tmp_path / "c.png").exists()


def test_shipped_glossary_counts_the_defector_terms(archive):
    path, expected = archive
    chosen = ("talbukja", "talbungmin", "saeteomin", "bukhanitaljumin")
    usage = count_usage([path], by=("year", "outlet"), terms=chosen)
    want = {k: v for k, v in expected["counts"].items() if k.rsplit("|", 1)[1] in chosen}
    assert flat(usage.tally)["counts"] == want
