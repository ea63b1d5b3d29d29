//! The planning data: ids, the locality tree, units, posts, cadres, the policy model, loading
//! and validation.
//!
//! Two inputs are kept apart on purpose: a **scenario** is the facts on a plan date, a **policy**
//! is the rules. The same scenario is planned under several policies and the same policy over
//! many scenarios.

pub mod csvio;
pub mod date;
pub mod diag;
pub mod enums;
pub mod facts;
pub mod fold;
pub mod ids;
pub mod load;
pub mod locate;
pub mod policy;
pub mod raw;
pub mod scenario;
pub mod validate;
pub mod xlsx;

pub use date::Date;
pub use diag::{Diagnostic, Location, Severity};
pub use enums::*;
pub use facts::Facts;
pub use ids::*;
pub use policy::Policy;
pub use raw::RawScenario;
pub use scenario::Scenario;
