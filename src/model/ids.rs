//! Typed indices into a resolved [`Scenario`](super::Scenario).
//!
//! Inside the engine every cadre, post, unit, locality and team is a small `Copy` handle that is
//! nothing more than an index (the good_lp `Variable` idea). Human codes ("C00042", "31303") only
//! appear at the edges: in input files, in plans and in rendered text. Mixing a post index with a
//! cadre index is a type error, not a silent bug.

use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The position of this item in its scenario vector.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }
            /// Builds the handle for position `i`.
            #[inline]
            pub fn from_index(i: usize) -> Self {
                Self(i as u32)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "#{}"), self.0)
            }
        }
    };
}

typed_id!(
    /// A cadre (cán bộ).
    CadreId,
    "cadre"
);
typed_id!(
    /// A post (chức vụ) in a unit.
    PostId,
    "post"
);
typed_id!(
    /// A unit: party committee, People's Committee, department, mass organisation.
    UnitId,
    "unit"
);
typed_id!(
    /// A node of the locality tree (city, district, commune, ...).
    LocalityId,
    "locality"
);
typed_id!(
    /// A leadership team (the standing members of a committee, a People's Committee leadership).
    TeamId,
    "team"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_their_index() {
        assert_eq!(CadreId::from_index(7).index(), 7);
        assert_eq!(format!("{:?}", PostId(3)), "post#3");
        assert!(LocalityId(1) < LocalityId(2));
    }
}
