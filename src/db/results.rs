//! Reads everything the results of a contest are computed from, in a few set-based queries
//! (one per table, never one per entry), so ranking a national contest stays fast.

use super::schema::*;
use super::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = contests)]
pub struct ContestRow {
    pub id: String,
    pub name: String,
    pub year: i32,
    pub description: String,
    pub phase: String,
    pub aggregation: String,
    pub min_award_score: Option<i64>,
    pub blind: bool,
    pub published_at: Option<NaiveDateTime>,
    pub result_digest: Option<String>,
    pub result_snapshot: Option<String>,
}

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

/// One score of one submitted sheet.
#[derive(Clone, Debug, Queryable)]
pub struct ScoreRow {
    pub entry_id: String,
    pub judge_id: String,
    pub criterion_id: String,
    pub score: i32,
}

/// Everything the results are computed from.
#[derive(Clone, Debug)]
pub struct ResultsData {
    pub contest: ContestRow,
    pub clusters: Vec<ClusterRow>,
    pub tiers: Vec<TierRow>,
    pub criteria: Vec<CriterionRow>,
    pub entries: Vec<EntryRow>,
    /// (judge id, entry id) of every assignment.
    pub assignments: Vec<(String, String)>,
    /// (judge id, entry id) of every submitted sheet (including ones without scores).
    pub submitted: Vec<(String, String)>,
    pub scores: Vec<ScoreRow>,
    /// (judge id, entry id) of every waived sheet.
    pub waivers: Vec<(String, String)>,
    /// (cluster id, entry ids in the recorded order as JSON) in the order they were recorded.
    pub resolutions: Vec<(String, String)>,
    /// (judge id, name, affiliation) of the contest's judges.
    pub judges: Vec<(String, String, String)>,
}

pub fn contest(conn: &mut DbConnection, contest_id: &str) -> QueryResult<ContestRow> {
    contests::table
        .find(contest_id)
        .select(ContestRow::as_select())
        .first(conn)
}

pub fn load(conn: &mut DbConnection, contest_id: &str) -> QueryResult<ResultsData> {
    let contest = contest(conn, contest_id)?;
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
        .filter(criteria::contest_id.eq(contest_id))
        .order((criteria::position.asc(), criteria::id.asc()))
        .select(CriterionRow::as_select())
        .load(conn)?;
    let entries = entries::table
        .filter(entries::contest_id.eq(contest_id))
        .order((entries::title.asc(), entries::id.asc()))
        .select(EntryRow::as_select())
        .load(conn)?;
    let assignments = assignments::table
        .filter(assignments::contest_id.eq(contest_id))
        .select((assignments::judge_id, assignments::entry_id))
        .load(conn)?;
    let submitted = sheets::table
        .filter(sheets::contest_id.eq(contest_id))
        .filter(sheets::status.eq("submitted"))
        .select((sheets::judge_id, sheets::entry_id))
        .load(conn)?;
    let scores = sheet_scores::table
        .inner_join(sheets::table)
        .filter(sheets::contest_id.eq(contest_id))
        .filter(sheets::status.eq("submitted"))
        .select((
            sheets::entry_id,
            sheets::judge_id,
            sheet_scores::criterion_id,
            sheet_scores::score,
        ))
        .load::<ScoreRow>(conn)?;
    let waivers = waivers::table
        .filter(waivers::contest_id.eq(contest_id))
        .select((waivers::judge_id, waivers::entry_id))
        .load(conn)?;
    let resolutions = tie_resolutions::table
        .filter(tie_resolutions::contest_id.eq(contest_id))
        .order((tie_resolutions::created_at.asc(), tie_resolutions::id.asc()))
        .select((tie_resolutions::cluster_id, tie_resolutions::entry_order))
        .load(conn)?;
    let judges = contest_judges::table
        .inner_join(users::table)
        .filter(contest_judges::contest_id.eq(contest_id))
        .order((users::name.asc(), users::id.asc()))
        .select((users::id, users::name, users::affiliation))
        .load(conn)?;
    Ok(ResultsData {
        contest,
        clusters,
        tiers,
        criteria,
        entries,
        assignments,
        submitted,
        scores,
        waivers,
        resolutions,
        judges,
    })
}
