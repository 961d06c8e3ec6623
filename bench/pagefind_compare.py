#!/usr/bin/env python3
"""Taawun's search against Pagefind on the same query set (issue 18), never part of `make test`:

    python3 bench/pagefind_compare.py --taawun .build/release/taawun [--size 10000]

Installs Pagefind 1.5.2 from PyPI (pagefind[bin]) into bench/work/venv-pagefind when missing.
1. The query set (Tests/SearchIndexTests/Fixtures/queries.json) on the seed articles and the
   fixture articles, built by taawun: Taawun's index through its own client
   (templates/assets/search.js under node), and Pagefind's index of the same built pages (its
   article pages, `--glob articles/**/*.html`) through Pagefind's own client (pagefind.js under
   node, served over HTTP): recall (every expected article among all results), precision of the
   first ten, bytes a first query downloads.
2. At --size articles (bench/corpus.py): each index's build time, size, and a first query's bytes.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import bench as B  # noqa: E402

FIXTURES = REPO / "Tests" / "SearchIndexTests" / "Fixtures"
PAGEFIND_VERSION = "1.5.2"

NODE_PAGEFIND = r"""
// Pagefind's own browser client, run under node against a local HTTP server; every fetch counted.
const [base, queriesFile, local, firstOnly] = process.argv.slice(2);
const fs = require('fs');
const { pathToFileURL } = require('url');
let bytes = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  const response = await realFetch(url, init);
  const buffer = await response.arrayBuffer();
  bytes += buffer.byteLength;
  return new Response(buffer, { status: response.status, headers: response.headers });
};
(async () => {
  const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
  const out = [];
  for (const q of queries) {
    bytes = 0;
    // A fresh client per query: each query is a first query.
    const pagefind = await import(pathToFileURL(local + '/pagefind/pagefind.js').href + '?' + out.length);
    await pagefind.options({ basePath: base + 'pagefind/' });
    await pagefind.init();
    const search = await pagefind.search(q.query);
    // What a first query downloads: the index and the first ten results' fragments.
    const first = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
    const counted = bytes;
    const rest = firstOnly ? [] : await Promise.all(search.results.slice(10).map(r => r.data()));
    const all = first.concat(rest);
    out.push({ query: q.query, count: search.results.length, urls: all.map(d => d.url), titles: all.map(d => d.meta && d.meta.title), bytes: counted });
    await pagefind.destroy();
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
"""


def pagefind_binary(work: Path) -> Path:
    venv = work / "venv-pagefind"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if subprocess.run([str(python), "-c", "import pagefind"], capture_output=True).returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"pagefind[bin]=={PAGEFIND_VERSION}"], check=True)
    found = [p for p in (venv / "lib").glob("python3*/site-packages/pagefind_bin/**/pagefind*") if p.is_file() and os.access(p, os.X_OK)]
    if not found:
        sys.exit("pagefind_compare: pagefind-bin installed no binary")
    return found[0]


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run_pagefind(binary: Path, site_public: Path) -> float:
    shutil.rmtree(site_public / "pagefind", ignore_errors=True)
    start = time.perf_counter()
    # Only the articles' <main>, as Taawun indexes them (not the header, footer or lists).
    subprocess.run([str(binary), "--site", str(site_public), "--glob", "articles/**/*.html", "--root-selector", "main",
                    "--force-language", "ar"],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def pagefind_queries(site_public: Path, queries: list[dict], work: Path, first_only: bool = False) -> list[dict]:
    script = work / "pagefind-queries.cjs"
    script.write_text(NODE_PAGEFIND)
    qfile = work / "pagefind-queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False))
    server, base = serve(site_public)
    try:
        out = subprocess.run(["node", str(script), base, str(qfile), str(site_public)] + (["first"] if first_only else []),
                             check=True, capture_output=True, text=True).stdout
    finally:
        server.shutdown()
    return json.loads(out)


def taawun_queries(site_public: Path, queries: list[dict]) -> list[dict]:
    qfile = site_public.parent / "taawun-queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False))
    out = subprocess.run(["node", str(FIXTURES / "run-queries.js"), str(site_public), str(qfile), "--all"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def title_of(stem: str) -> str:
    path = FIXTURES / "articles" / f"{stem}.md"
    if not path.exists():
        path = REPO / "content" / "articles" / f"{stem}.md"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("title:"):
            return line[len("title:"):].strip().strip('"')
    return stem


def score(queries: list[dict], found_titles: list[list[str]]) -> tuple[float, float]:
    expected = hit = 0
    precision = 0.0
    for q, titles in zip(queries, found_titles):
        wanted = [title_of(s) for s in q["expect"]]
        expected += len(wanted)
        hit += sum(1 for w in wanted if w in titles)
        top = titles[:10]
        precision += (sum(1 for t in top if t in wanted) / min(10, max(len(top), len(wanted)))) if top else 0
    return hit / expected, precision / len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--taawun", type=Path, default=REPO / ".build" / "release" / "taawun")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=BENCH / "work")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    binary = pagefind_binary(work)
    taawun = str(args.taawun.resolve())

    # 1. The query set on the seeds and fixtures.
    site = work / "search-fixtures"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(REPO / "templates", site / "templates")
    for path in (FIXTURES / "articles").glob("*.md"):
        shutil.copy(path, site / "content" / "articles" / path.name)
    subprocess.run([taawun, "build"], cwd=site, check=True, capture_output=True)
    queries = json.loads((FIXTURES / "queries.json").read_text(encoding="utf-8"))
    ours = taawun_queries(site / "public", queries)
    run_pagefind(binary, site / "public")
    theirs = pagefind_queries(site / "public", [{"query": q["query"]} for q in queries], work)
    # Pagefind has no prefix mode of its own beyond its default; each query is typed whole.
    r1, p1 = score(queries, [[t for t in a["titles"] if t] for a in ours])
    theirs_titles = []
    for a in theirs:
        titles = [(t or "").split(" — ")[0] for t in a["titles"]]
        theirs_titles.append(titles)
    r2, p2 = score(queries, theirs_titles)
    missed = [q["query"] for q, titles in zip(queries, theirs_titles)
              if not all(title_of(s) in titles for s in q["expect"])]
    results = {"queries": len(queries),
               "taawun": {"recall": r1, "precision10": p1},
               "pagefind": {"recall": r2, "precision10": p2, "missed": missed}}

    # 2. At --size articles: build time, size, bytes of a first query (--size 0: skipped).
    if args.size == 0:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    big = B.taawun_site(args.size, work, 300)
    for leftover in [big / "public", big / ".taawun"]:
        shutil.rmtree(leftover, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([taawun, "build"], cwd=big, check=True, capture_output=True)
    results["taawun"]["build_seconds_with_site"] = time.perf_counter() - start
    results["pagefind"]["index_seconds"] = run_pagefind(binary, big / "public")
    sample = [{"query": q} for q in ["تعاون", "للتعاون", "والمؤتمر", "مذكرة تفاهم", "الدوحة", "الصحفيين", "قطر تركيا"]]
    ours_big = json.loads(subprocess.run(["node", str(FIXTURES / "run-queries.js"), str(big / "public"),
                                          str(write(work / "sample.json", sample))],
                                         check=True, capture_output=True, text=True).stdout)
    script = (big / "public" / "assets" / "search.js").read_bytes()
    results["taawun"]["first_query_bytes"] = {a["query"]: a["bytes"] + len(script) for a in ours_big}
    results["taawun"]["first_query_gzipped"] = {a["query"]: a["gzipped"] + len(gzip.compress(script, 6)) for a in ours_big}
    theirs_big = pagefind_queries(big / "public", sample, work, first_only=True)
    # Pagefind's index files are gzipped already; its JS and WASM are counted as served, raw.
    results["pagefind"]["first_query_bytes"] = {a["query"]: a["bytes"] for a in theirs_big}
    results["pagefind"]["index_bytes"] = sum(p.stat().st_size for p in (big / "public" / "pagefind").rglob("*") if p.is_file())
    results["taawun"]["index_bytes"] = sum(p.stat().st_size for p in (big / "public" / "search").rglob("*") if p.is_file())
    print(json.dumps(results, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))


def write(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False))
    return path


if __name__ == "__main__":
    main()
