//! The ranker: candidates and their relevance from search (the request's type and
//! constraints, the catalogue's words and the embeddings) → scores (relevance, profile,
//! behaviour, relations, popularity, rating) → MMR for variety → sort wish → a reason
//! per product.

use chrono::Utc;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::item_model::{ItemModel, ItemModelParams};
use super::reason::{Companion, Fit, Reason};
use super::request::{Ranking, SortWish};
use super::{RecommendConfig, RecommendError, RecommendRequest, Recommendation};
use crate::behavior::{Action, BehaviorConfig, EventLog, Profile, Subject};
use crate::knowledge::{Graph, Product, Verdict};
use crate::search::vectors::dot;
use crate::search::{ProductSearch, SearchHit, SearchMode, TypeMatch};
use crate::types::{ProductId, SearchRequest};

/// The signals of one product's score, each already multiplied by its weight.
#[derive(Debug, Clone, Copy, Default)]
struct Parts {
    relevance: f32,
    affinity: f32,
    look_alike: f32,
    behaviour: f32,
    companion: f32,
    popularity: f32,
    rating: f32,
}

impl Parts {
    fn total(&self) -> f32 {
        self.relevance
            + self.affinity
            + self.look_alike
            + self.behaviour
            + self.companion
            + self.popularity
            + self.rating
    }
}

struct Scored {
    ix: usize,
    score: f32,
    parts: Parts,
}

/// Ranks a catalogue for requests. Holds the search over the catalogue and the
/// behavioural model; rebuild (or [`Recommender::learn`]) when the catalogue or the log
/// changes.
pub struct Recommender {
    graph: Arc<Graph>,
    search: Arc<ProductSearch>,
    config: RecommendConfig,
    half_life_secs: f64,
    index: HashMap<ProductId, usize>,
    /// Per product: its category and every ancestor's id.
    ancestors: Vec<Vec<String>>,
    behaviour: Option<ItemModel>,
    /// Per product, in [0, 1]: how much shoppers engaged with it (events) …
    event_popularity: Vec<f32>,
    /// … and how many reviews it has (the catalogue's own popularity signal).
    review_popularity: Vec<f32>,
}

/// Candidates scored for a request: at least this many, or five times the list.
const MIN_POOL: usize = 50;
/// Candidates scored for a request of words alone.
const VAGUE_POOL: usize = 300;

fn log_share(values: &[f32]) -> Vec<f32> {
    let max = values.iter().copied().fold(0.0f32, f32::max);
    if max <= 0.0 {
        return vec![0.0; values.len()];
    }
    values.iter().map(|v| v.ln_1p() / max.ln_1p()).collect()
}

impl Recommender {
    /// The settings it ranks with.
    pub fn config(&self) -> &RecommendConfig {
        &self.config
    }

    /// A ranker over `search`'s catalogue (its product vectors are the recommender's).
    pub fn new(
        search: Arc<ProductSearch>,
        config: RecommendConfig,
        behavior: &BehaviorConfig,
    ) -> Result<Self, RecommendError> {
        let graph = search.graph().clone();
        let products = graph.products();
        let index = products
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let ancestors = products
            .iter()
            .map(|p| {
                graph
                    .category_ancestors(&p.category)
                    .iter()
                    .map(|c| c.id.clone())
                    .collect()
            })
            .collect();
        let reviews: Vec<f32> = products.iter().map(|p| p.review_count as f32).collect();
        Ok(Self {
            review_popularity: log_share(&reviews),
            event_popularity: vec![0.0; products.len()],
            graph,
            search,
            config,
            half_life_secs: behavior.half_life_days * 86_400.0,
            index,
            ancestors,
            behaviour: None,
        })
    }

    /// Product `i`'s vector (empty when it has none, which scores 0 similarity).
    fn vector(&self, i: usize) -> &[f32] {
        self.search
            .vector(&self.graph.products()[i].id)
            .unwrap_or(&[])
    }

    /// Learns co-view / co-purchase transitions and popularity from the event log.
    pub fn learn(&mut self, log: &EventLog) -> Result<(), RecommendError> {
        let n = self.graph.products().len();
        let mut engagement = vec![0f32; n];
        let mut sequences: Vec<Vec<u32>> = Vec::new();
        for (_, events) in log.sequences()? {
            let mut seq = Vec::new();
            for e in &events {
                let Some(&ix) = e.action.product().and_then(|p| self.index.get(p)) else {
                    continue;
                };
                engagement[ix] += match e.action {
                    Action::Purchase { .. } => 4.0,
                    Action::AddToCart { .. } => 2.0,
                    Action::Click { .. } => 1.5,
                    Action::RemoveFromCart { .. } => 0.0,
                    _ => 1.0,
                };
                if matches!(e.action, Action::RemoveFromCart { .. }) {
                    continue;
                }
                if seq.last() != Some(&(ix as u32)) {
                    seq.push(ix as u32);
                }
            }
            if seq.len() > 1 {
                sequences.push(seq);
            }
        }
        self.event_popularity = log_share(&engagement);
        let refs: Vec<&[u32]> = sequences.iter().map(Vec::as_slice).collect();
        self.behaviour =
            (!refs.is_empty()).then(|| ItemModel::fit(&refs, n, ItemModelParams::default()));
        Ok(())
    }

    pub fn graph(&self) -> &Arc<Graph> {
        &self.graph
    }

    /// Ranks for a shopper known to the event log (a new shopper has no profile).
    pub fn recommend_for(
        &self,
        request: &RecommendRequest,
        log: &EventLog,
        subject: &Subject,
    ) -> Result<Vec<Recommendation>, RecommendError> {
        let profile = log.profile(subject)?;
        self.recommend(request, profile.as_ref())
    }

    /// The ranked list for `request`, personalised by `profile` when given.
    pub fn recommend(
        &self,
        request: &RecommendRequest,
        profile: Option<&Profile>,
    ) -> Result<Vec<Recommendation>, RecommendError> {
        Ok(self.rank(request, profile)?.items)
    }

    /// The ranked list for `request` and how its product type was found in the catalogue
    /// (nothing of the asked type is reported, never filled with other types).
    pub fn rank(
        &self,
        request: &RecommendRequest,
        profile: Option<&Profile>,
    ) -> Result<Ranking, RecommendError> {
        let products = self.graph.products();
        let limit = request.limit.unwrap_or(self.config.list_size).max(1);
        let wanted = &request.search;
        let now = request.now.unwrap_or_else(Utc::now);
        let profile = profile.map(|p| p.decayed_to(now, self.half_life_secs));

        let current = match &request.current_product {
            Some(id) => Some(
                *self
                    .index
                    .get(id)
                    .ok_or_else(|| RecommendError::UnknownProduct(id.to_string()))?,
            ),
            None => None,
        };
        let mut excluded: HashSet<usize> = wanted
            .exclude
            .iter()
            .filter_map(|id| self.index.get(id).copied())
            .collect();
        excluded.extend(current);
        if let Some(p) = &profile {
            excluded.extend(
                p.purchases
                    .keys()
                    .filter(|id| p.owns(id))
                    .filter_map(|id| self.index.get(id).copied()),
            );
        }

        let companions = self.companions(current);
        let only_companions = request.accessories
            && companions
                .values()
                .any(|c| matches!(c, Companion::AccessoryFor | Companion::WorksWith));

        // Products the shopper looked at lately, newest first, and the behavioural history
        // (oldest first, the current product last).
        let recent: Vec<usize> = profile
            .iter()
            .flat_map(|p| p.recent_views.iter())
            .filter_map(|(id, _)| self.index.get(id).copied())
            .take(5)
            .collect();
        let mut history: Vec<u32> = recent.iter().rev().map(|&i| i as u32).collect();
        history.extend(current.map(|c| c as u32));
        let mut behaviour = vec![0f32; products.len()];
        if let Some(model) = &self.behaviour {
            let mut touched = Vec::new();
            model.accumulate(&history, &mut behaviour, &mut touched);
        }

        // A request of words alone ("something for my next trip outdoors") is vague: the
        // shopper's profile picks from a wider pool.
        let vague = wanted.product_type.is_none() && wanted.brands.is_empty();
        let pool = (limit * 5).max(if vague { VAGUE_POOL } else { MIN_POOL });
        let (candidates, relevance, type_match) = self.candidates(
            wanted,
            (pool, vague),
            &excluded,
            only_companions.then_some(&companions),
        )?;
        if candidates.is_empty() {
            return Ok(Ranking {
                items: Vec::new(),
                type_match,
            });
        }
        let max_behaviour = candidates
            .iter()
            .map(|&i| behaviour[i])
            .fold(0.0f32, f32::max);

        let c = &self.config;
        let mut scored: Vec<Scored> = candidates
            .iter()
            .zip(&relevance)
            .map(|(&i, &rel)| {
                let p = &products[i];
                let mut parts = Parts {
                    relevance: c.weight_relevance * rel,
                    companion: if companions.contains_key(&i) {
                        c.weight_companion
                    } else {
                        0.0
                    },
                    behaviour: if max_behaviour > 0.0 {
                        c.weight_behaviour * behaviour[i] / max_behaviour
                    } else {
                        0.0
                    },
                    popularity: c.weight_popularity
                        * 0.5
                        * (self.event_popularity[i] + self.review_popularity[i]),
                    rating: c.weight_rating * bayesian_rating(p),
                    ..Parts::default()
                };
                if let Some(profile) = &profile {
                    parts.affinity = c.weight_affinity * self.affinity(profile, i);
                    parts.look_alike = c.weight_look_alike
                        * recent
                            .iter()
                            .enumerate()
                            .map(|(k, &r)| {
                                0.85f32.powi(k as i32) * dot(self.vector(i), self.vector(r))
                            })
                            .fold(0.0f32, f32::max);
                }
                Scored {
                    ix: i,
                    score: parts.total(),
                    parts,
                }
            })
            .collect();
        scored.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| products[a.ix].id.cmp(&products[b.ix].id))
        });
        scored.truncate((limit * 5).max(25));

        let mut chosen = self.diversify(scored, limit);
        if let Some(sort) = wanted.sort {
            chosen.sort_by(|a, b| {
                let (pa, pb) = (&products[a.ix], &products[b.ix]);
                match sort {
                    SortWish::Cheapest => pa.price.total_cmp(&pb.price),
                    SortWish::BestRated => bayesian_rating(pb).total_cmp(&bayesian_rating(pa)),
                    SortWish::Newest => pb.added.cmp(&pa.added),
                }
                .then_with(|| b.score.total_cmp(&a.score))
                .then_with(|| pa.id.cmp(&pb.id))
            });
        }
        let items = chosen
            .iter()
            .map(|s| Recommendation {
                product: products[s.ix].id.clone(),
                score: s.score,
                reason: self.reason(s, wanted, current, &companions, &recent, &history),
            })
            .collect();
        Ok(Ranking { items, type_match })
    }

    /// The products to score and their relevance in [0, 1]. With a request, search
    /// finds them (type, constraints, words); a list of companions ("accessories for it")
    /// keeps to the companions the constraints admit; an empty request scores every
    /// product in stock on the shopper alone.
    fn candidates(
        &self,
        wanted: &SearchRequest,
        (pool, vague): (usize, bool),
        excluded: &HashSet<usize>,
        companions: Option<&HashMap<usize, Companion>>,
    ) -> Result<(Vec<usize>, Vec<f32>, TypeMatch), RecommendError> {
        let products = self.graph.products();
        let open = |i: &usize| !excluded.contains(i);
        if let Some(companions) = companions {
            let constraints = SearchRequest {
                product_type: None,
                text: String::new(),
                ..wanted.clone()
            };
            let admitted: HashSet<usize> = if constraints.is_empty() {
                (0..products.len())
                    .filter(|&i| products[i].in_stock())
                    .collect()
            } else {
                self.search
                    .search(&constraints, products.len(), SearchMode::Fused)?
                    .hits
                    .iter()
                    .flat_map(|h| std::iter::once(&h.product).chain(&h.also))
                    .filter_map(|id| self.index.get(id).copied())
                    .collect()
            };
            let mut found: Vec<usize> = companions
                .keys()
                .copied()
                .filter(|i| admitted.contains(i) && open(i))
                .collect();
            found.sort_unstable();
            let n = found.len();
            return Ok((found, vec![0.0; n], TypeMatch::NotAsked));
        }
        if wanted.is_empty() {
            let found: Vec<usize> = (0..products.len())
                .filter(|i| open(i) && products[*i].in_stock())
                .collect();
            let n = found.len();
            return Ok((found, vec![0.0; n], TypeMatch::NotAsked));
        }
        // A vague wish ("something for my next trip outdoors") is about meaning: its
        // words ("next", "trip") match descriptions at random, so it is ranked by the
        // embeddings alone, deep enough for the shopper's profile to reach past the
        // closest few.
        let mode = if vague {
            SearchMode::Semantic
        } else {
            SearchMode::Fused
        };
        let mut results = self.search.search(wanted, pool, mode)?;
        if results.hits.is_empty() && !wanted.features.is_empty() {
            // Nothing the catalogue says has the feature: show the closest rather than
            // nothing (the words still name the feature).
            let loose = SearchRequest {
                features: Vec::new(),
                ..wanted.clone()
            };
            results = self.search.search(&loose, pool, mode)?;
        }
        // Relevance is the better of the search score and the embedding cosine, each as a
        // share of the best: fusion falls off fast, the cosine keeps "close, not closest"
        // products within reach of the shopper's profile.
        let share = |x: f32, max: f32| if max > 0.0 { (x / max).max(0.0) } else { 0.0 };
        let cosine = |h: &SearchHit| h.semantic.as_ref().map_or(0.0, |s| s.score);
        let max_score = results.hits.iter().map(|h| h.score).fold(0.0f32, f32::max);
        let max_cosine = results.hits.iter().map(cosine).fold(0.0f32, f32::max);
        let (found, relevance) = results
            .hits
            .iter()
            .filter_map(|h| {
                let i = *self.index.get(&h.product)?;
                let rel = share(h.score, max_score).max(share(cosine(h), max_cosine));
                open(&i).then_some((i, rel))
            })
            .unzip();
        Ok((found, relevance, results.type_match))
    }

    fn companions(&self, current: Option<usize>) -> HashMap<usize, Companion> {
        let mut out = HashMap::new();
        let Some(cur) = current else { return out };
        let id = self.graph.products()[cur].id.as_str();
        for (list, kind) in [
            (self.graph.bought_together(id), Companion::BoughtTogether),
            (self.graph.compatible_with(id), Companion::WorksWith),
            (self.graph.accessories_of(id), Companion::AccessoryFor),
        ] {
            for p in list {
                if let Some(&i) = self.index.get(&p.id) {
                    out.insert(i, kind);
                }
            }
        }
        out
    }

    /// Category, brand, attribute and price affinities of the profile for one product,
    /// in [-1, 1].
    fn affinity(&self, profile: &Profile, i: usize) -> f32 {
        let p = &self.graph.products()[i];
        let category = self.ancestors[i]
            .iter()
            .map(|c| Profile::relative(&profile.categories, c))
            .fold(0.0f64, f64::max);
        let brand = Profile::relative(&profile.brands, &p.brand);
        let attributes: Vec<f64> = p
            .attributes
            .iter()
            .map(|(k, v)| Profile::relative(&profile.attributes, &format!("{k}={}", v.key())))
            .collect();
        let attribute = if attributes.is_empty() {
            0.0
        } else {
            attributes.iter().sum::<f64>() / attributes.len() as f64
        };
        let price = profile.price.fit(p.price);
        (0.35 * category + 0.35 * brand + 0.1 * attribute + 0.2 * price) as f32
    }

    /// Maximal marginal relevance: each pick trades its score against its likeness to
    /// what is already picked (same brand, similar text), so one brand cannot fill the list.
    fn diversify(&self, mut pool: Vec<Scored>, limit: usize) -> Vec<Scored> {
        let lambda = self.config.diversity_lambda;
        let max = pool.first().map(|s| s.score.abs()).unwrap_or(1.0).max(1e-6);
        let products = self.graph.products();
        let mut chosen: Vec<Scored> = Vec::with_capacity(limit);
        while chosen.len() < limit && !pool.is_empty() {
            let mut best = 0;
            let mut best_value = f32::NEG_INFINITY;
            for (k, s) in pool.iter().enumerate() {
                let likeness = chosen
                    .iter()
                    .map(|c| {
                        let same_brand = products[c.ix].brand == products[s.ix].brand;
                        0.5 * f32::from(same_brand)
                            + 0.5 * dot(self.vector(c.ix), self.vector(s.ix)).max(0.0)
                    })
                    .fold(0.0f32, f32::max);
                let value = lambda * s.score / max - (1.0 - lambda) * likeness;
                // Strictly greater: ties keep the earlier (higher-scored, then lower-id) one.
                if value > best_value {
                    best_value = value;
                    best = k;
                }
            }
            chosen.push(pool.remove(best));
        }
        chosen
    }

    #[allow(clippy::too_many_arguments)]
    fn reason(
        &self,
        s: &Scored,
        wanted: &SearchRequest,
        current: Option<usize>,
        companions: &HashMap<usize, Companion>,
        recent: &[usize],
        history: &[u32],
    ) -> Reason {
        let products = self.graph.products();
        let p = &products[s.ix];
        let id_of = |i: usize| products[i].id.clone();
        let category = p.category.clone();
        // Only a dated product is "new"; an undated one gets its other reasons.
        let undated_newest = wanted.sort == Some(SortWish::Newest) && p.added.is_none();
        if let (Some(wish), false) = (wanted.sort, undated_newest) {
            return Reason::Sorted {
                wish,
                category,
                price_max: wanted.price_max,
                currency: p.currency.clone(),
                rating: p.rating,
                reviews: p.review_count,
                added: p.added,
            };
        }
        let parts = &s.parts;
        let mut options = [
            ("companion", parts.companion),
            ("behaviour", parts.behaviour),
            ("look_alike", parts.look_alike),
            ("affinity", parts.affinity),
            ("relevance", parts.relevance),
            ("rating", parts.rating),
            ("popularity", parts.popularity),
        ];
        // Strongest signal first; a stated relation to the current product always leads,
        // it is the most concrete thing to say.
        options.sort_by(|a, b| {
            (b.0 == "companion" && b.1 > 0.0)
                .cmp(&(a.0 == "companion" && a.1 > 0.0))
                .then(b.1.total_cmp(&a.1))
        });
        for (kind, value) in options {
            if value <= 0.0 {
                continue;
            }
            let reason = match kind {
                "companion" => current.and_then(|c| {
                    companions.get(&s.ix).map(|&relation| Reason::Companion {
                        relation,
                        product: id_of(c),
                    })
                }),
                "behaviour" => self.behaviour.as_ref().and_then(|m| {
                    let anchor = history
                        .iter()
                        .map(|&h| (h, m.pair_score(h, s.ix as u32)))
                        .filter(|(_, v)| *v > 0.0)
                        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?
                        .0 as usize;
                    Some(Reason::OthersChose {
                        product: id_of(anchor),
                    })
                }),
                "look_alike" => recent
                    .iter()
                    .map(|&r| (r, dot(self.vector(s.ix), self.vector(r))))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(r, _)| Reason::SimilarToViewed { product: id_of(r) }),
                "affinity" => Some(Reason::YouLike {
                    brand: self.brand_name(&p.brand),
                    category: category.clone(),
                }),
                "relevance" => Some(Reason::Fits {
                    fits: self.fits(p, wanted),
                    category: category.clone(),
                }),
                "rating" => p.rating.map(|rating| Reason::Rated {
                    rating,
                    reviews: p.review_count,
                }),
                _ => Some(Reason::Popular {
                    category: category.clone(),
                }),
            };
            if let Some(reason) = reason {
                return reason;
            }
        }
        Reason::InCategory { category }
    }

    /// The asked-for constraints `p` meets, in the catalogue's words.
    fn fits(&self, p: &Product, wanted: &SearchRequest) -> Vec<Fit> {
        let mut fits = Vec::new();
        if let Some(amount) = wanted.price_max {
            fits.push(Fit::Under {
                amount,
                currency: p.currency.clone(),
            });
        }
        if let Some(amount) = wanted.price_min {
            fits.push(Fit::Over {
                amount,
                currency: p.currency.clone(),
            });
        }
        if !wanted.brands.is_empty() {
            fits.push(Fit::Brand(self.brand_name(&p.brand)));
        }
        if let Some(c) = wanted.colours.first() {
            let own = p
                .variants_in_stock(None, Some(c))
                .find_map(|v| v.colour.clone())
                .unwrap_or_else(|| c.clone());
            fits.push(Fit::Colour(own));
        }
        for f in &wanted.features {
            if let Some(id) = self.graph.resolve_attribute(f) {
                let meets = self
                    .graph
                    .fact(p.id.as_str(), &id)
                    .is_some_and(|fact| Verdict::of(&fact.value) == Verdict::Yes);
                if meets {
                    fits.push(Fit::Feature(id));
                }
            }
        }
        for m in &wanted.materials {
            fits.push(Fit::Material(m.clone()));
        }
        for size in &wanted.sizes {
            fits.push(Fit::Size(size.clone()));
        }
        fits
    }

    fn brand_name(&self, id: &str) -> String {
        self.graph
            .brand(id)
            .map(|b| b.name.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

/// Stars pulled towards 3.5 for products with few reviews, scaled to [0, 1].
fn bayesian_rating(p: &Product) -> f32 {
    match p.rating {
        Some(r) => {
            let n = p.review_count as f32;
            ((r * n + 3.5 * 10.0) / (n + 10.0)) / 5.0
        }
        None => 0.7,
    }
}
