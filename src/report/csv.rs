//! Plans as CSV: `placements.csv` (cadre,post — the columns `rotaplan check` accepts for a
//! hand-drafted plan; an empty post releases the cadre), `moves.csv`, `targets.csv`.
//!
//! Reading and writing plan files lives in [`crate::plan::io`] (with the promises every plan
//! file makes: atomic, written as a set, formula cells neutralised); this module re-exports the
//! CSV part for the renderers and their callers; [`read_plan_csv`] is the one reader of plan
//! CSVs, whoever reads them.

pub use crate::plan::io::{
    neutralise_cell, plan_csv_files, read_plan_csv, read_plan_csv_bytes, NameMismatch, Pairs, PlanCsv, BOM,
};
