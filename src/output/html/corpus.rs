//! The corpus view at the top of a grouped report: the uncertain share per
//! period with its interval band, one line per group (the eight largest,
//! the rest folded into `other`); a dot-and-interval chart comparing the
//! groups; and a histogram of sentence certainty. Each chart is an inline
//! SVG with a title on every mark, followed by the same figures as a
//! table (in a `<details>`), for reading without the chart.

use std::collections::BTreeMap;

use super::markup::{escape, put};
use super::plot::{Frame, STRETCH_WIDTH, anchor, nice_max, ticks, x_labels, x_percent};
use crate::groups::{Estimate, Group, GroupTable, KeyValue, Tally};
use crate::report::CERTAINTY_BINS;

/// Lines of the chart over time; the other groups are folded into one.
const MAX_LINES: usize = 8;

/// Rows of the comparison; the other groups are folded into one.
const MAX_ROWS: usize = 20;

/// The name of the groups folded together.
const OTHER: &str = "other";

/// Line colours, told apart by readers with any colour vision (Okabe and
/// Ito's palette, its yellow swapped for a brown that reads on white);
/// `other` is grey.
const COLOURS: [&str; MAX_LINES] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#8c564b",
];
const OTHER_COLOUR: &str = "#999999";

/// Where the chart over time draws.
const OVER_TIME: Frame = Frame {
    top: 10.0,
    height: 200.0,
    bottom: 22.0,
};

/// Where the histogram draws.
const HISTOGRAM: Frame = Frame {
    top: 8.0,
    height: 140.0,
    bottom: 22.0,
};

/// Height of a row of the comparison: its label, then its interval.
const ROW: f64 = 36.0;

/// A group's articles by period, for the chart over time.
struct Series {
    label: String,
    points: BTreeMap<String, Tally>,
    articles: u64,
}

/// Writes the corpus view of `table`.
pub(super) fn corpus_view(table: &GroupTable, out: &mut Vec<u8>) {
    out.extend_from_slice(b"<section class=\"corpus\" id=\"corpus\">\n<h2>Corpus</h2>\n");
    overview(&table.all.tally, out);
    if let Some(period) = table.spec.period {
        over_time(table, period.as_str(), out);
    }
    compare(table, out);
    histogram(&table.all.tally, out);
    out.extend_from_slice(b"</section>\n");
}

/// The whole run's figures in a sentence.
fn overview(tally: &Tally, out: &mut Vec<u8>) {
    let figures = tally.figures();
    put(
        out,
        format_args!(
            "<p class=\"note\">{} articles, {} sentences: {} of sentences uncertain, mean article \
             certainty {}, {} hedges per 1,000 words. Each figure's 95% interval is in brackets \
             (articles are the unit of sampling: sentences of one article go together).</p>\n",
            tally.articles,
            tally.sentences,
            shown(figures.uncertain_share, true),
            shown(figures.certainty, false),
            shown_rate(figures.hedges_per_1000_words),
        ),
    );
}

/// An estimate as text: a percentage (`share`) or three places, with its
/// interval.
fn shown(estimate: Estimate, share: bool) -> String {
    let text = |x: f64| {
        if share {
            format!("{:.1}%", 100.0 * x)
        } else {
            format!("{x:.3}")
        }
    };
    match (estimate.value, estimate.interval) {
        (Some(x), Some((low, high))) => format!("{} ({}–{})", text(x), text(low), text(high)),
        (Some(x), None) => text(x),
        _ => "–".to_string(),
    }
}

fn shown_rate(estimate: Estimate) -> String {
    match (estimate.value, estimate.interval) {
        (Some(x), Some((low, high))) => format!("{x:.1} ({low:.1}–{high:.1})"),
        (Some(x), None) => format!("{x:.1}"),
        _ => "–".to_string(),
    }
}

/// The groups' keys without the period, as one label; `all` for none.
fn series_label(key: &[KeyValue]) -> String {
    if key.is_empty() {
        return crate::groups::ALL.to_string();
    }
    key.iter()
        .map(KeyValue::label)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The lines of the chart over time: the groups without their period,
/// the largest [`MAX_LINES`] and the rest folded into `other`; and the
/// periods, in order. Articles without a date are left out (counted).
fn series(table: &GroupTable) -> (Vec<String>, Vec<Series>, u64) {
    let mut by_key: BTreeMap<Vec<KeyValue>, Series> = BTreeMap::new();
    let mut periods = std::collections::BTreeSet::new();
    let mut undated = 0;
    let categories = table.categories.len();
    for group in &table.groups {
        let (key, period) = group.key.split_at(group.key.len() - 1);
        let KeyValue::Period(period) = &period[0] else {
            undated += group.tally.articles;
            continue;
        };
        periods.insert(period.clone());
        let series = by_key.entry(key.to_vec()).or_insert_with(|| Series {
            label: series_label(key),
            points: BTreeMap::new(),
            articles: 0,
        });
        series.articles += group.tally.articles;
        series
            .points
            .entry(period.clone())
            .or_insert_with(|| Tally::new(categories))
            .merge(&group.tally);
    }
    let mut lines: Vec<Series> = by_key.into_values().collect();
    lines.sort_by_key(|s| std::cmp::Reverse(s.articles));
    if lines.len() > MAX_LINES {
        let rest = lines.split_off(MAX_LINES - 1);
        let mut other = Series {
            label: OTHER.to_string(),
            points: BTreeMap::new(),
            articles: 0,
        };
        for series in rest {
            other.articles += series.articles;
            for (period, tally) in series.points {
                other
                    .points
                    .entry(period)
                    .or_insert_with(|| Tally::new(categories))
                    .merge(&tally);
            }
        }
        lines.push(other);
    }
    (periods.into_iter().collect(), lines, undated)
}

fn colour(i: usize, label: &str) -> &'static str {
    if label == OTHER {
        OTHER_COLOUR
    } else {
        COLOURS[i % COLOURS.len()]
    }
}

/// The uncertain share per period, a line and a band per group.
fn over_time(table: &GroupTable, period: &str, out: &mut Vec<u8>) {
    let (periods, lines, undated) = series(table);
    put(out, format_args!("<h3>Uncertain share by {period}</h3>\n"));
    if periods.is_empty() {
        out.extend_from_slice(b"<p class=\"note\">No article has a date.</p>\n");
        return;
    }
    let highest = lines
        .iter()
        .flat_map(|s| s.points.values())
        .filter_map(|t| {
            let share = t.figures().uncertain_share;
            share.interval.map(|(_, high)| high).or(share.value)
        })
        .fold(0.0, f64::max);
    let max = nice_max(highest);
    out.extend_from_slice(b"<figure>");
    keys(&lines, out);
    let label = format!("Share of sentences uncertain by {period}, with 95% intervals");
    OVER_TIME.open(&ticks(max, true), max, &label, out);
    OVER_TIME.open_stretched(out);
    for (i, series) in lines.iter().enumerate() {
        stretched_line(series, &periods, max, colour(i, &series.label), out);
    }
    out.extend_from_slice(b"</svg>");
    for (i, series) in lines.iter().enumerate() {
        points(series, &periods, max, colour(i, &series.label), out);
    }
    period_labels(&periods, out);
    Frame::close(out);
    let left_out = if undated > 0 {
        format!(" {undated} articles without a date are left out.")
    } else {
        String::new()
    };
    put(
        out,
        format_args!(
            "<figcaption>Each line is a group's share of sentences labelled uncertain, its band \
             the 95% interval; hover over a point for its figures.{left_out}</figcaption>\n"
        ),
    );
    over_time_table(&lines, &periods, out);
    out.extend_from_slice(b"</figure>\n");
}

/// The legend of the lines.
fn keys(lines: &[Series], out: &mut Vec<u8>) {
    out.extend_from_slice(b"<ul class=\"keys\">");
    for (i, series) in lines.iter().enumerate() {
        put(
            out,
            format_args!(
                "<li><span class=\"swatch\" style=\"background:{}\"></span>",
                colour(i, &series.label)
            ),
        );
        escape(&series.label, out);
        out.extend_from_slice(b"</li>");
    }
    out.extend_from_slice(b"</ul>\n");
}

/// Runs of consecutive periods in which `series` has a value (`interval`:
/// an interval), each as (position, estimate) pairs.
fn runs(series: &Series, periods: &[String], interval: bool) -> Vec<Vec<(usize, Estimate)>> {
    let mut runs = vec![Vec::new()];
    for (i, period) in periods.iter().enumerate() {
        let estimate = series
            .points
            .get(period)
            .map(|t| t.figures().uncertain_share);
        match estimate {
            Some(e) if e.value.is_some() && (!interval || e.interval.is_some()) => {
                runs.last_mut().expect("one run").push((i, e));
            }
            _ => runs.push(Vec::new()),
        }
    }
    runs.retain(|run| !run.is_empty());
    runs
}

/// A series' band and line, in the stretched SVG.
fn stretched_line(series: &Series, periods: &[String], max: f64, colour: &str, out: &mut Vec<u8>) {
    let n = periods.len();
    let x = |i: usize| STRETCH_WIDTH * x_percent(i, n, 2.0) / 100.0;
    for run in runs(series, periods, true) {
        put(
            out,
            format_args!("<polygon class=\"band\" fill=\"{colour}\" points=\""),
        );
        for (i, e) in &run {
            let high = e.interval.expect("a run of intervals").1;
            put(
                out,
                format_args!("{:.1},{:.1} ", x(*i), OVER_TIME.stretched_y(high, max)),
            );
        }
        for (i, e) in run.iter().rev() {
            let low = e.interval.expect("a run of intervals").0;
            put(
                out,
                format_args!("{:.1},{:.1} ", x(*i), OVER_TIME.stretched_y(low, max)),
            );
        }
        out.extend_from_slice(b"\"/>");
    }
    for run in runs(series, periods, false) {
        put(
            out,
            format_args!(
                "<polyline class=\"line\" stroke=\"{colour}\" vector-effect=\"non-scaling-stroke\" points=\""
            ),
        );
        for (i, e) in &run {
            let value = e.value.expect("a run of values");
            put(
                out,
                format_args!("{:.1},{:.1} ", x(*i), OVER_TIME.stretched_y(value, max)),
            );
        }
        out.extend_from_slice(b"\"/>");
    }
}

/// A series' points, each with its figures in its title.
fn points(series: &Series, periods: &[String], max: f64, colour: &str, out: &mut Vec<u8>) {
    let n = periods.len();
    for (i, period) in periods.iter().enumerate() {
        let Some(tally) = series.points.get(period) else {
            continue;
        };
        let share = tally.figures().uncertain_share;
        let Some(value) = share.value else { continue };
        put(
            out,
            format_args!(
                "<circle cx=\"{x:.2}%\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{colour}\"><title>",
                x = x_percent(i, n, 2.0),
                y = OVER_TIME.y(value, max),
            ),
        );
        escape(&series.label, out);
        put(
            out,
            format_args!(
                ", {period}: {} uncertain, {} articles</title></circle>",
                shown(share, true),
                tally.articles
            ),
        );
    }
}

/// The periods' labels under the chart, as many as fit.
fn period_labels(periods: &[String], out: &mut Vec<u8>) {
    let n = periods.len();
    let widest = periods.iter().map(|p| p.len()).max().unwrap_or(1);
    // About 6.5 px a character at 11 px, in some 330 px of a phone's plot;
    // a wide page shows as many again (the minor ones).
    let room = (330 / (widest * 7 + 12)).max(2);
    let y = OVER_TIME.label_y();
    for (i, minor) in x_labels(n, room) {
        let class = if minor { " class=\"minor\"" } else { "" };
        put(
            out,
            format_args!(
                "<text{class} x=\"{x:.2}%\" y=\"{y}\" text-anchor=\"{a}\">",
                x = x_percent(i, n, 2.0),
                a = anchor(i, n)
            ),
        );
        escape(&periods[i], out);
        out.extend_from_slice(b"</text>");
    }
}

/// The chart over time as a table: one row per group and period.
fn over_time_table(lines: &[Series], periods: &[String], out: &mut Vec<u8>) {
    fallback_start(
        &[
            "group",
            "period",
            "articles",
            "uncertain share (95% interval)",
        ],
        out,
    );
    for series in lines {
        for period in periods {
            let Some(tally) = series.points.get(period) else {
                continue;
            };
            out.extend_from_slice(b"<tr><td>");
            escape(&series.label, out);
            out.extend_from_slice(b"</td><td>");
            escape(period, out);
            let share = shown(tally.figures().uncertain_share, true);
            put(
                out,
                format_args!(
                    "</td><td class=\"n\">{}</td><td class=\"n\">{share}</td></tr>",
                    tally.articles
                ),
            );
        }
    }
    fallback_end(out);
}

/// The groups pooled over their periods (or, with only a period, the
/// periods), the largest [`MAX_ROWS`] and the rest as `other`, then the
/// whole run.
fn pooled(table: &GroupTable) -> Vec<(String, Tally)> {
    // Without keys the groups are the periods themselves.
    let width = match table.spec.keys.len() {
        0 => table.groups.first().map_or(0, |g| g.key.len()),
        keys => keys,
    };
    let categories = table.categories.len();
    let mut merged: BTreeMap<Vec<KeyValue>, Tally> = BTreeMap::new();
    for Group { key, tally, .. } in &table.groups {
        merged
            .entry(key[..width].to_vec())
            .or_insert_with(|| Tally::new(categories))
            .merge(tally);
    }
    let mut rows: Vec<(String, Tally)> = merged
        .into_iter()
        .map(|(key, tally)| (series_label(&key), tally))
        .collect();
    if rows.len() > MAX_ROWS {
        rows.sort_by_key(|(_, t)| std::cmp::Reverse(t.articles));
        let rest = rows.split_off(MAX_ROWS - 1);
        let mut other = Tally::new(categories);
        rest.iter().for_each(|(_, tally)| other.merge(tally));
        rows.push((OTHER.to_string(), other));
    }
    rows.push((crate::groups::ALL.to_string(), table.all.tally.clone()));
    rows
}

/// A dot for each group's uncertain share, a line for its interval.
fn compare(table: &GroupTable, out: &mut Vec<u8>) {
    let rows = pooled(table);
    let what = if table.spec.keys.is_empty() {
        "period"
    } else {
        "group"
    };
    put(
        out,
        format_args!("<h3>Uncertain share by {what}</h3>\n<figure>"),
    );
    let highest = rows
        .iter()
        .filter_map(|(_, t)| {
            let share = t.figures().uncertain_share;
            share.interval.map(|(_, high)| high).or(share.value)
        })
        .fold(0.0, f64::max);
    let max = nice_max(highest);
    let height = ROW * rows.len() as f64 + 24.0;
    put(
        out,
        format_args!(
            "<svg width=\"100%\" height=\"{height}\" role=\"img\" aria-label=\"Share of sentences uncertain by {what}, with 95% intervals\">"
        ),
    );
    let x = |v: f64| 1.0 + 97.0 * (v / max).clamp(0.0, 1.0);
    let ticks = ticks(max, true);
    for (k, (value, text)) in ticks.iter().enumerate() {
        let at = x(*value);
        put(
            out,
            format_args!(
                "<line class=\"grid\" x1=\"{at:.2}%\" x2=\"{at:.2}%\" y1=\"0\" y2=\"{y}\"/>\
                 <text x=\"{at:.2}%\" y=\"{ty}\" text-anchor=\"{a}\">{text}</text>",
                y = height - 20.0,
                ty = height - 6.0,
                a = anchor(k, ticks.len()),
            ),
        );
    }
    for (k, (label, tally)) in rows.iter().enumerate() {
        dot_row(k as f64 * ROW, label, tally, &x, out);
    }
    out.extend_from_slice(
        b"</svg><figcaption>Each dot is a group's share of sentences labelled \
        uncertain; its line, the 95% interval.</figcaption>\n",
    );
    compare_table(&rows, out);
    out.extend_from_slice(b"</figure>\n");
}

/// One row of the comparison: the label above, the interval and the dot.
fn dot_row(top: f64, label: &str, tally: &Tally, x: &dyn Fn(f64) -> f64, out: &mut Vec<u8>) {
    let share = tally.figures().uncertain_share;
    out.extend_from_slice(b"<g><title>");
    escape(label, out);
    put(
        out,
        format_args!(
            ": {} uncertain, {} articles</title>",
            shown(share, true),
            tally.articles
        ),
    );
    put(out, format_args!("<text x=\"1%\" y=\"{:.1}\">", top + 12.0));
    escape(&label_end(label), out);
    put(out, format_args!(" — {}</text>", shown(share, true)));
    let y = top + 24.0;
    if let Some((low, high)) = share.interval {
        put(
            out,
            format_args!(
                "<line class=\"range\" stroke=\"#1f5fa8\" x1=\"{:.2}%\" x2=\"{:.2}%\" y1=\"{y}\" y2=\"{y}\"/>",
                x(low),
                x(high)
            ),
        );
    }
    if let Some(value) = share.value {
        put(
            out,
            format_args!(
                "<circle cx=\"{:.2}%\" cy=\"{y}\" r=\"4.5\" fill=\"#1f5fa8\"/>",
                x(value)
            ),
        );
    }
    out.extend_from_slice(b"</g>");
}

/// The most characters of a group's name a chart label shows: with its
/// figures it then fits a 420 px window. The whole name is in the title.
const LABEL_CHARS: usize = 24;

/// The end of a long group name (a folder's path differs at its end),
/// after an ellipsis; a short one whole.
fn label_end(label: &str) -> String {
    let chars = label.chars().count();
    if chars <= LABEL_CHARS {
        return label.to_string();
    }
    let tail: String = label.chars().skip(chars - (LABEL_CHARS - 1)).collect();
    format!("…{tail}")
}

/// The comparison as a table, with every figure's interval.
fn compare_table(rows: &[(String, Tally)], out: &mut Vec<u8>) {
    let headings = [
        "group",
        "articles",
        "sentences",
        "uncertain share",
        "mean certainty",
        "hedges per 1,000 words",
    ];
    fallback_start(&headings, out);
    for (label, tally) in rows {
        let figures = tally.figures();
        out.extend_from_slice(b"<tr><td>");
        escape(label, out);
        put(
            out,
            format_args!(
                "</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                tally.articles,
                tally.sentences,
                shown(figures.uncertain_share, true),
                shown(figures.certainty, false),
                shown_rate(figures.hedges_per_1000_words),
            ),
        );
    }
    fallback_end(out);
}

/// The sentences of the run by certainty.
fn histogram(tally: &Tally, out: &mut Vec<u8>) {
    out.extend_from_slice(b"<h3>Sentences by certainty</h3>\n<figure>");
    let bins = &tally.certainty_bins;
    let max = nice_max(bins.iter().copied().max().unwrap_or(0) as f64);
    let labels: Vec<(f64, String)> = (0..=4)
        .map(|k| {
            let value = max * k as f64 / 4.0;
            (value, format!("{value}"))
        })
        .collect();
    HISTOGRAM.open(&labels, max, "Sentences by certainty, in bins of 0.05", out);
    bars(bins, tally.sentences, max, out);
    let y = HISTOGRAM.label_y();
    for k in 0..=4 {
        let value = k as f64 / 4.0;
        put(
            out,
            format_args!(
                "<text x=\"{x}%\" y=\"{y}\" text-anchor=\"{a}\">{value}</text>",
                x = 100.0 * value,
                a = anchor(k, 5)
            ),
        );
    }
    Frame::close(out);
    out.extend_from_slice(
        b"<figcaption>Sentences by certainty, from 0 (left) to 1; the tallest bar is mostly sentences \
          without cues, at the neutral certainty.</figcaption>\n",
    );
    histogram_table(bins, tally.sentences, out);
    out.extend_from_slice(b"</figure>\n");
}

/// The bins from certainty `i / CERTAINTY_BINS` up, each with its range.
fn bin_range(i: usize) -> (f64, f64) {
    let width = 1.0 / CERTAINTY_BINS as f64;
    (i as f64 * width, (i + 1) as f64 * width)
}

/// A bar per bin of `sentences` sentences, on a scale to `max`.
fn bars(bins: &[u64], sentences: u64, max: f64, out: &mut Vec<u8>) {
    let total = sentences.max(1) as f64;
    for (i, &n) in bins.iter().enumerate() {
        let y = HISTOGRAM.y(n as f64, max);
        let (from, to) = bin_range(i);
        put(
            out,
            format_args!(
                "<rect class=\"bar\" x=\"{x:.2}%\" width=\"{w:.2}%\" y=\"{y:.1}\" height=\"{h:.1}\">\
                 <title>certainty {from:.2}–{to:.2}: {n} sentences ({p:.1}%)</title></rect>",
                x = 100.0 * (from + 0.1 * (to - from)),
                w = 100.0 * 0.8 * (to - from),
                h = HISTOGRAM.top + HISTOGRAM.height - y,
                p = 100.0 * n as f64 / total,
            ),
        );
    }
}

fn histogram_table(bins: &[u64], sentences: u64, out: &mut Vec<u8>) {
    let total = sentences.max(1) as f64;
    fallback_start(&["certainty", "sentences", "share"], out);
    for (i, &n) in bins.iter().enumerate() {
        let (from, to) = bin_range(i);
        put(
            out,
            format_args!(
                "<tr><td>{from:.2}–{to:.2}</td><td class=\"n\">{n}</td><td class=\"n\">{p:.1}%</td></tr>",
                p = 100.0 * n as f64 / total
            ),
        );
    }
    fallback_end(out);
}

/// Opens a chart's table, folded under "The chart as a table".
fn fallback_start(headings: &[&str], out: &mut Vec<u8>) {
    out.extend_from_slice(
        b"<details class=\"fallback\"><summary>The chart as a table</summary><div class=\"scroll\"><table><thead><tr>",
    );
    for heading in headings {
        put(out, format_args!("<th scope=\"col\">{heading}</th>"));
    }
    out.extend_from_slice(b"</tr></thead><tbody>");
}

fn fallback_end(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</tbody></table></div></details>\n");
}

#[cfg(test)]
mod tests {
    use super::{LABEL_CHARS, label_end};

    #[test]
    fn a_long_group_name_shows_its_end() {
        let long = "/data/archive/articles/bbc-news/entertainment";
        assert_eq!(label_end(long), "…/bbc-news/entertainment");
        assert_eq!(label_end(long).chars().count(), LABEL_CHARS);
        assert_eq!(label_end("outlet A · 2024-03"), "outlet A · 2024-03");
    }
}
