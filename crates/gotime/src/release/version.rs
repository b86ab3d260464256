//! [`GoVersion`]: a Go release (`go1.23.1`) or language version (`1.22`), parsed and ordered as
//! the go command orders them.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A Go version: `1.N` (a language version, as a `go.mod` `go` line may say) or `1.N.P` (a
/// release). Ordered as Go's `cmd/go/internal/gover` orders them: `1.23` < `1.23.0` < `1.23.1`.
///
/// ```
/// use gotime::release::GoVersion;
///
/// let toolchain: GoVersion = "go1.23.1".parse().unwrap();
/// assert_eq!(toolchain, GoVersion::release(23, 1));
/// assert_eq!(toolchain.to_string(), "1.23.1");
/// assert_eq!(toolchain.go_name(), "go1.23.1");
/// assert!("1.23".parse::<GoVersion>().unwrap() < "1.23.0".parse().unwrap());
/// assert!("1.23.x".parse::<GoVersion>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GoVersion {
    minor: u32,
    patch: Option<u32>,
}

impl GoVersion {
    /// The release `1.minor.patch`.
    pub const fn release(minor: u32, patch: u32) -> GoVersion {
        GoVersion { minor, patch: Some(patch) }
    }

    /// The language version `1.minor`, as a `go.mod` `go` line writes it.
    pub const fn language(minor: u32) -> GoVersion {
        GoVersion { minor, patch: None }
    }

    /// The minor version: 23 for `1.23.1`.
    pub const fn minor(self) -> u32 {
        self.minor
    }

    /// The patch release, if the version names one: 1 for `1.23.1`, `None` for `1.23`.
    pub const fn patch(self) -> Option<u32> {
        self.patch
    }

    /// The toolchain's name: `go1.23.1`.
    pub fn go_name(self) -> String {
        format!("go{self}")
    }
}

impl Ord for GoVersion {
    fn cmp(&self, other: &GoVersion) -> Ordering {
        // `None < Some(0)`: the language version 1.23 comes before its first release 1.23.0.
        (self.minor, self.patch).cmp(&(other.minor, other.patch))
    }
}

impl PartialOrd for GoVersion {
    fn partial_cmp(&self, other: &GoVersion) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.patch {
            Some(patch) => write!(f, "1.{}.{patch}", self.minor),
            None => write!(f, "1.{}", self.minor),
        }
    }
}

/// A string that is not a Go version of the forms [`GoVersion`] reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseGoVersionError {
    input: String,
}

impl fmt::Display for ParseGoVersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "malformed Go version {:?}: expected 1.N or 1.N.P, with or without a go prefix (1.22, 1.22.10, go1.23.1)",
            self.input
        )
    }
}

impl std::error::Error for ParseGoVersionError {}

impl FromStr for GoVersion {
    type Err = ParseGoVersionError;

    /// Reads `1.N` or `1.N.P`, optionally prefixed with `go`. Release candidates (`1.23rc1`) and
    /// numbers with leading zeros are refused.
    ///
    /// # Errors
    ///
    /// [`ParseGoVersionError`], naming the accepted forms.
    fn from_str(s: &str) -> Result<GoVersion, ParseGoVersionError> {
        let malformed = || ParseGoVersionError { input: s.to_owned() };
        let digits = s.strip_prefix("go").unwrap_or(s);
        let mut parts = digits.split('.');
        let major = parts.next().map(number).ok_or_else(malformed)?;
        let minor = parts.next().map(number).ok_or_else(malformed)?;
        let patch = parts.next().map(number);
        if parts.next().is_some() || major != Some(1) {
            return Err(malformed());
        }
        let minor = minor.ok_or_else(malformed)?;
        match patch {
            None => Ok(GoVersion::language(minor)),
            Some(Some(patch)) => Ok(GoVersion::release(minor, patch)),
            Some(None) => Err(malformed()),
        }
    }
}

/// A decimal number without sign or leading zeros, as Go's version numbers are written.
fn number(s: &str) -> Option<u32> {
    let canonical =
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    canonical.then(|| s.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_go_writes_parse() {
        assert_eq!("1.22".parse(), Ok(GoVersion::language(22)));
        assert_eq!("1.22.10".parse(), Ok(GoVersion::release(22, 10)));
        assert_eq!("go1.23.1".parse(), Ok(GoVersion::release(23, 1)));
        assert_eq!("go1.21".parse(), Ok(GoVersion::language(21)));
        assert_eq!("1.0".parse(), Ok(GoVersion::language(0)));
    }

    #[test]
    fn malformed_versions_are_one_line_errors_naming_the_forms() {
        for bad in [
            "", "go", "1", "1.", ".1", "1.23.", "1.23.1.2", "2.0", "1.x", "1.23rc1", "1.023", "v1.23",
            " 1.23", "1.-1",
        ] {
            let err = bad.parse::<GoVersion>().unwrap_err().to_string();
            assert!(
                err.starts_with(&format!("malformed Go version {bad:?}: expected 1.N or 1.N.P")),
                "{err}"
            );
            assert!(!err.contains('\n'));
        }
    }

    #[test]
    fn versions_are_ordered_as_the_go_command_orders_them() {
        // cmd/go/internal/gover: "1.21" < "1.21rc1" < "1.21.0"; timerlab reads no rc.
        let ordered = ["1.9", "1.22", "1.22.10", "1.23", "1.23.0", "1.23.1", "1.23.10", "1.27.3"];
        let parsed: Vec<GoVersion> = ordered.iter().map(|v| v.parse().unwrap()).collect();
        assert!(parsed.windows(2).all(|w| w[0] < w[1]), "{parsed:?}");
    }

    #[test]
    fn a_version_displays_as_go_writes_it() {
        assert_eq!(GoVersion::release(26, 6).to_string(), "1.26.6");
        assert_eq!(GoVersion::language(22).to_string(), "1.22");
        assert_eq!(GoVersion::release(27, 3).go_name(), "go1.27.3");
    }
}
