//! [`GoDuration`]: Go's `time.Duration`, a signed count of nanoseconds.
//!
//! Go accepts negative durations wherever it accepts durations (a timer with `d <= 0` fires at once),
//! so the timer API takes `impl Into<GoDuration>`: a [`std::time::Duration`] converts losslessly up
//! to `i64::MAX` nanoseconds (about 292 years) and saturates beyond.

use std::fmt;
use std::str::FromStr;

use crate::error::ParseDurationError;

/// Go's `time.Duration`: signed nanoseconds, with Go's parsing and formatting.
///
/// ```
/// use gotime::GoDuration;
///
/// let d: GoDuration = "1m30s".parse()?;
/// assert_eq!(d, GoDuration::from_secs(90));
/// assert_eq!(GoDuration::from_millis(1_500).to_string(), "1.5s");
/// assert_eq!(GoDuration::from_secs(-3).to_string(), "-3s");
/// # Ok::<(), gotime::ParseDurationError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoDuration(i64);

impl GoDuration {
    /// No time at all.
    pub const ZERO: GoDuration = GoDuration(0);
    /// One nanosecond, Go's `time.Nanosecond`.
    pub const NANOSECOND: GoDuration = GoDuration(1);
    /// Go's `time.Microsecond`.
    pub const MICROSECOND: GoDuration = GoDuration(1_000);
    /// Go's `time.Millisecond`.
    pub const MILLISECOND: GoDuration = GoDuration(1_000_000);
    /// Go's `time.Second`.
    pub const SECOND: GoDuration = GoDuration(1_000_000_000);
    /// Go's `time.Minute`.
    pub const MINUTE: GoDuration = GoDuration(60 * 1_000_000_000);
    /// Go's `time.Hour`.
    pub const HOUR: GoDuration = GoDuration(3_600 * 1_000_000_000);
    /// The largest duration, `math.MaxInt64` nanoseconds (Go's `1<<63 - 1`).
    pub const MAX: GoDuration = GoDuration(i64::MAX);
    /// The smallest duration, `math.MinInt64` nanoseconds.
    pub const MIN: GoDuration = GoDuration(i64::MIN);

    /// A duration of `n` nanoseconds.
    #[must_use]
    pub const fn from_nanos(n: i64) -> GoDuration {
        GoDuration(n)
    }

    /// A duration of `n` milliseconds, saturating at [`GoDuration::MAX`] / [`GoDuration::MIN`].
    #[must_use]
    pub const fn from_millis(n: i64) -> GoDuration {
        GoDuration(n.saturating_mul(1_000_000))
    }

    /// A duration of `n` seconds, saturating at [`GoDuration::MAX`] / [`GoDuration::MIN`].
    #[must_use]
    pub const fn from_secs(n: i64) -> GoDuration {
        GoDuration(n.saturating_mul(1_000_000_000))
    }

    /// A duration of `n` minutes, saturating at [`GoDuration::MAX`] / [`GoDuration::MIN`].
    #[must_use]
    pub const fn from_mins(n: i64) -> GoDuration {
        GoDuration(n.saturating_mul(60 * 1_000_000_000))
    }

    /// A duration of `n` hours, saturating at [`GoDuration::MAX`] / [`GoDuration::MIN`].
    #[must_use]
    pub const fn from_hours(n: i64) -> GoDuration {
        GoDuration(n.saturating_mul(3_600 * 1_000_000_000))
    }

    /// The duration in nanoseconds.
    #[must_use]
    pub const fn as_nanos(self) -> i64 {
        self.0
    }

    /// `true` for durations greater than zero.
    #[must_use]
    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// `self * n`, saturating.
    #[must_use]
    pub const fn saturating_mul(self, n: i64) -> GoDuration {
        GoDuration(self.0.saturating_mul(n))
    }

    /// `self + other`, saturating.
    #[must_use]
    pub const fn saturating_add(self, other: GoDuration) -> GoDuration {
        GoDuration(self.0.saturating_add(other.0))
    }

    /// The duration as a [`std::time::Duration`], or `None` when negative.
    pub fn to_std(self) -> Option<std::time::Duration> {
        u64::try_from(self.0).ok().map(std::time::Duration::from_nanos)
    }
}

impl From<std::time::Duration> for GoDuration {
    /// Saturates at [`GoDuration::MAX`] for durations longer than about 292 years.
    fn from(d: std::time::Duration) -> GoDuration {
        GoDuration(i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
    }
}

impl std::ops::Neg for GoDuration {
    type Output = GoDuration;
    fn neg(self) -> GoDuration {
        GoDuration(self.0.saturating_neg())
    }
}

impl fmt::Display for GoDuration {
    /// Go's `Duration.String`: `0s`, `1.5µs`, `250ms`, `1m30s`, `1h0m0s`, `-5s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_go(self.0))
    }
}

/// A port of Go's `time.Duration.String` (src/time/time.go), including its handling of
/// `math.MinInt64` through unsigned arithmetic.
fn format_go(d: i64) -> String {
    let neg = d < 0;
    let mut u = d.unsigned_abs();
    let mut out = String::new();
    if u < 1_000_000_000 {
        if u == 0 {
            return "0s".to_owned();
        }
        let (prec, unit) = match u {
            0..=999 => (0, "ns"),
            1_000..=999_999 => (3, "µs"),
            _ => (6, "ms"),
        };
        let frac = frac_digits(&mut u, prec);
        out.push_str(&u.to_string());
        out.push_str(&frac);
        out.push_str(unit);
    } else {
        let frac = frac_digits(&mut u, 9);
        let secs = u % 60;
        u /= 60;
        if u > 0 {
            let mins = u % 60;
            u /= 60;
            if u > 0 {
                out.push_str(&u.to_string());
                out.push('h');
            }
            out.push_str(&mins.to_string());
            out.push('m');
        }
        out.push_str(&secs.to_string());
        out.push_str(&frac);
        out.push('s');
    }
    if neg {
        out.insert(0, '-');
    }
    out
}

/// Splits `prec` decimal digits off `*v` and renders them as Go's `fmtFrac` does: a `.` and the
/// digits without trailing zeros, or nothing when they are all zero.
fn frac_digits(v: &mut u64, prec: u32) -> String {
    let scale = 10u64.pow(prec);
    let frac = *v % scale;
    *v /= scale;
    if frac == 0 {
        return String::new();
    }
    let digits = format!("{frac:0width$}", width = prec as usize);
    format!(".{}", digits.trim_end_matches('0'))
}

impl FromStr for GoDuration {
    type Err = ParseDurationError;

    /// Go's `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` with units `ns`, `us`
    /// (or `µs`/`μs`), `ms`, `s`, `m`, `h`; a bare `0` is allowed.
    ///
    /// # Errors
    ///
    /// [`ParseDurationError`] naming the offending input, for a missing or unknown unit, a malformed
    /// number, or a value outside `i64` nanoseconds.
    fn from_str(s: &str) -> Result<GoDuration, ParseDurationError> {
        parse_go(s).ok_or_else(|| ParseDurationError::new(s))
    }
}

fn parse_go(orig: &str) -> Option<GoDuration> {
    let (neg, mut s) = match orig.as_bytes().first() {
        Some(b'-') => (true, &orig[1..]),
        Some(b'+') => (false, &orig[1..]),
        _ => (false, orig),
    };
    if s == "0" {
        return Some(GoDuration::ZERO);
    }
    if s.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
        let int_part = &s[..int_len];
        s = &s[int_len..];
        let mut frac_part = "";
        if let Some(rest) = s.strip_prefix('.') {
            let frac_len = rest.bytes().take_while(u8::is_ascii_digit).count();
            frac_part = &rest[..frac_len];
            s = &rest[frac_len..];
        }
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        let unit_len =
            s.char_indices().find(|&(_, c)| c == '.' || c.is_ascii_digit()).map_or(s.len(), |(i, _)| i);
        let unit: u64 = match &s[..unit_len] {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60 * 1_000_000_000,
            "h" => 3_600 * 1_000_000_000,
            _ => return None,
        };
        s = &s[unit_len..];
        let whole: u64 = if int_part.is_empty() { 0 } else { int_part.parse().ok()? };
        let mut value = whole.checked_mul(unit)?;
        // Fractional digits beyond the unit's resolution are dropped, as in Go.
        let mut scale = unit;
        for digit in frac_part.bytes() {
            scale /= 10;
            if scale == 0 {
                break;
            }
            value = value.checked_add(u64::from(digit - b'0') * scale)?;
        }
        total = total.checked_add(value)?;
    }
    if neg {
        if total > 1u64 << 63 {
            return None;
        }
        Some(GoDuration((total as i128).wrapping_neg() as i64))
    } else {
        i64::try_from(total).ok().map(GoDuration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_go_duration_string() {
        let cases = [
            (0, "0s"),
            (1, "1ns"),
            (1_100, "1.1µs"),
            (2_200_000, "2.2ms"),
            (150_000_000, "150ms"),
            (1_500_000_000, "1.5s"),
            (90_000_000_000, "1m30s"),
            (3_600_000_000_000, "1h0m0s"),
            (-5_000_000_000, "-5s"),
            (999_999_999, "999.999999ms"),
            (1_000_000_000, "1s"),
            (i64::MAX, "2562047h47m16.854775807s"),
            (i64::MIN, "-2562047h47m16.854775808s"),
        ];
        for (nanos, text) in cases {
            assert_eq!(GoDuration(nanos).to_string(), text, "{nanos}ns");
        }
    }

    #[test]
    fn parses_like_go_parse_duration() {
        let cases = [
            ("0", 0),
            ("250ms", 250_000_000),
            ("1m30s", 90_000_000_000),
            ("-5s", -5_000_000_000),
            ("+1h", 3_600_000_000_000),
            ("1.5s", 1_500_000_000),
            (".5s", 500_000_000),
            ("1µs", 1_000),
            ("3us", 3_000),
            ("2562047h47m16.854775807s", i64::MAX),
            ("-2562047h47m16.854775808s", i64::MIN),
        ];
        for (text, nanos) in cases {
            assert_eq!(text.parse::<GoDuration>(), Ok(GoDuration(nanos)), "{text}");
        }
    }

    #[test]
    fn rejects_what_go_rejects() {
        for text in ["", "-", "5", "s", "1x", "1.s.", "9223372036854775808ns", "3000000h", "1..5s"] {
            assert!(text.parse::<GoDuration>().is_err(), "{text:?} should not parse");
        }
    }

    #[test]
    fn units_are_gos() {
        // src/time/time.go: Nanosecond = 1, Microsecond = 1000 * Nanosecond, and so on.
        let units = [
            (GoDuration::NANOSECOND, 1),
            (GoDuration::MICROSECOND, 1_000),
            (GoDuration::MILLISECOND, 1_000_000),
            (GoDuration::SECOND, 1_000_000_000),
            (GoDuration::MINUTE, 60_000_000_000),
            (GoDuration::HOUR, 3_600_000_000_000),
        ];
        for (unit, nanos) in units {
            assert_eq!(unit.as_nanos(), nanos, "{unit}");
        }
        assert_eq!(GoDuration::from_mins(2), GoDuration(120_000_000_000));
        assert_eq!(GoDuration::from_hours(2), GoDuration(7_200_000_000_000));
        assert_eq!(GoDuration::from_mins(i64::MAX), GoDuration::MAX, "saturates");
    }

    #[test]
    fn negation_saturates_at_the_most_negative_duration() {
        assert_eq!(-GoDuration::SECOND, GoDuration(-1_000_000_000));
        assert_eq!(-GoDuration::MIN, GoDuration::MAX);
    }

    #[test]
    fn std_durations_saturate() {
        assert_eq!(GoDuration::from(std::time::Duration::from_secs(3)), GoDuration::from_secs(3));
        assert_eq!(GoDuration::from(std::time::Duration::MAX), GoDuration::MAX);
    }
}
