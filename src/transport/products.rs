//! The catalogue over HTTP: `GET /api/products` (filterable list) and
//! `GET /api/products/{id}` (one product with its facts), read from the live graph.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::knowledge::{Fact, Graph, Product};

use super::error::ApiError;
use super::http::AppState;

const MAX_LIMIT: usize = 1000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// A category id, name or synonym; its sub-categories count too.
    pub category: Option<String>,
    pub brand: Option<String>,
    /// Words of the name (fuzzy).
    pub q: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// A product as a shop page lists it.
#[derive(Debug, Serialize)]
pub struct ProductView {
    pub id: String,
    pub name: String,
    pub brand: String,
    pub category: String,
    pub price: f64,
    pub currency: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The product's page: its own `url`, else kefu's `/products/{id}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<f32>,
    pub review_count: u32,
    pub in_stock: bool,
}

impl ProductView {
    /// The product as listed; a missing picture or page is filled as reply cards are.
    fn new(g: &Graph, p: &Product, web_dir: &std::path::Path) -> Self {
        ProductView {
            id: p.id.to_string(),
            name: p.name.clone(),
            brand: g
                .brand(&p.brand)
                .map_or(p.brand.clone(), |b| b.name.clone()),
            category: g
                .category(&p.category)
                .map_or(p.category.clone(), |c| c.name.clone()),
            price: p.price,
            currency: p.currency.clone(),
            description: p.description.clone(),
            image: super::product_links::image(web_dir, g, p),
            url: Some(super::product_links::page(p)),
            rating: p.rating,
            review_count: p.review_count,
            in_stock: p.in_stock(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ProductList {
    pub total: usize,
    pub products: Vec<ProductView>,
}

pub(crate) fn graph(state: &AppState) -> Result<std::sync::Arc<Graph>, ApiError> {
    state.knowledge.as_ref().map(|k| k.graph()).ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "catalogue_unavailable",
            "this server serves no knowledge graph",
        )
    })
}

/// `GET /api/products`. The fuzzy name search is CPU work that grows with the query, so
/// the whole listing runs on the blocking pool, never on an async worker.
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<ProductList>, ApiError> {
    if let Some(words) = &q.q {
        check_query(&state, words)?;
    }
    let g = graph(&state)?;
    tokio::task::spawn_blocking(move || list_blocking(&state, &g, &q))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?
        .map(Json)
}

/// `server.max_query_chars`: a longer `?q=` is refused before any search runs.
pub(crate) fn check_query(state: &AppState, q: &str) -> Result<(), ApiError> {
    let limit = state.config.server.max_query_chars;
    let chars = q.chars().count();
    if chars > limit {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "query_too_long",
            format!("the query has {chars} characters; at most {limit} are searched"),
        )
        .with_hint("search with fewer words"));
    }
    Ok(())
}

fn list_blocking(state: &AppState, g: &Graph, q: &ListQuery) -> Result<ProductList, ApiError> {
    let mut hits: Vec<&Product> = match &q.q {
        Some(words) if !words.trim().is_empty() => g
            .search_name(words, MAX_LIMIT)
            .into_iter()
            .map(|(p, _)| p)
            .collect(),
        _ => g.products().iter().collect(),
    };
    if let Some(cat) = &q.category {
        let Some(c) = g.category(cat) else {
            return Err(ApiError::not_found(format!("no category {cat:?}"))
                .with_hint("category ids, names and synonyms are in knowledge/categories.yaml"));
        };
        let ids: std::collections::HashSet<&str> = g
            .products_in_category(&c.id, true)
            .into_iter()
            .map(|p| p.id.as_str())
            .collect();
        hits.retain(|p| ids.contains(p.id.as_str()));
    }
    if let Some(b) = &q.brand {
        let id = g.brand(b).map_or(b.to_lowercase(), |x| x.id.to_lowercase());
        hits.retain(|p| p.brand.to_lowercase() == id);
    }
    let total = hits.len();
    let limit = q.limit.unwrap_or(MAX_LIMIT).min(MAX_LIMIT);
    let products = hits
        .into_iter()
        .skip(q.offset.unwrap_or(0))
        .take(limit)
        .map(|p| ProductView::new(g, p, &state.config.server.web_dir))
        .collect();
    Ok(ProductList { total, products })
}

#[derive(Debug, Serialize)]
pub struct ProductDetail {
    #[serde(flatten)]
    pub view: ProductView,
    pub product: Product,
    /// What the graph knows of it, stated or read from the description.
    pub facts: Vec<Fact>,
}

/// `GET /api/products/{id}`
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ProductDetail>, ApiError> {
    let g = graph(&state)?;
    let Some(p) = g.product(&id) else {
        return Err(ApiError::not_found(format!("no product {id:?}"))
            .with_hint("GET /api/products lists them"));
    };
    Ok(Json(ProductDetail {
        view: ProductView::new(&g, p, &state.config.server.web_dir),
        product: p.clone(),
        facts: g.facts(&id).to_vec(),
    }))
}
