//! What every chart of the report is drawn with. A chart is two inline
//! SVGs side by side: a narrow one with the y axis's labels, and the plot,
//! as wide as the page, whose x positions are percentages of its width and
//! whose y positions are pixels. So text keeps its size (11 px, from the
//! stylesheet) at any width, where a scaled drawing shrank its labels to
//! 5 px on a phone; lines through points are drawn in a nested SVG
//! stretched to the plot, their strokes unscaled.

use super::markup::put;

/// The plot's top margin and the height of its drawing area, in pixels.
pub(super) struct Frame {
    pub(super) top: f64,
    pub(super) height: f64,
    /// Pixels under the drawing area, for the x axis's labels.
    pub(super) bottom: f64,
}

/// Points of lines drawn in the stretched SVG span this many units across.
pub(super) const STRETCH_WIDTH: f64 = 1000.0;

impl Frame {
    /// The whole height.
    pub(super) fn outer(&self) -> f64 {
        self.top + self.height + self.bottom
    }

    /// The pixel y of `value` on a scale from 0 to `max`.
    pub(super) fn y(&self, value: f64, max: f64) -> f64 {
        self.top + self.height * (1.0 - (value / max).clamp(0.0, 1.0))
    }

    /// The y of `value` in the stretched SVG, whose height is the drawing
    /// area's in pixels.
    pub(super) fn stretched_y(&self, value: f64, max: f64) -> f64 {
        self.y(value, max) - self.top
    }

    /// The baseline of the x axis's labels.
    pub(super) fn label_y(&self) -> f64 {
        self.top + self.height + 15.0
    }

    /// Opens the y axis, with `labels` at their values on a scale to
    /// `max`, then the plot's SVG, described by `label`. Grid lines are
    /// drawn at each labelled value.
    pub(super) fn open(&self, labels: &[(f64, String)], max: f64, label: &str, out: &mut Vec<u8>) {
        put(
            out,
            format_args!(
                "<div class=\"plot\"><svg class=\"axis\" width=\"42\" height=\"{h}\" aria-hidden=\"true\">",
                h = self.outer()
            ),
        );
        for (value, text) in labels {
            let y = self.y(*value, max) + 4.0;
            put(
                out,
                format_args!("<text x=\"36\" y=\"{y:.1}\" text-anchor=\"end\">{text}</text>"),
            );
        }
        put(
            out,
            format_args!(
                "</svg><svg width=\"100%\" height=\"{h}\" role=\"img\" aria-label=\"",
                h = self.outer()
            ),
        );
        super::markup::escape(label, out);
        out.extend_from_slice(b"\">");
        for (value, _) in labels {
            let y = self.y(*value, max);
            put(
                out,
                format_args!(
                    "<line class=\"grid\" x1=\"0\" x2=\"100%\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>"
                ),
            );
        }
    }

    /// Opens the stretched SVG over the drawing area.
    pub(super) fn open_stretched(&self, out: &mut Vec<u8>) {
        put(
            out,
            format_args!(
                "<svg y=\"{top}\" width=\"100%\" height=\"{h}\" viewBox=\"0 0 {STRETCH_WIDTH} {h}\" preserveAspectRatio=\"none\">",
                top = self.top,
                h = self.height
            ),
        );
    }

    /// Closes the plot and its axis.
    pub(super) fn close(out: &mut Vec<u8>) {
        out.extend_from_slice(b"</svg></div>\n");
    }
}

/// The x of the `i`th of `n` positions, in percent of the plot's width,
/// inset by `inset` percent at each end so that points stay whole.
pub(super) fn x_percent(i: usize, n: usize, inset: f64) -> f64 {
    if n <= 1 {
        50.0
    } else {
        inset + (100.0 - 2.0 * inset) * i as f64 / (n - 1) as f64
    }
}

/// Labels for the x axis at the `i`th of `n` positions: those a narrow
/// page has room for (`room`: the first, the last and evenly between), and
/// on a wide page the others too when there are at most twice as many, or
/// else one halfway between each two, marked minor (hidden on a narrow
/// page). Returns (position, minor), in order.
pub(super) fn x_labels(n: usize, room: usize) -> Vec<(usize, bool)> {
    let major = spaced(n, room);
    if n <= 2 * room {
        return (0..n).map(|i| (i, !major.contains(&i))).collect();
    }
    let mut labels = Vec::new();
    for (k, &at) in major.iter().enumerate() {
        if let Some(&before) = k.checked_sub(1).and_then(|k| major.get(k))
            && at - before >= 2
        {
            labels.push(((before + at) / 2, true));
        }
        labels.push((at, false));
    }
    labels
}

/// At most about `room` of `n` positions: the first, the last and evenly
/// between, none nearer the last than the step.
fn spaced(n: usize, room: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let step = n.div_ceil(room.max(1)).max(1);
    let mut at: Vec<usize> = (0..n).step_by(step).collect();
    let last = *at.last().unwrap_or(&0);
    if last != n - 1 {
        // The last label replaces one too near it.
        if n - 1 - last < step && at.len() > 1 {
            at.pop();
        }
        at.push(n - 1);
    }
    at
}

/// The anchor of a label at the `i`th of `n` positions: the ends' labels
/// lean inwards, so that they are not cut at the plot's edges.
pub(super) fn anchor(i: usize, n: usize) -> &'static str {
    if n > 1 && i == 0 {
        "start"
    } else if n > 1 && i == n - 1 {
        "end"
    } else {
        "middle"
    }
}

/// A round top for a scale whose highest value is `max`: the next of 1,
/// 2, 4, 6 or 8 times a power of ten, whose quarters (the grid) are
/// round too.
pub(super) fn nice_max(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|top| *top >= max * 0.999_999)
        .unwrap_or(10.0 * power)
}

/// Five labels from 0 to `max`, as percentages (`share`) or plain numbers.
pub(super) fn ticks(max: f64, share: bool) -> Vec<(f64, String)> {
    (0..=4)
        .map(|k| {
            let value = max * k as f64 / 4.0;
            let text = if share {
                format!("{}%", trim(100.0 * value))
            } else {
                trim(value)
            };
            (value, text)
        })
        .collect()
}

/// A number with no more places than it needs (at most two).
fn trim(x: f64) -> String {
    let text = format!("{x:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_labels_table() {
        // (positions, room, labels on a narrow page, labels on a wide one)
        let table: &[(usize, usize, &[usize], &[usize])] = &[
            (1, 5, &[0], &[0]),
            (2, 5, &[0, 1], &[0, 1]),
            (6, 5, &[0, 2, 5], &[0, 1, 2, 3, 4, 5]),
            (6, 3, &[0, 2, 5], &[0, 1, 2, 3, 4, 5]),
            (12, 2, &[0, 11], &[0, 5, 11]),
            (
                53,
                5,
                &[0, 11, 22, 33, 52],
                &[0, 5, 11, 16, 22, 27, 33, 42, 52],
            ),
            (0, 5, &[], &[]),
        ];
        for (n, room, narrow, wide) in table {
            let labels = x_labels(*n, *room);
            let shown: Vec<usize> = labels
                .iter()
                .filter(|(_, minor)| !minor)
                .map(|(i, _)| *i)
                .collect();
            let all: Vec<usize> = labels.iter().map(|(i, _)| *i).collect();
            assert_eq!(
                (shown.as_slice(), all.as_slice()),
                (*narrow, *wide),
                "{n} {room}"
            );
        }
    }

    #[test]
    fn nice_max_table() {
        for (max, top) in [
            (0.23, 0.4),
            (0.19, 0.2),
            (0.5, 0.6),
            (0.66, 0.8),
            (1.0, 1.0),
            (37.0, 40.0),
            (0.0, 1.0),
            (8.1, 10.0),
        ] {
            assert!(
                (nice_max(max) - top).abs() < 1e-12,
                "{max}: {}",
                nice_max(max)
            );
        }
    }
}
