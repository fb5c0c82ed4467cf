//! The rules of a contest as plain functions on plain types: no IO, no web, no database.
//! Everything here is exact and deterministic, and unit- and property-tested beside the code.

pub mod analysis;
pub mod assignment;
pub mod conflict;
pub mod decimal;
mod lenient_robustness;
pub mod normalise;
pub mod phase;
pub mod proposal;
pub mod ranking;
pub mod registration;
pub mod report;
pub mod role;
pub mod scoring;
pub mod sheet;
pub mod stage;
pub mod template;
#[cfg(test)]
pub(crate) mod testing;
pub mod throttle;
pub mod validate;
