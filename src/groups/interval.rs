//! 95% confidence intervals from running sums, with articles as clusters.
//!
//! Sentences of one article are not independent draws: an article on a
//! forecast hedges sentence after sentence. So the unit of sampling is the
//! article, and every interval here is built from per-article sums:
//!
//! - a pooled share or rate (uncertain sentences per sentence, hedges per
//!   word) is a ratio estimator `R = Σy / Σn` over articles; its variance
//!   is the linearisation (delta-method) cluster-robust variance
//!   `m / (m − 1) · Σ(yᵢ − R·nᵢ)² / (Σn)²`, where `Σ(yᵢ − R·nᵢ)²` expands
//!   into `Σy² − 2R·Σyn + R²·Σn²`, so five running sums serve it;
//! - a mean of article figures (the mean article certainty) is an ordinary
//!   mean over articles, its variance `s² / m` kept by Welford's update.
//!
//! The interval's half-width is `t(m − 1) · √variance`, Student's t with
//! one degree of freedom fewer than articles, which widens it where a group
//! has few articles. A share's interval is made on the logit scale and a
//! rate's on the log scale ([`Transform`]), so that it stays within the
//! bounds and is asymmetric where the estimate is near one; a mean's is
//! the mean ± the half-width, kept within [0, 1]. A group with fewer than
//! two articles has no interval, nor has a share of 0 or 1 or a rate of 0.

/// The level of every interval.
pub const LEVEL: f64 = 0.95;

/// The standard normal quantile at `(1 + LEVEL) / 2`.
const Z: f64 = 1.959_963_984_540_054;

/// An estimate with its interval, when it has one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The estimate; `None` when there is nothing to estimate from.
    pub value: Option<f64>,
    /// The interval's ends, lower first.
    pub interval: Option<(f64, f64)>,
}

impl Estimate {
    /// Nothing to estimate from.
    pub const NONE: Estimate = Estimate {
        value: None,
        interval: None,
    };
}

/// Running sums for a ratio `Σy / Σn` over clusters.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RatioSums {
    /// Clusters added.
    pub clusters: u64,
    /// Σy.
    pub y: f64,
    /// Σn.
    pub n: f64,
    /// Σy².
    pub yy: f64,
    /// Σyn.
    pub yn: f64,
    /// Σn².
    pub nn: f64,
}

impl RatioSums {
    /// Adds a cluster with `y` of `n`.
    pub fn add(&mut self, y: f64, n: f64) {
        self.clusters += 1;
        self.y += y;
        self.n += n;
        self.yy += y * y;
        self.yn += y * n;
        self.nn += n * n;
    }

    /// Adds another set of clusters.
    pub fn merge(&mut self, other: &RatioSums) {
        self.clusters += other.clusters;
        self.y += other.y;
        self.n += other.n;
        self.yy += other.yy;
        self.yn += other.yn;
        self.nn += other.nn;
    }

    /// `scale · Σy / Σn` with its interval, made on the scale `on`
    /// (see the module's docs).
    pub fn estimate(&self, scale: f64, on: Transform) -> Estimate {
        if self.n <= 0.0 {
            return Estimate::NONE;
        }
        let ratio = self.y / self.n;
        let interval = (self.clusters >= 2).then(|| {
            let m = self.clusters as f64;
            let squares = (self.yy - 2.0 * ratio * self.yn + ratio * ratio * self.nn).max(0.0);
            let variance = m / (m - 1.0) * squares / (self.n * self.n);
            let half = t_quantile(self.clusters - 1) * variance.sqrt();
            on.interval(ratio, half)
        });
        Estimate {
            value: Some(scale * ratio),
            interval: interval
                .flatten()
                .map(|(low, high)| (scale * low, scale * high)),
        }
    }
}

/// The scale an interval is made on, where the estimate's sampling
/// distribution is nearer symmetric than on its own: a share near 0 or 1,
/// or a rate near 0, from few articles is skewed, and an interval of
/// estimate ± half-width there misses the true value too often on the
/// side of the bound (in the simulation of `tests/groups.rs`, 92.8% of
/// intervals of 12 articles covered where 95% should; 95.2% on the logit
/// scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transform {
    /// A share from 0 to 1: `ln(p / (1 − p))`, half-width `h / (p(1 − p))`.
    Logit,
    /// A rate of 0 or more: `ln(r)`, half-width `h / r`.
    Log,
}

impl Transform {
    /// The interval of `estimate` whose half-width on its own scale is
    /// `half`, made on this scale; none at a bound (a share of 0 or 1, a
    /// rate of 0), where the variance is 0 and no interval can be told.
    fn interval(self, estimate: f64, half: f64) -> Option<(f64, f64)> {
        match self {
            Transform::Logit if estimate > 0.0 && estimate < 1.0 => {
                let centre = (estimate / (1.0 - estimate)).ln();
                let half = half / (estimate * (1.0 - estimate));
                let back = |x: f64| 1.0 / (1.0 + (-x).exp());
                Some((back(centre - half), back(centre + half)))
            }
            Transform::Log if estimate > 0.0 => {
                let half = half / estimate;
                Some((estimate * (-half).exp(), estimate * half.exp()))
            }
            _ => None,
        }
    }
}

/// A running mean and variance (Welford's update, which stays accurate
/// where sums of squares would cancel).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MeanSums {
    /// Values added.
    pub count: u64,
    mean: f64,
    /// Σ(x − mean)².
    squares: f64,
}

impl MeanSums {
    /// Adds a value.
    pub fn add(&mut self, x: f64) {
        self.count += 1;
        let delta = x - self.mean;
        self.mean += delta / self.count as f64;
        self.squares += delta * (x - self.mean);
    }

    /// Adds another set of values (Chan, Golub and LeVeque's merge).
    pub fn merge(&mut self, other: &MeanSums) {
        if other.count == 0 {
            return;
        }
        let count = self.count + other.count;
        let delta = other.mean - self.mean;
        let weight = other.count as f64 / count as f64;
        self.squares += other.squares + delta * delta * self.count as f64 * weight;
        self.mean += delta * weight;
        self.count = count;
    }

    /// The mean with its interval, kept within `bounds`.
    pub fn estimate(&self, bounds: (f64, f64)) -> Estimate {
        if self.count == 0 {
            return Estimate::NONE;
        }
        let m = self.count as f64;
        let interval = (self.count >= 2).then(|| {
            let variance = self.squares / (m - 1.0) / m;
            let half = t_quantile(self.count - 1) * variance.sqrt();
            (
                (self.mean - half).max(bounds.0),
                (self.mean + half).min(bounds.1),
            )
        });
        Estimate {
            value: Some(self.mean),
            interval,
        }
    }
}

/// Degrees of freedom up to which [`t_quantile`] solves the distribution
/// function exactly; beyond, the expansion is within 1e-6 of it.
const EXACT_DF: u64 = 200;

/// Student's t quantile at `(1 + LEVEL) / 2` for `df` degrees of freedom:
/// the `t` with `P(|T| ≤ t) = LEVEL`, found by bisection on the
/// distribution function of integer degrees of freedom (Abramowitz and
/// Stegun 26.7.3–4) up to `EXACT_DF`; beyond, the Cornish–Fisher
/// expansion in `1/df` (26.7.5).
pub fn t_quantile(df: u64) -> f64 {
    if df == 0 {
        return f64::INFINITY;
    }
    if df > EXACT_DF {
        return t_expansion(df as f64);
    }
    let (mut low, mut high) = (0.0, 1000.0);
    for _ in 0..100 {
        let mid = (low + high) / 2.0;
        if t_within(mid, df) < LEVEL {
            low = mid;
        } else {
            high = mid;
        }
    }
    (low + high) / 2.0
}

/// `P(|T| ≤ t)` for Student's t with `df` degrees of freedom (an integer,
/// at least 1): a finite series in `cos θ`, `θ = atan(t / √df)`.
fn t_within(t: f64, df: u64) -> f64 {
    let theta = (t / (df as f64).sqrt()).atan();
    let (sin, cos) = theta.sin_cos();
    let cos2 = cos * cos;
    // The series' terms: each the last times cos² θ · k / (k + 1), k
    // running over the odd numbers (even df) or the even ones (odd df).
    let mut term = 1.0;
    let mut sum = 1.0;
    let even = df.is_multiple_of(2);
    let mut k = if even { 1 } else { 2 };
    while k + 1 < df {
        term *= cos2 * k as f64 / (k + 1) as f64;
        sum += term;
        k += 2;
    }
    if even {
        sin * sum
    } else if df == 1 {
        2.0 * theta / std::f64::consts::PI
    } else {
        2.0 / std::f64::consts::PI * (theta + sin * cos * sum)
    }
}

/// The Cornish–Fisher expansion of the t quantile to its fourth term.
fn t_expansion(v: f64) -> f64 {
    let z = Z;
    let (z3, z5, z7, z9) = (z.powi(3), z.powi(5), z.powi(7), z.powi(9));
    z + (z3 + z) / (4.0 * v)
        + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v)
        + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * v.powi(3))
        + (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / (92160.0 * v.powi(4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_the_tables() {
        // (degrees of freedom, t at 0.975), from published tables.
        let table: &[(u64, f64)] = &[
            (1, 12.706_205),
            (2, 4.302_653),
            (3, 3.182_446),
            (4, 2.776_445),
            (5, 2.570_582),
            (10, 2.228_139),
            (11, 2.200_985),
            (30, 2.042_272),
            (200, 1.971_896),
            (201, 1.971_837),
            (1000, 1.962_339),
        ];
        for (df, t) in table {
            let got = t_quantile(*df);
            assert!((got - t).abs() < 1e-5, "df {df}: {got} against {t}");
        }
    }

    #[test]
    fn ratio_of_equal_clusters_has_no_width() {
        let mut sums = RatioSums::default();
        for _ in 0..5 {
            sums.add(2.0, 10.0);
        }
        let estimate = sums.estimate(1.0, Transform::Logit);
        assert_eq!(estimate.value, Some(0.2));
        let (low, high) = estimate.interval.unwrap();
        // Rounding leaves a residual square of about 1e-15.
        assert!((low - 0.2).abs() < 1e-6 && (high - 0.2).abs() < 1e-6);
    }

    /// The linearised variance by hand: clusters (y, n) = (1, 4), (3, 4),
    /// (0, 2): R = 4/10, residuals -0.6, 1.4, -0.8, squares 2.96,
    /// variance 3/2 · 2.96 / 100 = 0.0444, t(2) = 4.3027; on the logit
    /// scale the half-width is divided by 0.4 · 0.6.
    #[test]
    fn ratio_interval_by_hand() {
        let mut sums = RatioSums::default();
        for (y, n) in [(1.0, 4.0), (3.0, 4.0), (0.0, 2.0)] {
            sums.add(y, n);
        }
        let half = 4.302_653 * 0.0444f64.sqrt() / 0.24;
        let centre = (0.4f64 / 0.6).ln();
        let back = |x: f64| 100.0 / (1.0 + (-x).exp());
        let estimate = sums.estimate(100.0, Transform::Logit);
        let (low, high) = estimate.interval.unwrap();
        assert!((estimate.value.unwrap() - 40.0).abs() < 1e-9);
        assert!((low - back(centre - half)).abs() < 1e-4, "{low}");
        assert!((high - back(centre + half)).abs() < 1e-4, "{high}");
        assert!(low > 0.0 && high < 100.0);
        // A rate's interval on the log scale: its ends' ratio to the
        // estimate is the same on both sides.
        let (low, high) = sums.estimate(1.0, Transform::Log).interval.unwrap();
        assert!((0.4 / low - high / 0.4).abs() < 1e-9);
    }

    #[test]
    fn one_cluster_or_a_bound_has_an_estimate_and_no_interval() {
        let mut sums = RatioSums::default();
        sums.add(1.0, 4.0);
        assert_eq!(sums.estimate(1.0, Transform::Logit).interval, None);
        let mut mean = MeanSums::default();
        mean.add(0.5);
        assert_eq!(mean.estimate((0.0, 1.0)).interval, None);
        let none = RatioSums::default().estimate(1.0, Transform::Logit);
        assert_eq!(none, Estimate::NONE);
        let mut zero = RatioSums::default();
        zero.add(0.0, 4.0);
        zero.add(0.0, 6.0);
        let estimate = zero.estimate(1.0, Transform::Logit);
        assert_eq!((estimate.value, estimate.interval), (Some(0.0), None));
        assert_eq!(zero.estimate(1.0, Transform::Log).interval, None);
    }

    #[test]
    fn merged_sums_equal_sums_of_everything() {
        let values: Vec<f64> = (0..50).map(|i| ((i * 37) % 11) as f64 / 10.0).collect();
        let (mut whole, mut a, mut b) = Default::default();
        let (mut rw, mut ra, mut rb) = Default::default();
        let (whole, a, b): (&mut MeanSums, &mut MeanSums, &mut MeanSums) =
            (&mut whole, &mut a, &mut b);
        let (rw, ra, rb): (&mut RatioSums, &mut RatioSums, &mut RatioSums) =
            (&mut rw, &mut ra, &mut rb);
        for (i, x) in values.iter().enumerate() {
            let n = (i % 7 + 1) as f64;
            whole.add(*x);
            rw.add(*x, n);
            let (mean, ratio) = if i < 17 {
                (&mut *a, &mut *ra)
            } else {
                (&mut *b, &mut *rb)
            };
            mean.add(*x);
            ratio.add(*x, n);
        }
        a.merge(b);
        ra.merge(rb);
        let close = |x: Estimate, y: Estimate| {
            let (xl, xh) = x.interval.unwrap();
            let (yl, yh) = y.interval.unwrap();
            for (p, q) in [(x.value.unwrap(), y.value.unwrap()), (xl, yl), (xh, yh)] {
                assert!((p - q).abs() < 1e-12, "{x:?} {y:?}");
            }
        };
        close(whole.estimate((0.0, 1.0)), a.estimate((0.0, 1.0)));
        close(
            rw.estimate(1.0, Transform::Log),
            ra.estimate(1.0, Transform::Log),
        );
    }
}
