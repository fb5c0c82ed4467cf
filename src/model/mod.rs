//! The types that carry meaning from the edge to the store: one id type per entity and one
//! enum per stored state. Plain data with no rules (the domain holds those) and no IO.

pub mod ids;
pub mod states;

pub use ids::*;
pub use states::*;
