#!/usr/bin/env bash
# linkchecker (Debian) from START_URL, recursively, every internal link; external hosts are not
# fetched (there is no network), only their syntax is checked.
#   check_links.sh START_URL REPORT_FILE [MORE_START_URLS…]
set -uo pipefail
start=$1 report=$2
shift 2
# linkchecker run as root becomes "nobody": its configuration goes where nobody can read it, and
# it writes its report to our stdout, not to a file.
config=$(mktemp /tmp/taawun-linkcheckerrc.XXXXXX) || exit 1
chmod 644 "$config"
# One local host: no need for linkchecker's default pause of 0.1–0.6 s between two requests.
printf '[checking]\nmaxrequestspersecond=1000\n' >"$config"
linkchecker -f "$config" --verbose --no-status --no-warnings --no-robots --recursion-level=-1 --threads=4 \
    --timeout=20 --ignore-url='^mailto:' -o text/utf-8 "$start" "$@" >"$report" 2>"$report.stderr"
code=$?
rm -f "$config"
# Each broken link: its URL, the page that links to it and linkchecker's verdict.
awk '/^URL /{u=$0; n=""} /^Parent URL/{p=$0} /^Name /{n=$0} /^Result +Error/{print "  " u "\n    " p "\n    " n "\n    " $0}' "$report"
checked=$(grep -c '^Result *Valid' "$report")
filtered=$(grep -c '^Result *Valid: filtered' "$report")
echo "  $start: $(grep -E 'links? in .* URLs? checked' "$report" | tail -1) ($((checked - filtered)) fetched, $filtered external: syntax only)"
if [ $code -ne 0 ]; then
    echo "  linkchecker exit $code: full report in ${report#"$PWD"/}"
    grep -vE 'dropping privileges|Checking intern URLs only' "$report.stderr" | tail -5 | sed 's/^/  /'
fi
exit $code
