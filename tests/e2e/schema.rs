//! Checks JSON values against the schemas of `schema/`.
//!
//! The schemas use a small part of JSON Schema (draft 2020-12): `type`, `enum`, `const`,
//! `properties`, `required`, `additionalProperties`, `items`, `minItems`, `maxItems`,
//! `minimum`, `maximum`, `minLength`, `pattern`, `$ref` (within a file, `#/$defs/NAME`, and to another file of
//! `schema/`), `allOf`, `anyOf`, `oneOf` and `not`. This checker implements exactly those, and
//! refuses a schema that uses any other keyword, so that a schema cannot say more than the
//! tests check.

use std::collections::HashMap;

use regex::Regex;
use serde_json::Value;

use crate::common::schema;

/// The `$id` base under which the schemas name one another.
const BASE: &str = "https://briefsearch.invalid/schema/";

/// Keywords that only annotate.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$defs", "title", "description"];

/// A schema of `schema/` and the files its references reach.
pub struct Validator {
    name: String,
    files: HashMap<String, Value>,
}

impl Validator {
    /// The validator of `schema/NAME`.
    pub fn new(name: &str) -> Validator {
        let mut files = HashMap::new();
        files.insert(name.to_string(), schema(name));
        Validator {
            name: name.to_string(),
            files,
        }
    }

    /// The validator of a schema given as a value (for the checker's own tests).
    pub fn from_value(name: &str, schema: Value) -> Validator {
        let mut files = HashMap::new();
        files.insert(name.to_string(), schema);
        Validator {
            name: name.to_string(),
            files,
        }
    }

    /// Checks `value`; the error names where in the value it fails, and why.
    pub fn validate(&mut self, value: &Value) -> Result<(), String> {
        let name = self.name.clone();
        let root = self.file(&name);
        self.check(&name, &root, value, "")
    }

    fn file(&mut self, name: &str) -> Value {
        self.files
            .entry(name.to_string())
            .or_insert_with(|| schema(name))
            .clone()
    }

    /// The schema a `$ref` of file `file` points at, and the file it is in.
    fn resolve(&mut self, file: &str, reference: &str) -> (String, Value) {
        let reference = reference.strip_prefix(BASE).unwrap_or(reference);
        let (target, pointer) = match reference.split_once('#') {
            Some(("", pointer)) => (file.to_string(), pointer),
            Some((other, pointer)) => (other.to_string(), pointer),
            None => (reference.to_string(), ""),
        };
        let document = self.file(&target);
        let found = if pointer.is_empty() {
            Some(document)
        } else {
            document.pointer(pointer).cloned()
        };
        let found = found.unwrap_or_else(|| panic!("{file}: $ref {reference} leads nowhere"));
        (target, found)
    }

    fn check(&mut self, file: &str, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
        let Some(keywords) = schema.as_object() else {
            return match schema {
                Value::Bool(true) => Ok(()),
                Value::Bool(false) => Err(format!("{at}: no value is allowed here")),
                _ => panic!("{file}: a schema is an object or a boolean, not {schema}"),
            };
        };
        for (keyword, arg) in keywords {
            if ANNOTATIONS.contains(&keyword.as_str()) {
                continue;
            }
            match keyword.as_str() {
                "type" => check_type(arg, value, at)?,
                "enum" => {
                    let allowed = arg.as_array().expect("enum is an array");
                    if !allowed.contains(value) {
                        return Err(format!("{at}: {value} is not one of {arg}"));
                    }
                }
                "const" => {
                    if arg != value {
                        return Err(format!("{at}: {value} is not {arg}"));
                    }
                }
                "minimum" | "maximum" => {
                    let bound = arg.as_f64().expect("a bound is a number");
                    if let Some(n) = value.as_f64() {
                        let holds = if keyword == "minimum" {
                            n >= bound
                        } else {
                            n <= bound
                        };
                        if !holds {
                            return Err(format!("{at}: {n} is out of range ({keyword} {bound})"));
                        }
                    }
                }
                "minLength" => {
                    let min = arg.as_u64().expect("minLength is a count");
                    if let Some(s) = value.as_str()
                        && (s.chars().count() as u64) < min
                    {
                        return Err(format!("{at}: {s:?} is shorter than {min}"));
                    }
                }
                "minItems" | "maxItems" => {
                    let bound = arg.as_u64().expect("an item count is a whole number");
                    if let Some(items) = value.as_array() {
                        let n = items.len() as u64;
                        let holds = if keyword == "minItems" {
                            n >= bound
                        } else {
                            n <= bound
                        };
                        if !holds {
                            return Err(format!("{at}: {n} items ({keyword} {bound})"));
                        }
                    }
                }
                "pattern" => {
                    let pattern = arg.as_str().expect("pattern is a string");
                    let re = Regex::new(pattern).expect("pattern is a regular expression");
                    if let Some(s) = value.as_str()
                        && !re.is_match(s)
                    {
                        return Err(format!("{at}: {s:?} does not match {pattern}"));
                    }
                }
                "required" => {
                    if let Some(object) = value.as_object() {
                        for key in arg.as_array().expect("required is an array") {
                            let key = key.as_str().expect("required names are strings");
                            if !object.contains_key(key) {
                                return Err(format!("{at}: required property {key:?} is missing"));
                            }
                        }
                    }
                }
                "properties" => {
                    if let Some(object) = value.as_object() {
                        let properties = arg.as_object().expect("properties is an object");
                        for (key, sub) in properties {
                            if let Some(v) = object.get(key) {
                                self.check(file, sub, v, &format!("{at}/{key}"))?;
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if let Some(object) = value.as_object() {
                        let known = keywords.get("properties").and_then(Value::as_object);
                        for (key, v) in object {
                            if known.is_some_and(|k| k.contains_key(key)) {
                                continue;
                            }
                            self.check(file, arg, v, &format!("{at}/{key}"))
                                .map_err(|e| format!("{e} (property not in the schema)"))?;
                        }
                    }
                }
                "items" => {
                    if let Some(items) = value.as_array() {
                        for (i, v) in items.iter().enumerate() {
                            self.check(file, arg, v, &format!("{at}/{i}"))?;
                        }
                    }
                }
                "$ref" => {
                    let reference = arg.as_str().expect("$ref is a string");
                    let (target, sub) = self.resolve(file, reference);
                    self.check(&target, &sub, value, at)?;
                }
                "allOf" => {
                    for sub in arg.as_array().expect("allOf is an array") {
                        self.check(file, sub, value, at)?;
                    }
                }
                "anyOf" | "oneOf" => {
                    let subs = arg.as_array().expect("anyOf/oneOf is an array");
                    let mut errors = Vec::new();
                    let mut passed = 0;
                    for sub in subs {
                        match self.check(file, sub, value, at) {
                            Ok(()) => passed += 1,
                            Err(e) => errors.push(e),
                        }
                    }
                    if passed == 0 {
                        return Err(format!(
                            "{at}: matches none of the {keyword} schemas: {}",
                            errors.join("; ")
                        ));
                    }
                    if keyword == "oneOf" && passed > 1 {
                        return Err(format!("{at}: matches {passed} of the oneOf schemas"));
                    }
                }
                "not" => {
                    if self.check(file, arg, value, at).is_ok() {
                        return Err(format!("{at}: matches a schema it must not ({arg})"));
                    }
                }
                other => panic!(
                    "{file}: keyword {other:?} is not checked by the tests (tests/e2e/schema.rs)"
                ),
            }
        }
        Ok(())
    }
}

fn check_type(arg: &Value, value: &Value, at: &str) -> Result<(), String> {
    let names: Vec<&str> = match arg {
        Value::String(name) => vec![name.as_str()],
        Value::Array(names) => names
            .iter()
            .map(|n| n.as_str().expect("type names are strings"))
            .collect(),
        _ => panic!("type is a name or a list of names, not {arg}"),
    };
    let is = |name: &str| match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        other => panic!("unknown type {other:?}"),
    };
    if names.iter().any(|n| is(n)) {
        Ok(())
    } else {
        Err(format!("{at}: {value} is not of type {arg}"))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Validator;

    fn fails(schema: serde_json::Value, value: serde_json::Value) -> String {
        let mut v = Validator::from_value("test.schema.json", schema);
        v.validate(&value).expect_err("the value should fail")
    }

    fn passes(schema: serde_json::Value, value: serde_json::Value) {
        let mut v = Validator::from_value("test.schema.json", schema);
        if let Err(e) = v.validate(&value) {
            panic!("{value} should pass: {e}");
        }
    }

    #[test]
    fn test_schema_checker_types_and_values() {
        passes(json!({"type": ["string", "null"]}), json!(null));
        passes(json!({"type": "integer"}), json!(3));
        assert!(fails(json!({"type": "integer"}), json!(3.5)).contains("not of type"));
        assert!(fails(json!({"type": "string"}), json!(1)).contains("not of type"));
        assert!(fails(json!({"enum": ["question", "answer"]}), json!("remark")).contains("one of"));
        assert!(fails(json!({"const": 0}), json!(1)).contains("is not 0"));
        assert!(fails(json!({"minimum": 1}), json!(0)).contains("out of range"));
        assert!(fails(json!({"maximum": 1}), json!(2)).contains("out of range"));
        assert!(fails(json!({"minLength": 2}), json!("a")).contains("shorter"));
        let date = json!({"pattern": "^[0-9]{4}-[0-9]{2}$"});
        passes(date.clone(), json!("2023-04"));
        assert!(fails(date, json!("April")).contains("does not match"));
    }

    #[test]
    fn test_schema_checker_objects_and_arrays() {
        let schema = json!({
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"type": "string"}, "n": {"type": "integer"}},
            "additionalProperties": false,
        });
        passes(schema.clone(), json!({"id": "a", "n": 1}));
        assert!(fails(schema.clone(), json!({"n": 1})).contains("\"id\" is missing"));
        assert!(fails(schema.clone(), json!({"id": 1})).contains("/id"));
        assert!(fails(schema, json!({"id": "a", "x": 1})).contains("not in the schema"));
        let list = json!({"type": "array", "items": {"type": "string"}});
        assert!(fails(list, json!(["a", 2])).contains("/1"));
        let sized = json!({"type": "array", "minItems": 1, "maxItems": 2});
        passes(sized.clone(), json!([1, 2]));
        assert!(fails(sized.clone(), json!([])).contains("minItems"));
        assert!(fails(sized, json!([1, 2, 3])).contains("maxItems"));
    }

    #[test]
    fn test_schema_checker_combinations_and_references() {
        let schema = json!({
            "$defs": {"small": {"type": "integer", "maximum": 9}},
            "oneOf": [{"$ref": "#/$defs/small"}, {"type": "string"}],
        });
        passes(schema.clone(), json!(3));
        passes(schema.clone(), json!("x"));
        assert!(fails(schema, json!(10)).contains("none of the oneOf"));
        let both = json!({"oneOf": [{"type": "integer"}, {"minimum": 0}]});
        assert!(fails(both, json!(1)).contains("2 of the oneOf"));
        let not = json!({"not": {"required": ["id"]}});
        assert!(fails(not, json!({"id": 1})).contains("must not"));
        let all = json!({"allOf": [{"type": "object"}, {"required": ["a"]}]});
        assert!(fails(all, json!({})).contains("missing"));
    }

    #[test]
    fn test_schema_checker_follows_other_files_and_refuses_unknown_keywords() {
        let schema = json!({"$ref": "https://briefsearch.invalid/schema/facet.schema.json"});
        let facet = json!({"by": "speaker", "value": "Mao Ning", "count": "many", "share": 0.5});
        assert!(fails(schema, facet).contains("/count"));
        let unknown = std::panic::catch_unwind(|| {
            passes(json!({"uniqueItems": true}), json!([1]));
        });
        assert!(
            unknown.is_err(),
            "an unknown keyword must not pass silently"
        );
    }
}
