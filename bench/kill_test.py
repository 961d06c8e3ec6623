#!/usr/bin/env python3
"""The kill test: is public/ whole after `taawun build` is killed at any moment?

    python3 bench/kill_test.py --taawun .build/release/taawun [--kills 50] [--articles 2000]
    python3 bench/kill_test.py --check FOLDER [--root SITE]      (the checks alone, on any folder)

It writes a site of --articles articles with bench/corpus.py under WORK/site (default
bench/work/kill/), builds it in full, and then, --kills times:

  1. applies a change set to content/articles (seeded, the same every run): --titles articles get
     a new title (half of them a new address, since the slug follows the title), --deletes
     articles are removed and --adds new ones written;
  2. starts `taawun build` and sends it SIGKILL after a delay drawn uniformly between 0 and the
     expected duration of the build: the median of --calibrate unkilled builds of such change
     sets, measured first;
  3. checks public/ (check_output): every internal link of every HTML file (href and src, percent-
     encoded Arabic paths, `../`, a trailing `/` meaning index.html, `/…` from the site root)
     names an existing file, and no hidden file or folder (a name starting with '.') is inside it;
     and records leftovers: staging or scratch folders beside public/ (`.public.*`) and anything
     else new in the site folder outside content/articles/ and the build state folder `.taawun/`,
     where only what a running build makes (its journal, scratch files, next manifest) counts: it
     is expected right after a kill, and the next build must remove it;
  4. runs `taawun build` again, not killed, and checks that it succeeds, that public/ has no broken
     link and no hidden entry, that nothing is left beside it, and that it is the same, byte for
     byte, as a fresh full build of the same content into a new folder.

Leftovers found are recorded, then removed, so that each kill is judged on its own. The summary
table gives the kills, how many landed while the build was running, the broken links after each
kill (min/median/max), the leftovers and the differences after the recovery builds. Exit status 1
when any broken link, hidden entry, leftover, failed recovery build or difference was found, 0
otherwise (2 for a usage error or a failure of the setup). Only the Python standard library is used.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import posixpath
import random
import re
import shutil
import signal
import tempfile
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402


# ---------------------------------------------------------------- the checks, on any folder

class _Links(HTMLParser):
    """Every href and src attribute of a document, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)

    handle_startendtag = handle_starttag


# The same attributes found by a scanner of the document's tags (comments, scripts and styles
# skipped, attribute values unescaped as html.parser does): four times faster than html.parser,
# and the same links on Taawun's output (--html-parser uses html.parser itself).
_TAG = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>"
                  r"|<[A-Za-z][^\s/>]*((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?|\s*/)*)\s*>",
                  re.S | re.I)
_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+)))?")


def links_of(path: str, html_parser: bool = False) -> list[str]:
    """Every href and src value of the HTML file at `path`."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if html_parser:
        parser = _Links()
        parser.feed(text)
        parser.close()
        return parser.links
    links = []
    for tag in _TAG.finditer(text):
        attrs = tag.group(2)
        if not attrs:
            continue
        for attr in _ATTR.finditer(attrs):
            if attr.group(1).lower() in ("href", "src"):
                value = next((v for v in attr.group(2, 3, 4) if v is not None), None)
                if value is not None:
                    links.append(html.unescape(value))
    return links


def _links_of_many(job: tuple[list[str], bool]) -> list[list[str]]:
    paths, html_parser = job
    return [links_of(p, html_parser) for p in paths]


def link_target(page: str, link: str, base_path: str = "/") -> str | None:
    """The file (a path relative to the output folder, '/'-separated) an internal link of the page
    at `page` (relative too) names, or None for a link to elsewhere (a scheme or host: https:,
    mailto:, data:, //host) or to the page itself (#fragment, empty). A path that climbs out of
    the folder is returned as '../…', which never exists."""
    link = link.strip()
    if not link or link.startswith("#"):
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path, errors="strict")
    if not path:
        return None  # "?query" alone: this page
    if path.startswith("/"):
        # From the site root: base_url's path ("/" for the bench's https://example.org/).
        if not path.startswith(base_path):
            return "../" + path.lstrip("/")
        path = path[len(base_path):]
        base = ""
    else:
        base = posixpath.dirname(page)
    wants_folder = path.endswith("/") or path in (".", "..") or path.endswith("/.") or path.endswith("/..")
    joined = posixpath.normpath(posixpath.join(base, path)) if (base or path) else "."
    if joined == "..":
        return "../"
    if joined.startswith("../"):
        return joined
    if wants_folder or joined == ".":
        return "index.html" if joined == "." else joined + "/index.html"
    return joined


@dataclass
class OutputCheck:
    folder: str
    html_files: int = 0
    links_checked: int = 0
    broken: list[tuple[str, str]] = field(default_factory=list)  # (page, link)
    hidden: list[str] = field(default_factory=list)              # paths inside the folder
    missing: bool = False

    @property
    def pages_with_broken_links(self) -> int:
        return len({page for page, _ in self.broken})

    def ok(self) -> bool:
        return not self.missing and not self.broken and not self.hidden


def check_output(folder: Path, base_path: str = "/", allow_hidden: tuple[str, ...] = (), workers: int = 0,
                 html_parser: bool = False) -> OutputCheck:
    """Checks a built site's folder: every internal link of every HTML file resolves to an existing
    file (a folder counts when it has an index.html), and no file or folder inside has a name
    starting with '.' (except names in `allow_hidden`, whose contents are not checked)."""
    result = OutputCheck(str(folder))
    if not folder.is_dir():
        result.missing = True
        return result
    files: set[str] = set()
    folders: set[str] = {""}
    pages: list[str] = []
    root = str(folder)
    for current, dirs, names in os.walk(root):
        rel = os.path.relpath(current, root)
        rel = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        for d in list(dirs):
            if d.startswith("."):
                dirs.remove(d)
                if d not in allow_hidden:
                    result.hidden.append(rel + d + "/")
            else:
                folders.add(rel + d)
        for name in names:
            if name.startswith("."):
                if name not in allow_hidden:
                    result.hidden.append(rel + name)
                continue
            files.add(rel + name)
            if name.endswith(".html") or name.endswith(".htm"):
                pages.append(rel + name)
    pages.sort()
    result.hidden.sort()
    result.html_files = len(pages)
    workers = workers or min(4, os.cpu_count() or 1)
    paths = [os.path.join(root, p) for p in pages]
    if workers > 1 and len(paths) > 200:
        size = (len(paths) + workers * 4 - 1) // (workers * 4)
        chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
        with ProcessPoolExecutor(workers) as pool:
            all_links = [links for chunk in pool.map(_links_of_many, [(c, html_parser) for c in chunks]) for links in chunk]
    else:
        all_links = _links_of_many((paths, html_parser))
    resolved: dict[tuple[str, str], tuple[bool, bool]] = {}  # (internal, resolves)
    for page, links in zip(pages, all_links):
        directory = posixpath.dirname(page)
        for link in links:
            key = (directory, link)
            known = resolved.get(key)
            if known is None:
                try:
                    target = link_target(page, link, base_path)
                except UnicodeDecodeError:
                    target = "../<not UTF-8>"
                known = (target is not None,
                         target is None or target in files or (target in folders and target + "/index.html" in files))
                resolved[key] = known
            result.links_checked += known[0]
            if not known[1]:
                result.broken.append((page, link))
    return result


def leftovers(root: Path, output: Path, baseline: set[str] | None = None) -> list[str]:
    """What a build left that it should not have: folders or files beside the output named after
    it (`.public.staging-123`, `.public.update-123`, `.public.old-123`, …), and — given `baseline`,
    the site folder's listing (`site_listing`) after a clean build — anything new in the site
    folder outside the output and content/articles/."""
    found: set[str] = set()
    parent = output.parent
    if parent.is_dir():
        for entry in os.listdir(parent):
            if entry.startswith(f".{output.name}.") or entry.startswith(f".{output.name}-"):
                path = parent / entry
                name = os.path.relpath(path, root) if _inside(path, root) else str(path)
                found.add(name + "/" if path.is_dir() and not path.is_symlink() else name)
    if baseline is not None:
        found.update(site_listing(root, output) - baseline)
    # The build state folder is the build's own (its manifest, caches and second tree come and
    # go with builds): only what a running build makes there and the next one must remove counts.
    state = root / ".taawun"
    for transient in TRANSIENT_STATE:
        if (state / transient).exists():
            found.add(f".taawun/{transient}/" if (state / transient).is_dir() else f".taawun/{transient}")
    # A new folder stands for everything in it.
    return sorted(p for p in found if not any(p.startswith(q) for q in found if q != p and q.endswith("/")))


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


# What a build makes in the build state folder while it runs (SiteWriter): after a kill they may
# be there; after the next build they must not.
TRANSIENT_STATE = ("scratch", "journal", "manifest.next", "aside", "journal.new", "manifest.new")


def in_state(entries: list[str]) -> list[str]:
    """The build state's transient files a killed build leaves (`TRANSIENT_STATE`): expected
    right after a kill; the next build must remove them (its leftovers count those)."""
    return [e for e in entries if e.startswith(".taawun/")]


def stray(entries: list[str]) -> list[str]:
    """Leftovers outside the build state folder: never expected, not even right after a kill."""
    return [e for e in entries if not e.startswith(".taawun/")]


def site_listing(root: Path, output: Path) -> set[str]:
    """Every path in the site folder (folders with a trailing '/'), except inside the output and
    the article files of content/articles/ (which the change sets make and remove)."""
    listing: set[str] = set()
    articles = (root / "content" / "articles").resolve()
    skip = {output.resolve(), articles, (root / ".taawun").resolve()}
    for current, dirs, names in os.walk(root):
        here = Path(current)
        rel = os.path.relpath(current, root)
        rel = "" if rel == "." else rel + "/"
        for d in list(dirs):
            if (here / d).resolve() in skip:
                dirs.remove(d)
                if (here / d).resolve() == articles:
                    listing.add(rel + d + "/")
                    # What is in content/articles/ other than article files is listed too.
                    for entry in os.listdir(here / d):
                        if not entry.endswith(".md") or entry.startswith("."):
                            listing.add(rel + d + "/" + entry)
                continue
            listing.add(rel + d + "/")
        for name in names:
            listing.add(rel + name)
    return listing


def compare_outputs(a: Path, b: Path) -> list[str]:
    """Differences between two built folders, byte for byte over every file; hidden entries (the
    build's own bookkeeping, which check_output reports) are left out. One line per difference."""
    def listing(folder: Path) -> set[str]:
        paths = set()
        for current, dirs, names in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            rel = os.path.relpath(current, folder)
            for name in names:
                if not name.startswith("."):
                    paths.add(name if rel == "." else os.path.join(rel, name))
        return paths

    left, right = listing(a), listing(b)
    out = [f"only in {a.name}/: {p}" for p in sorted(left - right)] + [f"only in {b.name}/: {p}" for p in sorted(right - left)]
    for p in sorted(left & right):
        pa, pb = a / p, b / p
        if pa.stat().st_size != pb.stat().st_size or pa.read_bytes() != pb.read_bytes():
            out.append(f"differs: {p}")
    return out


# ---------------------------------------------------------------- the change sets

TITLE_LINE = re.compile(r'^title: "((?:[^"\\]|\\.)*)"$', re.M)
PREFIX = re.compile(r"^تحديث \d+: ")
SUFFIX = re.compile(r" \(مراجعة \d+\)$")


def _unquote_yaml(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


class Corpus:
    """The kill test's site: the corpus of bench/corpus.py, and change sets applied to it."""

    def __init__(self, site: Path, articles: int, seed: int, organizations: int = 300) -> None:
        self.site = site
        self.folder = site / "content" / "articles"
        self.seed = seed
        self.rng = random.Random(f"kill-test:{seed}")
        self.sentences, self.phrases = corpus.seed_texts()
        self.organizations = corpus.make_organizations(random.Random(seed), organizations)
        self.next_number = articles + 1
        self.serial = 0
        self.taken: set[tuple[str, ...]] = set()

    def generate(self, count: int, organizations: int) -> None:
        if self.site.exists():
            shutil.rmtree(self.site)
        corpus.generate(count, self.site, seed=self.seed, organization_count=organizations, quiet=True)
        # The corpus changes from now on: the stamp would vouch for the generated one.
        (self.site / ".corpus-stamp").unlink(missing_ok=True)
        shutil.copytree(REPO / "templates", self.site / "templates")
        for path in sorted(self.folder.iterdir()):
            m = TITLE_LINE.search(path.read_text(encoding="utf-8"))
            if m:
                self.taken.add(corpus.slug_words(_unquote_yaml(m.group(1))))

    def change(self, titles: int, deletes: int, adds: int) -> dict:
        """One change set. Titles get either a new leading "تحديث N: " (a new slug: N is unique) or
        a new trailing "(مراجعة N)" (the same slug: the slug keeps the title's first eight words);
        added articles are corpus.py's next numbers, their titles unlike any used before."""
        files = sorted(self.folder.iterdir())
        retitled = self.rng.sample(files, min(titles, len(files)))
        moved = 0
        for path in retitled:
            text = path.read_text(encoding="utf-8")
            m = TITLE_LINE.search(text)
            if not m:
                continue
            title = SUFFIX.sub("", _unquote_yaml(m.group(1)))
            self.serial += 1
            if self.rng.random() < 0.5:
                title = f"تحديث {self.serial}: " + PREFIX.sub("", title)
                self.taken.add(corpus.slug_words(title))
                moved += 1
            else:
                title = f"{title} (مراجعة {self.serial})"
            text = text[:m.start()] + f"title: {corpus.yaml_quote(title)}" + text[m.end():]
            path.write_text(text, encoding="utf-8")
        chosen = set(retitled)
        others = [p for p in files if p not in chosen]
        removed = self.rng.sample(others, min(deletes, len(others)))
        for path in removed:
            path.unlink()
        for _ in range(adds):
            name, text = corpus.article(self.next_number, self.seed, self.organizations, self.sentences, self.phrases, self.taken)
            self.next_number += 1
            (self.folder / name).write_text(text, encoding="utf-8")
        return {"retitled": len(retitled), "new_addresses": moved, "deleted": len(removed), "added": adds}


# ---------------------------------------------------------------- running builds

def build(taawun: Path, root: Path, output: Path | None = None, timeout: float = 600) -> tuple[int, float, str]:
    cmd = [str(taawun), "build", "--root", str(root)] + (["--output", str(output)] if output else [])
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    return done.returncode, time.perf_counter() - start, (done.stdout + done.stderr)[-2000:]


def killed_build(taawun: Path, root: Path, delay: float) -> tuple[bool, int, float]:
    """Starts a build and SIGKILLs it after `delay` seconds. (Was it still running, its exit
    status as subprocess gives it, seconds it ran.)"""
    start = time.perf_counter()
    proc = subprocess.Popen([str(taawun), "build", "--root", str(root)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    remaining = delay - (time.perf_counter() - start)
    if remaining > 0:
        try:
            proc.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            pass
    running = proc.poll() is None
    if running:
        os.kill(proc.pid, signal.SIGKILL)
    code = proc.wait()
    return running, code, time.perf_counter() - start


# ---------------------------------------------------------------- the test

@dataclass
class Kill:
    number: int
    delay_ms: float
    mid_build: bool
    exit_code: int
    changes: dict
    broken_links: int = 0
    pages_broken: int = 0
    hidden: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    recovery_exit: int = 0
    recovery_s: float = 0
    recovery_broken: int = 0
    recovery_hidden: list[str] = field(default_factory=list)
    recovery_leftovers: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


def mmm(values: list[float]) -> str:
    if not values:
        return "—"
    return f"{min(values):g} / {statistics.median(values):g} / {max(values):g}"


def summary(kills: list[Kill], expected: float) -> str:
    mid = [k for k in kills if k.mid_build]
    lines = [
        "",
        "| kill test | result |",
        "|---|---|",
        f"| kills | {len(kills)} (delay uniform over 0–{expected * 1000:.0f} ms) |",
        f"| kills that landed mid-build | {len(mid)} |",
        f"| broken links after each kill (min / median / max) | {mmm([k.broken_links for k in kills])} |",
        f"| kills leaving broken links | {sum(1 for k in kills if k.broken_links)} (pages with broken links, max {max((k.pages_broken for k in kills), default=0)}) |",
        f"| kills leaving hidden entries in public/ | {sum(1 for k in kills if k.hidden)} ({', '.join(sorted({h for k in kills for h in k.hidden})[:4]) or 'none'}) |",
        f"| kills leaving leftovers beside public/ or in the site | {sum(1 for k in kills if stray(k.leftovers))} ({_kinds(stray(k.leftovers) for k in kills)}) |",
        f"| kills interrupting the build state's own work (.taawun/: removed by the next build) | {sum(1 for k in kills if in_state(k.leftovers))} ({_kinds(in_state(k.leftovers) for k in kills)}) |",
        f"| recovery builds failed (exit status ≠ 0) | {sum(1 for k in kills if k.recovery_exit != 0)} |",
        f"| broken links after the recovery builds (max) | {max((k.recovery_broken for k in kills), default=0)} |",
        f"| hidden entries in public/ after the recovery builds | {sum(1 for k in kills if k.recovery_hidden)} builds |",
        f"| leftovers after the recovery builds | {sum(1 for k in kills if k.recovery_leftovers)} builds ({_kinds(k.recovery_leftovers for k in kills)}) |",
        f"| recovery builds ≠ a fresh full build | {sum(1 for k in kills if k.mismatches)} (files differing, max {max((len(k.mismatches) for k in kills), default=0)}) |",
    ]
    return "\n".join(lines)


def _kinds(lists) -> str:
    """'.public.update-* ×12, .public.staging-* ×3'."""
    counts: dict[str, int] = {}
    for items in lists:
        for item in items:
            kind = re.sub(r"\d+", "*", item)
            counts[kind] = counts.get(kind, 0) + 1
    return ", ".join(f"{k} ×{n}" for k, n in sorted(counts.items())) or "none"


def run(args: argparse.Namespace) -> int:
    taawun = args.taawun.resolve()
    if not taawun.exists():
        print(f"kill_test: {taawun} does not exist; build it with  make release", file=sys.stderr)
        return 2
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    site = work / "site"
    public = site / "public"
    # The fresh builds go to memory (/dev/shm) when there is one: the bytes do not depend on where
    # they are written, and removing 3,000 files from ext4 every kill would cost more than the kill.
    scratch = args.fresh_dir or (Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else work)
    allow = tuple(args.allow_hidden)
    started = time.time()
    deadline = started + args.max_minutes * 60

    print(f"kill_test: writing {args.articles:,} articles into {site}…", file=sys.stderr)
    content = Corpus(site, args.articles, args.seed, args.organizations)
    content.generate(args.articles, args.organizations)
    code, seconds, out = build(taawun, site)
    if code != 0:
        print(f"kill_test: the first full build failed ({code}):\n{out}", file=sys.stderr)
        return 2
    first = check_output(public, allow_hidden=allow, html_parser=args.html_parser)
    print(f"kill_test: full build {seconds:.2f} s: {first.html_files:,} HTML files, {first.links_checked:,} internal links, "
          f"{len(first.broken)} broken, hidden: {', '.join(first.hidden) or 'none'}", file=sys.stderr)
    baseline = site_listing(site, public)
    found = leftovers(site, public)
    if found:
        print(f"kill_test: leftovers after the first full build: {', '.join(found)}", file=sys.stderr)

    durations = []
    for i in range(args.calibrate):
        content.change(args.titles, args.deletes, args.adds)
        code, seconds, out = build(taawun, site)
        if code != 0:
            print(f"kill_test: a build after a change set failed ({code}):\n{out}", file=sys.stderr)
            return 2
        durations.append(seconds)
    # The expected duration: the median build, so that most kills land while one runs (the
    # longest, on a machine others share, left half of them after the build's end).
    expected = statistics.median(durations) if durations else args.expected
    if args.expected:
        expected = args.expected
    print(f"kill_test: builds after a change set: {', '.join(f'{d * 1000:.0f}' for d in durations)} ms; "
          f"kills fall uniformly within 0–{expected * 1000:.0f} ms", file=sys.stderr)
    # Whatever the calibration left is not the kills' doing.
    for entry in leftovers(site, public, baseline):
        _remove(site / entry)

    timing = random.Random(f"kill-test:{args.seed}:delays")
    kills: list[Kill] = []
    for n in range(1, args.kills + 1):
        if time.time() > deadline:
            print(f"kill_test: stopping after {n - 1} kills: --max-minutes {args.max_minutes:g} reached", file=sys.stderr)
            break
        changes = content.change(args.titles, args.deletes, args.adds)
        delay = timing.uniform(0, expected)
        running, code, _ = killed_build(taawun, site, delay)
        kill = Kill(n, delay * 1000, running, code, changes)
        after = check_output(public, allow_hidden=allow, html_parser=args.html_parser)
        kill.broken_links, kill.pages_broken, kill.hidden = len(after.broken), after.pages_with_broken_links, after.hidden
        if after.missing:
            kill.broken_links, kill.hidden = -1, ["public/ is missing"]
        kill.examples = [f"{page} → {unquote(link)}" for page, link in after.broken[:3]]
        kill.leftovers = leftovers(site, public, baseline)

        kill.recovery_exit, kill.recovery_s, out = build(taawun, site)
        recovered = check_output(public, allow_hidden=allow, html_parser=args.html_parser)
        kill.recovery_broken, kill.recovery_hidden = len(recovered.broken), recovered.hidden
        kill.recovery_leftovers = leftovers(site, public, baseline)
        if kill.recovery_exit != 0:
            kill.examples.append(f"recovery build failed: {out.strip().splitlines()[-1] if out.strip() else kill.recovery_exit}")
        fresh = Path(tempfile.mkdtemp(prefix="taawun-kill-test-", dir=scratch)) / "fresh"
        code, _, out = build(taawun, site, fresh)
        if code != 0:
            print(f"kill_test: the fresh full build failed ({code}):\n{out}", file=sys.stderr)
            return 2
        kill.mismatches = compare_outputs(public, fresh)
        kill.examples += kill.mismatches[:2]
        shutil.rmtree(fresh.parent)
        # Each kill is judged on its own: what this one left goes before the next.
        for entry in set(kill.leftovers) | set(kill.recovery_leftovers):
            _remove(site / entry)
        kills.append(kill)
        print(f"kill {n:2d}: {delay * 1000:5.0f} ms {'mid-build' if running else 'after exit'} (exit {kill.exit_code}) "
              f"broken {kill.broken_links:4d} hidden {len(kill.hidden)} leftovers {','.join(kill.leftovers[:3]) or '-'} | "
              f"recovery {kill.recovery_s * 1000:.0f} ms exit {kill.recovery_exit} broken {kill.recovery_broken} "
              f"leftovers {len(kill.recovery_leftovers)} mismatches {len(kill.mismatches)}"
              + (f"  e.g. {kill.examples[0]}" if kill.examples else ""), flush=True)

    print(summary(kills, expected))
    print(f"\n{args.articles:,} articles, {args.titles} titles / {args.deletes} deletions / {args.adds} additions per change set, "
          f"seed {args.seed}; {time.time() - started:.0f} s in all."
          + (f" Hidden names allowed: {', '.join(allow)}." if allow else ""))
    if args.json:
        args.json.write_text(json.dumps({"expected_s": expected, "calibration_s": durations,
                                         "kills": [k.__dict__ for k in kills]}, indent=1, ensure_ascii=False))
    failed = any(k.broken_links or k.hidden or stray(k.leftovers) or k.recovery_exit or k.recovery_broken or k.recovery_hidden
                 or k.recovery_leftovers or k.mismatches for k in kills)
    if not args.keep:
        shutil.rmtree(site, ignore_errors=True)
    print("kill test: FAILED" if failed else "kill test: passed")
    return 1 if failed else 0


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def check_only(args: argparse.Namespace) -> int:
    folder = args.check.resolve()
    result = check_output(folder, base_path=args.base_path, allow_hidden=tuple(args.allow_hidden), html_parser=args.html_parser)
    print(f"{folder}: {result.html_files:,} HTML files, {result.links_checked:,} internal links, "
          f"{len(result.broken)} broken in {result.pages_with_broken_links} pages, {len(result.hidden)} hidden entries")
    for page, link in result.broken[:20]:
        print(f"  broken: {page} → {unquote(link)}")
    for hidden in result.hidden[:20]:
        print(f"  hidden: {hidden}")
    found = leftovers(args.root.resolve() if args.root else folder.parent, folder)
    for entry in found:
        print(f"  leftover: {entry}")
    return 0 if result.ok() and not found and not result.missing else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--taawun", type=Path, default=REPO / ".build" / "release" / "taawun", help="the binary to test")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=int(os.environ.get("KILLS", "50")), help="(env KILLS)")
    parser.add_argument("--titles", type=int, default=300, help="articles retitled in each change set")
    parser.add_argument("--deletes", type=int, default=50, help="articles removed in each change set")
    parser.add_argument("--adds", type=int, default=50, help="articles added in each change set")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--organizations", type=int, default=300)
    parser.add_argument("--calibrate", type=int, default=3,
                        help="unkilled builds after change sets, timed first: the kills fall within their median")
    parser.add_argument("--expected", type=float, default=0, help="seconds: kill within this instead of calibrating")
    parser.add_argument("--max-minutes", type=float, default=float(os.environ.get("KILL_MAX_MINUTES", "12")),
                        help="start no kill after this long (env KILL_MAX_MINUTES)")
    parser.add_argument("--fresh-dir", type=Path, help="where the fresh full builds go (default /dev/shm, else WORK)")
    parser.add_argument("--html-parser", action="store_true", help="read links with html.parser (slower) instead of the tag scanner")
    parser.add_argument("--allow-hidden", action="append", default=[], metavar="NAME",
                        help="a hidden name allowed inside public/ (repeatable; none by default)")
    parser.add_argument("--work", type=Path, default=BENCH / "work" / "kill", help="where the site goes (git-ignored)")
    parser.add_argument("--keep", action="store_true", help="keep WORK/site afterwards")
    parser.add_argument("--json", type=Path, help="also write every kill's figures here")
    parser.add_argument("--check", type=Path, metavar="FOLDER", help="only check this built folder (links, hidden, leftovers)")
    parser.add_argument("--root", type=Path, help="with --check: the site folder (default: FOLDER's parent)")
    parser.add_argument("--base-path", default="/", help="with --check: base_url's path, for links starting with /")
    args = parser.parse_args()
    if args.check:
        return check_only(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
