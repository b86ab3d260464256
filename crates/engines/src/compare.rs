//! How an implementation's output is compared with an expected output: line by line, equal text,
//! except that `live = ?` — printed by Go, and by implementations that cannot count live timers —
//! stands for any count.

/// Does `actual` say what `expected` says on this line?
pub fn line_matches(expected: &str, actual: &str) -> bool {
    expected == actual
        || (expected == "live = ?" && is_live_count(actual))
        || (actual == "live = ?" && is_live_count(expected))
}

fn is_live_count(line: &str) -> bool {
    line.strip_prefix("live = ").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Do the two outputs agree line for line, with the same number of lines?
pub fn agrees(expected: &str, actual: &str) -> bool {
    let (e, a): (Vec<_>, Vec<_>) = (expected.lines().collect(), actual.lines().collect());
    e.len() == a.len() && e.iter().zip(&a).all(|(e, a)| line_matches(e, a))
}

/// A diff aligned by position: `- expected`, `+ actual`, two spaces where the lines match.
pub fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<_>, Vec<_>) = (expected.lines().collect(), actual.lines().collect());
    let mut out = String::new();
    for i in 0..e.len().max(a.len()) {
        match (e.get(i), a.get(i)) {
            (Some(x), Some(y)) if line_matches(x, y) => {
                out.push_str("  ");
                out.push_str(y);
                out.push('\n');
            }
            (x, y) => {
                for (mark, line) in [("- ", x), ("+ ", y)] {
                    if let Some(line) = line {
                        out.push_str(mark);
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_mark_on_either_side_matches_any_live_count_and_nothing_else() {
        assert!(line_matches("live = ?", "live = 3"));
        assert!(line_matches("live = 0", "live = ?"));
        assert!(!line_matches("live = ?", "live = "));
        assert!(!line_matches("live = ?", "len t = 1"));
        assert!(!line_matches("live = 1", "live = 2"));
        assert!(line_matches("recv t = @1s", "recv t = @1s"));
    }

    #[test]
    fn outputs_agree_only_with_the_same_number_of_lines() {
        assert!(agrees("live = ?\nrecv t = @1s\n", "live = 2\nrecv t = @1s\n"));
        assert!(!agrees("recv t = @1s\n", "recv t = @1s\nrecv t = empty\n"));
    }

    #[test]
    fn the_diff_marks_expected_lines_with_minus_and_actual_lines_with_plus() {
        let d = diff("stop t = false\nlive = ?\nrecv t = @1s\n", "stop t = true\nlive = 1\n");
        assert_eq!(d, "- stop t = false\n+ stop t = true\n  live = 1\n- recv t = @1s\n");
    }
}
