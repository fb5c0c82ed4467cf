//! The `entries` table: the innovations entered in a contest.

use super::schema::{clusters, entries};
use super::DbConnection;
use crate::domain::proposal::Proposal;
use crate::model::{ClusterId, ContestId, EntryId, Initiator, InnovationForm, Maturity};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

/// An entry as the committee sees it (also the API's answer).
#[derive(Clone, Debug, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = entries)]
pub struct Entry {
    pub id: EntryId,
    pub contest_id: ContestId,
    pub cluster_id: ClusterId,
    pub title: String,
    pub innovator: String,
    pub unit: String,
    pub description: String,
    pub link: Option<String>,
    /// When it was submitted; `null` while an entrant's draft.
    #[serde(with = "super::utc::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub submitted_at: Option<NaiveDateTime>,
    /// The proposal (the IID form's fields); each may be empty.
    pub maturity: Option<Maturity>,
    pub initiator: Option<Initiator>,
    pub digital: Option<bool>,
    #[serde(rename = "form")]
    #[diesel(column_name = innovation_form)]
    pub form: Option<InnovationForm>,
    #[schema(value_type = Option<String>, format = Date)]
    pub trial_date: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub implementation_date: Option<NaiveDate>,
    pub design: String,
    pub goals: String,
    pub benefits: String,
    pub results: String,
    pub video_link: Option<String>,
}

impl Entry {
    /// An entrant's entry not yet submitted.
    pub fn is_draft(&self) -> bool {
        self.submitted_at.is_none()
    }

    /// Its proposal fields.
    pub fn proposal(&self) -> Proposal {
        Proposal {
            maturity: self.maturity,
            initiator: self.initiator,
            digital: self.digital,
            form: self.form,
            trial_date: self.trial_date,
            implementation_date: self.implementation_date,
            design: self.design.clone(),
            goals: self.goals.clone(),
            benefits: self.benefits.clone(),
            results: self.results.clone(),
            video_link: self.video_link.clone(),
        }
    }
}

/// A `None` link is written as NULL, not as SQL's DEFAULT: SQLite has no DEFAULT inside a
/// multi-row `VALUES`, and diesel would insert such rows one by one (in a savepoint each).
#[derive(Insertable)]
#[diesel(table_name = entries, treat_none_as_default_value = false)]
pub struct NewEntry<'a> {
    pub id: EntryId,
    pub contest_id: ContestId,
    pub cluster_id: ClusterId,
    pub title: &'a str,
    pub innovator: &'a str,
    pub unit: &'a str,
    pub description: &'a str,
    pub link: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
    pub maturity: Option<Maturity>,
    pub initiator: Option<Initiator>,
    pub digital: Option<bool>,
    pub innovation_form: Option<InnovationForm>,
    pub trial_date: Option<NaiveDate>,
    pub implementation_date: Option<NaiveDate>,
    pub design: &'a str,
    pub goals: &'a str,
    pub benefits: &'a str,
    pub results: &'a str,
    pub video_link: Option<&'a str>,
}

impl<'a> NewEntry<'a> {
    /// A row with every field empty, to fill with `..NewEntry::blank()`.
    pub fn blank() -> NewEntry<'static> {
        NewEntry {
            id: EntryId::from(uuid::Uuid::nil()),
            contest_id: ContestId::from(uuid::Uuid::nil()),
            cluster_id: ClusterId::from(uuid::Uuid::nil()),
            title: "",
            innovator: "",
            unit: "",
            description: "",
            link: None,
            created_at: NaiveDateTime::default(),
            submitted_at: None,
            maturity: None,
            initiator: None,
            digital: None,
            innovation_form: None,
            trial_date: None,
            implementation_date: None,
            design: "",
            goals: "",
            benefits: "",
            results: "",
            video_link: None,
        }
    }

    /// The proposal's columns of `p` (the rest of the row is the caller's).
    pub fn with_proposal(self, p: &'a Proposal) -> NewEntry<'a> {
        NewEntry {
            maturity: p.maturity,
            initiator: p.initiator,
            digital: p.digital,
            innovation_form: p.form,
            trial_date: p.trial_date,
            implementation_date: p.implementation_date,
            design: &p.design,
            goals: &p.goals,
            benefits: &p.benefits,
            results: &p.results,
            video_link: p.video_link.as_deref(),
            ..self
        }
    }
}

pub fn insert(conn: &mut DbConnection, new: &NewEntry) -> QueryResult<()> {
    diesel::insert_into(entries::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

/// Rows per multi-row `INSERT` of [`insert_many`] and `audit::record_many`: 500 rows of up to
/// 22 values (11,000) stay below either backend's limit on bound values (32,766 and 65,535).
pub const BATCH_ROWS: usize = 500;

/// Inserts many entries with one statement per [`BATCH_ROWS`]: an import of 20,000 rows holds
/// the write lock (and every judge saving in another contest) for a fraction of the time
/// 20,000 single inserts take.
pub fn insert_many(conn: &mut DbConnection, rows: &[NewEntry]) -> QueryResult<()> {
    for chunk in rows.chunks(BATCH_ROWS) {
        super::native!(conn, |c| diesel::insert_into(entries::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}

/// One of the contest's entries (`NotFound` when it is not the contest's).
pub fn find(conn: &mut DbConnection, contest: ContestId, id: EntryId) -> QueryResult<Entry> {
    entries::table
        .filter(entries::id.eq(id))
        .filter(entries::contest_id.eq(contest))
        .select(Entry::as_select())
        .first(conn)
}

/// The contest's entries by cluster order, then title.
pub fn of_contest(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<Entry>> {
    entries::table
        .inner_join(clusters::table)
        .filter(entries::contest_id.eq(contest))
        .order((
            clusters::position.asc(),
            entries::title.asc(),
            entries::id.asc(),
        ))
        .select(Entry::as_select())
        .load(conn)
}

/// The contest's entries whose unit is one of `units` (an entrant's view), in list order.
pub fn of_units(
    conn: &mut DbConnection,
    contest: ContestId,
    units: &[String],
) -> QueryResult<Vec<Entry>> {
    entries::table
        .inner_join(clusters::table)
        .filter(entries::contest_id.eq(contest))
        .filter(entries::unit.eq_any(units))
        .order((
            clusters::position.asc(),
            entries::title.asc(),
            entries::id.asc(),
        ))
        .select(Entry::as_select())
        .load(conn)
}

/// The fields an edit may change.
#[derive(AsChangeset, Default)]
#[diesel(table_name = entries)]
pub struct EntryChanges {
    pub cluster_id: Option<ClusterId>,
    pub title: Option<String>,
    pub innovator: Option<String>,
    pub unit: Option<String>,
    pub description: Option<String>,
    pub link: Option<Option<String>>,
    pub submitted_at: Option<Option<NaiveDateTime>>,
    pub maturity: Option<Option<Maturity>>,
    pub initiator: Option<Option<Initiator>>,
    pub digital: Option<Option<bool>>,
    pub innovation_form: Option<Option<InnovationForm>>,
    pub trial_date: Option<Option<NaiveDate>>,
    pub implementation_date: Option<Option<NaiveDate>>,
    pub design: Option<String>,
    pub goals: Option<String>,
    pub benefits: Option<String>,
    pub results: Option<String>,
    pub video_link: Option<Option<String>>,
}

impl EntryChanges {
    /// Changes every proposal column to `p`.
    pub fn set_proposal(&mut self, p: Proposal) {
        self.maturity = Some(p.maturity);
        self.initiator = Some(p.initiator);
        self.digital = Some(p.digital);
        self.innovation_form = Some(p.form);
        self.trial_date = Some(p.trial_date);
        self.implementation_date = Some(p.implementation_date);
        self.design = Some(p.design);
        self.goals = Some(p.goals);
        self.benefits = Some(p.benefits);
        self.results = Some(p.results);
        self.video_link = Some(p.video_link);
    }
}

pub fn update(conn: &mut DbConnection, id: EntryId, changes: &EntryChanges) -> QueryResult<()> {
    diesel::update(entries::table.find(id))
        .set(changes)
        .execute(conn)
        .map(|_| ())
}

/// Titles of the contest's entries still in draft.
pub fn drafts(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<String>> {
    entries::table
        .filter(entries::contest_id.eq(contest))
        .filter(entries::submitted_at.is_null())
        .order((entries::title.asc(), entries::id.asc()))
        .select(entries::title)
        .load(conn)
}

pub fn delete(conn: &mut DbConnection, id: EntryId) -> QueryResult<()> {
    diesel::delete(entries::table.find(id))
        .execute(conn)
        .map(|_| ())
}

/// The cluster of every entry of the contest (one item per entry).
pub fn clusters_of(conn: &mut DbConnection, contest: ContestId) -> QueryResult<Vec<ClusterId>> {
    entries::table
        .filter(entries::contest_id.eq(contest))
        .select(entries::cluster_id)
        .load(conn)
}

/// (id, cluster, unit) of every entry: what the assignment rules need.
pub fn units(
    conn: &mut DbConnection,
    contest: ContestId,
) -> QueryResult<Vec<(EntryId, ClusterId, String)>> {
    entries::table
        .filter(entries::contest_id.eq(contest))
        .select((entries::id, entries::cluster_id, entries::unit))
        .load(conn)
}

/// (id, cluster, title) of every entry, by title.
pub fn titles(
    conn: &mut DbConnection,
    contest: ContestId,
) -> QueryResult<Vec<(EntryId, ClusterId, String)>> {
    entries::table
        .filter(entries::contest_id.eq(contest))
        .order((entries::title.asc(), entries::id.asc()))
        .select((entries::id, entries::cluster_id, entries::title))
        .load(conn)
}

/// How many entries the contest has.
pub fn count(conn: &mut DbConnection, contest: ContestId) -> QueryResult<i64> {
    entries::table
        .filter(entries::contest_id.eq(contest))
        .count()
        .get_result(conn)
}
