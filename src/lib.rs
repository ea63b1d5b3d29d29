//! rotaplan plans the placement and rotation of cadres (public officials) across posts and
//! localities under many rules at once, as a mixed-integer program solved by HiGHS.
//!
//! Data flows one way:
//! scenario + policy → [`formulation`] → [`solve`] → plans → [`rank`] → [`explain`] → render.
//! Only [`solve`] touches HiGHS types; only the binary and [`report`] print.

#![warn(missing_docs)]

pub mod alternatives;
pub mod check;
pub mod cli;
pub mod explain;
pub mod formulation;
pub mod generate;
pub mod model;
pub mod plan;
pub mod rank;
pub mod report;
pub mod roadmap;
pub mod solve;
