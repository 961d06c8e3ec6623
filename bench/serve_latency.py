"""`taawun serve` as an editor feels it: how long until the preview answers, and how long from
saving an article to the reloaded page.

A real `taawun serve` process on the corpus, a real Server-Sent Events client (the one the
injected live-reload script uses), real files written the way an editor's save writes them.
Times are wall-clock from the client's side, on loopback. Standard library only.
"""
from __future__ import annotations

import html
import http.client
import os
import queue
import re
import signal
import socket
import statistics
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, timeout: float = 5) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def article_address(output: Path, article: Path) -> str:
    """The address of `article`'s page, found in a build of the same corpus by its title."""
    title = re.search(r'^title: "?(.*?)"?$', article.read_text(), re.M).group(1)
    needle = html.escape(title, quote=False).encode()
    for page in sorted((output / "articles").glob("*/index.html")):
        body = page.read_bytes()
        h1 = body.find(b"<h1")
        if h1 >= 0 and needle in body[h1:h1 + 2000]:
            return "/articles/" + urllib.parse.quote(page.parent.name) + "/"
    raise SystemExit(f"bench: no page shows the title of {article}")


class Events:
    """An SSE client on /__taawun/events: every `data:` line, with the time it arrived."""

    def __init__(self, port: int):
        self.queue: queue.Queue[tuple[float, str]] = queue.Queue()
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.conn.request("GET", "/__taawun/events", headers={"Accept": "text/event-stream"})
        self.response = self.conn.getresponse()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            while True:
                line = self.response.readline()
                if not line:
                    return
                if line.startswith(b"data:"):
                    self.queue.put((time.monotonic(), line[5:].strip().decode()))
        except (OSError, http.client.HTTPException):
            return

    def next_different(self, than: str | None, timeout: float = 30) -> tuple[float, str]:
        deadline = time.monotonic() + timeout
        while True:
            at, data = self.queue.get(timeout=max(0.01, deadline - time.monotonic()))
            if data != than:
                return at, data

    def close(self) -> None:
        self.conn.close()


def measure(taawun: Path, site: Path, output: Path, runs: int = 7) -> dict:
    """Starts the preview, then saves one article `runs` times (changed, restored, …)."""
    articles = sorted((site / "content" / "articles").iterdir())
    target = articles[len(articles) // 2]
    address = article_address(output, target)
    original = target.read_bytes()
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen([str(taawun), "serve", "--root", str(site), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = {"first_page_s": None, "event_ms": [], "page_ms": []}
    try:
        # Ready: the article's page is served with its content (not a "building…" page).
        title = re.search(r'^title: "?(.*?)"?$', original.decode(), re.M).group(1)
        needle = html.escape(title, quote=False).encode()
        while True:
            if process.poll() is not None:
                raise SystemExit("bench: taawun serve exited")
            try:
                status, body = get(port, address, timeout=1)
                if status == 200 and needle in body:
                    break
            except OSError:
                pass
            time.sleep(0.005)
        result["first_page_s"] = time.monotonic() - started
        events = Events(port)
        _, generation = events.next_different(None)
        for i in range(runs):
            marker = f"تحديث رقم {i}: أضيفت هذه الفقرة بعد النشر."
            text = original.rstrip(b"\n") + f"\n\n{marker}\n".encode() if i % 2 == 0 else original
            time.sleep(0.3)  # an editor does not save twice in a burst
            # Saved as editors' tools save: a new file renamed over the old one.
            temporary = target.with_name("." + target.name + ".tmp")
            temporary.write_bytes(text)
            saved = time.monotonic()
            os.replace(temporary, target)
            at, generation = events.next_different(generation)
            status, body = get(port, address)
            loaded = time.monotonic()
            if status != 200 or ((marker.encode() in body) != (i % 2 == 0)):
                raise SystemExit(f"bench: the reloaded page {address} does not show the save")
            result["event_ms"].append((at - saved) * 1000)
            result["page_ms"].append((loaded - saved) * 1000)
        events.close()
    finally:
        target.write_bytes(original)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    result["event_median_ms"] = statistics.median(result["event_ms"])
    result["page_median_ms"] = statistics.median(result["page_ms"])
    return result
