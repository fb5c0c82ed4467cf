//! The integration suite: one binary, each test spawning the real app on port 0 with a fresh
//! database — SQLite by default, PostgreSQL when `JURI_TEST_DATABASE_URL` is set.

mod client;
mod fixtures;
mod flow;
mod helpers;
mod judging;
mod judging_pages;
mod process;

mod analysis;
mod auth;
mod documents;
mod durability;
mod entrants;
mod errors;
mod instances;
mod normalisation;
mod pages;
mod pipeline;
mod proposals;
mod results;
mod security;
mod setup;
mod setup_pages;
mod stages;
mod users;
