//! Durations known from the source alone: `30 * time.Second`, `time.Second * KEEPALIVE`,
//! `time.Duration(n) * time.Millisecond` with `const n = 250` in the file. A rule compares them
//! only where both sides are known; anything else — a variable, a call, a constant of another
//! file, `iota` — is unknown, and the rule stays silent.

use tree_sitter::Node;

use crate::gofile::GoFile;
use crate::syntax::{collect_kind, fields, unparen, written_names};

/// How deep constants may refer to other constants (`const b = 2 * a`).
const DEPTH: u32 = 8;

/// 2⁶³: an `int64`'s values lie strictly between minus and plus this.
const I64_RANGE: f64 = 9_223_372_036_854_775_808.0;

/// The value of the duration expression `e` in nanoseconds, when the file alone fixes it.
pub(crate) fn constant(file: &GoFile, e: Node) -> Option<i64> {
    let v = value(file, e, DEPTH)?;
    // A Go duration is an int64 of nanoseconds: a fractional or out-of-range value is no duration.
    (v.fract() == 0.0 && v.abs() < I64_RANGE).then_some(v as i64)
}

/// The value of `e` as a number; untyped constants in Go are exact, and every duration of
/// interest is well within an `f64`'s exact integers.
fn value(file: &GoFile, e: Node, depth: u32) -> Option<f64> {
    let e = unparen(e);
    match e.kind() {
        "int_literal" => int_literal(file.text(e)),
        "float_literal" => file.text(e).replace('_', "").parse().ok(),
        "selector_expression" => {
            let operand = e.child_by_field_id(fields().operand)?;
            let field = e.child_by_field_id(fields().field)?;
            file.time.is_time(file.text(operand)).then_some(())?;
            unit(file.text(field))
        }
        "binary_expression" => {
            let left = value(file, e.child_by_field_id(fields().left)?, depth)?;
            let right = value(file, e.child_by_field_id(fields().right)?, depth)?;
            match file.text(e.child_by_field_id(fields().operator)?) {
                "*" => Some(left * right),
                "+" => Some(left + right),
                "-" => Some(left - right),
                // Integer division, as Go does it for durations: `time.Second / 3`. A float
                // operand may be an untyped float constant, divided exactly: not followed.
                "/" if right != 0.0 && left.fract() == 0.0 && right.fract() == 0.0 => {
                    Some((left / right).trunc())
                }
                _ => None,
            }
        }
        // `time.Duration(n)`: a conversion keeps the value.
        "call_expression" => {
            let function = e.child_by_field_id(fields().function)?;
            let is_duration = function.kind() == "selector_expression"
                && function.child_by_field_id(fields().field).is_some_and(|f| file.text(f) == "Duration")
                && function
                    .child_by_field_id(fields().operand)
                    .is_some_and(|o| file.time.is_time(file.text(o)));
            let args = e.child_by_field_id(fields().arguments)?;
            (is_duration && args.named_child_count() == 1).then_some(())?;
            value(file, args.named_child(0)?, depth)
        }
        "identifier" if depth > 0 => value(file, constant_named(file, e)?, depth - 1),
        _ => None,
    }
}

/// A decimal, hexadecimal, octal or binary integer literal, with `_` separators.
fn int_literal(text: &str) -> Option<f64> {
    let digits = text.replace('_', "");
    let parsed = match digits.get(..2) {
        Some("0x" | "0X") => i64::from_str_radix(&digits[2..], 16),
        Some("0o" | "0O") => i64::from_str_radix(&digits[2..], 8),
        Some("0b" | "0B") => i64::from_str_radix(&digits[2..], 2),
        _ if digits.len() > 1 && digits.starts_with('0') => i64::from_str_radix(&digits[1..], 8),
        _ => digits.parse(),
    };
    parsed.ok().map(|n| n as f64)
}

/// `time.Nanosecond` … `time.Hour` in nanoseconds.
fn unit(name: &str) -> Option<f64> {
    Some(match name {
        "Nanosecond" => 1.0,
        "Microsecond" => 1e3,
        "Millisecond" => 1e6,
        "Second" => 1e9,
        "Minute" => 60e9,
        "Hour" => 3600e9,
        _ => return None,
    })
}

/// The value expression of the one constant of the file named like `name`, when exactly one
/// `const` spec declares that name with a value of its own (not `iota`'s implicit repetition)
/// and nothing else in the file declares it.
fn constant_named<'t>(file: &GoFile<'t>, name: Node<'t>) -> Option<Node<'t>> {
    let wanted = file.text(name);
    let root = file.up.root(name);
    let mut specs = Vec::new();
    collect_kind(
        root,
        &["const_spec", "var_spec", "short_var_declaration", "parameter_declaration"],
        &mut specs,
    );
    let mut found = None;
    for spec in specs {
        let (names, values) = written_names(spec);
        let Some(i) = names.iter().position(|n| file.text(*n) == wanted) else { continue };
        if spec.kind() != "const_spec" || found.is_some() {
            return None; // shadowed, or declared twice: not sure which one is meant
        }
        found = Some(values?.named_child(i)?);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::constant;
    use crate::gofile::GoFile;
    use crate::syntax::{collect_kind, go_parser, parse};

    /// The value of the argument of each `f(...)` call in `src`, in order.
    fn values(src: &str) -> Vec<Option<i64>> {
        let tree = parse(&mut go_parser(), src.as_bytes()).unwrap();
        let file = GoFile::new(tree.root_node(), src.as_bytes());
        let mut calls = Vec::new();
        collect_kind(tree.root_node(), &["call_expression"], &mut calls);
        calls.sort_by_key(|c| c.start_byte());
        calls
            .into_iter()
            .filter(|c| {
                c.child_by_field_id(crate::syntax::fields().function).is_some_and(|f| file.text(f) == "f")
            })
            .map(|c| {
                constant(
                    &file,
                    c.child_by_field_id(crate::syntax::fields().arguments).unwrap().named_child(0).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn literals_units_and_arithmetic_give_nanoseconds() {
        let src = "package p\nimport \"time\"\nfunc g() {\n\
                   f(30 * time.Second)\n\
                   f(time.Minute + 500*time.Millisecond)\n\
                   f((2) * time.Hour)\n\
                   f(1.5 * float64(time.Second))\n\
                   f(time.Second / 3)\n\
                   f(0x10 * time.Microsecond)\n\
                   f(1_000 * time.Nanosecond)\n\
                   f(time.Duration(250) * time.Millisecond)\n\
                   f(1.5 * time.Second)\n\
                   f(time.Second - time.Millisecond)\n\
                   f(0o17 * time.Second)\n\
                   f(0b101 * time.Second)\n\
                   f(017 * time.Millisecond)\n\
                   f(0 * time.Second)\n}\n";
        assert_eq!(
            values(src),
            [
                Some(30_000_000_000),
                Some(60_500_000_000),
                Some(7_200_000_000_000),
                None, // float64(...) is a call of something else
                Some(333_333_333),
                Some(16_000),
                Some(1_000),
                Some(250_000_000),
                Some(1_500_000_000),
                Some(999_000_000),
                Some(15_000_000_000),
                Some(5_000_000_000),
                Some(15_000_000),
                Some(0),
            ]
        );
    }

    #[test]
    fn what_is_no_int64_of_nanoseconds_is_unknown() {
        let src = "package p\nimport \"time\"\nfunc g() {\n\
                   f(1.5 * time.Nanosecond)\n\
                   f(9.223372036854775808e18)\n\
                   f(9223372036854775808)\n\
                   f(time.Second / 0)\n\
                   f(1.5 / 3 * time.Second)\n\
                   f(other.Duration(5))\n\
                   f(time.Unix(5))\n\
                   f(9.2e18)\n}\n";
        assert_eq!(values(src), [None, None, None, None, None, None, None, Some(9_200_000_000_000_000_000)]);
    }

    #[test]
    fn constants_are_followed_eight_deep_and_a_cycle_is_unknown() {
        let chain = |n: usize| -> String {
            let mut src = String::from("package p\nimport \"time\"\nconst c0 = time.Second\n");
            for i in 1..=n {
                src.push_str(&format!("const c{i} = c{}\n", i - 1));
            }
            src.push_str(&format!("func g() {{ f(c{n}) }}\nconst a = b\nconst b = a\nfunc h() {{ f(a) }}\n"));
            src
        };
        // f(c7) follows eight names down to c0's value; f(c8) would need a ninth.
        assert_eq!(values(&chain(7)), [Some(1_000_000_000), None]);
        assert_eq!(values(&chain(8)), [None, None]);
    }

    #[test]
    fn a_constant_of_the_file_is_followed_and_anything_else_is_unknown() {
        let src = "package p\nimport t \"time\"\n\
                   const KEEPALIVE = 60 //seconds\n\
                   const (\n\tbase = 2 * t.Second\n\tslow = base * 10\n\tfirst = iota\n\tsecond\n)\n\
                   var interval = t.Second\n\
                   func g(d t.Duration) {\n\
                   f(t.Second * KEEPALIVE)\n\
                   f(slow)\n\
                   f(interval)\n\
                   f(d)\n\
                   f(second * t.Second)\n\
                   f(other.Second)\n\
                   f(t.Second * shadowed)\n\
                   f(t.Second * time.Minute)\n}\n\
                   const shadowed = 3\n\
                   func h() { shadowed := 4; _ = shadowed }\n";
        assert_eq!(
            values(src),
            [
                Some(60_000_000_000),
                Some(20_000_000_000),
                None, // a var
                None, // a parameter
                None, // iota's implicit repetition
                None, // not the time package
                None, // declared twice in the file
                None, // `time` is not imported under that name
            ]
        );
    }
}
