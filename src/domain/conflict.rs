//! Conflicts of interest: a judge never scores an entry from their own unit.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// A name as a person reads it: compatibility-normalised (NFKC: full-width letters, ligatures
/// and other look-alike forms become the plain ones), without format characters (zero-width
/// spaces and joiners, soft hyphens, direction marks: invisible, yet they made "Dinas
/// \u{200b}Lingkungan Hidup" differ from "Dinas Lingkungan Hidup"), white space folded to one
/// space, lower-cased. So "  Dinas  KESEHATAN " and "dinas kesehatan" name the same unit.
pub fn normalize_name(s: &str) -> String {
    let visible: String = s
        .nfkc()
        .filter(|c| c.general_category() != GeneralCategory::Format)
        .collect();
    visible
        .split_whitespace()
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
        // Invisible characters and look-alike forms do not hide a conflict.
        let unit = "Dinas Lingkungan Hidup";
        for disguised in [
            "Dinas \u{200b}Lingkungan Hidup",
            "Dinas Lingkungan Hi\u{ad}dup",
            "Dinas Lingkungan Hidup\u{200d}",
            "\u{feff}Dinas Lingkungan\u{2009}Hidup",
            "\u{ff24}inas Lingkungan Hidup",
        ] {
            assert!(same_unit(disguised, unit), "{disguised:?}");
        }
        assert!(!same_unit("Dinas Kesehatan", "Dinas Pendidikan"));
        assert!(!same_unit("", ""));
        assert!(!same_unit("   ", "   "));
    }
}
