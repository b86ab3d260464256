//! A small JSON Schema validator — the subset docs/report.schema.json uses, and nothing it does
//! not: a keyword outside the subset is an error, so the schema cannot read stricter than it is
//! checked.
//!
//! Supported: `type` (one or a list), `const`, `enum`, `properties`, `required`,
//! `additionalProperties` (false or a schema), `items`, `oneOf`, `minimum`, `minLength`,
//! `maxLength`, `$ref` to `#/$defs/NAME`; `$schema`, `$id`, `$defs`, `title` and `description`
//! are annotations.

use serde_json::Value;

/// Every violation of `schema` by `doc`, as `path: message`; empty when `doc` is valid.
pub fn validate(schema: &Value, doc: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, doc, "$", &mut errors);
    errors
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn has_type(v: &Value, name: &str) -> bool {
    let t = type_name(v);
    t == name || (name == "number" && t == "integer")
}

fn check(root: &Value, schema: &Value, doc: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(schema) = schema.as_object() else {
        errors.push(format!("{path}: the schema is not an object: {schema}"));
        return;
    };
    for (key, rule) in schema {
        match key.as_str() {
            "$schema" | "$id" | "$defs" | "title" | "description" => {}
            "$ref" => {
                let target = rule.as_str().and_then(|r| r.strip_prefix("#/$defs/"));
                match target.and_then(|name| root.get("$defs")?.get(name)) {
                    Some(def) => check(root, def, doc, path, errors),
                    None => errors.push(format!("{path}: unresolvable $ref {rule}")),
                }
            }
            "type" => {
                let names: Vec<&str> = match rule {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                if !names.iter().any(|n| has_type(doc, n)) {
                    errors.push(format!("{path}: expected type {}, got {}", names.join("|"), type_name(doc)));
                }
            }
            "const" => {
                if doc != rule {
                    errors.push(format!("{path}: expected {rule}, got {doc}"));
                }
            }
            "enum" => {
                if !rule.as_array().is_some_and(|a| a.contains(doc)) {
                    errors.push(format!("{path}: {doc} is not one of {rule}"));
                }
            }
            "minimum" => {
                if let (Some(min), Some(n)) = (rule.as_f64(), doc.as_f64()) {
                    if n < min {
                        errors.push(format!("{path}: {n} is less than {min}"));
                    }
                }
            }
            "minLength" | "maxLength" => {
                if let (Some(bound), Some(s)) = (rule.as_u64(), doc.as_str()) {
                    let len = s.chars().count() as u64;
                    if (key == "minLength" && len < bound) || (key == "maxLength" && len > bound) {
                        errors.push(format!("{path}: length {len} violates {key} {bound}"));
                    }
                }
            }
            "required" => {
                if let Some(obj) = doc.as_object() {
                    for name in rule.as_array().into_iter().flatten().filter_map(Value::as_str) {
                        if !obj.contains_key(name) {
                            errors.push(format!("{path}: missing required property {name:?}"));
                        }
                    }
                }
            }
            "properties" => {
                if let (Some(props), Some(obj)) = (rule.as_object(), doc.as_object()) {
                    for (name, sub) in props {
                        if let Some(value) = obj.get(name) {
                            check(root, sub, value, &format!("{path}.{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                let declared = schema.get("properties").and_then(Value::as_object);
                if let Some(obj) = doc.as_object() {
                    for (name, value) in obj {
                        if declared.is_some_and(|d| d.contains_key(name)) {
                            continue;
                        }
                        match rule {
                            Value::Bool(false) => {
                                errors.push(format!("{path}: unexpected property {name:?}"))
                            }
                            Value::Bool(true) => {}
                            sub => check(root, sub, value, &format!("{path}.{name}"), errors),
                        }
                    }
                }
            }
            "items" => {
                if let Some(items) = doc.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        check(root, rule, item, &format!("{path}[{i}]"), errors);
                    }
                }
            }
            "oneOf" => {
                let branches = rule.as_array().map(Vec::as_slice).unwrap_or_default();
                let matching = branches.iter().filter(|b| validate_in(root, b, doc)).count();
                if matching != 1 {
                    errors.push(format!(
                        "{path}: matches {matching} of the oneOf branches, not exactly 1: {doc}"
                    ));
                }
            }
            other => errors.push(format!("{path}: unsupported schema keyword {other:?}")),
        }
    }
}

fn validate_in(root: &Value, schema: &Value, doc: &Value) -> bool {
    let mut errors = Vec::new();
    check(root, schema, doc, "$", &mut errors);
    errors.is_empty()
}

mod tests {
    use serde_json::json;

    use super::validate;

    fn schema() -> serde_json::Value {
        json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["n", "v"],
            "properties": {
                "n": { "type": "integer", "minimum": 0 },
                "h": { "type": "string", "minLength": 2, "maxLength": 2 },
                "v": { "$ref": "#/$defs/v" },
                "m": { "type": "object", "additionalProperties": { "type": "string" } },
                "a": { "type": "array", "items": { "enum": [null, "x"] } }
            },
            "$defs": {
                "v": { "oneOf": [
                    { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "a" } } },
                    { "type": "object", "required": ["kind", "k"], "properties": { "kind": { "const": "b" } } }
                ] }
            }
        })
    }

    #[test]
    fn a_valid_document_has_no_violation() {
        let doc =
            json!({ "n": 3, "h": "ab", "v": { "kind": "b", "k": 1 }, "m": { "x": "y" }, "a": [null, "x"] });
        assert_eq!(validate(&schema(), &doc), Vec::<String>::new());
    }

    #[test]
    fn each_kind_of_violation_is_reported_with_its_path() {
        let doc =
            json!({ "n": -1, "h": "abc", "v": { "kind": "b" }, "m": { "x": 1 }, "a": ["y"], "extra": 0 });
        let errors = validate(&schema(), &doc);
        for expected in [
            "$.n: -1 is less than 0",
            "$.h: length 3 violates maxLength 2",
            "$.v: matches 0 of the oneOf branches",
            "$.m.x: expected type string, got integer",
            "$.a[0]: \"y\" is not one of [null,\"x\"]",
            "$: unexpected property \"extra\"",
        ] {
            assert!(errors.iter().any(|e| e.starts_with(expected)), "no {expected:?} in {errors:#?}");
        }
        assert_eq!(errors.len(), 6, "{errors:#?}");
    }

    #[test]
    fn missing_required_properties_and_wrong_types_are_violations() {
        let mut errors = validate(&schema(), &json!({ "n": "3" }));
        errors.sort();
        assert_eq!(errors, ["$.n: expected type integer, got string", "$: missing required property \"v\""]);
    }

    #[test]
    fn a_keyword_outside_the_subset_is_an_error_not_ignored() {
        let errors = validate(&json!({ "pattern": "^a" }), &json!("b"));
        assert_eq!(errors, ["$: unsupported schema keyword \"pattern\""]);
    }
}
