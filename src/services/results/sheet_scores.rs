//! A sheet's scores in the results, keyed by criterion id.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A sheet's scores by criterion id, written as the JSON object `{criterion_id: score}`.
/// Held as shared ids and small integers rather than a map of owned strings: a national
/// contest explains 150,000 sheets, and a map per sheet with ten new strings was the largest
/// cost of computing its results.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetScores(Vec<(Arc<str>, i32)>);

impl SheetScores {
    /// From (criterion id, score) pairs in any order; kept sorted by id, as the JSON shows them.
    pub fn new(mut scores: Vec<(Arc<str>, i32)>) -> SheetScores {
        scores.sort_by(|a, b| a.0.cmp(&b.0));
        SheetScores(scores)
    }

    pub fn get(&self, criterion_id: &str) -> Option<i32> {
        self.0
            .iter()
            .find(|(id, _)| &**id == criterion_id)
            .map(|(_, score)| *score)
    }
}

impl Serialize for SheetScores {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (id, score) in &self.0 {
            map.serialize_entry(&**id, score)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for SheetScores {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, i32>::deserialize(d)?;
        Ok(SheetScores(
            map.into_iter().map(|(id, s)| (id.into(), s)).collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_as_an_object_by_criterion_id_in_id_order_and_read_back() {
        let scores = SheetScores::new(vec![
            ("b-kemanfaatan".into(), 80),
            ("a-kebaruan".into(), 95),
        ]);
        let json = serde_json::to_string(&scores).unwrap();
        assert_eq!(json, r#"{"a-kebaruan":95,"b-kemanfaatan":80}"#);
        let back: SheetScores = serde_json::from_str(&json).unwrap();
        assert_eq!(back, scores);
        assert_eq!(back.get("b-kemanfaatan"), Some(80));
        assert_eq!(back.get("c-replikasi"), None);
    }
}
