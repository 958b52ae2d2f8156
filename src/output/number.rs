//! Numbers as every output writes them: a fixed number of decimal places
//! ([`DECIMALS`]) with a point as the separator, whatever the locale, so
//! that outputs compare byte for byte and open the same way in every
//! spreadsheet. Writes into byte buffers; never does I/O.

/// Decimal places of every fractional number in the output.
pub const DECIMALS: usize = 4;

/// Rounds to the output precision, so that JSON shows the figures CSV does.
pub fn round(x: f64) -> f64 {
    let scale = 10f64.powi(DECIMALS as i32);
    (x * scale).round() / scale
}

/// Writes `x` with [`DECIMALS`] decimal places. Faster than `format!`'s
/// exact formatting, which showed in profiles at one call per CSV field.
// Inlined into each row's writer: a call per field showed in profiles.
#[inline(always)]
pub fn push_fixed(x: f64, out: &mut Vec<u8>) {
    const SCALE: f64 = 10_000.0;
    const _: () = assert!(DECIMALS == 4, "SCALE must be 10^DECIMALS");
    if x == 0.0 {
        // Most hedge and booster weights of a sentence are zero.
        out.extend_from_slice(b"0.0000");
        return;
    }
    if !x.is_finite() || x.abs() >= 1e14 {
        out.extend_from_slice(format!("{x:.DECIMALS$}").as_bytes());
        return;
    }
    let scaled = (x.abs() * SCALE).round() as u64;
    if x < 0.0 && scaled > 0 {
        out.push(b'-');
    }
    push_uint(scaled / 10_000, out);
    out.push(b'.');
    let fraction = scaled % 10_000;
    for digit in [
        fraction / 1000,
        fraction / 100 % 10,
        fraction / 10 % 10,
        fraction % 10,
    ] {
        out.push(b'0' + digit as u8);
    }
}

/// Writes `n` in decimal digits.
#[inline(always)]
pub fn push_uint(n: u64, out: &mut Vec<u8>) {
    out.extend_from_slice(uint_digits(n, &mut [0; 20]));
}

/// Appends `n` in decimal digits to a string.
pub fn push_uint_str(n: u64, out: &mut String) {
    let mut buffer = [0; 20];
    let digits = uint_digits(n, &mut buffer);
    out.push_str(std::str::from_utf8(digits).expect("ASCII digits"));
}

/// The decimal digits of `n`, written into the end of `buffer`.
fn uint_digits(mut n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut i = buffer.len();
    loop {
        i -= 1;
        buffer[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buffer[i..];
        }
    }
}

/// A weight as `Display` writes it ("1", "0.5"), whole numbers without
/// the formatting machinery: nearly every weight is one. Zero is `0`
/// whatever its sign, and a weight below 0.0001 or from 10^15 up is
/// written with an exponent (`1e-320`, not 320 digits).
pub fn push_weight(weight: f64, field: &mut String) {
    use std::fmt::Write as _;
    if weight == 0.0 {
        field.push('0');
    } else if weight.fract() == 0.0 && (0.0..1e15).contains(&weight) {
        push_uint_str(weight as u64, field);
    } else if (1e-4..1e15).contains(&weight.abs()) {
        let _ = write!(field, "{weight}");
    } else {
        let _ = write!(field, "{weight:e}");
    }
}

/// A weight as the CSV writer writes it (`push_weight`).
pub fn weight_text(weight: f64) -> String {
    let mut text = String::new();
    push_weight(weight, &mut text);
    text
}

/// `x` with [`DECIMALS`] places, as text, without the sign of a value
/// that rounds to zero (`0.0000`, not `-0.0000`).
pub fn fixed_text(x: f64) -> String {
    let text = format!("{x:.DECIMALS$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_and_fixed_numbers_are_normalised() {
        let weights = [
            (1.0, "1"),
            (0.5, "0.5"),
            (-0.0, "0"),
            (1e-320, "1e-320"),
            (0.0001, "0.0001"),
            (2e15, "2e15"),
        ];
        for (w, text) in weights {
            assert_eq!(weight_text(w), text, "{w:e}");
        }
        assert_eq!(fixed_text(-0.0), "0.0000");
        assert_eq!(fixed_text(-1e-9), "0.0000");
        assert_eq!(fixed_text(-0.5), "-0.5000");
    }

    fn number(x: f64) -> String {
        let mut out = Vec::with_capacity(12);
        push_fixed(x, &mut out);
        String::from_utf8(out).expect("digits are ASCII")
    }

    #[test]
    fn fixed_numbers_table() {
        let table: &[(f64, &str)] = &[
            (0.0, "0.0000"),
            (0.75, "0.7500"),
            (0.41464, "0.4146"),
            (0.41465001, "0.4147"),
            (1.0, "1.0000"),
            (12.5, "12.5000"),
            (-0.00001, "0.0000"),
            (-2.25, "-2.2500"),
            (1e15, "1000000000000000.0000"),
        ];
        for (x, text) in table {
            assert_eq!(number(*x), *text, "{x}");
        }
    }
}
