#!/usr/bin/env bash
# Opens an HTML report in headless Chromium and checks the DOM the browser
# built, not the bytes we wrote: that cues are highlighted, that no script
# came from the input, that input markup shows as text, and that the chart
# is there. Also saves a screenshot to look at.
#
# usage: tests/browser/check.sh FILE [CLASS...]
#   FILE    the report
#   CLASS   cue categories that must each have a highlighted <mark>
# env: SCREENSHOT (default: report.png beside FILE)
#
# Exit status: 0 checks passed, 1 a check failed, 77 skipped (no browser,
# or it could not run here).
set -euo pipefail

file=$(realpath "$1")
shift
screenshot=${SCREENSHOT:-$(dirname "$file")/report.png}

skip() { echo "skipping: $*"; exit 77; }
fail() { echo "FAIL: $*"; failed=1; }

find_browser() { command -v chromium || command -v chromium-browser || true; }
browser=$(find_browser)
# Installing a browser is for CI (.ci/run installs it); a plain `cargo test`
# never installs anything.
[[ -n $browser ]] || skip "no chromium on PATH (.ci/run installs it: apt-get install chromium)"

profile=$(mktemp -d)
dom=$(mktemp)
trap 'rm -rf "$profile" "$dom"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --disable-dev-shm-usage --user-data-dir="$profile")

if ! timeout 60 "$browser" "${flags[@]}" --dump-dom "file://$file" >"$dom" 2>"$profile/stderr" || [[ ! -s $dom ]]; then
    tail -5 "$profile/stderr"
    skip "chromium could not render the page here"
fi
timeout 60 "$browser" "${flags[@]}" --hide-scrollbars --window-size=1200,1600 \
    --screenshot="$screenshot" "file://$file" >/dev/null 2>&1 ||
    echo "note: no screenshot (chromium failed to take one)"

failed=0
# Occurrences of a pattern (case-insensitive) in a file, the DOM by default.
count() { { grep -o -i -- "$1" "${2:-$dom}" || true; } | wc -l; }

# (a) highlighted cues with the expected classes.
[[ $(count '<mark class="cue ') -gt 0 ]] || fail "no highlighted cue (<mark class=\"cue ...\">) in the DOM"
for class in "$@"; do
    [[ $({ grep -c -E "<mark class=\"cue $class[ \"]" "$dom" || true; }) -gt 0 ]] ||
        fail "no highlighted cue of class $class"
done

# (b) the template has no script, so the DOM must have none; the input's
# script must be there as text, escaped once (not twice).
scripts_in_template=$(count '<script' "$file")
[[ $scripts_in_template == 0 ]] || fail "the report itself holds $scripts_in_template <script tag(s)"
[[ $(count '<script') == 0 ]] || fail "the DOM has a <script> element: input was not escaped"
[[ $(count '&lt;script&gt;alert(1)&lt;/script&gt;') -gt 0 ]] ||
    fail "the input's <script>alert(1)</script> does not show as text"
[[ $(count '&amp;lt;\|&amp;amp;\|&amp;quot;\|&amp;#39;') == 0 ]] || fail "text was escaped twice"

# (c) the chart.
[[ $(count '<svg') -gt 0 ]] || fail "no SVG chart"
[[ $(count '<circle ') -gt 0 ]] || fail "the chart has no points"
[[ $(count 'stroke-dasharray') -gt 0 ]] || fail "the chart has no dashed neutral line"

# The summary table links to a section that exists.
link=$({ grep -o 'href="#article-[^"]*"' "$dom" || true; } | head -1 | sed 's/href="#//; s/"$//')
[[ -n $link ]] || fail "the summary has no link to an article"
[[ -z $link ]] || grep -q "id=\"$link\"" "$dom" || fail "the summary links to #$link, which is not in the page"

if [[ $failed == 0 ]]; then
    echo "ok: cues, no script, escaped text, chart, links; screenshot $screenshot"
else
    echo "DOM kept at $file.dom.html"
    cp "$dom" "$file.dom.html"
    exit 1
fi
