//! Conflicts of interest: a judge never scores an entry from their own unit.

/// Trims, folds runs of white space to one space and lower-cases, so "  Dinas  KESEHATAN "
/// and "dinas kesehatan" name the same unit.
pub fn normalize_name(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The judge's affiliation is the entry's unit (an empty affiliation never conflicts).
pub fn same_unit(affiliation: &str, unit: &str) -> bool {
    let a = normalize_name(affiliation);
    !a.is_empty() && a == normalize_name(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_match_ignoring_case_and_spaces() {
        assert!(same_unit("  Dinas  KESEHATAN ", "dinas kesehatan"));
        assert!(!same_unit("Dinas Kesehatan", "Dinas Pendidikan"));
        assert!(!same_unit("", ""));
        assert!(!same_unit("   ", "   "));
    }
}
