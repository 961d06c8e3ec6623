#!/usr/bin/env bash
# Two taawun binaries on the same corpus, the same day: full builds into new folders
# (alternating), then per binary 5 no-change rebuilds and 11 one-article edits (a paragraph
# added, then removed). Medians (min–max) in ms. Not part of `make bench`: for before/after
# figures when the machine's speed varies from day to day.
#
#   bench/compare.sh OLD_BINARY NEW_BINARY [SITE]   (SITE: bench/work/n10000/site, from make bench)
set -euo pipefail
OLD=$1; NEW=$2
SITE=${3:-"$(cd "$(dirname "$0")" && pwd)/work/n10000/site"}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/taawun-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " (" a[1] "–" a[NR] ")"}'; }
full_old=(); full_new=()
for run in 1 2 3; do
  full_old+=("$(ms "$OLD" build --root "$SITE" --output "$WORK/old-$run")")
  full_new+=("$(ms "$NEW" build --root "$SITE" --output "$WORK/new-$run")")
done
echo "full build: old $(printf '%s\n' "${full_old[@]}" | median), new $(printf '%s\n' "${full_new[@]}" | median)"
ARTICLE=$(ls "$SITE/content/articles" | sort | sed -n "$(( $(ls "$SITE/content/articles" | wc -l) / 2 ))p")
FILE="$SITE/content/articles/$ARTICLE"
cp "$FILE" "$WORK/original.md"
trap 'cp "$WORK/original.md" "$FILE"; rm -rf "$WORK"' EXIT
for which in old new; do
  binary=$OLD; [ "$which" = new ] && binary=$NEW
  out="$WORK/$which-3"
  unchanged=(); edits=()
  for _ in 1 2 3 4 5; do unchanged+=("$(ms "$binary" build --root "$SITE" --output "$out")"); done
  for i in $(seq 1 11); do
    if (( i % 2 )); then printf '\nتحديث: أضيفت هذه الفقرة بعد النشر.\n' >> "$FILE"; else cp "$WORK/original.md" "$FILE"; fi
    edits+=("$(ms "$binary" build --root "$SITE" --output "$out")")
  done
  cp "$WORK/original.md" "$FILE"
  echo "$which: no-change $(printf '%s\n' "${unchanged[@]}" | median) ms, one-article edit $(printf '%s\n' "${edits[@]}" | median) ms"
done
