//! What kefu remembers of one conversation, persisted in sled after every turn so a
//! restart mid-conversation loses nothing.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::store::{AgeIndex, Store, StoreError, Tree};
use crate::types::{Parse, ProductId, SlotKind};

/// Turns kept in the tracker (older ones live on in the session log).
const MAX_TURNS: usize = 40;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tracker {
    pub session: String,
    pub user: Option<String>,
    /// The locale the client asked for (the page's language).
    pub locale: Option<String>,
    /// The language the shopper last wrote in, when its script said (nlu/language.rs):
    /// replies follow it, so a shopper who switches language is answered in the new one.
    #[serde(default)]
    pub language: Option<String>,
    pub turns: Vec<TurnRecord>,
    /// The search constraints in force (slot kind → value as the shopper said it).
    #[serde(deserialize_with = "known_kinds")]
    pub slots: BTreeMap<SlotKind, String>,
    /// Brands the shopper said no to ("not nike").
    pub excluded_brands: Vec<String>,
    /// Colours the shopper said no to ("anything but black").
    #[serde(default)]
    pub excluded_colours: Vec<String>,
    /// Other words the shopper said no to ("without a pocket", "not the travel one").
    #[serde(default)]
    pub excluded_words: Vec<String>,
    /// The last product list shown, in order ("the second one" points into it).
    pub last_products: Vec<ProductId>,
    /// Everything shown for the current search ("show more" skips these).
    pub shown: Vec<ProductId>,
    /// The product being talked about ("it", "that one").
    pub focus: Option<ProductId>,
    pub cart: Vec<CartLine>,
    /// A question kefu asked and is waiting on.
    pub pending: Option<Pending>,
    /// Fallbacks in a row.
    pub fallbacks: u32,
    /// Turns in a row that kefu could not help with (fallbacks, empty searches, unknowns).
    pub failures: u32,
    pub handoff: Handoff,
    /// Orders this session proved it may see (by the order's email).
    pub verified_orders: Vec<String>,
    /// The last parse, so a "did you mean" button can re-run it with the chosen intent.
    pub last_parse: Option<Parse>,
    /// The CSAT question was asked in this session (it is asked once).
    #[serde(default)]
    pub csat_asked: bool,
    /// The shopper's own words for a search no slot describes ("a gift for my dad, he
    /// likes hiking"): what the search is ranked by for as long as it lasts.
    #[serde(default)]
    pub wish: Option<String>,
    /// The order last shown in this session ("cancel it" after its status).
    #[serde(default)]
    pub order_focus: Option<String>,
}

/// The slots in force as stored: labels the dialogue no longer reads (a tracker saved by
/// a build that kept others) are dropped rather than failing the session's load.
fn known_kinds<'de, D>(de: D) -> Result<BTreeMap<SlotKind, String>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let stored = BTreeMap::<String, String>::deserialize(de)?;
    Ok(stored
        .into_iter()
        .filter_map(|(label, value)| Some((SlotKind::parse(&label)?, value)))
        .collect())
}

/// What [`Tracker::claim`] made of a turn's (or hello's) signed user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Nothing changed: anonymous stays anonymous, the owner speaks.
    Same,
    /// The anonymous session is now the signed-in user's.
    SignedIn,
    /// The session is another user's (or the speaker is anonymous on a user's session).
    Refused,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handoff {
    #[default]
    None,
    /// Waiting for, or talking with, a person; kefu stays quiet.
    WithAgent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnRecord {
    pub at: DateTime<Utc>,
    pub text: String,
    pub intent: String,
    pub confidence: f32,
    pub action: String,
    pub reply: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartLine {
    pub product: ProductId,
    pub sku: Option<String>,
    pub quantity: u32,
}

/// What an `affirm`, `deny` or a bare answer will be applied to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    ConfirmCancel {
        order_id: String,
    },
    ConfirmReturn {
        order_id: String,
    },
    ConfirmHandoff,
    /// Waiting for the email on an order before showing it; `then` is the intent asked.
    AskEmail {
        order_id: String,
        then: String,
    },
    /// Waiting for an order id for `then`.
    AskOrderId {
        then: String,
    },
    /// Waiting for a slot value (e.g. `size`) to finish `then`.
    AskSlot {
        slot: SlotKind,
        then: String,
    },
    /// Waiting for a 1–5 rating of the conversation.
    AskCsat,
}

impl Tracker {
    pub fn new(session: &str) -> Self {
        Tracker {
            session: session.to_string(),
            ..Tracker::default()
        }
    }

    /// Applies who is speaking to the session: an anonymous session becomes `user`'s
    /// when a signed-in shopper speaks; a session a user owns is only ever that user's.
    pub fn claim(&mut self, user: Option<&str>) -> Claim {
        match (self.user.as_deref(), user) {
            (None, None) => Claim::Same,
            (None, Some(u)) => {
                self.user = Some(u.to_string());
                Claim::SignedIn
            }
            (Some(owner), Some(u)) if owner == u => Claim::Same,
            (Some(_), _) => Claim::Refused,
        }
    }

    pub fn record(&mut self, turn: TurnRecord) {
        self.turns.push(turn);
        if self.turns.len() > MAX_TURNS {
            let extra = self.turns.len() - MAX_TURNS;
            self.turns.drain(..extra);
        }
    }

    /// Starts a new search topic: constraints and lists from the old one no longer apply.
    pub fn reset_search(&mut self) {
        self.slots.clear();
        self.excluded_brands.clear();
        self.excluded_colours.clear();
        self.excluded_words.clear();
        self.shown.clear();
        self.wish = None;
    }

    pub fn show(&mut self, products: &[ProductId]) {
        self.last_products = products.to_vec();
        for p in products {
            if !self.shown.contains(p) {
                self.shown.push(p.clone());
            }
        }
        if products.len() == 1 {
            self.focus = Some(products[0].clone());
        }
    }
}

/// Trackers by session id, and an index of the sessions a person has (so the agent
/// console reads those, not every tracker ever saved).
#[derive(Clone)]
pub struct TrackerStore {
    tree: Tree<Tracker>,
    handed_off: Tree<()>,
    /// Each tracker's last day of activity (retention).
    ages: AgeIndex,
}

const TRACKERS: &str = "dialogue.trackers";

impl TrackerStore {
    pub fn open(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            tree: store.tree(TRACKERS)?,
            // Built from the trackers by the schema-3 migration for older directories.
            handed_off: store.tree("dialogue.handoffs")?,
            ages: AgeIndex::open(store, TRACKERS)?,
        })
    }

    /// Deletes the trackers of sessions idle since before `cutoff`; returns how many.
    pub fn expire(&self, cutoff: chrono::DateTime<chrono::Utc>) -> Result<u64, StoreError> {
        let deleted = self.ages.sweep(cutoff, |session| {
            Ok(u64::from(self.tree.remove(session)?.is_some()))
        })?;
        self.tree.flush()?;
        Ok(deleted)
    }

    pub fn load(&self, session: &str) -> Result<Tracker, StoreError> {
        Ok(self
            .tree
            .get(session)?
            .unwrap_or_else(|| Tracker::new(session)))
    }

    /// Saves and makes durable before the reply goes out. The index entry is added before
    /// the tracker and removed after it, so a crash between the two leaves at most a stale
    /// entry (which [`Self::handed_off`] skips), never a handed-off session unlisted.
    pub async fn save(&self, tracker: &Tracker) -> Result<(), StoreError> {
        self.write(tracker)?;
        self.tree.flush_async().await
    }

    /// [`Self::save`] without the flush (the turn's one flush comes later).
    pub fn write(&self, tracker: &Tracker) -> Result<(), StoreError> {
        let with_agent = tracker.handoff == Handoff::WithAgent;
        let indexed = self.handed_off.contains_key(&tracker.session)?;
        if with_agent && !indexed {
            self.handed_off.insert(&tracker.session, &())?;
        }
        self.tree.insert(&tracker.session, tracker)?;
        if !with_agent && indexed {
            self.handed_off.remove(&tracker.session)?;
        }
        self.ages
            .touch(tracker.session.as_bytes(), chrono::Utc::now())
    }

    pub fn get(&self, session: &str) -> Result<Option<Tracker>, StoreError> {
        self.tree.get(session)
    }

    /// Sessions waiting for or talking with a person, from the index.
    pub fn handed_off(&self) -> Result<Vec<Tracker>, StoreError> {
        let mut out = Vec::new();
        for r in self.handed_off.iter() {
            let (session, ()) = r?;
            let session = String::from_utf8_lossy(&session);
            if let Some(t) = self.tree.get(session.as_ref())? {
                if t.handoff == Handoff::WithAgent {
                    out.push(t);
                }
            }
        }
        Ok(out)
    }

    /// Entries in the handed-off index.
    #[cfg(test)]
    fn handed_off_indexed(&self) -> usize {
        self.handed_off.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::store_tests! {
        async fn the_handoff_index_follows_the_trackers(ts) {
            let store = TrackerStore::open(&ts.open()).unwrap();
            for i in 0..50 {
                store
                    .save(&Tracker::new(&format!("quiet{i}")))
                    .await
                    .unwrap();
            }
            let mut t = Tracker::new("needs-a-person");
            t.handoff = Handoff::WithAgent;
            store.save(&t).await.unwrap();
            store.save(&t).await.unwrap();
            let listed: Vec<String> = store
                .handed_off()
                .unwrap()
                .into_iter()
                .map(|t| t.session)
                .collect();
            assert_eq!(listed, ["needs-a-person"]);
            assert_eq!(
                store.handed_off_indexed(),
                1,
                "only handed-off sessions are indexed"
            );
            t.handoff = Handoff::None;
            store.save(&t).await.unwrap();
            assert!(store.handed_off().unwrap().is_empty());
            assert_eq!(store.handed_off_indexed(), 0);
        }
    }

    #[test]
    fn a_session_is_signed_in_once_and_then_only_its_owners() {
        let mut t = Tracker::new("s1");
        assert_eq!(t.claim(None), Claim::Same);
        assert_eq!(t.claim(Some("u-1")), Claim::SignedIn);
        assert_eq!(t.user.as_deref(), Some("u-1"));
        assert_eq!(t.claim(Some("u-1")), Claim::Same);
        assert_eq!(t.claim(Some("u-2")), Claim::Refused);
        assert_eq!(t.claim(None), Claim::Refused);
        assert_eq!(t.user.as_deref(), Some("u-1"), "a refusal changes nothing");
    }

    #[test]
    fn the_slots_in_force_are_kept_by_kind_under_the_models_labels() {
        let mut t = Tracker::new("s1");
        t.slots.insert(SlotKind::ProductType, "tent".into());
        t.slots.insert(SlotKind::PriceMax, "200".into());
        let stored = serde_json::to_value(&t).unwrap();
        assert_eq!(
            stored["slots"],
            serde_json::json!({"product_type": "tent", "price_max": "200"})
        );
        // A label this build does not read (stored by another) is dropped, not an error.
        let mut older = stored.clone();
        older["slots"]["more"] = "yes".into();
        let back: Tracker = serde_json::from_value(older).unwrap();
        assert_eq!(back.slots, t.slots);
    }
}
