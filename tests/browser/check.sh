#!/usr/bin/env bash
# Opens an HTML report in headless Chromium and checks the DOM the browser
# built, not the bytes we wrote: that cues are highlighted, that no script
# came from the input, that input markup shows as text, and that the chart
# is there. Then lays the page out at each width of WIDTHS and checks its
# structure there: nothing scrolls sideways, the summary table fits the
# window and its rows are one line, chart text is at least 10 px, no chart
# point covers a label, and (with CORPUS=1) the corpus view has its three
# charts, each with its table. Saves a screenshot at each width to look at.
#
# usage: tests/browser/check.sh FILE [CLASS...]
#   FILE    the report
#   CLASS   cue categories that must each have a highlighted <mark>
# env: WIDTHS     window widths to lay the page out at (default: 420 1400)
#      CORPUS     1: the page must have the corpus view
#      SHOTS      folder for the screenshots (default: beside FILE),
#                 named after FILE: report.html gives report-420.png
#
# Exit status: 0 checks passed, 1 a check failed, 77 skipped (no browser,
# or it could not run here).
set -euo pipefail

file=$(realpath "$1")
shift
shots=${SHOTS:-$(dirname "$file")}
widths=${WIDTHS:-420 1400}

skip() { echo "skipping: $*"; exit 77; }
fail() { echo "FAIL: $*"; failed=1; }

find_browser() { command -v chromium || command -v chromium-browser || true; }
browser=$(find_browser)
# Installing a browser is for CI (.ci/run installs it); a plain `cargo test`
# never installs anything.
[[ -n $browser ]] || skip "no chromium on PATH (.ci/run installs it: apt-get install chromium)"

profile=$(mktemp -d)
dom=$(mktemp)
probe=$(mktemp --suffix=.html -p "$(dirname "$file")")
trap 'rm -rf "$profile" "$dom" "$probe"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --disable-dev-shm-usage --user-data-dir="$profile")

if ! timeout 60 "$browser" "${flags[@]}" --dump-dom "file://$file" >"$dom" 2>"$profile/stderr" || [[ ! -s $dom ]]; then
    tail -5 "$profile/stderr"
    skip "chromium could not render the page here"
fi

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
# A report of input holding a script (the test's) shows it as text.
if [[ $(count 'alert(1)' "$file") -gt 0 ]]; then
    [[ $(count '&lt;script&gt;alert(1)&lt;/script&gt;') -gt 0 ]] ||
        fail "the input's <script>alert(1)</script> does not show as text"
fi
[[ $(count '&amp;lt;\|&amp;amp;\|&amp;quot;\|&amp;#39;') == 0 ]] || fail "text was escaped twice"

# (c) the chart.
[[ $(count '<svg') -gt 0 ]] || fail "no SVG chart"
[[ $(count '<circle ') -gt 0 ]] || fail "the chart has no points"
[[ $(count 'class="neutral"') -gt 0 ]] || fail "the chart has no dashed neutral line"

# The summary table links to a section that exists.
link=$({ grep -o 'href="#article-[^"]*"' "$dom" || true; } | head -1 | sed 's/href="#//; s/"$//')
[[ -n $link ]] || fail "the summary has no link to an article"
[[ -z $link ]] || grep -q "id=\"$link\"" "$dom" || fail "the summary links to #$link, which is not in the page"

# (d) the layout at each width, measured by a page of ours that holds the
# report in a frame of that width (the report itself runs no script).
write_probe() {
    cat >"$probe" <<EOF
<!doctype html><meta charset="utf-8"><body style="margin:0">
<iframe id="f" src="$(basename "$file")" width="$1" height="1000" style="border:0"></iframe>
<script>
var corpus = ${CORPUS:-0};
document.getElementById('f').addEventListener('load', function () {
  var d = this.contentDocument, fails = [];
  var shown = function (e) { var r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  var vw = d.documentElement.clientWidth;
  if (d.documentElement.scrollWidth > vw) fails.push('the page scrolls sideways: ' + d.documentElement.scrollWidth + ' px in ' + vw);
  var table = d.querySelector('.summary table');
  if (!table) fails.push('no summary table');
  else {
    var width = Math.round(table.getBoundingClientRect().width);
    if (width > vw) fails.push('the summary table is ' + width + ' px wide in a ' + vw + ' px window');
    var tallest = 0;
    table.querySelectorAll('tbody tr').forEach(function (r) { tallest = Math.max(tallest, r.getBoundingClientRect().height); });
    if (tallest > 40) fails.push('a summary row is ' + Math.round(tallest) + ' px tall');
  }
  var smallest = 99;
  d.querySelectorAll('svg text').forEach(function (t) {
    if (shown(t)) smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize));
  });
  if (smallest < 10) fails.push('chart text is ' + smallest + ' px');
  var covered = 0;
  d.querySelectorAll('figure').forEach(function (figure) {
    var labels = Array.prototype.filter.call(figure.querySelectorAll('svg text'), shown).map(function (t) { return t.getBoundingClientRect(); });
    figure.querySelectorAll('svg circle').forEach(function (c) {
      var p = c.getBoundingClientRect();
      labels.forEach(function (l) {
        if (p.left < l.right - 0.5 && l.left < p.right - 0.5 && p.top < l.bottom - 0.5 && l.top < p.bottom - 0.5) covered++;
      });
    });
  });
  if (covered > 0) fails.push(covered + ' chart points cover a label');
  if (corpus) {
    var figures = d.querySelectorAll('#corpus figure');
    if (figures.length !== 3) fails.push('the corpus view has ' + figures.length + ' charts, not 3');
    figures.forEach(function (f, i) {
      if (!f.querySelector('svg')) fails.push('corpus chart ' + (i + 1) + ' has no SVG');
      if (!f.querySelector('details table')) fails.push('corpus chart ' + (i + 1) + ' has no table');
      if (f.getBoundingClientRect().width > vw) fails.push('corpus chart ' + (i + 1) + ' is wider than the window');
    });
  }
  var out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = fails.length ? fails.map(function (f) { return 'FAIL: ' + f; }).join('\n') : 'ok';
  document.body.appendChild(out);
});
</script>
EOF
}

for width in $widths; do
    write_probe "$width"
    result=$(timeout 120 "$browser" "${flags[@]}" --allow-file-access-from-files --virtual-time-budget=10000 \
        --dump-dom "file://$probe" 2>/dev/null | sed -n '/<pre id="probe">/,/<\/pre>/p' |
        sed 's/<pre id="probe">//; s/<\/pre>.*//')
    if [[ -z $result ]]; then
        fail "at $width px: the layout could not be measured"
    elif [[ $result != ok ]]; then
        while IFS= read -r line; do fail "at $width px: ${line#FAIL: }"; done <<<"$result"
    fi
    timeout 120 "$browser" "${flags[@]}" --hide-scrollbars --window-size="$width,2400" \
        --screenshot="$shots/$(basename "$file" .html)-$width.png" "file://$file" >/dev/null 2>&1 ||
        echo "note: no screenshot at $width px (chromium failed to take one)"
done

if [[ $failed == 0 ]]; then
    echo "ok: cues, no script, escaped text, charts, links, layout at $widths px; screenshots in $shots"
else
    echo "DOM kept at $file.dom.html"
    cp "$dom" "$file.dom.html"
    exit 1
fi
