#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets and runs each for FUZZ_SECONDS (default 60).
# Not part of CI. Findings (crashing inputs) land in artifacts/fuzz/<target>/.
set -uo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SECONDS_EACH=${FUZZ_SECONDS:-60}
[ -n "$SECONDS_EACH" ] || SECONDS_EACH=60
TARGETS=${FUZZ_TARGETS:-FuzzFrontMatter FuzzImporter}

for target in $TARGETS; do
    "$SWIFT" build --package-path Fuzz --scratch-path .build-fuzz -c release --product "$target" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld || exit 1
done
BIN=$("$SWIFT" build --package-path Fuzz --scratch-path .build-fuzz -c release --show-bin-path)

status=0
for target in $TARGETS; do
    work="artifacts/fuzz/$target"
    mkdir -p "$work/corpus"
    case $target in
        FuzzFrontMatter) seeds=(Fuzz/corpus/frontmatter Fuzz/regressions/frontmatter) ;;
        FuzzImporter) seeds=(Fuzz/corpus/importer content/sources Tests/ImporterTests/Fixtures/html) ;;
        *) seeds=() ;;
    esac
    for folder in "${seeds[@]}"; do
        [ -d "$folder" ] && find "$folder" -maxdepth 1 -type f ! -name '.*' -exec cp -n {} "$work/corpus/" \;
    done
    echo "== $target for ${SECONDS_EACH}s (corpus: $work/corpus)"
    "$BIN/$target" "$work/corpus" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/" >"$work/log.txt" 2>&1
    code=$?
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done )' "$work/log.txt" | sed 's/^/  /'
    if [ $code -ne 0 ]; then
        status=1
        echo "  FINDING (exit $code): $(grep -E 'ERROR: libFuzzer|ERROR: AddressSanitizer|Fatal error|Test unit written' "$work/log.txt" | head -3)"
        echo "  log: $work/log.txt; turn the input into a regression test (Fuzz/README.md)"
    fi
done
exit $status
