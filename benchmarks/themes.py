"""Theme suggestions: how many planted themes the top 5 suggestions recover in each language,
beside random groupings of the same sizes, and how long suggesting takes for 2,000 and 10,000
notes (target: 2,000 in under 10 s).

The planted corpus is the tests' (`tests/themes_corpus.py`): three themes a language, five
paraphrased notes each, and unrelated notes. The larger sets are the same notes with their
words shuffled and some dropped, numbered apart.

    python benchmarks/themes.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from themes_corpus import THEMES, notes  # noqa: E402

from journeykit.analysis.suggest import suggest_themes  # noqa: E402

LANGUAGES = ("en", "hu", "ru", "fa")
TOP = 5


def recovered(planted: dict[str, str], groups: list[set[str]]) -> int:
    hits = 0
    for theme in THEMES:
        ids = {i for i, t in planted.items() if t == theme}
        hits += any(len(ids & g) >= 3 and len(ids & g) / len(g) >= 0.6 for g in groups)
    return hits


def main() -> int:
    rng = random.Random(1)
    print(f"planted themes among the top {TOP} suggestions (3 per language):")
    total = baseline = 0
    for language in LANGUAGES:
        rows = notes((language,))
        planted = {i: t for i, t, _x in rows}
        suggestions = suggest_themes([(i, "", x) for i, _t, x in rows], top=TOP)
        found = recovered(planted, [set(s.ids) for s in suggestions])
        sizes = [len(s.ids) for s in suggestions]
        chance = []
        for _ in range(200):
            ids = list(planted)
            rng.shuffle(ids)
            groups, start = [], 0
            for size in sizes:
                groups.append(set(ids[start : start + size]))
                start += size
            chance.append(recovered(planted, groups))
        total += found
        baseline += statistics.mean(chance)
        print(
            f"  {language}: {found} of 3   random groups of the same sizes: "
            f"{statistics.mean(chance):.2f} of 3"
        )
    share = total / (3 * len(LANGUAGES))
    print(
        f"  recall {share:.0%} (target at least 80%), random {baseline / (3 * len(LANGUAGES)):.0%}"
    )
    rows = notes()
    for count in (2_000, 10_000):
        big = []
        for n in range(count):
            _i, _t, text = rows[n % len(rows)]
            words = text.split()
            rng.shuffle(words)
            big.append((f"n{n}", "", " ".join(words[: max(3, len(words) - rng.randint(0, 3))])))
        start = time.perf_counter()
        found = suggest_themes(big, top=10)
        took = time.perf_counter() - start
        print(f"suggestions for {count:,} notes: {took:.1f} s ({len(found)} themes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
