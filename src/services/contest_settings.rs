//! `PATCH /contests/{id}`: a contest's settings, each changeable in the phase its rule allows
//! (the contest's own fields in the first stage's setup; the analysis' settings until
//! publication; whether entrants read the judges' comments at any time).

use super::contests::{check_aggregation, check_min_award, check_year, detail, Contest};
use super::setup_common::{field_text, in_setup, log};
use super::CurrentUser;
use crate::db::{self, contests, DbConnection};
use crate::domain::decimal::parse_hundredths;
use crate::error::{AppError, AppResult};
use crate::i18n::entrants::EntrantMsg;
use crate::i18n::proposal::ProposalMsg;
use crate::i18n::setup::SetupMsg as M;
use crate::model::{ContestId, Phase};
use serde_json::{json, Value};

/// A JSON list of distinct known words (in their declared order); `None` when it is not one.
fn word_list<T: std::str::FromStr + Ord + Copy>(v: &Value) -> Option<Vec<T>> {
    let mut words = v
        .as_array()?
        .iter()
        .map(|w| w.as_str()?.parse().ok())
        .collect::<Option<Vec<T>>>()?;
    words.sort();
    words.dedup();
    Some(words)
}

/// `PATCH /contests/{id}`: only the fields present change.
#[tracing::instrument(skip_all, fields(contest_id = %id, actor = %actor.id))]
pub fn patch(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    id: ContestId,
    body: &serde_json::Map<String, Value>,
) -> AppResult<Contest> {
    // The analysis' settings may change until publication, the current stage's normalisation
    // while that stage is in setup, everything else only in the first stage's setup.
    // Whether entrants read the judges' comments may change at any time, even after
    // publication: it decides what the entrants' reports show, not the results.
    let trust_only = body.keys().all(|k| {
        matches!(
            k.as_str(),
            "outlier_points" | "robustness_gate" | "normalisation" | "release_comments"
        )
    });
    let comments_only = body.keys().all(|k| k == "release_comments");
    db::write_tx(conn, |c| {
        let old = if trust_only {
            let row = contests::find(c, id)?;
            if row.phase == Phase::Published && !comments_only {
                return Err(AppError::conflict(
                    crate::i18n::results::ResultsMsg::ErrAlreadyPublished,
                ));
            }
            row
        } else {
            in_setup(c, id)?
        };
        let now = db::now();
        let text = |key: &str| {
            body.get(key).map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| AppError::invalid(key, crate::i18n::Msg::ErrRequired))
            })
        };
        let mut changes = contests::ContestChanges {
            updated_at: Some(now),
            ..Default::default()
        };
        if let Some(name) = text("name").transpose()? {
            changes.name = Some(field_text(&name, "name", true, 200)?);
        }
        if let Some(d) = text("description").transpose()? {
            changes.description = Some(field_text(&d, "description", false, 5000)?);
        }
        if let Some(y) = body.get("year") {
            changes.year = Some(check_year(y.as_i64())?);
        }
        if let Some(a) = body.get("aggregation") {
            changes.aggregation =
                Some(check_aggregation(Some(a.as_str().ok_or_else(|| {
                    AppError::invalid("aggregation", M::ErrAggregation)
                })?))?);
        }
        if let Some(m) = body.get("min_award_score") {
            changes.min_award_score = Some(match m {
                Value::Null => None,
                Value::Number(n) => check_min_award(Some(n))?,
                _ => return Err(AppError::invalid("min_award_score", M::ErrMinAward)),
            });
        }
        if let Some(b) = body.get("blind") {
            changes.blind = Some(
                b.as_bool()
                    .ok_or_else(|| AppError::invalid("blind", M::ErrBlind))?,
            );
        }
        if let Some(p) = body.get("outlier_points") {
            changes.outlier_points = Some(
                p.as_number()
                    .and_then(|n| parse_hundredths(&n.to_string()))
                    .filter(|h| (0..=10_000).contains(h))
                    .ok_or_else(|| AppError::invalid("outlier_points", M::ErrOutlierPoints))?,
            );
        }
        if let Some(g) = body.get("robustness_gate") {
            changes.robustness_gate = Some(
                g.as_bool()
                    .ok_or_else(|| AppError::invalid("robustness_gate", M::ErrGate))?,
            );
        }
        if let Some(b) = body.get("registration_open") {
            changes.registration_open = Some(b.as_bool().ok_or_else(|| {
                AppError::invalid("registration_open", EntrantMsg::ErrRegistrationBoolean)
            })?);
        }
        if let Some(d) = body.get("registration_deadline") {
            changes.registration_deadline = Some(match d {
                Value::Null => None,
                Value::String(s) if s.trim().is_empty() => None,
                Value::String(s) => Some(crate::db::utc::parse(s.trim()).ok_or_else(|| {
                    AppError::invalid("registration_deadline", EntrantMsg::ErrDeadline)
                })?),
                _ => {
                    return Err(AppError::invalid(
                        "registration_deadline",
                        EntrantMsg::ErrDeadline,
                    ))
                }
            });
        }
        if let Some(b) = body.get("release_comments") {
            changes.release_comments = Some(b.as_bool().ok_or_else(|| {
                AppError::invalid("release_comments", EntrantMsg::ErrReleaseComments)
            })?);
        }
        if let Some(v) = body.get("required_fields") {
            let words: Vec<crate::model::ProposalField> = word_list(v).ok_or_else(|| {
                AppError::invalid("required_fields", ProposalMsg::ErrRequiredFieldUnknown)
            })?;
            changes.required_fields = Some(json!(words).to_string());
        }
        if let Some(v) = body.get("required_documents") {
            let words: Vec<crate::model::DocumentKind> = word_list(v).ok_or_else(|| {
                AppError::invalid(
                    "required_documents",
                    ProposalMsg::ErrRequiredDocumentUnknown,
                )
            })?;
            changes.required_documents = Some(json!(words).to_string());
        }
        if let Some(n) = body.get("normalisation") {
            let word = n.as_str().ok_or_else(|| {
                AppError::invalid(
                    "normalisation",
                    crate::i18n::stages::StageMsg::ErrNormalisation,
                )
            })?;
            let current = crate::db::stages::current(c, id)?;
            let changes = super::stages::StageChanges {
                normalisation: Some(word.to_string()),
                ..Default::default()
            };
            super::stages::change_in(c, actor, id, current.id, &changes)?;
        }
        contests::update(c, id, &changes)?;
        let old_json = json!({"name": old.name, "year": old.year, "description": old.description, "aggregation": old.aggregation, "min_award_score": old.min_award_score, "blind": old.blind, "outlier_points": old.outlier_points as f64 / 100.0, "robustness_gate": old.robustness_gate, "registration_open": old.registration_open, "registration_deadline": old.registration_deadline.map(crate::db::iso), "release_comments": old.release_comments, "required_fields": old.required_fields, "required_documents": old.required_documents});
        log(
            c,
            actor,
            id,
            "contest.updated",
            &format!("contest:{id}"),
            json!({"old": old_json, "new": body}),
        )?;
        detail(c, id)
    })
}
