//! The compact results against what they stand for.
use super::*;
use crate::db::contests::ContestRow;
use crate::db::results::{
    ClusterRow, CriterionRow, EntryRow, JudgeRow, ResultsData, SheetTable, TierRow,
};

fn id(n: u128) -> String {
    Uuid::from_u128(n).to_string()
}

/// Two clusters; a missing sheet, a waived one, an unscored entry, a sheet without every
/// score, and a sheet by somebody no longer listed as a judge (`id(13)`).
fn data() -> ResultsData {
    let entry = |n: u128, cluster: u128, title: &str| EntryRow {
        id: id(n),
        cluster_id: id(cluster),
        title: title.into(),
        innovator: format!("Inovator {n}"),
        unit: format!("Unit {n}"),
    };
    let judge = |n: u128, name: &str| JudgeRow {
        id: id(n),
        name: name.into(),
        affiliation: "Bappedalitbang".into(),
    };
    let tier = |cluster: u128, rank: i32, title: &str| TierRow {
        cluster_id: id(cluster),
        rank,
        title: title.into(),
        amount: 1_000_000 * i64::from(rank),
        extra: Some("piala".into()),
        condition_note: None,
    };
    let mut sheets = SheetTable::new(2);
    sheets.push(0, 0, &[Some(80), Some(70)]);
    sheets.push(0, 1, &[Some(90), None]);
    sheets.push(1, 0, &[Some(85), Some(75)]);
    sheets.push(3, 0, &[Some(50), Some(50)]);
    sheets.push(3, 2, &[Some(60), Some(40)]);
    // 0.6·35 + 0.4·75 = 51, the same as "Desa Cerdas", which wins on Kebaruan.
    sheets.push(4, 0, &[Some(35), Some(75)]);
    ResultsData {
        contest: ContestRow {
            id: crate::model::ContestId(uuid::Uuid::from_u128(1)),
            name: "Lomba Inovasi Balangan".into(),
            year: 2026,
            description: String::new(),
            phase: crate::model::Phase::Closed,
            aggregation: crate::model::Aggregation::Mean,
            min_award_score: Some(5000),
            blind: false,
            published_at: None,
            result_digest: None,
            result_snapshot: None,
            outlier_points: 1500,
            robustness_gate: false,
            registration_open: false,
            registration_deadline: None,
            release_comments: false,
            required_fields: "[]".into(),
            required_documents: "[]".into(),
        },
        last_stage: true,
        earlier: Vec::new(),
        stopped: Vec::new(),
        stage: crate::db::stages::StageRow {
            id: crate::model::StageId(uuid::Uuid::from_u128(99)),
            contest_id: crate::model::ContestId(uuid::Uuid::from_u128(1)),
            position: 1,
            declaration: crate::db::stages::StageDeclaration::default_scored(),
            phase: crate::model::StagePhase::Closed,
            digest: None,
        },
        clusters: vec![
            ClusterRow {
                id: id(2),
                name: "SKPD".into(),
                position: 0,
                winners_count: 2,
            },
            ClusterRow {
                id: id(3),
                name: "Kecamatan".into(),
                position: 1,
                winners_count: 1,
            },
        ],
        tiers: vec![
            tier(2, 1, "Juara I"),
            tier(2, 2, "Juara II"),
            tier(3, 1, "Juara I"),
        ],
        criteria: vec![
            CriterionRow {
                id: id(21),
                position: 0,
                name: "Kebaruan".into(),
                weight: 60,
                max_score: 100,
                tie_break_rank: None,
            },
            CriterionRow {
                id: id(22),
                position: 1,
                name: "Kemanfaatan".into(),
                weight: 40,
                max_score: 100,
                tie_break_rank: None,
            },
        ],
        entries: vec![
            entry(31, 2, "Aplikasi A"),
            entry(32, 2, "Bank Sampah"),
            entry(33, 2, "Cek Gizi"),
            entry(34, 3, "Desa Cerdas"),
            entry(35, 3, "Embung Desa"),
        ],
        judges: vec![
            judge(11, "Ani"),
            judge(12, "Budi"),
            JudgeRow {
                id: id(13),
                name: id(13),
                affiliation: String::new(),
            },
        ],
        listed_judges: 2,
        assignments: vec![
            (0, 0),
            (1, 0),
            (0, 1),
            (1, 1),
            (0, 2),
            (0, 3),
            (1, 3),
            (0, 4),
        ],
        sheets,
        waivers: vec![(1, 3)],
        resolutions: Vec::new(),
    }
}

#[test]
fn json_is_byte_for_byte_that_of_the_results() {
    let computed = rank(data()).unwrap();
    let mut streamed = Vec::new();
    computed.write_json(&mut streamed).unwrap();
    let whole = serde_json::to_vec(&computed.to_results()).unwrap();
    assert_eq!(
        String::from_utf8(streamed).unwrap(),
        String::from_utf8(whole).unwrap()
    );
}

#[test]
fn rows_explain_sheets_missing_waived_and_unscored_entries() {
    let r = rank(data()).unwrap().to_results();
    assert_eq!(r.contest.judges.len(), 2, "only listed judges sign");
    let skpd = &r.clusters[0];
    let titles: Vec<&str> = skpd.ranking.iter().map(|x| x.title.as_str()).collect();
    // A: (0.6·80 + 0.4·70 + 0.6·90) / 2 = 65; B: 0.6·85 + 0.4·75 = 81.
    assert_eq!(titles, ["Bank Sampah", "Aplikasi A"]);
    assert_eq!(skpd.ranking[0].score_exact, "81/1");
    assert_eq!(skpd.ranking[1].score_exact, "65/1");
    assert_eq!(skpd.ranking[0].missing_judges[0].name, "Budi");
    assert!(!skpd.ranking[0].complete);
    assert_eq!(skpd.ranking[0].prize.as_ref().unwrap().title, "Juara I");
    assert_eq!(
        skpd.ranking[0].prize.as_ref().unwrap().extra.as_deref(),
        Some("piala")
    );
    let budi = &skpd.ranking[1].sheets[1];
    assert_eq!(&*budi.judge_name, "Budi");
    assert_eq!(budi.scores.get(&id(21)), Some(90));
    assert_eq!(budi.scores.get(&id(22)), None);
    assert_eq!(skpd.ranking[1].criteria[0].mean_display, "51.00");
    assert_eq!(skpd.unscored, [id(33)]);
    assert_eq!(skpd.unscored_entries[0].missing_judges[0].name, "Ani");

    let kec = &r.clusters[1];
    assert!(
        kec.ranking[0].complete,
        "the waived sheet does not count as missing"
    );
    assert_eq!(kec.ranking[0].waived_judges[0].name, "Budi");
    let unlisted = &kec.ranking[0].sheets[1];
    assert_eq!(
        &*unlisted.judge_id,
        id(13),
        "a sheet by an unlisted judge still counts"
    );
    // (0.6·50 + 0.4·50 + 0.6·60 + 0.4·40) / 2 = 51.
    assert_eq!(kec.ranking[0].score_exact, "51/1");
    assert_eq!(kec.ranking[1].title, "Embung Desa");
    assert_eq!(kec.ranking[1].rank, 2);
    assert_eq!(
        kec.ranking[1].separated_by.as_ref().map(|c| &*c.name),
        Some("Kebaruan")
    );
}

#[test]
fn a_window_cuts_every_cluster_and_leaves_out_detail() {
    let computed = rank(data()).unwrap();
    assert_eq!(computed.largest_cluster(), 2);
    assert_eq!(computed.window(2..5, true).clusters[1].ranking.len(), 0);
    let w = computed.window(1..5, false);
    assert_eq!(w.clusters[0].ranking.len(), 1);
    assert_eq!(w.clusters[0].ranking[0].title, "Aplikasi A");
    assert_eq!(w.clusters[0].ranking[0].rank, 2);
    assert!(w.clusters[0].ranking[0].sheets.is_empty());
    assert!(w.clusters[0].ranking[0].criteria.is_empty());
    assert_eq!(w.clusters[1].ranking[0].title, "Embung Desa");
    assert_eq!(
        w.clusters[0].unscored,
        [id(33)],
        "unscored entries are on every page"
    );
}
