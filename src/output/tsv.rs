//! Tab-separated values for scripts: a header line, then one row per record.
//!
//! Tabs, newlines and backslashes inside values are escaped (`\t`, `\n`, `\\`), so every
//! record is one line and `cut -f` works; a missing value is an empty cell; lists are JSON.

use std::io::{self, Write};

use serde_json::Value;

pub(crate) struct TsvWriter<W: Write> {
    out: W,
    fields: Vec<String>,
    header_written: bool,
}

impl<W: Write> TsvWriter<W> {
    pub(crate) fn new(out: W, fields: Vec<String>) -> TsvWriter<W> {
        TsvWriter {
            out,
            fields,
            header_written: false,
        }
    }

    /// Writes the chosen fields of `record` (a JSON object) as one row.
    pub(crate) fn row(&mut self, record: &Value) -> io::Result<()> {
        if !self.header_written {
            writeln!(self.out, "{}", self.fields.join("\t"))?;
            self.header_written = true;
        }
        let cells: Vec<String> = self.fields.iter().map(|f| cell(record.get(f))).collect();
        writeln!(self.out, "{}", cells.join("\t"))
    }

    pub(crate) fn finish(&mut self) -> io::Result<()> {
        if !self.header_written {
            writeln!(self.out, "{}", self.fields.join("\t"))?;
            self.header_written = true;
        }
        self.out.flush()
    }
}

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => escape(s),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(other) => escape(&other.to_string()),
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
    out
}

/// `record` with only `fields`, in that order (for `--fields` in JSON output).
pub(crate) fn select(record: Value, fields: &[String]) -> Value {
    match record {
        Value::Object(mut map) => {
            let mut out = serde_json::Map::new();
            for f in fields {
                out.insert(f.clone(), map.remove(f).unwrap_or(Value::Null));
            }
            Value::Object(out)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_rows_escape_tabs_and_newlines_and_leave_nulls_empty() {
        let mut out = Vec::new();
        let mut w = TsvWriter::new(&mut out, vec!["a".into(), "b".into(), "c".into()]);
        w.row(&serde_json::json!({"a": "x\ty\nz", "b": null, "c": [1, 2]}))
            .expect("write");
        w.finish().expect("flush");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "a\tb\tc\nx\\ty\\nz\t\t[1,2]\n"
        );
    }

    #[test]
    fn test_select_keeps_the_order_asked() {
        let v = select(
            serde_json::json!({"a": 1, "b": 2, "c": 3}),
            &["c".into(), "a".into()],
        );
        assert_eq!(v.to_string(), r#"{"c":3,"a":1}"#);
    }
}
