//! The admin API, behind a bearer token (`admin.token` / `KEFU_ADMIN_TOKEN`). Mounted only
//! when a token is configured. Knowledge edits go through the files: validated first
//! (400 with field errors, nothing written), then written, reloaded and served.

use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use super::error::ApiError;
use super::http::AppState;
use crate::knowledge::{EditError, KnowledgeError, LiveGraph, Problem, Product, Relation};

/// `/admin/...` routes; every one needs `Authorization: Bearer <admin.token>`.
pub(crate) fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/kg/status", get(status))
        .route("/kg/reload", post(reload))
        .route("/kg/products", get(list_products).post(create_product))
        .route(
            "/kg/products/{id}",
            get(get_product).put(update_product).delete(delete_product),
        )
        .route(
            "/kg/relations",
            get(list_relations)
                .post(create_relation)
                .delete(delete_relation),
        )
        .route("/analytics", get(super::analytics::report))
        .route(
            "/analytics/conversations",
            get(super::analytics::conversations),
        )
        .route("/review", get(super::analytics::review_queue))
        .route("/review/{seq}", post(super::analytics::decide))
        .route("/shoppers/{id}", get(super::analytics::shopper))
        .layer(middleware::from_fn_with_state(state, require_token))
}

async fn require_token(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match super::agent::require_admin(&state, req.headers()) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

fn live(state: &AppState) -> Result<Arc<LiveGraph>, ApiError> {
    state.knowledge.clone().ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "knowledge_unavailable",
            "the knowledge graph is not loaded in this server",
        )
        .with_hint("start the server with a valid knowledge directory")
    })
}

/// An [`ApiError`] plus, for invalid input, which field is wrong and why.
struct AdminError {
    error: ApiError,
    fields: Vec<FieldError>,
}

#[derive(Serialize)]
struct FieldError {
    field: Option<String>,
    message: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    location: String,
}

impl From<ApiError> for AdminError {
    fn from(error: ApiError) -> Self {
        Self {
            error,
            fields: Vec::new(),
        }
    }
}

impl IntoResponse for AdminError {
    fn into_response(self) -> Response {
        let status = self.error.status;
        let mut body = serde_json::json!({ "error": self.error });
        if !self.fields.is_empty() {
            body["fields"] = serde_json::to_value(&self.fields).unwrap_or_default();
        }
        (status, Json(body)).into_response()
    }
}

fn invalid(code: &'static str, problems: Vec<Problem>) -> AdminError {
    let message = match problems.first() {
        Some(p) if problems.len() == 1 => p.message.clone(),
        Some(p) => format!("{} (and {} more problems)", p.message, problems.len() - 1),
        None => "the change is invalid".into(),
    };
    AdminError {
        error: ApiError::new(StatusCode::BAD_REQUEST, code, message)
            .with_hint("nothing was saved; fix the fields listed in `fields` and send it again"),
        fields: problems
            .into_iter()
            .map(|p| FieldError {
                location: if p.line > 0 {
                    format!("{}:{}", p.file, p.line)
                } else {
                    String::new()
                },
                field: p.field,
                message: p.message,
            })
            .collect(),
    }
}

fn edit_error(code: &'static str, e: EditError) -> AdminError {
    match e {
        EditError::Invalid(problems) => invalid(code, problems),
        EditError::NotFound(m) => ApiError::not_found(m).into(),
        EditError::Conflict(m) => ApiError::new(StatusCode::CONFLICT, "conflict", m).into(),
        EditError::Knowledge(e) => internal(e),
    }
}

fn internal(e: KnowledgeError) -> AdminError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "knowledge_error",
        e.to_string(),
    )
    .into()
}

/// Parses a JSON body, reporting the field at fault (serde's message names it).
fn parse_body<T: serde::de::DeserializeOwned>(
    code: &'static str,
    body: &Bytes,
) -> Result<T, AdminError> {
    serde_json::from_slice(body).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map(|x| x.0.to_string())
            .unwrap_or(msg);
        let field = ["unknown field `", "missing field `"].iter().find_map(|p| {
            let i = msg.find(p)?;
            let rest = &msg[i + p.len()..];
            Some(rest[..rest.find('`')?].to_string())
        });
        AdminError {
            error: ApiError::new(
                StatusCode::BAD_REQUEST,
                code,
                format!("the body is not valid: {msg}"),
            )
            .with_hint("send a JSON object with the fields described in docs/knowledge.md"),
            fields: vec![FieldError {
                field,
                message: msg,
                location: String::new(),
            }],
        }
    })
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AdminError> + Send + 'static,
) -> Result<T, AdminError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        AdminError::from(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            e.to_string(),
        ))
    })?
}

async fn status(State(state): State<AppState>) -> Result<Response, AdminError> {
    let live = live(&state)?;
    Ok(Json(live.status()).into_response())
}

async fn reload(State(state): State<AppState>) -> Result<Response, AdminError> {
    let live = live(&state)?;
    let l = live.clone();
    let result = blocking(move || Ok(l.reload())).await?;
    match result {
        Ok(r) => Ok(Json(serde_json::json!({ "reloaded": format!("{r:?}").to_lowercase(), "status": live.status() })).into_response()),
        Err(KnowledgeError::Invalid(problems)) => Err(invalid(
            "invalid_knowledge",
            problems.into_iter().filter(Problem::is_error).collect(),
        )),
        Err(e) => Err(internal(e)),
    }
}

#[derive(Deserialize)]
struct Page {
    #[serde(default)]
    offset: usize,
    #[serde(default = "default_limit")]
    limit: usize,
}

fn default_limit() -> usize {
    50
}

async fn list_products(
    State(state): State<AppState>,
    Query(page): Query<Page>,
) -> Result<Response, AdminError> {
    let graph = live(&state)?.graph();
    let items: Vec<&Product> = graph
        .products()
        .iter()
        .skip(page.offset)
        .take(page.limit.min(500))
        .collect();
    Ok(Json(serde_json::json!({ "total": graph.products().len(), "offset": page.offset, "products": items })).into_response())
}

async fn get_product(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AdminError> {
    let graph = live(&state)?.graph();
    let p = graph
        .product(&id)
        .ok_or_else(|| ApiError::not_found(format!("no product with id {id:?}")))?;
    Ok(Json(serde_json::json!({ "product": p, "facts": graph.facts(&id) })).into_response())
}

async fn create_product(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, AdminError> {
    let live = live(&state)?;
    let product: Product = parse_body("invalid_product", &body)?;
    let id = product.id.to_string();
    blocking(move || {
        live.put_product(&product, true)
            .map_err(|e| edit_error("invalid_product", e))
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "created": id })),
    )
        .into_response())
}

async fn update_product(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, AdminError> {
    let live = live(&state)?;
    let product: Product = parse_body("invalid_product", &body)?;
    if product.id.as_str() != id {
        return Err(invalid(
            "invalid_product",
            vec![Problem {
                severity: crate::knowledge::Severity::Error,
                file: String::new(),
                line: 0,
                column: 0,
                field: Some("id".into()),
                message: format!(
                    "the body's id {:?} is not the id in the path {id:?}",
                    product.id.as_str()
                ),
            }],
        ));
    }
    blocking(move || {
        live.put_product(&product, false)
            .map_err(|e| edit_error("invalid_product", e))
    })
    .await?;
    Ok(Json(serde_json::json!({ "updated": id })).into_response())
}

async fn delete_product(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AdminError> {
    let live = live(&state)?;
    blocking(move || {
        live.delete_product(&id)
            .map_err(|e| edit_error("invalid_delete", e))
    })
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize)]
struct RelationQuery {
    product: Option<String>,
}

async fn list_relations(
    State(state): State<AppState>,
    Query(q): Query<RelationQuery>,
) -> Result<Response, AdminError> {
    let graph = live(&state)?.graph();
    let items: Vec<&Relation> = graph
        .catalog()
        .relations
        .iter()
        .filter(|r| {
            q.product
                .as_deref()
                .is_none_or(|p| r.from.as_str() == p || r.to.as_str() == p)
        })
        .take(1000)
        .collect();
    Ok(Json(serde_json::json!({ "relations": items })).into_response())
}

async fn create_relation(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, AdminError> {
    let live = live(&state)?;
    let r: Relation = parse_body("invalid_relation", &body)?;
    blocking(move || {
        live.add_relation(&r)
            .map_err(|e| edit_error("invalid_relation", e))
    })
    .await?;
    Ok(StatusCode::CREATED.into_response())
}

async fn delete_relation(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, AdminError> {
    let live = live(&state)?;
    let r: Relation = parse_body("invalid_relation", &body)?;
    blocking(move || {
        live.remove_relation(&r)
            .map_err(|e| edit_error("invalid_relation", e))
    })
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
