//! Vietnamese sort keys for lists of people.
//!
//! Planners read lists of people sorted the Vietnamese way: by the **given name** (the last word
//! of the full name), then by the rest of the name (family name, middle names) — so "Lê Văn Ân"
//! comes before "Nguyễn Văn Bình" — and letters in the order of Vietnamese dictionaries, where a
//! letter with a breve, circumflex, horn or stroke is a letter of its own that follows its base:
//! `a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z)`.
//!
//! What the key does, precisely (three levels, as in the Unicode collation algorithm):
//! 1. **letters**: the name is decomposed (NFD); each base letter and its breve / circumflex /
//!    horn becomes one letter of the alphabet above (`đ` is its own letter); letters are compared
//!    one by one (digraphs such as `ng`, `nh`, `th` are not treated as units, as in modern
//!    dictionaries and telephone books); characters outside the alphabet sort after it by code
//!    point, a space before any letter;
//! 2. **tones**, only when the letters are equal: no mark < huyền (`à`) < hỏi (`ả`) < ngã (`ã`) <
//!    sắc (`á`) < nặng (`ạ`), the order of the Vietnamese dictionaries of the Institute of
//!    Linguistics;
//! 3. **case**, only when letters and tones are equal: lower case first;
//!
//! and finally the name itself (NFC), so that two different strings never compare equal and the
//! order is total and deterministic.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

/// A collation key of one string (see the module docs for the three levels).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ViKey {
    letters: Vec<u32>,
    tones: Vec<u8>,
    case: Vec<u8>,
}

/// The sort key of a person's full name: given name first, then the rest, then the name itself.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ViNameKey {
    given: ViKey,
    rest: ViKey,
    name: String,
}

const ALPHABET: &[char] = &[
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ', 'p', 'q',
    'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

fn letter_rank(c: char) -> u32 {
    if c.is_whitespace() {
        return 0;
    }
    match ALPHABET.iter().position(|a| *a == c) {
        Some(i) => 1 + i as u32,
        None => 1000 + c as u32,
    }
}

/// The collation key of a string (see the module docs).
pub fn vi_key(s: &str) -> ViKey {
    let mut key = ViKey { letters: Vec::new(), tones: Vec::new(), case: Vec::new() };
    // (base letter lower-cased, upper?, tone)
    let mut current: Option<(char, bool, u8)> = None;
    let flush = |cur: &mut Option<(char, bool, u8)>, key: &mut ViKey| {
        if let Some((c, upper, tone)) = cur.take() {
            key.letters.push(letter_rank(c));
            key.tones.push(tone);
            key.case.push(u8::from(upper));
        }
    };
    for ch in s.nfd() {
        match ch {
            '\u{0306}' | '\u{0302}' | '\u{031B}' => {
                if let Some((c, _, _)) = current.as_mut() {
                    *c = match (ch, *c) {
                        ('\u{0306}', 'a') => 'ă',
                        ('\u{0302}', 'a') => 'â',
                        ('\u{0302}', 'e') => 'ê',
                        ('\u{0302}', 'o') => 'ô',
                        ('\u{031B}', 'o') => 'ơ',
                        ('\u{031B}', 'u') => 'ư',
                        (_, other) => other,
                    };
                }
            }
            '\u{0300}' | '\u{0309}' | '\u{0303}' | '\u{0301}' | '\u{0323}' => {
                if let Some((_, _, tone)) = current.as_mut() {
                    *tone = match ch {
                        '\u{0300}' => 1,
                        '\u{0309}' => 2,
                        '\u{0303}' => 3,
                        '\u{0301}' => 4,
                        _ => 5,
                    };
                }
            }
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => {
                flush(&mut current, &mut key);
                let lower: char = c.to_lowercase().next().unwrap_or(c);
                current = Some((lower, c != lower, 0));
            }
        }
    }
    flush(&mut current, &mut key);
    key
}

/// The sort key of a full name: the given name (last word), then the rest, then the name.
pub fn vi_name_key(name: &str) -> ViNameKey {
    let name: String = name.nfc().collect();
    let trimmed = name.trim();
    let (rest, given) = match trimmed.rsplit_once(char::is_whitespace) {
        Some((rest, given)) => (rest.trim_end(), given),
        None => ("", trimmed),
    };
    ViNameKey { given: vi_key(given), rest: vi_key(rest), name: name.clone() }
}

/// Compares two full names the Vietnamese way.
pub fn vi_name_cmp(a: &str, b: &str) -> Ordering {
    vi_name_key(a).cmp(&vi_name_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| vi_name_cmp(a, b));
        v
    }

    #[test]
    fn sorts_by_given_name_then_the_rest() {
        let got = sorted(&["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn Bình", "Phạm Minh Tuấn", "Đỗ Thị Thu Hà"]);
        assert_eq!(got, ["Nguyễn Thị An", "Lê Văn Bình", "Trần Văn Bình", "Đỗ Thị Thu Hà", "Phạm Minh Tuấn"]);
    }

    #[test]
    fn letters_with_marks_follow_their_base_letter() {
        // a < ă < â < b; d < đ < e; o < ô < ơ < p; u < ư < v
        let got =
            sorted(&["X Â", "X B", "X Ă", "X A", "X Đ", "X E", "X D", "X Ơ", "X Ô", "X O", "X P", "X Ư", "X V", "X U"]);
        assert_eq!(
            got,
            ["X A", "X Ă", "X Â", "X B", "X D", "X Đ", "X E", "X O", "X Ô", "X Ơ", "X P", "X U", "X Ư", "X V"]
        );
        // the letter decides before any tone: "Ân" after "Án", "Đức" after "Dũng"
        assert_eq!(sorted(&["Lê Văn Ân", "Lê Văn Án"]), ["Lê Văn Án", "Lê Văn Ân"]);
        assert_eq!(sorted(&["Đỗ Văn Đức", "Phạm Văn Dũng"]), ["Phạm Văn Dũng", "Đỗ Văn Đức"]);
    }

    #[test]
    fn tones_decide_only_between_equal_letters() {
        let got = sorted(&["A Họa", "A Hóa", "A Hõa", "A Hỏa", "A Hòa", "A Hoa"]);
        assert_eq!(got, ["A Hoa", "A Hòa", "A Hỏa", "A Hõa", "A Hóa", "A Họa"]);
        // letters first: "Hòa" < "Hoan" although "Hoa" + tone would otherwise come later
        assert_eq!(sorted(&["A Hoan", "A Hòa"]), ["A Hòa", "A Hoan"]);
        // combined marks (circumflex + dot below) decompose in any order
        assert_eq!(sorted(&["B Ậu", "B Âu", "B Au"]), ["B Au", "B Âu", "B Ậu"]);
    }

    #[test]
    fn nfc_and_nfd_spellings_are_the_same_letters() {
        let nfd: String = "Nguyễn Văn Đức".nfd().collect();
        assert_eq!(vi_key("Đức"), vi_key(nfd.rsplit(' ').next().unwrap()));
        assert_eq!(vi_name_key(&nfd), vi_name_key("Nguyễn Văn Đức"));
    }

    #[test]
    fn a_single_word_is_the_given_name() {
        assert_eq!(sorted(&["Bình", "An"]), ["An", "Bình"]);
        assert!(vi_name_key("An") < vi_name_key("Trần An"));
    }
}
