//! The JSON of [`ContestResults`](super::super::ContestResults), written from
//! [`ComputedResults`] a row at a time: a national contest's 128 MB of JSON is never held,
//! and no [`RankingRow`](super::super::RankingRow) is made for it.

use super::{Cluster, ComputedResults, Row};
use crate::domain::decimal::{fixed, to_f64};
use crate::domain::ranking::Exact;
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

/// The JSON of [`ContestResults`], written from [`ComputedResults`] a row at a time. The
/// fields and their order are those of `ContestResults` and `ClusterResults`; the unit test
/// `json_is_byte_for_byte_that_of_the_results` fails if the two ever differ.
pub(super) struct Json<'a>(pub(super) &'a ComputedResults);

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut st = s.serialize_struct("ContestResults", 6)?;
        st.serialize_field("contest_id", &r.contest_id)?;
        st.serialize_field("phase", &r.phase)?;
        st.serialize_field("digest", &r.digest)?;
        st.serialize_field("provisional", &r.provisional())?;
        st.serialize_field("contest", &r.contest)?;
        st.serialize_field("clusters", &JsonClusters(r))?;
        st.end()
    }
}

struct JsonClusters<'a>(&'a ComputedResults);

impl Serialize for JsonClusters<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.clusters.len()))?;
        for c in &self.0.clusters {
            seq.serialize_element(&JsonCluster(self.0, c))?;
        }
        seq.end()
    }
}

struct JsonCluster<'a>(&'a ComputedResults, &'a Cluster);

impl Serialize for JsonCluster<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, c) = (self.0, self.1);
        let (unscored, unscored_entries) = r.unscored(c);
        let mut st = s.serialize_struct("ClusterResults", 7)?;
        st.serialize_field("id", &c.id)?;
        st.serialize_field("name", &c.name)?;
        st.serialize_field("winners_count", &c.winners_count)?;
        st.serialize_field("ranking", &JsonRows(r, c))?;
        st.serialize_field("unscored", &unscored)?;
        st.serialize_field("unscored_entries", &unscored_entries)?;
        st.serialize_field("unresolved_ties", &c.unresolved_ties)?;
        if let Some(eliminated) = &c.eliminated {
            st.serialize_field("eliminated", eliminated)?;
        }
        st.end()
    }
}

struct JsonRows<'a>(&'a ComputedResults, &'a Cluster);

impl Serialize for JsonRows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.rows.len()))?;
        for row in &self.1.rows {
            seq.serialize_element(&JsonRow(self.0, self.1, row))?;
        }
        seq.end()
    }
}

/// A [`RankingRow`] written straight from the compact row: making the row first (ten strings,
/// thirty shared ids and a dozen vectors per entry) was most of the cost of a national JSON.
struct JsonRow<'a>(&'a ComputedResults, &'a Cluster, &'a Row);

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, c, row) = (self.0, self.1, self.2);
        let entry = &r.entries[row.entry as usize];
        let (totals, means) = r.numbers(c, row);
        let mut st = s.serialize_struct("RankingRow", 19)?;
        st.serialize_field("entry_id", &*entry.id)?;
        st.serialize_field("title", &*entry.title)?;
        st.serialize_field("innovator", &*entry.innovator)?;
        st.serialize_field("unit", &*entry.unit)?;
        st.serialize_field("rank", &row.rank)?;
        st.serialize_field("score", &to_f64(&row.score, 4))?;
        st.serialize_field(
            "score_exact",
            &format_args!("{}/{}", row.score.numer(), row.score.denom()),
        )?;
        st.serialize_field("score_display", &fixed(&row.score, 2))?;
        if let Some(raw) = row.raw_score.as_deref() {
            st.serialize_field("raw_score", &to_f64(raw, 4))?;
            st.serialize_field("raw_score_exact", &super::exact_text(raw))?;
            st.serialize_field("raw_score_display", &fixed(raw, 2))?;
        }
        st.serialize_field("tie", &row.tie)?;
        st.serialize_field("resolved_by_committee", &row.resolved_by_committee)?;
        st.serialize_field("complete", &row.complete)?;
        st.serialize_field("below_minimum", &row.below_minimum)?;
        st.serialize_field("prize", &row.prize)?;
        st.serialize_field("sheets", &JsonSheets(r, c, &totals))?;
        st.serialize_field("criteria", &JsonMeans(r, &means))?;
        st.serialize_field("separated_by", &row.separated_by.map(|k| r.criterion(k)))?;
        st.serialize_field("missing_judges", &JsonJudges(r, &row.missing))?;
        st.serialize_field("waived_judges", &JsonJudges(r, &row.waived))?;
        if let Some(stages) = r.stage_scores(row) {
            st.serialize_field("stages", &stages)?;
        }
        st.end()
    }
}

struct JsonSheets<'a>(&'a ComputedResults, &'a Cluster, &'a [(usize, Exact)]);

impl Serialize for JsonSheets<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, c) = (self.0, self.1);
        let mut seq = s.serialize_seq(Some(self.2.len()))?;
        for (sheet, total) in self.2 {
            seq.serialize_element(&JsonSheet(r, c, *sheet, total))?;
        }
        seq.end()
    }
}

/// A [`SheetTotal`].
struct JsonSheet<'a>(&'a ComputedResults, &'a Cluster, usize, &'a Exact);

impl Serialize for JsonSheet<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, c, sheet, total) = (self.0, self.1, self.2, self.3);
        let judge = &r.judges[c.sheet_judges[sheet] as usize];
        let mut st = s.serialize_struct("SheetTotal", 5)?;
        st.serialize_field("judge_id", &*judge.id)?;
        st.serialize_field("judge_name", &*judge.name)?;
        st.serialize_field("total", &to_f64(total, 4))?;
        st.serialize_field("total_display", &fixed(total, 2))?;
        st.serialize_field("scores", &JsonScores(r, c, sheet))?;
        st.end()
    }
}

/// A [`SheetScores`]: `{criterion_id: score}` in id order.
struct JsonScores<'a>(&'a ComputedResults, &'a Cluster, usize);

impl Serialize for JsonScores<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(
            self.0
                .sheet_scores(self.1, self.2)
                .map(|(id, v)| (&**id, v)),
        )
    }
}

/// [`CriterionMean`]s in rubric order.
struct JsonMeans<'a>(&'a ComputedResults, &'a [Exact]);

impl Serialize for JsonMeans<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for ((id, name), mean) in self.0.criteria.iter().zip(self.1) {
            seq.serialize_element(&JsonMean(id, name, mean))?;
        }
        seq.end()
    }
}

struct JsonMean<'a>(&'a str, &'a str, &'a Exact);

impl Serialize for JsonMean<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("CriterionMean", 4)?;
        st.serialize_field("criterion_id", self.0)?;
        st.serialize_field("name", self.1)?;
        st.serialize_field("mean", &to_f64(self.2, 4))?;
        st.serialize_field("mean_display", &fixed(self.2, 2))?;
        st.end()
    }
}

/// [`JudgeRef`]s.
struct JsonJudges<'a>(&'a ComputedResults, &'a [u32]);

impl Serialize for JsonJudges<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|j| self.0.judge_ref(*j)))
    }
}
