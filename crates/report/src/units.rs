//! Units as the report prints them: sizes in binary units, shares as percentages.

/// `512B`, `476.9KiB`, `16.02MiB`, `1.50GiB`: a byte count in the largest binary unit below it.
pub fn bytes(n: u64) -> String {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;
    match n {
        0..KIB => format!("{n}B"),
        KIB..MIB => format!("{:.1}KiB", n as f64 / KIB as f64),
        MIB..GIB => format!("{:.2}MiB", n as f64 / MIB as f64),
        _ => format!("{:.2}GiB", n as f64 / GIB as f64),
    }
}

/// `99.7%`: `part` of `total` with one decimal; `-` when `total` is zero.
pub(crate) fn percent(part: u64, total: u64) -> String {
    if total == 0 {
        return "-".to_owned();
    }
    format!("{:.1}%", part as f64 * 100.0 / total as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_the_largest_unit_below_them() {
        assert_eq!(bytes(0), "0B");
        assert_eq!(bytes(1023), "1023B");
        assert_eq!(bytes(1536), "1.5KiB");
        assert_eq!(bytes(16 << 20), "16.00MiB");
        assert_eq!(bytes(3 << 29), "1.50GiB");
    }

    #[test]
    fn percentages_have_one_decimal_and_no_division_by_zero() {
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(5, 5), "100.0%");
        assert_eq!(percent(0, 0), "-");
    }
}
