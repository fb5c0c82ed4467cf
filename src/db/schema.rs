// @generated shape, kept by hand in step with migrations/{sqlite,postgres}: only column types
// that both backends share (Text, Integer, BigInt, Bool, Date, Timestamp) so one schema serves both.

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        role -> Text,
        affiliation -> Text,
        password_hash -> Text,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    contests (id) {
        id -> Text,
        name -> Text,
        year -> Integer,
        description -> Text,
        phase -> Text,
        aggregation -> Text,
        min_award_score -> Nullable<BigInt>,
        blind -> Bool,
        published_at -> Nullable<Timestamp>,
        result_digest -> Nullable<Text>,
        result_snapshot -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        outlier_points -> BigInt,
        robustness_gate -> Bool,
        registration_open -> Bool,
        registration_deadline -> Nullable<Timestamp>,
        release_comments -> Bool,
        required_fields -> Text,
        required_documents -> Text,
    }
}

diesel::table! {
    clusters (id) {
        id -> Text,
        contest_id -> Text,
        name -> Text,
        position -> Integer,
        winners_count -> Integer,
    }
}

diesel::table! {
    prize_tiers (id) {
        id -> Text,
        cluster_id -> Text,
        rank -> Integer,
        title -> Text,
        amount -> BigInt,
        extra -> Nullable<Text>,
        condition_note -> Nullable<Text>,
    }
}

diesel::table! {
    criteria (id) {
        id -> Text,
        contest_id -> Text,
        stage_id -> Text,
        position -> Integer,
        name -> Text,
        description -> Text,
        weight -> Integer,
        min_score -> Integer,
        max_score -> Integer,
        levels -> Text,
        tie_break_rank -> Nullable<Integer>,
    }
}

diesel::table! {
    entries (id) {
        id -> Text,
        contest_id -> Text,
        cluster_id -> Text,
        title -> Text,
        innovator -> Text,
        unit -> Text,
        description -> Text,
        link -> Nullable<Text>,
        created_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
        maturity -> Nullable<Text>,
        initiator -> Nullable<Text>,
        digital -> Nullable<Bool>,
        innovation_form -> Nullable<Text>,
        trial_date -> Nullable<Date>,
        implementation_date -> Nullable<Date>,
        design -> Text,
        goals -> Text,
        benefits -> Text,
        results -> Text,
        video_link -> Nullable<Text>,
    }
}

diesel::table! {
    contest_judges (contest_id, user_id) {
        contest_id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    judge_clusters (contest_id, user_id, cluster_id) {
        contest_id -> Text,
        user_id -> Text,
        cluster_id -> Text,
    }
}

diesel::table! {
    conflicts (id) {
        id -> Text,
        contest_id -> Text,
        judge_id -> Text,
        entry_id -> Text,
        reason -> Text,
        source -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    assignments (id) {
        id -> Text,
        contest_id -> Text,
        stage_id -> Text,
        judge_id -> Text,
        entry_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sheets (id) {
        id -> Text,
        contest_id -> Text,
        stage_id -> Text,
        entry_id -> Text,
        judge_id -> Text,
        status -> Text,
        comment -> Text,
        version -> Integer,
        submitted_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sheet_scores (sheet_id, criterion_id) {
        sheet_id -> Text,
        criterion_id -> Text,
        score -> Integer,
    }
}

diesel::table! {
    waivers (id) {
        id -> Text,
        contest_id -> Text,
        stage_id -> Text,
        entry_id -> Text,
        judge_id -> Text,
        reason -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    tie_resolutions (id) {
        id -> Text,
        contest_id -> Text,
        stage_id -> Text,
        cluster_id -> Text,
        entry_order -> Text,
        reason -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        contest_id -> Nullable<Text>,
        actor_id -> Nullable<Text>,
        action -> Text,
        target -> Text,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    stages (id) {
        id -> Text,
        contest_id -> Text,
        position -> Integer,
        name -> Text,
        kind -> Text,
        weight -> Integer,
        cut_rule -> Text,
        cut_count -> Nullable<Integer>,
        cut_min_score -> Nullable<BigInt>,
        cut_ties -> Text,
        aggregation -> Nullable<Text>,
        checklist -> Text,
        phase -> Text,
        digest -> Nullable<Text>,
        snapshot -> Nullable<Text>,
        sealed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        normalisation -> Text,
    }
}

diesel::table! {
    stage_entries (stage_id, entry_id) {
        stage_id -> Text,
        entry_id -> Text,
    }
}

diesel::table! {
    screenings (stage_id, entry_id) {
        stage_id -> Text,
        entry_id -> Text,
        eligible -> Bool,
        failed -> Text,
        note -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Timestamp,
    }
}

diesel::table! {
    acknowledgements (id) {
        id -> Text,
        contest_id -> Text,
        stage_id -> Text,
        reason -> Text,
        unstable -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    blobs (sha256) {
        sha256 -> Text,
        size -> BigInt,
        content_type -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    blob_parts (blob_key, seq) {
        blob_key -> Text,
        seq -> Integer,
        data -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        contest_id -> Text,
        entry_id -> Text,
        sha256 -> Text,
        name -> Text,
        kind -> Text,
        criterion_id -> Nullable<Text>,
        hidden_from_judges -> Bool,
        uploaded_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    contest_entrants (contest_id, user_id) {
        contest_id -> Text,
        user_id -> Text,
        unit -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    entrant_clusters (contest_id, user_id, cluster_id) {
        contest_id -> Text,
        user_id -> Text,
        cluster_id -> Text,
    }
}

diesel::table! {
    password_links (token_sha256) {
        token_sha256 -> Text,
        user_id -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(contest_entrants -> users (user_id));
diesel::joinable!(stages -> contests (contest_id));
diesel::joinable!(documents -> entries (entry_id));
diesel::joinable!(clusters -> contests (contest_id));
diesel::joinable!(prize_tiers -> clusters (cluster_id));
diesel::joinable!(criteria -> contests (contest_id));
diesel::joinable!(entries -> clusters (cluster_id));
diesel::joinable!(assignments -> entries (entry_id));
diesel::joinable!(assignments -> users (judge_id));
diesel::joinable!(sheets -> entries (entry_id));
diesel::joinable!(conflicts -> entries (entry_id));
diesel::joinable!(sheet_scores -> sheets (sheet_id));
diesel::joinable!(contest_judges -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    settings,
    users,
    sessions,
    contests,
    clusters,
    prize_tiers,
    criteria,
    entries,
    contest_judges,
    judge_clusters,
    conflicts,
    assignments,
    sheets,
    sheet_scores,
    waivers,
    tie_resolutions,
    audit_log,
    stages,
    stage_entries,
    screenings,
    acknowledgements,
    blobs,
    blob_parts,
    documents,
    contest_entrants,
    entrant_clusters,
    password_links,
);
