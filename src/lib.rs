//! juri: judging of regional innovation contests (lomba inovasi daerah).
//!
//! Layers, from the inside out: [`model`] (typed ids and states), [`domain`] (pure rules), [`db`] (storage), [`services`] (use
//! cases in transactions), [`web`] (JSON API and pages) with [`views`] (HTML). See
//! docs/architecture.md.

pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod logging;
pub mod model;
pub mod services;
pub mod startup;
pub mod views;
pub mod web;
