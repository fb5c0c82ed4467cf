//! HTML with maud: the layout, small reusable components, and one module per screen. Views
//! only present what services computed; every string comes from the catalog.

pub mod analysis;
pub mod charts;
pub mod components;
pub mod documents;
pub mod entrant;
pub mod entry_documents;
pub mod error;
pub mod home;
pub mod judging;
pub mod layout;
pub mod login;
pub mod monitor;
pub mod proposal;
pub mod results;
pub mod setup;
pub mod stage;
pub mod users;

pub use layout::PageCtx;
