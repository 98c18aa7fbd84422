//! Speaker aliases in queries: `speaker:NAME` stands for every name of that speaker.

use super::syntax::{Node, QueryField};
use crate::index::aliases::Aliases;

/// `node` with each `speaker:NAME` (word or phrase) that names a speaker of the alias list
/// replaced by: any of that speaker's names, as phrases, required.
pub(crate) fn with_aliases(node: Node, aliases: &Aliases) -> Node {
    if aliases.is_empty() {
        return node;
    }
    let all = |children: Vec<Node>| {
        children
            .into_iter()
            .map(|c| with_aliases(c, aliases))
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
            let names = aliases.names(text);
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
        Node::Not(inner) => Node::Not(Box::new(with_aliases(*inner, aliases))),
        Node::Required(inner) => Node::Required(Box::new(with_aliases(*inner, aliases))),
        other => other,
    }
}
