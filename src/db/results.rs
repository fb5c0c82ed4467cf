//! Reads everything the results of a contest's stage are computed from, in a few set-based
//! queries (one per table, never one per entry), so ranking a national contest stays fast.

use super::contests::ContestRow;
use super::schema::*;
use super::stages::StageRow;
use super::DbConnection;
use diesel::prelude::*;
use std::collections::HashMap;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = clusters)]
pub struct ClusterRow {
    pub id: String,
    pub name: String,
    pub position: i32,
    pub winners_count: i32,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = prize_tiers)]
pub struct TierRow {
    pub cluster_id: String,
    pub rank: i32,
    pub title: String,
    pub amount: i64,
    pub extra: Option<String>,
    pub condition_note: Option<String>,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = criteria)]
pub struct CriterionRow {
    pub id: String,
    pub position: i32,
    pub name: String,
    pub weight: i32,
    pub max_score: i32,
    pub tie_break_rank: Option<i32>,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = entries)]
pub struct EntryRow {
    pub id: String,
    pub cluster_id: String,
    pub title: String,
    pub innovator: String,
    pub unit: String,
}

/// A contest's judge as the results name them.
#[derive(Clone, Debug)]
pub struct JudgeRow {
    pub id: String,
    pub name: String,
    pub affiliation: String,
}

/// Every submitted sheet of a contest, held as indices and small integers: a national contest
/// has 150,000 sheets and 1.5 million scores, which as rows of id strings took ~60 MB.
#[derive(Clone, Debug, Default)]
pub struct SheetTable {
    /// Scores per sheet: one per criterion, in rubric order.
    width: usize,
    entry: Vec<u32>,
    judge: Vec<u32>,
    /// `width` values per sheet; [`NO_SCORE`] where the sheet has none for a criterion.
    scores: Vec<i32>,
}

/// Marks a criterion the sheet has no score for (scores are validated to 0..=max_score).
const NO_SCORE: i32 = i32::MIN;

impl SheetTable {
    pub fn new(width: usize) -> SheetTable {
        SheetTable {
            width,
            ..SheetTable::default()
        }
    }

    /// Adds a sheet of entry `entry` by judge `judge` (indices into [`ResultsData`]'s lists)
    /// with its scores in rubric order.
    pub fn push(&mut self, entry: u32, judge: u32, scores: &[Option<i32>]) {
        debug_assert_eq!(scores.len(), self.width);
        self.entry.push(entry);
        self.judge.push(judge);
        self.scores
            .extend(scores.iter().map(|s| s.unwrap_or(NO_SCORE)));
    }

    pub fn len(&self) -> usize {
        self.entry.len()
    }

    /// Gives back the spare capacity that growing by doubling left (up to half of each vector:
    /// ~4 MB of a national contest's 6 MB of scores).
    fn shrink_to_fit(&mut self) {
        self.entry.shrink_to_fit();
        self.judge.shrink_to_fit();
        self.scores.shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.entry.is_empty()
    }

    /// The index (into `ResultsData::entries`) of sheet `i`'s entry.
    pub fn entry(&self, i: usize) -> u32 {
        self.entry[i]
    }

    /// The index (into `ResultsData::judges`) of sheet `i`'s judge.
    pub fn judge(&self, i: usize) -> u32 {
        self.judge[i]
    }

    /// Sheet `i`'s scores in rubric order.
    pub fn scores(&self, i: usize) -> impl ExactSizeIterator<Item = Option<i32>> + '_ {
        self.scores[i * self.width..(i + 1) * self.width]
            .iter()
            .map(|&s| (s != NO_SCORE).then_some(s))
    }
}

/// Everything the results are computed from. Entries and judges are lists; everything that
/// refers to them does so by index into those lists.
#[derive(Clone, Debug)]
pub struct ResultsData {
    pub contest: ContestRow,
    /// The stage these are the results of.
    pub stage: StageRow,
    pub clusters: Vec<ClusterRow>,
    pub tiers: Vec<TierRow>,
    pub criteria: Vec<CriterionRow>,
    /// The stage's entries, by title, then id.
    pub entries: Vec<EntryRow>,
    /// The contest's judges by name, then id (the first `listed_judges`), followed by anyone
    /// who has a sheet, an assignment or a waiver without being one of them (named by id).
    pub judges: Vec<JudgeRow>,
    pub listed_judges: usize,
    /// (judge, entry) of every assignment.
    pub assignments: Vec<(u32, u32)>,
    /// Every submitted sheet (including ones without scores).
    pub sheets: SheetTable,
    /// (judge, entry) of every waived sheet.
    pub waivers: Vec<(u32, u32)>,
    /// (cluster id, entry ids in the recorded order as JSON) in the order they were recorded.
    pub resolutions: Vec<(String, String)>,
    /// Whether `stage` is the contest's last: only the last awards prizes.
    pub last_stage: bool,
    /// The last stage's earlier scored stages, in order, with their scores (empty in a
    /// one-stage contest and for any other stage). Read from their sealed snapshots by
    /// `services::results`, not by [`load`].
    pub earlier: Vec<crate::domain::stage::EarlierStage>,
    /// The entries that stopped before the last stage (filled as `earlier`).
    pub stopped: Vec<crate::domain::stage::Stopped>,
}

/// Turns the id strings of rows into indices of `ResultsData`'s lists while loading.
struct Index<'a> {
    entries: HashMap<&'a str, u32>,
    judges: HashMap<String, u32>,
    extra_judges: Vec<JudgeRow>,
    listed: usize,
}

impl<'a> Index<'a> {
    fn new(entries: &'a [EntryRow], judges: &[JudgeRow]) -> Index<'a> {
        Index {
            entries: entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), i as u32))
                .collect(),
            judges: judges
                .iter()
                .enumerate()
                .map(|(i, j)| (j.id.clone(), i as u32))
                .collect(),
            extra_judges: Vec::new(),
            listed: judges.len(),
        }
    }

    fn entry(&self, id: &str) -> Option<u32> {
        self.entries.get(id).copied()
    }

    /// A judge's index; one who is not a judge of the contest (removed, say) is added, named
    /// by id, so their sheets still count and explain themselves.
    fn judge(&mut self, id: &str) -> u32 {
        if let Some(i) = self.judges.get(id) {
            return *i;
        }
        let i = (self.listed + self.extra_judges.len()) as u32;
        self.judges.insert(id.to_string(), i);
        self.extra_judges.push(JudgeRow {
            id: id.to_string(),
            name: id.to_string(),
            affiliation: String::new(),
        });
        i
    }

    /// (judge, entry) pairs by index; pairs naming no entry of the contest are dropped.
    fn pairs(
        &mut self,
        rows: impl Iterator<Item = QueryResult<(String, String)>>,
    ) -> QueryResult<Vec<(u32, u32)>> {
        let mut out = Vec::new();
        for row in rows {
            let (judge, entry) = row?;
            if let Some(entry) = self.entry(&entry) {
                out.push((self.judge(&judge), entry));
            }
        }
        out.shrink_to_fit();
        Ok(out)
    }
}

/// Everything `stage`'s results are computed from.
pub fn load(conn: &mut DbConnection, stage: &StageRow) -> QueryResult<ResultsData> {
    let contest_id = stage.contest_id;
    let stage_id = stage.id;
    let contest = super::contests::find(conn, contest_id)?;
    let clusters = clusters::table
        .filter(clusters::contest_id.eq(contest_id))
        .order((clusters::position.asc(), clusters::name.asc()))
        .select(ClusterRow::as_select())
        .load(conn)?;
    let tiers = prize_tiers::table
        .inner_join(clusters::table)
        .filter(clusters::contest_id.eq(contest_id))
        .order((prize_tiers::cluster_id.asc(), prize_tiers::rank.asc()))
        .select(TierRow::as_select())
        .load(conn)?;
    let criteria = criteria::table
        .filter(criteria::stage_id.eq(stage_id))
        .order((criteria::position.asc(), criteria::id.asc()))
        .select(CriterionRow::as_select())
        .load(conn)?;
    let entries = if stage.position <= 1 {
        entries::table
            .filter(entries::contest_id.eq(contest_id))
            .order((entries::title.asc(), entries::id.asc()))
            .select(EntryRow::as_select())
            .load(conn)?
    } else {
        entries::table
            .inner_join(stage_entries::table.on(stage_entries::entry_id.eq(entries::id)))
            .filter(stage_entries::stage_id.eq(stage_id))
            .order((entries::title.asc(), entries::id.asc()))
            .select(EntryRow::as_select())
            .load(conn)?
    };
    let judges: Vec<JudgeRow> = contest_judges::table
        .inner_join(users::table)
        .filter(contest_judges::contest_id.eq(contest_id))
        .order((users::name.asc(), users::id.asc()))
        .select((users::id, users::name, users::affiliation))
        .load::<(String, String, String)>(conn)?
        .into_iter()
        .map(|(id, name, affiliation)| JudgeRow {
            id,
            name,
            affiliation,
        })
        .collect();
    let mut index = Index::new(&entries, &judges);
    // 150,000 rows at national scale: streamed into index pairs, never held as strings.
    let assignments = index.pairs(
        assignments::table
            .filter(assignments::stage_id.eq(stage_id))
            .select((assignments::judge_id, assignments::entry_id))
            .load_iter::<(String, String), diesel::connection::DefaultLoadingMode>(conn)?,
    )?;
    let sheets = submitted_sheets(conn, stage_id, &criteria, &mut index)?;
    let waivers = waivers::table
        .filter(waivers::stage_id.eq(stage_id))
        .select((waivers::judge_id, waivers::entry_id))
        .load(conn)?;
    let waivers = index.pairs(waivers.into_iter().map(Ok))?;
    let later: i64 = stages::table
        .filter(stages::contest_id.eq(contest_id))
        .filter(stages::position.gt(stage.position))
        .count()
        .get_result(conn)?;
    let resolutions = tie_resolutions::table
        .filter(tie_resolutions::stage_id.eq(stage_id))
        .order((tie_resolutions::created_at.asc(), tie_resolutions::id.asc()))
        .select((tie_resolutions::cluster_id, tie_resolutions::entry_order))
        .load(conn)?;
    let listed_judges = index.listed;
    let extra_judges = std::mem::take(&mut index.extra_judges);
    drop(index);
    let mut judges = judges;
    judges.extend(extra_judges);
    Ok(ResultsData {
        contest,
        stage: stage.clone(),
        clusters,
        tiers,
        criteria,
        entries,
        judges,
        listed_judges,
        assignments,
        sheets,
        waivers,
        resolutions,
        last_stage: later == 0,
        earlier: Vec::new(),
        stopped: Vec::new(),
    })
}

/// One submitted sheet as the results query returns it: its scores aggregated into one text,
/// `criterion_id=score,…`.
#[derive(QueryableByName)]
struct SheetWithScores {
    #[diesel(sql_type = diesel::sql_types::Text)]
    entry_id: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    judge_id: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    scores: Option<String>,
}

/// The stage's submitted sheets with their scores, in one statement (so one consistent
/// snapshot on both backends). A national contest has 150,000 sheets and 1.5 million scores:
/// returning a row per sheet with its scores joined into one text, rather than a row per score
/// with three id strings, made reading them three times faster. Rows are streamed, never held.
fn submitted_sheets(
    conn: &mut DbConnection,
    stage_id: crate::model::StageId,
    criteria: &[CriterionRow],
    index: &mut Index,
) -> QueryResult<SheetTable> {
    let rows = diesel::sql_query(
        "SELECT s.entry_id, s.judge_id, \
                (SELECT string_agg(ss.criterion_id || '=' || CAST(ss.score AS TEXT), ',') \
                   FROM sheet_scores ss WHERE ss.sheet_id = s.id) AS scores \
           FROM sheets s WHERE s.stage_id = $1 AND s.status = 'submitted'",
    )
    .bind::<diesel::sql_types::Text, _>(stage_id)
    .load_iter::<SheetWithScores, diesel::connection::DefaultLoadingMode>(conn)?;
    let mut out = SheetTable::new(criteria.len());
    let mut scores = vec![None; criteria.len()];
    for row in rows {
        let row = row?;
        let Some(entry) = index.entry(&row.entry_id) else {
            continue;
        };
        scores.iter_mut().for_each(|s| *s = None);
        for pair in row.scores.as_deref().unwrap_or("").split(',') {
            let Some((criterion, score)) = pair.split_once('=') else {
                continue;
            };
            let k = criteria.iter().position(|c| c.id == criterion);
            if let (Some(k), Ok(score)) = (k, score.parse::<i32>()) {
                scores[k] = Some(score);
            }
        }
        out.push(entry, index.judge(&row.judge_id), &scores);
    }
    out.shrink_to_fit();
    Ok(out)
}
