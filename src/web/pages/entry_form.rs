//! The form of an entry with its proposal, as the entrant's screen and the committee's entry
//! screen post it: every field present (an emptied one empties), read into the service's input.

use crate::services::entries;
use crate::services::proposal::ProposalInput;
use crate::views::entrant::EntryValues;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    cluster_id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    innovator: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    link: String,
    /// Only the committee's form has it: an entrant's entries are its unit's.
    unit: Option<String>,
    #[serde(default)]
    maturity: String,
    #[serde(default)]
    initiator: String,
    #[serde(default)]
    digital: String,
    #[serde(default)]
    form: String,
    #[serde(default)]
    trial_date: String,
    #[serde(default)]
    implementation_date: String,
    #[serde(default)]
    design: String,
    #[serde(default)]
    goals: String,
    #[serde(default)]
    benefits: String,
    #[serde(default)]
    results: String,
    #[serde(default)]
    video_link: String,
}

impl EntryForm {
    /// What the form sent, to show again when it is refused (values that do not read are
    /// left empty: the selects and date inputs only send readable ones).
    pub fn values(&self) -> EntryValues {
        let proposal = crate::services::proposal::merge(&Default::default(), &self.proposal())
            .unwrap_or_else(|_| crate::domain::proposal::Proposal {
                design: self.design.clone(),
                goals: self.goals.clone(),
                benefits: self.benefits.clone(),
                results: self.results.clone(),
                ..Default::default()
            });
        EntryValues {
            cluster_id: self.cluster_id.parse().ok(),
            title: self.title.clone(),
            innovator: self.innovator.clone(),
            description: self.description.clone(),
            link: self.link.clone(),
            unit: self.unit.clone().unwrap_or_default(),
            proposal,
        }
    }

    /// The proposal fields as the form sends them (every one present: an emptied field
    /// empties).
    pub fn proposal(&self) -> ProposalInput {
        ProposalInput {
            maturity: Some(self.maturity.clone()),
            initiator: Some(self.initiator.clone()),
            digital: Some(self.digital.clone().into()),
            form: Some(self.form.clone()),
            trial_date: Some(self.trial_date.clone()),
            implementation_date: Some(self.implementation_date.clone()),
            design: Some(self.design.clone()),
            goals: Some(self.goals.clone()),
            benefits: Some(self.benefits.clone()),
            results: Some(self.results.clone()),
            video_link: Some(self.video_link.clone()),
        }
    }
}

impl EntryForm {
    /// The form as a new entry (an entrant's: the service files it under the entrant's unit).
    pub fn new_entry(self) -> entries::NewEntry {
        entries::NewEntry {
            proposal: self.proposal(),
            cluster_id: self.cluster_id,
            title: self.title,
            innovator: self.innovator,
            unit: self.unit.unwrap_or_default(),
            description: self.description,
            link: Some(self.link),
        }
    }

    /// The form as a change of every field it shows.
    pub fn patch(self) -> entries::EntryPatch {
        entries::EntryPatch {
            proposal: self.proposal(),
            cluster_id: Some(self.cluster_id),
            title: Some(self.title),
            innovator: Some(self.innovator),
            unit: self.unit,
            description: Some(self.description),
            link: Some(self.link),
        }
    }
}
