#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for FUZZ_SECONDS seconds each (60 by
# default), one after another, and exits non-zero on the first crash.
#
#   tests/fuzz.sh                     # all targets, 60 s each
#   FUZZ_SECONDS=300 tests/fuzz.sh    # longer
#   tests/fuzz.sh score_text pipeline # only some targets
#
# libFuzzer needs nightly features; RUSTC_BOOTSTRAP=1 unlocks them on stable.
# A crash leaves its input in fuzz/artifacts/TARGET/; replay it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-...
# and shrink it with `cargo fuzz tmin TARGET fuzz/artifacts/TARGET/crash-...`.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
# Inputs up to 1 MiB (FUZZ_MAX_LEN): past the longest --lines line, and
# read_table picks small row and column limits itself, so the bounds are
# reached (libFuzzer's default, 4 KB, and the old 64 KB reached neither).
max_len="${FUZZ_MAX_LEN:-1048576}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install --locked cargo-fuzz
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

for target in "${targets[@]}"; do
    echo "fuzz.sh: $target for ${seconds}s" >&2
    # The seed corpus is kept in git; new inputs go to a scratch folder so
    # that a run does not grow the committed corpus.
    scratch="fuzz/target/corpus/$target"
    mkdir -p "$scratch" "fuzz/corpus/$target"
    extra=()
    asan="${ASAN_OPTIONS:-}"
    # The pipeline runs threads, and LeakSanitizer reports what a finished
    # thread still holds while it is being torn down (std's channel context,
    # the thread's own handle) as leaks: per input (-detect_leaks=0) and,
    # now and then, once more at exit (detect_leaks=0 for AddressSanitizer).
    # False positives: the other targets keep the leak check.
    if [ "$target" = pipeline ]; then
        extra+=(-detect_leaks=0)
        asan="detect_leaks=0${asan:+:$asan}"
    fi
    if ! ASAN_OPTIONS="$asan" cargo fuzz run "$target" "$scratch" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=30 "${extra[@]}"; then
        echo "fuzz.sh: $target crashed; the input is in fuzz/artifacts/$target/" >&2
        exit 1
    fi
done
echo "fuzz.sh: no crashes in ${targets[*]}" >&2
