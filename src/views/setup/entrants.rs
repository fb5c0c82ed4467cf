//! The committee's screen of a contest's entrants (pengusul): who files for which unit, the
//! one-time set-password links, and the registration window.

use super::{contest_nav, problem_box, Problem};
use crate::i18n::documents::kind_label;
use crate::i18n::entrants::EntrantMsg as E;
use crate::i18n::proposal::{field_label, ProposalMsg as P};
use crate::i18n::setup::SetupMsg as M;
use crate::i18n::Text;
use crate::model::{DocumentKind, ProposalField};
use crate::services::contests::Contest;
use crate::services::entrants::Entrant;
use crate::views::components::field;
use crate::views::layout::{page, PageCtx};
use maud::{html, Markup};

/// A link just issued, shown once: for whom, the address, until when.
pub struct IssuedLink {
    pub name: String,
    pub url: String,
    pub expires: String,
}

pub fn entrants(
    ctx: &PageCtx,
    c: &Contest,
    list: &[Entrant],
    problem: &Problem,
    info: Option<&str>,
    link: Option<&IssuedLink>,
) -> Markup {
    let errors = problem.for_form("entrant");
    let registration_errors = problem.for_form("registration");
    let base = format!("/contests/{}/entrants", c.id);
    let deadline = c
        .registration_deadline
        .map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default();
    let cluster_names = |ids: &Option<Vec<crate::model::ClusterId>>| match ids {
        None => "—".to_string(),
        Some(ids) => ids
            .iter()
            .filter_map(|id| c.clusters.iter().find(|x| &x.id == id))
            .map(|x| x.name.clone())
            .collect::<Vec<_>>()
            .join(", "),
    };
    let body = html! {
        h1 { (ctx.t(E::Entrants)) }
        (contest_nav(ctx, c))
        (crate::views::components::notice(info))
        (problem_box(problem))
        @if let Some(l) = link {
            div.card role="status" {
                p { (ctx.text(&Text::with(E::LinkCreated, [l.name.clone(), l.expires.clone()]))) }
                p { code.break { (l.url) } }
            }
        }
        p.muted { (ctx.t(E::EntrantsHelp)) }
        @if list.is_empty() { p.muted { (ctx.t(E::NoEntrants)) } }
        @else {
            div.table-wrap tabindex="0" { table {
                thead { tr { th { (ctx.t(M::FieldName)) } th { (ctx.t(M::FieldUnit)) } th { (ctx.t(M::Clusters)) } th { span.sr-only { (ctx.t(crate::i18n::Msg::ColActions)) } } } }
                tbody { @for e in list { tr {
                    td { (e.name) br; small.muted { (e.email) } }
                    td { (e.unit) }
                    td { (cluster_names(&e.cluster_ids)) }
                    td { form method="post" action={ (base) "/" (e.id) "/link" } {
                        button.secondary type="submit" aria-label={ (ctx.t(E::ButtonNewLink)) ": " (e.name) } { (ctx.t(E::ButtonNewLink)) }
                    } }
                } } }
            } }
        }
        h2 { (ctx.t(E::AddEntrant)) }
        div.card { form.stack method="post" action=(base) {
            (field(ctx.t(M::FieldName), "name", "text", "", &errors, html! {}))
            (field(ctx.t(M::FieldEmail), "email", "email", "", &errors, html! {}))
            (field(ctx.t(M::FieldUnit), "unit", "text", "", &errors, html! {}))
            (field(ctx.t(E::FieldPasswordOptional), "password", "text", "", &errors, html! {}))
            fieldset.criterion { legend { (ctx.t(E::FieldClusters)) }
                @for cl in &c.clusters { label.inline { input type="checkbox" name="cluster_ids" value=(cl.id) style="width:auto"; (cl.name) } }
            }
            div { button type="submit" { (ctx.t(E::AddEntrant)) } }
        } }
        @if c.setup_open() {
            h2 { (ctx.t(P::RequiredTitle)) }
            div.card { form.stack method="post" action={ "/contests/" (c.id) "/requirements" } {
                p.muted { (ctx.t(P::RequiredHelp)) }
                fieldset.criterion { legend { (ctx.t(P::Title)) }
                    @for f in ProposalField::ALL {
                        label.inline { input type="checkbox" name="required_fields" value=(f) checked[c.required_fields.contains(f)] style="width:auto"; (ctx.t(field_label(*f))) }
                    }
                }
                fieldset.criterion { legend { (ctx.t(crate::i18n::documents::DocumentMsg::Link)) }
                    @for k in DocumentKind::ALL {
                        label.inline { input type="checkbox" name="required_documents" value=(k) checked[c.required_documents.contains(k)] style="width:auto"; (ctx.t(kind_label(*k))) }
                    }
                }
                div { button type="submit" { (ctx.t(E::ButtonSave)) } }
            } }
        }
        h2 { (ctx.t(E::RegistrationTitle)) }
        div.card { form.stack method="post" action={ "/contests/" (c.id) "/registration" } {
            @if c.setup_open() {
                label { input type="checkbox" name="registration_open" value="true" checked[c.registration_open] style="width:auto"; " " (ctx.t(E::FieldRegistrationOpen)) }
                (field(ctx.t(E::FieldDeadline), "registration_deadline", "datetime-local", &deadline, &registration_errors, html! {}))
            } @else {
                p.muted { (ctx.t(E::RegistrationClosed)) }
            }
            label { input type="checkbox" name="release_comments" value="true" checked[c.release_comments] style="width:auto"; " " (ctx.t(E::FieldReleaseComments)) }
            div { button type="submit" { (ctx.t(E::ButtonSave)) } }
        } }
    };
    page(ctx, ctx.t(E::Entrants), body)
}
