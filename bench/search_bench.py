#!/usr/bin/env python3
"""The search's figures (issue 18), never part of `make test`:

    python3 bench/search_bench.py --taawun .build/release/taawun [--size 10000] [--runs 3]
        [--micro .build/release/taawun-bench] [--pagefind]

On a generated corpus (bench/corpus.py, N articles): the full build's CPU and wall time, the
index's size (raw and gzipped, file by file as a web server sends them), what the first query
of each of a set of queries downloads (search.js, index.json, facets.json, its shards and the
chunks of its first ten results; the site's own client under node counts them), and a
one-article edit's rebuild, and full builds with and without search (`search: false` in
site.yaml, alternating, outputs moved aside rather than removed) for the search's cost. With --micro, taawun-bench's stage times give the indexing's share
of the build's CPU. With --pagefind, Pagefind (PyPI pagefind[bin], in WORK/venv-pagefind) indexes
the same built site for the comparison table (bench/pagefind_compare.py).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import bench as B  # noqa: E402

RUNNER = REPO / "Tests" / "SearchIndexTests" / "Fixtures" / "run-queries.js"
# Words the generated corpus uses (it is made of content/sources/*.txt), typed as readers do.
QUERIES = ["تعاون", "للتعاون", "والمؤتمر", "مسئول", "الاعلام", "الإذاعه", "مذكرة تفاهم", "قطر", "الدوحة", "القطرية",
           "السعودية", "الرياض", "الصحفيين", "الاتفاقية", "منصات", "التلفزيون", "كتارا", "قطر تركيا", "وكالة الأنباء",
           "الإعلام الرقمي", "تدريب الصحفيين", "اتفا"]


def sizes(folder: Path) -> tuple[int, int, int]:
    files = raw = gz = 0
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            files += 1
            raw += len(data)
            gz += len(gzip.compress(data, 6))
    return files, raw, gz


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--taawun", type=Path, default=REPO / ".build" / "release" / "taawun")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=BENCH / "work")
    parser.add_argument("--micro", type=Path, help="taawun-bench: the indexing's stage time")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    taawun = args.taawun.resolve()
    site = B.taawun_site(args.size, args.work, 300)
    results: dict = {"articles": args.size, "load": os.getloadavg()[0]}
    # Full builds from scratch, alternating without and with search (`search: false` in
    # site.yaml: no search page, index, box or links), so both meet the same machine. No output
    # is removed while builds are timed (ext4's `recently_deleted` would slow the next build's
    # file creation): each is moved into work/trash (bench.remove_tree), emptied at the end.
    B.trash = args.work / "trash"
    B.empty_trash(args.work, then_settle=True)
    settings = site / "content" / "site.yaml"
    original = settings.read_text(encoding="utf-8")
    with_search, without = [], []
    try:
        for _ in range(args.runs):
            for builds, text in [(without, original + "\nsearch: false\n"), (with_search, original)]:
                for leftover in [site / "public", site / ".taawun"]:
                    B.remove_tree(leftover)
                settings.write_text(text, encoding="utf-8")
                B.settle()
                builds.append(B.measure([str(taawun), "build"], cwd=site))
    finally:
        settings.write_text(original, encoding="utf-8")
    results["full_build"] = {"wall": [r.wall for r in with_search], "cpu": [r.cpu for r in with_search]}
    results["without_search"] = {"wall": [r.wall for r in without], "cpu": [r.cpu for r in without]}
    files, raw, gz = sizes(site / "public" / "search")
    results["index"] = {"files": files, "raw": raw, "gzipped": gz}
    _, site_raw, _ = sizes(site / "public")
    results["site_raw"] = site_raw
    script = (site / "public" / "assets" / "search.js").read_bytes()
    page = (site / "public" / "search" / "index.html").read_bytes()
    results["script"] = {"raw": len(script), "gzipped": len(gzip.compress(script, 6))}
    results["page"] = {"raw": len(page), "gzipped": len(gzip.compress(page, 6))}

    queries = args.work / "search-queries.json"
    queries.write_text(json.dumps([{"query": q, "typing": q == "اتفا"} for q in QUERIES], ensure_ascii=False))
    start = time.perf_counter()
    answers = json.loads(subprocess.run(["node", str(RUNNER), str(site / "public"), str(queries)],
                                        check=True, capture_output=True, text=True).stdout)
    results["query_seconds"] = (time.perf_counter() - start) / len(QUERIES)
    results["queries"] = [{"query": a["query"], "results": a["count"], "raw": a["bytes"] + len(script),
                           "gzipped": a["gzipped"] + results["script"]["gzipped"]} for a in answers]

    # A one-article edit: a word added to the body of one article, then `taawun build`.
    article = sorted((site / "content" / "articles").glob("*.md"))[len(QUERIES)]
    text = article.read_text(encoding="utf-8")
    edits = []
    B.settle()  # the full builds' output written back first, as bench.py does before its rebuilds
    for i in range(5):
        article.write_text(text + f"\nكلمة{i} مضافة للتحرير.\n", encoding="utf-8")
        edits.append(B.measure([str(taawun), "build"], cwd=site))
    article.write_text(text, encoding="utf-8")
    results["edit"] = {"wall": [r.wall for r in edits], "cpu": [r.cpu for r in edits]}

    if args.micro:
        run = subprocess.run([str(args.micro.resolve()), str(site), "--search-only"], capture_output=True, text=True)
        results["micro"] = run.stdout

    B.empty_trash(args.work, then_settle=False)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def report(r: dict) -> str:
    cpu, wall = median(r["full_build"]["cpu"]), median(r["full_build"]["wall"])
    base_cpu, base_wall = median(r["without_search"]["cpu"]), median(r["without_search"]["wall"])
    worst = max(r["queries"], key=lambda q: q["gzipped"])
    middle = sorted(q["gzipped"] for q in r["queries"])[len(r["queries"]) // 2]
    runs = len(r["full_build"]["cpu"])
    lines = [
        f"search at {r['articles']:,} articles (load {r['load']:.1f})",
        f"  full build with search: wall {wall:.2f} s, CPU {cpu:.2f} s; without (`search: false`): wall {base_wall:.2f} s,"
        f" CPU {base_cpu:.2f} s (medians of {runs}, alternating): search adds {100 * (wall / base_wall - 1):.1f} % wall,"
        f" {100 * (cpu / base_cpu - 1):.1f} % CPU",
        f"    walls with: {', '.join(f'{w:.2f}' for w in r['full_build']['wall'])} s; without: {', '.join(f'{w:.2f}' for w in r['without_search']['wall'])} s",
        f"  index: {r['index']['files']:,} files, {r['index']['raw'] / 1e6:.1f} MB raw, {r['index']['gzipped'] / 1e6:.1f} MB gzipped"
        f" ({100 * r['index']['raw'] / r['site_raw']:.0f} % of public/)",
        f"  search.js: {r['script']['raw'] / 1e3:.1f} KB raw, {r['script']['gzipped'] / 1e3:.1f} KB gzipped",
        f"  first query (code + index, gzipped): median {middle / 1e3:.0f} KB, worst {worst['gzipped'] / 1e3:.0f} KB"
        f" («{worst['query']}», {worst['raw'] / 1e3:.0f} KB raw); node: {1000 * r['query_seconds']:.0f} ms a query",
        f"  one-article edit (CLI): {', '.join(f'{1000 * w:.0f}' for w in r['edit']['wall'])} ms",
    ]
    for q in r["queries"]:
        lines.append(f"    «{q['query']}»: {q['results']:,} results, {q['raw'] / 1e3:.0f} KB raw, {q['gzipped'] / 1e3:.0f} KB gzipped")
    if "micro" in r:
        lines.append(r["micro"])
    return "\n".join(lines)


if __name__ == "__main__":
    main()
