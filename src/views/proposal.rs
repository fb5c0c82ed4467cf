//! An entry's proposal (the IID form's fields): its inputs on the entrant's form, and how it
//! reads on the judge's score sheet and the other screens.

use super::components::FormErrors;
use super::layout::PageCtx;
use crate::domain::proposal::Proposal;
use crate::i18n::proposal::field_label as label;
use crate::i18n::proposal::ProposalMsg as P;
use crate::model::{Initiator, InnovationForm, Maturity, ProposalField};
use maud::{html, Markup};

pub fn maturity_label(m: Maturity) -> P {
    match m {
        Maturity::Inisiatif => P::MaturityInisiatif,
        Maturity::UjiCoba => P::MaturityUjiCoba,
        Maturity::Penerapan => P::MaturityPenerapan,
    }
}

pub fn initiator_label(i: Initiator) -> P {
    match i {
        Initiator::KepalaDaerah => P::InitiatorKepalaDaerah,
        Initiator::AnggotaDprd => P::InitiatorAnggotaDprd,
        Initiator::Asn => P::InitiatorAsn,
        Initiator::PerangkatDaerah => P::InitiatorPerangkatDaerah,
        Initiator::Masyarakat => P::InitiatorMasyarakat,
    }
}

pub fn form_label(f: InnovationForm) -> P {
    match f {
        InnovationForm::TataKelola => P::FormTataKelola,
        InnovationForm::PelayananPublik => P::FormPelayananPublik,
        InnovationForm::Lainnya => P::FormLainnya,
    }
}

/// A field's label, marked when the committee requires it.
fn caption(ctx: &PageCtx, field: ProposalField, required: &[ProposalField]) -> Markup {
    // One grid item of the label: the badge sits beside the words, not on a row of its own.
    html! {
        span {
            (ctx.t(label(field)))
            @if required.contains(&field) { " " small.badge { (ctx.t(P::Required)) } }
        }
    }
}

fn error(errors: &FormErrors, name: &str) -> Markup {
    html! { @if let Some(m) = errors.for_field(name) { span.field-error id={ (name) "-error" } { (m) } } }
}

/// A select of `options` named `name`, with an empty choice, `current` selected.
fn choice<T: Copy + PartialEq + std::fmt::Display>(
    ctx: &PageCtx,
    name: &str,
    options: &[T],
    current: Option<T>,
    text: fn(T) -> P,
) -> Markup {
    html! {
        select name=(name) {
            option value="" { "—" }
            @for o in options { option value=(o) selected[current == Some(*o)] { (ctx.t(text(*o))) } }
        }
    }
}

/// The proposal's inputs, filled with `p`.
pub fn inputs(
    ctx: &PageCtx,
    p: &Proposal,
    errors: &FormErrors,
    required: &[ProposalField],
) -> Markup {
    use ProposalField as F;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let area = |field: F, value: &str| {
        html! {
            label { (caption(ctx, field, required))
                textarea name=(field) rows="5" aria-invalid=[errors.for_field(field.as_str()).map(|_| "true")] { (value) }
                (error(errors, field.as_str()))
            }
        }
    };
    let digital = match p.digital {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    };
    html! {
        fieldset.criterion {
            legend { (ctx.t(P::Title)) }
            label { (caption(ctx, F::Maturity, required)) (choice(ctx, "maturity", Maturity::ALL, p.maturity, maturity_label)) (error(errors, "maturity")) }
            label { (caption(ctx, F::Initiator, required)) (choice(ctx, "initiator", Initiator::ALL, p.initiator, initiator_label)) (error(errors, "initiator")) }
            label { (caption(ctx, F::Digital, required))
                select name="digital" {
                    option value="" { "—" }
                    option value="true" selected[digital == "true"] { (ctx.t(P::Digital)) }
                    option value="false" selected[digital == "false"] { (ctx.t(P::NonDigital)) }
                }
                (error(errors, "digital"))
            }
            label { (caption(ctx, F::Form, required)) (choice(ctx, "form", InnovationForm::ALL, p.form, form_label)) (error(errors, "form")) }
            label { (caption(ctx, F::TrialDate, required)) input type="date" name="trial_date" value=(date(p.trial_date)); (error(errors, "trial_date")) }
            label { (caption(ctx, F::ImplementationDate, required)) input type="date" name="implementation_date" value=(date(p.implementation_date)); (error(errors, "implementation_date")) }
            (area(F::Design, &p.design))
            (area(F::Goals, &p.goals))
            (area(F::Benefits, &p.benefits))
            (area(F::Results, &p.results))
            label { (caption(ctx, F::VideoLink, required)) input type="url" name="video_link" value=(p.video_link.clone().unwrap_or_default()); (error(errors, "video_link")) }
        }
    }
}

/// The filled fields of a proposal as a definition list (nothing when none is filled).
pub fn view(ctx: &PageCtx, p: &Proposal) -> Markup {
    use ProposalField as F;
    let filled: Vec<(F, String)> = ProposalField::ALL
        .iter()
        .filter(|f| p.has(**f))
        .map(|f| (*f, value(ctx, p, *f)))
        .collect();
    html! {
        @if !filled.is_empty() {
            section.card.proposal {
                h2 { (ctx.t(P::Title)) }
                dl {
                    @for (f, v) in &filled {
                        dt { (ctx.t(label(*f))) }
                        @if *f == F::VideoLink {
                            dd { a href=(v) target="_blank" rel="noopener" { (v) } }
                        } @else {
                            dd.prose { (v) }
                        }
                    }
                }
            }
        }
    }
}

/// A field's value in words.
fn value(ctx: &PageCtx, p: &Proposal, f: ProposalField) -> String {
    use ProposalField as F;
    match f {
        F::Maturity => p.maturity.map(|m| ctx.t(maturity_label(m)).to_string()),
        F::Initiator => p.initiator.map(|i| ctx.t(initiator_label(i)).to_string()),
        F::Digital => p.digital.map(|d| {
            ctx.t(if d { P::Digital } else { P::NonDigital })
                .to_string()
        }),
        F::Form => p.form.map(|x| ctx.t(form_label(x)).to_string()),
        F::TrialDate => p.trial_date.map(|d| d.format("%d-%m-%Y").to_string()),
        F::ImplementationDate => p
            .implementation_date
            .map(|d| d.format("%d-%m-%Y").to_string()),
        F::Design => Some(p.design.clone()),
        F::Goals => Some(p.goals.clone()),
        F::Benefits => Some(p.benefits.clone()),
        F::Results => Some(p.results.clone()),
        F::VideoLink => p.video_link.clone(),
    }
    .unwrap_or_default()
}

/// What an entry lacks, in words (the screening screen; the entrant's home).
pub fn gaps(ctx: &PageCtx, gap: &crate::services::proposal::Gaps) -> Markup {
    use crate::i18n::Text;
    let fields: Vec<&str> = gap
        .missing_fields
        .iter()
        .map(|f| ctx.t(label(*f)))
        .collect();
    let documents: Vec<&str> = gap
        .missing_documents
        .iter()
        .map(|k| ctx.t(crate::i18n::documents::kind_label(*k)))
        .collect();
    html! {
        ul.gaps {
            @if !fields.is_empty() { li { span.badge.warn { (ctx.text(&Text::with(P::MissingFields, [fields.join(", ")]))) } } }
            @if !documents.is_empty() { li { span.badge.warn { (ctx.text(&Text::with(P::MissingDocuments, [documents.join(", ")]))) } } }
        }
    }
}
