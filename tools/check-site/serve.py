"""Serves a built site under a sub-path on the loopback address, as a web host would.

    serve.py --port 8123 --prefix /digest/ --dir artifacts/check-site/subpath

Only 127.0.0.1. Paths outside the prefix are 404; a missing page gets the site's own 404.html
with status 404 (what a host configured for the site does); /favicon.ico at the domain root,
which browsers ask for on their own and which is not the site's, is 204.
"""

import argparse
import functools
import http.server
import os
import posixpath
import urllib.parse


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".xml": "application/xml; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".svg": "image/svg+xml",
    }

    def __init__(self, *args, prefix, **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def guess_type(self, path):
        if path.endswith("feed.xml"):
            return "application/atom+xml; charset=utf-8"
        return super().guess_type(path)

    def translate_path(self, path):
        path = urllib.parse.unquote(path.split("?", 1)[0].split("#", 1)[0])
        if not path.startswith(self.prefix):
            return None
        rest = posixpath.normpath("/" + path[len(self.prefix):])
        if rest.startswith("/.."):
            return None
        full = os.path.join(self.directory, rest.lstrip("/"))
        if path.endswith("/") and not full.endswith("/"):
            full += "/"
        return full

    def send_head(self):
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return None
        full = self.translate_path(self.path)
        if full is None or not os.path.exists(full) or os.path.basename(full).startswith("."):
            return self.not_found()
        if os.path.isdir(full) and not os.path.exists(os.path.join(full, "index.html")):
            return self.not_found()
        return super().send_head()

    def not_found(self):
        page = os.path.join(self.directory, "404.html")
        body = open(page, "rb").read() if os.path.exists(page) else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def list_directory(self, path):
        return self.not_found()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--prefix", default="/")
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    prefix = args.prefix if args.prefix.endswith("/") else args.prefix + "/"
    handler = functools.partial(Handler, prefix=prefix, directory=os.path.abspath(args.dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.serve_forever()


if __name__ == "__main__":
    main()
