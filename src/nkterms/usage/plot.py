"""Charts of usage over time: one line per term of a concept (its share of the concept's uses,
and absolute counts), with the dates a term's status changed marked.

Needs matplotlib (`pip install 'nkterms[plot]'`, also in the `dask` extra); imported only here,
so the command line starts without it. Korean labels need a font with Hangul: the first one
matplotlib's font manager knows from FONTS is used (Debian: `apt-get install fonts-nanum`).
"""

from __future__ import annotations

import io

from ..atomic import write_bytes
from ..errors import UsageError
from .periods import UNKNOWN, position

#: Fonts with Hangul, most readable first: Nanum (Debian fonts-nanum), Noto CJK, then the
#: system fonts of Windows and macOS.
FONTS = (
    "NanumGothic",
    "NanumBarunGothic",
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Source Han Sans KR",
    "UnDotum",
    "Malgun Gothic",
    "AppleGothic",
)


def hangul_font() -> str | None:
    """Return the name of an installed font with Hangul, or None."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in FONTS if name in installed), None)


def pick_concept(usage, concept: str | None = None) -> str:
    """Return the concept to draw: the one given, else the one with the most uses."""
    if concept is not None:
        return concept
    totals: dict[str, int] = {}
    for row in usage.rows:
        totals[row["concept"]] = totals.get(row["concept"], 0) + row["occurrences"]
    if not totals:
        raise UsageError("--plot: no term was found in the archive: nothing to draw")
    return max(sorted(totals), key=lambda c: totals[c])


def series(usage, concept: str) -> tuple[list[str], dict[str, list[int]]]:
    """Return the periods (dated only, in order) and each term's uses per period, summed over
    outlets."""
    periods = sorted({r["period"] for r in usage.rows if r["period"] != UNKNOWN})
    at = {p: i for i, p in enumerate(periods)}
    lines: dict[str, list[int]] = {}
    for row in usage.rows:
        if row["concept"] == concept and row["period"] in at:
            counts = lines.setdefault(row["term"], [0] * len(periods))
            counts[at[row["period"]]] += row["occurrences"]
    return periods, {t: c for t, c in sorted(lines.items()) if any(c)}


def plot(usage, path: str, concept: str | None = None) -> tuple[str | None, list[str]]:
    """Draw the chart of `concept` into `path` (.png or .svg); return (font used, warnings)."""
    if not any(b in ("year", "month") for b in usage.by):
        raise UsageError("--plot needs counts over time: add --by year or --by month")
    kind = path.rsplit(".", 1)[-1].lower()
    if kind not in ("png", "svg"):
        raise UsageError(f"--plot {path}: write a .png or .svg file")
    try:
        import matplotlib
    except ImportError:
        raise UsageError("--plot needs matplotlib: pip install 'nkterms[plot]'") from None
    matplotlib.use("Agg")  # files only: no display needed
    from matplotlib import pyplot

    concept = pick_concept(usage, concept)
    periods, lines = series(usage, concept)
    if not lines:
        raise UsageError(f"--plot: no dated use of concept '{concept}' in the archive")
    font, warnings = hangul_font(), []
    if font is None:
        warnings.append(
            "no font with Hangul found: Korean labels may show as boxes; "
            "install one (Debian: apt-get install fonts-nanum)"
        )
    with matplotlib.rc_context(
        {"font.family": [font] if font else ["sans-serif"], "svg.fonttype": "path"}
    ):
        figure = _draw(pyplot, usage, concept, periods, lines)
        data = io.BytesIO()
        figure.savefig(data, format=kind, dpi=110)
        pyplot.close(figure)

    write_bytes(path, data.getvalue())
    return font, warnings


def _draw(pyplot, usage, concept: str, periods: list[str], lines: dict[str, list[int]]):
    """Return the figure: shares above, counts below, status changes as dashed lines."""
    figure, (share_axes, count_axes) = pyplot.subplots(2, 1, sharex=True, figsize=(12, 9))
    xs = [position(p) + (0.5 if len(p) == 4 else 0.04) for p in periods]  # mid-period
    totals = [sum(c[i] for c in lines.values()) for i in range(len(periods))]
    for term, counts in lines.items():
        label = f"{usage.terms[term]['form']} ({term})"
        shares = [100 * c / t if t else 0 for c, t in zip(counts, totals, strict=True)]
        share_axes.plot(xs, shares, marker="o", label=label)
        count_axes.plot(xs, counts, marker="o", label=label)
    share_axes.set_ylabel("share of the concept's uses (%)")
    count_axes.set_ylabel("occurrences")
    share_axes.set_title(
        f"{concept}: uses per {'year' if len(periods[0]) == 4 else 'month'}", pad=16
    )
    share_axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    notes = _statuses(usage, lines, (xs[0] - 0.5, xs[-1] + 0.5), (share_axes, count_axes))
    count_axes.set_xlabel("dashed lines: status changes the glossary records (numbered below)")
    bottom = min(0.45, 0.02 + 0.022 * len(notes))
    figure.text(0.01, 0.01, "\n".join(notes), fontsize="x-small", va="bottom", linespacing=1.6)
    figure.tight_layout(rect=(0, bottom, 1, 1))
    return figure


def _statuses(usage, lines, span, axes) -> list[str]:
    """Mark each date a drawn term's status changed inside the chart with a numbered dashed
    line; return the numbered notes that explain them (labels on the lines would overlap)."""
    changes: dict[str, list[str]] = {}
    for term in lines:
        for claim in usage.statuses.get(term, ()):
            for edge, verb in (("since", ""), ("until", "no longer ")):
                when = claim.get(edge)
                if when and span[0] <= position(when) <= span[1]:
                    what = f"{usage.terms[term]['form']} {verb}{claim['value']}"
                    changes.setdefault(when, []).append(f"{what} ({_short(claim.get('by'))})")
    notes = []
    for number, when in enumerate(sorted(changes, key=position), 1):
        x = position(when)
        for ax in axes:
            ax.axvline(x, color="grey", linestyle="--", linewidth=0.8)
        axes[0].annotate(
            str(number),
            (x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize="x-small",
        )
        notes.append(f"{number}. {when}: " + "; ".join(sorted(set(changes[when]))))
    return notes


def _short(by) -> str:
    """The authority of a status, cut to fit a chart's note."""
    text = str(by or "")
    return text if len(text) <= 40 else text[:39] + "…"
