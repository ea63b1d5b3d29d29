//! Synthetic Vietnamese full names (họ, tên đệm, tên) with diacritics, by gender.
//!
//! Rosters are confidential, so names are drawn from frequency tables: surnames roughly as they
//! occur in northern Vietnam (Nguyễn about a third of the population), middle names that mark
//! gender ("Văn", "Thị") more often for older cadres, and common given names. Every name is
//! returned in Unicode NFC.

use rand::Rng;

use crate::model::enums::Gender;
use crate::model::scenario::nfc;

/// Surnames with weights (per mille, roughly).
const SURNAMES: &[(&str, u32)] = &[
    ("Nguyễn", 340),
    ("Trần", 110),
    ("Lê", 90),
    ("Phạm", 75),
    ("Hoàng", 50),
    ("Vũ", 50),
    ("Phan", 30),
    ("Đặng", 25),
    ("Bùi", 25),
    ("Đỗ", 25),
    ("Hồ", 12),
    ("Ngô", 15),
    ("Dương", 12),
    ("Lý", 6),
    ("Đinh", 15),
    ("Đoàn", 14),
    ("Lương", 8),
    ("Mai", 8),
    ("Trịnh", 10),
    ("Cao", 8),
    ("Lưu", 6),
    ("Tạ", 5),
    ("Hà", 7),
    ("Đào", 9),
    ("Vương", 4),
    ("Chu", 4),
    ("Tô", 5),
    ("Lâm", 4),
    ("Nghiêm", 3),
    ("Kiều", 3),
    ("Phùng", 5),
    ("Tống", 3),
    ("Văn", 3),
    ("Quách", 2),
    ("Khúc", 2),
];

const MIDDLE_MALE: &[(&str, u32)] = &[
    ("Văn", 300),
    ("Đức", 90),
    ("Minh", 80),
    ("Quang", 60),
    ("Hữu", 50),
    ("Thanh", 50),
    ("Xuân", 40),
    ("Trung", 30),
    ("Ngọc", 30),
    ("Mạnh", 25),
    ("Tiến", 20),
    ("Duy", 25),
    ("Hoàng", 25),
    ("Công", 35),
    ("Đình", 40),
    ("Anh", 15),
    ("Tuấn", 15),
    ("Việt", 20),
    ("Hải", 15),
    ("Trọng", 20),
];

const MIDDLE_FEMALE: &[(&str, u32)] = &[
    ("Thị", 300),
    ("Thu", 50),
    ("Thanh", 50),
    ("Ngọc", 45),
    ("Minh", 30),
    ("Hồng", 35),
    ("Thúy", 20),
    ("Phương", 25),
    ("Kim", 20),
    ("Bích", 15),
    ("Hải", 15),
    ("Lan", 10),
    ("Mai", 10),
    ("Diệu", 10),
    ("Khánh", 15),
    ("Thùy", 20),
    ("Quỳnh", 10),
];

const GIVEN_MALE: &[&str] = &[
    "Hùng",
    "Dũng",
    "Tuấn",
    "Minh",
    "Hải",
    "Long",
    "Nam",
    "Thắng",
    "Cường",
    "Sơn",
    "Hiếu",
    "Trung",
    "Quân",
    "Phong",
    "Thành",
    "Đức",
    "Huy",
    "Tú",
    "Hoàng",
    "Khánh",
    "Tùng",
    "Bình",
    "Quang",
    "Việt",
    "Vinh",
    "Hưng",
    "Tâm",
    "Thịnh",
    "Toàn",
    "Lâm",
    "Phúc",
    "Anh",
    "Công",
    "Chiến",
    "Kiên",
    "Đạt",
    "Hòa",
    "Thanh",
    "Lợi",
    "Tiến",
    "Hậu",
    "Hiệp",
    "Nghĩa",
    "Trọng",
    "Quyết",
    "Thái",
    "Bảo",
    "Duy",
    "Giang",
    "Hạnh",
    "Khải",
    "Lực",
    "Mạnh",
    "Ninh",
    "Phương",
    "Quý",
    "Tài",
    "Thuận",
    "Trường",
    "Vũ",
    "Điệp",
    "Đông",
    "Hà",
    "Thọ",
    "Tuệ",
];

const GIVEN_FEMALE: &[&str] = &[
    "Hương", "Lan", "Hoa", "Hằng", "Thảo", "Trang", "Linh", "Ngọc", "Mai", "Hà", "Nga", "Huyền", "Thủy", "Yến", "Loan",
    "Phương", "Dung", "Thu", "Hạnh", "Nhung", "Oanh", "Vân", "Hồng", "Liên", "Hiền", "Giang", "Anh", "Quỳnh", "Nhàn",
    "Thúy", "Tâm", "Hòa", "Hải", "Minh", "Ly", "Chi", "Thanh", "Tuyết", "Lê", "Diệp", "Hậu", "Duyên", "Thơ", "Nhi",
    "Vy", "My", "Ánh", "Bích", "Hoài", "Lụa",
];

/// Picks an item by weight.
pub(crate) fn weighted<'a, T, R: Rng>(rng: &mut R, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    let mut x = rng.random_range(0..total.max(1));
    for (item, w) in items {
        if x < *w {
            return item;
        }
        x -= w;
    }
    &items[items.len() - 1].0
}

/// A full name for a cadre of this gender born in `birth_year`, in NFC.
pub(crate) fn full_name<R: Rng>(rng: &mut R, gender: Gender, birth_year: i32) -> String {
    let surname = *weighted(rng, SURNAMES);
    // "Văn" and "Thị" are less common among younger people: halve their weight after 1985.
    let young = birth_year >= 1985;
    let adjust = |table: &[(&'static str, u32)], marker: &str| -> Vec<(&'static str, u32)> {
        table.iter().map(|(m, w)| (*m, if young && *m == marker { w / 2 } else { *w })).collect()
    };
    let (middle, given) = match gender {
        Gender::Male => {
            let table = adjust(MIDDLE_MALE, "Văn");
            (*weighted(rng, &table), GIVEN_MALE[rng.random_range(0..GIVEN_MALE.len())])
        }
        Gender::Female => {
            let table = adjust(MIDDLE_FEMALE, "Thị");
            (*weighted(rng, &table), GIVEN_FEMALE[rng.random_range(0..GIVEN_FEMALE.len())])
        }
    };
    // Avoid "Minh Minh": draw another middle name once if it repeats the given name.
    let middle = if middle == given {
        if gender == Gender::Male {
            "Văn"
        } else {
            "Thị"
        }
    } else {
        middle
    };
    nfc(&format!("{surname} {middle} {given}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    use unicode_normalization::is_nfc;

    #[test]
    fn names_have_three_words_and_are_nfc() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for i in 0..500 {
            let g = if i % 3 == 0 { Gender::Female } else { Gender::Male };
            let n = full_name(&mut rng, g, 1960 + i % 40);
            assert!(is_nfc(&n), "{n}");
            assert_eq!(n.split(' ').count(), 3, "{n}");
        }
    }

    #[test]
    fn nguyen_is_the_most_common_surname() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let n = 2000;
        let nguyen = (0..n).filter(|_| full_name(&mut rng, Gender::Male, 1970).starts_with("Nguyễn ")).count();
        assert!((500..900).contains(&nguyen), "{nguyen} of {n}");
    }

    #[test]
    fn weighted_respects_zero_weights() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let items = [("a", 0), ("b", 5)];
        assert!((0..100).all(|_| *weighted(&mut rng, &items) == "b"));
    }
}
