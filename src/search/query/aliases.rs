//! Speaker aliases in queries: `speaker:NAME` stands for every name of that speaker (in the
//! alias list, and, where the passages searched hold no speaker so named, in the other script:
//! `speaker:"Wang Wenbin"` is then 汪文斌).

use super::syntax::{Node, QueryField};

/// The names given as `speaker:NAME` anywhere in the query, each once.
pub(crate) fn speaker_names(node: &Node) -> Vec<String> {
    let mut out = Vec::new();
    collect(node, &mut out);
    out
}

fn collect(node: &Node, out: &mut Vec<String>) {
    match node {
        Node::Word { field, text } | Node::Phrase { field, text } => {
            if *field == Some(QueryField::Speaker) && !out.contains(text) {
                out.push(text.clone());
            }
        }
        Node::And(children) | Node::Or(children) => {
            for c in children {
                collect(c, out);
            }
        }
        Node::Not(inner) | Node::Required(inner) => collect(inner, out),
        // Groups are made by expansion, after speakers are read; prefixes and fuzzy words
        // name no one.
        Node::All
        | Node::Group { .. }
        | Node::Prefix { .. }
        | Node::Fuzzy { .. }
        | Node::Variants { .. } => {}
    }
}

/// `node` with each `speaker:NAME` (word or phrase) for which `names` gives more than the name
/// itself replaced by: any of those names, as phrases, required.
pub(crate) fn with_aliases(node: Node, names: &dyn Fn(&str) -> Vec<String>) -> Node {
    let all = |children: Vec<Node>| {
        children
            .into_iter()
            .map(|c| with_aliases(c, names))
            .collect()
    };
    match node {
        Node::Word {
            field: Some(QueryField::Speaker),
            ref text,
        }
        | Node::Phrase {
            field: Some(QueryField::Speaker),
            ref text,
        } => {
            let names = names(text);
            if names.len() < 2 {
                return node;
            }
            Node::Required(Box::new(Node::Or(
                names
                    .into_iter()
                    .map(|text| Node::Phrase {
                        field: Some(QueryField::Speaker),
                        text,
                    })
                    .collect(),
            )))
        }
        Node::And(children) => Node::And(all(children)),
        Node::Or(children) => Node::Or(all(children)),
        Node::Not(inner) => Node::Not(Box::new(with_aliases(*inner, names))),
        Node::Required(inner) => Node::Required(Box::new(with_aliases(*inner, names))),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::syntax::parse;

    #[test]
    fn test_speaker_names_are_collected_and_replaced() {
        let node = parse(r#"speaker:"Wang Wenbin" (台湾 OR speaker:x) -speaker:"Wang Wenbin""#)
            .expect("parses");
        assert_eq!(speaker_names(&node), ["Wang Wenbin", "x"]);
        let names = |n: &str| {
            if n == "x" {
                vec![n.to_string()]
            } else {
                vec![n.to_string(), "汪文斌".to_string()]
            }
        };
        let replaced = with_aliases(node, &names);
        let text = format!("{replaced:?}");
        assert_eq!(text.matches("汪文斌").count(), 2, "{text}");
        assert_eq!(speaker_names(&replaced).len(), 3, "{text}");
    }
}
