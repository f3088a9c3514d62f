#!/usr/bin/env python3
"""Write gazette issue pages (and single-document pages) "from other cities", with their truth.

    .venv/bin/python scripts/make_cities.py OUT [--cities 8] [--issues-per-city 5] [--seed 1] [--singles M]

OUT/<city>/<year>-<NN>.html are issue pages, OUT/<city>/single-<k>.html single documents, and
OUT/truth.json says what each page holds (see README "Generated cities"). Written from how real
gazettes look, independently of the splitter's rules (nothing under scraper/ is read), so a score
on these pages is evidence. Deterministic: the same arguments write the same bytes. Every page is
checked before it is written: each title, first and last line of the truth is on screen, and each
hidden spam string is not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from citygen.cities import pick_cities  # noqa: E402
from citygen.documents import Numbers  # noqa: E402
from citygen.pages import Built, check, issue_page, single_page  # noqa: E402


def issue_dates(city_per_year: int, year: int, number: int, rng: random.Random) -> dt.date:
    """When issue `number` of `year` appears, for a gazette with city_per_year issues a year."""
    span = 365 / city_per_year
    day = int((number - 0.5) * span) + rng.randint(-2, 2)
    return dt.date(year, 1, 1) + dt.timedelta(days=max(0, min(364, day)))


def generate(out: Path, cities: int, issues: int, seed: int, singles: int) -> list[dict]:
    """Write every page under `out` and return the truth records (also written to truth.json)."""
    pages: list[dict] = []
    chosen = pick_cities(cities)
    for ci, city in enumerate(chosen):
        crng = random.Random(f"{seed}/{city.slug}")
        numbers = Numbers(random.Random(f"{seed}/{city.slug}/numbers"))
        year, number = city.first_year, crng.randint(1, max(1, city.per_year // 2))
        total = city.first_total
        last_published = dt.date(year, 1, 1)
        for k in range(issues):
            rng = random.Random(f"{seed}/{city.slug}/issue/{k}")
            published = issue_dates(city.per_year, year, number, rng)
            built = issue_page(city, rng, numbers, year, number, total, published)
            pages.append(_write(out, f"{city.slug}/{year}-{number:02d}.html", built))
            last_published = published
            total += 1
            number += 1
            if number > city.per_year:
                year, number = year + 1, 1
        share = singles // len(chosen) + (1 if ci < singles % len(chosen) else 0)
        for k in range(share):
            rng = random.Random(f"{seed}/{city.slug}/single/{k}")
            published = last_published + dt.timedelta(days=rng.randint(3, 60))
            built = single_page(city, rng, numbers, published)
            pages.append(_write(out, f"{city.slug}/single-{k + 1}.html", built))
    return pages


def _write(out: Path, rel: str, built: Built) -> dict:
    truth = {"file": rel, **built.truth}
    check(truth, built.data)
    path = out / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(built.data)
    return truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--cities", type=int, default=8)
    ap.add_argument("--issues-per-city", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--singles", type=int, default=None, help="single-document pages in all (default: one per city)")
    args = ap.parse_args(argv)
    singles = args.cities if args.singles is None else args.singles
    try:
        pages = generate(args.out, args.cities, args.issues_per_city, args.seed, singles)
    except ValueError as e:
        ap.error(str(e))
    meta = {"generator": "scripts/make_cities.py", "seed": args.seed, "cities": args.cities,
            "issues_per_city": args.issues_per_city, "singles": singles}
    (args.out / "truth.json").write_text(json.dumps({**meta, "pages": pages}, ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")
    docs = sum(len(p["documents"]) for p in pages)
    print(f"{args.out}: {len(pages)} pages ({sum(p['kind'] == 'issue' for p in pages)} issues), {docs} documents, "
          f"{sum(len(p['spam']) for p in pages)} spam strings; truth in {args.out / 'truth.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
