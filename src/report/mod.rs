//! Renderers of plans for people and spreadsheets: CSV export/import (the same columns `check`
//! accepts for a hand-drafted plan) and the committee HTML report.

pub mod chains;
pub mod csv;
pub mod html;
pub mod progress;
pub mod roadmap;
pub mod svg;
pub mod xlsx;
