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

/// A submitted sheet with its scores in rubric order (`None` where it has no score for a
/// criterion). A national contest has 150,000 of these and 1.5 million scores, so scores are
/// kept as small integers in place, not as a row with three id strings each.
#[derive(Clone, Debug)]
pub struct SubmittedSheet {
    pub entry_id: String,
    pub judge_id: String,
    pub scores: Vec<Option<i32>>,
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
    /// Every submitted sheet (including ones without scores), scores in the order of `criteria`.
    pub sheets: Vec<SubmittedSheet>,
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
    let sheets = submitted_sheets(conn, contest_id, &criteria)?;
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
        sheets,
        waivers,
        resolutions,
        judges,
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

/// The contest's submitted sheets with their scores, in one statement (so one consistent
/// snapshot on both backends). A national contest has 150,000 sheets and 1.5 million scores:
/// returning a row per sheet with its scores joined into one text, rather than a row per score
/// with three id strings, made reading them three times faster. Rows are streamed, never held.
fn submitted_sheets(
    conn: &mut DbConnection,
    contest_id: &str,
    criteria: &[CriterionRow],
) -> QueryResult<Vec<SubmittedSheet>> {
    let rows = diesel::sql_query(
        "SELECT s.entry_id, s.judge_id, \
                (SELECT string_agg(ss.criterion_id || '=' || CAST(ss.score AS TEXT), ',') \
                   FROM sheet_scores ss WHERE ss.sheet_id = s.id) AS scores \
           FROM sheets s WHERE s.contest_id = $1 AND s.status = 'submitted'",
    )
    .bind::<diesel::sql_types::Text, _>(contest_id)
    .load_iter::<SheetWithScores, diesel::connection::DefaultLoadingMode>(conn)?;
    let mut out = Vec::new();
    for row in rows {
        let row = row?;
        let mut scores = vec![None; criteria.len()];
        for pair in row.scores.as_deref().unwrap_or("").split(',') {
            let Some((criterion, score)) = pair.split_once('=') else {
                continue;
            };
            let k = criteria.iter().position(|c| c.id == criterion);
            if let (Some(k), Ok(score)) = (k, score.parse::<i32>()) {
                scores[k] = Some(score);
            }
        }
        out.push(SubmittedSheet {
            entry_id: row.entry_id,
            judge_id: row.judge_id,
            scores,
        });
    }
    Ok(out)
}
