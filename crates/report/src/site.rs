//! [`SiteLocation`]: a call site's `file:line:column`, taken apart.

/// A call site as `SiteProfile::site` spells it, `file:line:column`, split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SiteLocation {
    /// The file, relative to the workspace root (the whole text when it has no line).
    pub file: String,
    /// 1-based line, if the site has one.
    pub line: Option<u32>,
    /// 1-based column, if the site has one.
    pub column: Option<u32>,
}

impl SiteLocation {
    /// Splits `site` from the right: the file itself may contain ':' (a Windows drive).
    pub(crate) fn parse(site: &str) -> SiteLocation {
        let mut parts = site.rsplitn(3, ':');
        let (column, line, file) = (parts.next(), parts.next(), parts.next());
        match (file, line.and_then(|l| l.parse().ok()), column.and_then(|c| c.parse().ok())) {
            (Some(file), Some(line), Some(column)) => {
                SiteLocation { file: file.to_owned(), line: Some(line), column: Some(column) }
            }
            _ => SiteLocation { file: site.to_owned(), line: None, column: None },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_splits_from_the_right_into_file_line_and_column() {
        let site = SiteLocation::parse(r"C:\src\variants.rs:110:8");
        assert_eq!(
            site,
            SiteLocation { file: r"C:\src\variants.rs".into(), line: Some(110), column: Some(8) }
        );
    }

    #[test]
    fn a_site_without_line_and_column_is_all_file() {
        let site = SiteLocation::parse("variants.rs:x:8");
        assert_eq!(site, SiteLocation { file: "variants.rs:x:8".into(), line: None, column: None });
    }
}
