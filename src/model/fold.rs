//! Matching Vietnamese names as people type them.
//!
//! A planner writes "Thuỷ Nguyên" (old tone placement) where the roster says "Thủy Nguyên"
//! (new), "Hoà" for "Hòa", or drops the diacritics altogether ("Thuy Nguyen"). These keys make
//! such spellings compare equal, in two strengths, so that a caller can prefer the stricter:
//! - [`tone_key`]: the same letters and the same tone on each word, wherever the tone mark
//!   sits (old/new placement), case and spacing ignored;
//! - [`plain_key`]: the letters without any diacritic (`đ` read as `d`), case and spacing
//!   ignored.

use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks (combining): grave, acute, tilde, hook above, dot below.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| c.is_whitespace() || c == ',' || c == ';').filter(|w| !w.is_empty()).map(str::to_string)
}

/// The letters of each word without its tone mark, followed by the tone (so that the tone's
/// place in the word does not matter), lower case, words joined by one space.
pub fn tone_key(s: &str) -> String {
    let mut out = Vec::new();
    for w in words(s) {
        let mut tone = None;
        let mut base = String::new();
        for c in w.nfd() {
            match TONES.iter().position(|t| *t == c) {
                Some(k) => tone = Some(k),
                None => base.extend(c.to_lowercase()),
            }
        }
        let mut word: String = base.nfc().collect();
        if let Some(k) = tone {
            word.push_str(&format!("~{k}"));
        }
        out.push(word);
    }
    out.join(" ")
}

/// The letters without any diacritic (`đ` as `d`), lower case, words joined by one space.
pub fn plain_key(s: &str) -> String {
    let mut out = Vec::new();
    for w in words(s) {
        let word: String = w
            .nfd()
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .map(|c| match c {
                'đ' | 'Đ' => 'd',
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect();
        out.push(word);
    }
    out.join(" ")
}

/// Whether two names are the same name, however their tones are placed and whatever their
/// case and spacing.
pub fn same_name(a: &str, b: &str) -> bool {
    tone_key(a) == tone_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_and_new_tone_placement_match() {
        assert_eq!(tone_key("Thuỷ Nguyên"), tone_key("Thủy Nguyên"));
        assert_eq!(tone_key("Hoà Bình"), tone_key("hòa  bình"));
        assert_eq!(tone_key("khoẻ"), tone_key("khỏe"));
        // a different tone is a different name
        assert_ne!(tone_key("Tân Lập"), tone_key("Tấn Lập"));
        assert_ne!(tone_key("Hòa"), tone_key("Hóa"));
        assert!(same_name("Nguyễn Thị Lan", "nguyễn thị lan"));
        assert!(!same_name("Nguyễn Thị Lan", "Nguyễn Thị Lân"));
    }

    #[test]
    fn plain_key_drops_every_diacritic() {
        assert_eq!(plain_key("Thuỷ Nguyên"), "thuy nguyen");
        assert_eq!(plain_key("Đồ Sơn"), "do son");
        assert_eq!(plain_key("Tân Lập"), plain_key("Tấn Lập"));
    }
}
