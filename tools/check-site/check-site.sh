#!/usr/bin/env bash
# make check-site: the built site checked by tools nobody here wrote.
#
#   1. installs what it needs (Debian: chromium, chromium-driver, linkchecker, fonts-noto-core;
#      PyPI, pinned, into .venv-check/: the Nu HTML Checker's vnu.jar, selenium, feedparser, lxml,
#      jing, axe-core) — idempotent, so a second run installs nothing;
#   2. builds taawun and the site twice: as committed (content/site.yaml's base_url) and at a
#      sub-path base_url served by a local web server (http://127.0.0.1:PORT/digest/), so that
#      feeds, sitemap and canonical links point at pages that can really be fetched, with two
#      articles a page so that there is pagination to check;
#   3. runs every check, each on its own, and exits non-zero if any failed.
#
# Environment: SWIFT (default swift), CHECK_SITE_SCRATCH (a --scratch-path for swift build),
# CHECK_SITE_OUT (default artifacts/check-site), CHECK_SITE_ONLY (space-separated subset of
# html links feeds browser, for a quick re-run), CHECK_SITE_ROOT (another site folder with
# content/ and templates/ to check instead of this repository's).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
HERE="$ROOT/tools/check-site"
SWIFT=${SWIFT:-swift}
OUT=${CHECK_SITE_OUT:-$ROOT/artifacts/check-site}
VENV="$ROOT/.venv-check"
ONLY=${CHECK_SITE_ONLY:-html links feeds browser}
SITE_ROOT=$(cd "${CHECK_SITE_ROOT:-$ROOT}" && pwd)
START=$(date +%s)

say() { printf '\n== %s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - START ))s"; }
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

# --- 1. tools ---------------------------------------------------------------------------------
say "installing the checkers (only what is missing)"
APT_PACKAGES=(chromium chromium-driver linkchecker fonts-noto-core default-jre-headless)
missing=()
for p in "${APT_PACKAGES[@]}"; do
    # Java 17 is usually already there without the Debian package name: do not reinstall it.
    if [ "$p" = default-jre-headless ] && command -v java >/dev/null 2>&1; then continue; fi
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "apt-get install ${missing[*]}"
    $SUDO apt-get update -qq || exit 1
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV" || exit 1; fi
if ! cmp -s "$HERE/requirements.txt" "$VENV/.check-site-requirements" 2>/dev/null; then
    echo "pip install -r tools/check-site/requirements.txt"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt" || exit 1
    # axe-core's JavaScript from a package whose Python side (Playwright) we do not use.
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps axe-playwright-python==0.1.8 || exit 1
    cp "$HERE/requirements.txt" "$VENV/.check-site-requirements"
fi
PY="$VENV/bin/python"
echo "tools ready ($(elapsed))"

# --- 2. the sites -----------------------------------------------------------------------------
say "building taawun"
SCRATCH_ARGS=()
[ -n "${CHECK_SITE_SCRATCH:-}" ] && SCRATCH_ARGS=(--scratch-path "$CHECK_SITE_SCRATCH")
"$SWIFT" build --product taawun "${SCRATCH_ARGS[@]}" || exit 1
TAAWUN="$("$SWIFT" build --show-bin-path "${SCRATCH_ARGS[@]}")/taawun"

rm -rf "$OUT"
mkdir -p "$OUT"

say "building the site as committed"
"$TAAWUN" build --root "$SITE_ROOT" --output "$OUT/site" || { echo "FAIL: taawun build"; exit 1; }

PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PREFIX=/digest/
BASE="http://127.0.0.1:$PORT$PREFIX"
say "building the site for $BASE"
mkdir -p "$OUT/subpath-root"
cp -R "$SITE_ROOT/content" "$SITE_ROOT/templates" "$OUT/subpath-root/"
# The sub-path build also lists two articles a page, so that pagination exists to be checked.
for setting in "base_url: $BASE" "page_size: 2"; do
    key=${setting%%:*}
    if grep -q "^$key:" "$OUT/subpath-root/content/site.yaml"; then
        sed -i "s|^$key:.*|$setting|" "$OUT/subpath-root/content/site.yaml"
    else
        echo "$setting" >>"$OUT/subpath-root/content/site.yaml"
    fi
done
"$TAAWUN" build --root "$OUT/subpath-root" --output "$OUT/subpath" || { echo "FAIL: taawun build (sub-path)"; exit 1; }

"$PY" "$HERE/serve.py" --port "$PORT" --prefix "$PREFIX" --dir "$OUT/subpath" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null' EXIT
"$PY" - "$BASE" <<'WAIT' || { echo "FAIL: the local web server did not start (see $OUT/server.log)"; exit 1; }
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(sys.argv[1], timeout=1)
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
WAIT

# --- 3. the checks ----------------------------------------------------------------------------
failed=()
run() { # name, command…
    local name=$1; shift
    case " $ONLY " in *" $name "*) ;; *) return ;; esac
    say "$name ($(elapsed))"
    if "$@"; then echo "-- $name: passed"; else echo "-- $name: FAILED"; failed+=("$name"); fi
}

check_html() {
    local ok=0
    for site in site subpath; do
        "$PY" "$HERE/check_html.py" "$OUT/$site" || ok=1
    done
    return $ok
}

check_links() {
    local ok=0
    # From disk: the committed build, opened as files (percent-encoded Arabic file names).
    # linkchecker run as root becomes "nobody", who may not be able to enter this checkout: it
    # reads a world-readable copy.
    local copy
    copy=$(mktemp -d /tmp/taawun-check-site.XXXXXX) && chmod 755 "$copy" && cp -R "$OUT/site" "$copy/" &&
        chmod -R a+rX "$copy" || return 1
    "$HERE/check_links.sh" "file://$copy/site/index.html" "$OUT/linkchecker-file.txt" || ok=1
    rm -rf "$copy"
    # Over HTTP at the sub-path: every page reachable from the home page and the sitemap,
    # canonical and feed links included, since base_url is this server.
    "$HERE/check_links.sh" "${BASE}" "$OUT/linkchecker-http.txt" "${BASE}sitemap.xml" "${BASE}404.html" || ok=1
    return $ok
}

check_feeds() {
    local ok=0
    "$PY" "$HERE/check_feeds.py" --site "$OUT/site" --base-url "$(sed -n 's/^base_url: *//p' "$SITE_ROOT/content/site.yaml" | tr -d '"'"'" | head -1)" || ok=1
    "$PY" "$HERE/check_feeds.py" --site "$OUT/subpath" --base-url "$BASE" || ok=1
    return $ok
}

check_browser() {
    "$PY" "$HERE/check_browser.py" --base-url "$BASE" --site "$OUT/subpath" --screenshots "$OUT/screenshots"
}

run html check_html
run links check_links
run feeds check_feeds
run browser check_browser

say "check-site finished in $(elapsed)"
echo "artifacts: ${OUT#"$ROOT"/} (screenshots in ${OUT#"$ROOT"/}/screenshots)"
ran=0
for name in html links feeds browser; do case " $ONLY " in *" $name "*) ran=$((ran + 1)) ;; esac; done
if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED: ${failed[*]}"
    echo "check-site: $((ran - ${#failed[@]})) passed, ${#failed[@]} failed"
    exit 1
fi
echo "check-site: $ran passed, 0 failed"
