//! The whole graph as Graphviz DOT or JSON (`kefu kg export`).

use petgraph::visit::EdgeRef;
use serde_json::json;
use std::fmt::Write;

use super::graph::{Edge, Graph, Node};

fn node_id(g: &Graph, n: &Node) -> String {
    let c = &g.catalog;
    match n {
        Node::Product(i) => format!("product:{}", c.products[*i as usize].id),
        Node::Category(i) => format!("category:{}", c.categories[*i as usize].id),
        Node::Brand(i) => format!("brand:{}", c.brands[*i as usize].id),
        Node::AttributeValue { attribute, value } => format!("attribute:{attribute}={value}"),
        Node::Faq(i) => format!("faq:{}", c.faq[*i as usize].id),
        Node::Policy(i) => format!("policy:{}", c.policies[*i as usize].kind.as_str()),
    }
}

fn label(g: &Graph, n: &Node) -> String {
    let c = &g.catalog;
    match n {
        Node::Product(i) => c.products[*i as usize].name.clone(),
        Node::Category(i) => c.categories[*i as usize].name.clone(),
        Node::Brand(i) => c.brands[*i as usize].name.clone(),
        Node::AttributeValue { attribute, value } => format!("{attribute} = {value}"),
        Node::Faq(i) => c.faq[*i as usize].question.clone(),
        Node::Policy(i) => c.policies[*i as usize].title.clone(),
    }
}

fn kind(n: &Node) -> &'static str {
    match n {
        Node::Product(_) => "product",
        Node::Category(_) => "category",
        Node::Brand(_) => "brand",
        Node::AttributeValue { .. } => "attribute_value",
        Node::Faq(_) => "faq",
        Node::Policy(_) => "policy",
    }
}

/// `{ "stats": …, "nodes": [{id, kind, label}], "edges": [{from, to, kind}] }`.
pub fn to_json(g: &Graph) -> serde_json::Value {
    let nodes: Vec<serde_json::Value> = g
        .graph
        .node_weights()
        .map(|n| json!({ "id": node_id(g, n), "kind": kind(n), "label": label(g, n) }))
        .collect();
    let edges: Vec<serde_json::Value> = g
        .graph
        .edge_references()
        .map(|e| {
            json!({
                "from": node_id(g, &g.graph[e.source()]),
                "to": node_id(g, &g.graph[e.target()]),
                "kind": e.weight().as_str(),
            })
        })
        .collect();
    json!({ "stats": g.stats(), "nodes": nodes, "edges": edges })
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Graphviz DOT; colours tell node kinds apart.
pub fn to_dot(g: &Graph) -> String {
    let mut out = String::from(
        "digraph kefu_knowledge {\n  rankdir=LR;\n  node [style=filled, fontname=\"Helvetica\"];\n",
    );
    for n in g.graph.node_weights() {
        let (shape, colour) = match n {
            Node::Product(_) => ("box", "#dbeafe"),
            Node::Category(_) => ("folder", "#fde68a"),
            Node::Brand(_) => ("ellipse", "#fbcfe8"),
            Node::AttributeValue { .. } => ("note", "#e5e7eb"),
            Node::Faq(_) => ("hexagon", "#bbf7d0"),
            Node::Policy(_) => ("component", "#fecaca"),
        };
        let _ = writeln!(
            out,
            "  {} [label={}, shape={shape}, fillcolor=\"{colour}\"];",
            quote(&node_id(g, n)),
            quote(&label(g, n))
        );
    }
    for e in g.graph.edge_references() {
        let style = match e.weight() {
            Edge::InCategory | Edge::SubcategoryOf | Edge::MadeBy => "solid",
            Edge::HasAttribute(_) => "dotted",
            _ => "bold",
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, style={style}];",
            quote(&node_id(g, &g.graph[e.source()])),
            quote(&node_id(g, &g.graph[e.target()])),
            quote(e.weight().as_str())
        );
    }
    out.push_str("}\n");
    out
}
