//! Whether a variant's size is the one a shopper asked for.
//!
//! The demo catalogue, like many European shops buying from British brands, lists shoes in
//! UK sizes while shoppers on the continent say "44". A number of 30 or more cannot be a UK
//! or US adult shoe size, so it is read as European and converted: a UK size fits when it
//! lies within half a size of the European one converted (EU 44 ≈ UK 9½, so UK 9, 9½ and
//! 10 fit). The conversion is the Paris-point / barleycorn one most brands print
//! (EU = 4/3 × (UK + 23.5)); brands differ by up to half a size, which the tolerance covers.
//! The formula holds for adult sizes (EU 35 and up); children's UK sizes restart at 13½,
//! so smaller European sizes are not converted. US sizes differ between men's and women's,
//! so they are not converted either: "us 9" only matches a size written 9.

/// A size as written, split into its system (when named) and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum System {
    Uk,
    Eu,
    Us,
    Unnamed,
}

/// An unnamed number from here up is a European size; UK and US shoe sizes stay below.
const EU_FROM: f32 = 30.0;
/// The smallest European size the adult conversion holds for.
const EU_ADULT_FROM: f32 = 35.0;

fn split(s: &str) -> (System, String) {
    let s = s.trim().to_lowercase();
    let mut system = System::Unnamed;
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while let Some(first) = words.first() {
        match *first {
            "size" | "sz" => {}
            "uk" => system = System::Uk,
            "eu" | "eur" => system = System::Eu,
            "us" => system = System::Us,
            _ => break,
        }
        words.remove(0);
    }
    (system, words.join(" "))
}

/// "9", "9.5", "9,5", "9½", "9 1/2" → 9.5.
fn number(s: &str) -> Option<f32> {
    let s = s.replace(',', ".");
    let (whole, half) = if let Some(w) = s.strip_suffix('½') {
        (w.trim(), 0.5)
    } else if let Some(w) = s.strip_suffix("1/2") {
        (w.trim(), 0.5)
    } else {
        (s.as_str(), 0.0)
    };
    let n: f32 = whole.parse().ok()?;
    (n.is_finite() && n > 0.0).then_some(n + half)
}

fn uk_from_eu(eu: f32) -> f32 {
    eu * 0.75 - 23.5
}

/// A shoe size's value on the UK scale, when it is written as a number and its system is
/// known or follows from the number.
fn on_uk_scale(system: System, value: f32) -> Option<f32> {
    match system {
        System::Uk => Some(value),
        System::Eu | System::Unnamed if value >= EU_ADULT_FROM => Some(uk_from_eu(value)),
        System::Eu => None,
        System::Unnamed if value >= EU_FROM => None,
        System::Unnamed => Some(value),
        System::Us => None,
    }
}

/// Whether a variant's size (`have`) is the one asked for (`want`): "UK 8", "uk 8",
/// "size 8" and "8" are one size; letters compare without case ("xl" is "XL"); a European
/// shoe size matches the UK sizes within half a size of it, and the other way round.
pub fn size_matches(have: &str, want: &str) -> bool {
    let (have_system, have_rest) = split(have);
    let (want_system, want_rest) = split(want);
    if have_rest == want_rest {
        return true;
    }
    let (Some(h), Some(w)) = (number(&have_rest), number(&want_rest)) else {
        return false;
    };
    let same_scale = have_system == want_system
        || have_system == System::Unnamed
        || want_system == System::Unnamed;
    if same_scale && (h - w).abs() < 1e-3 {
        return true;
    }
    match (on_uk_scale(have_system, h), on_uk_scale(want_system, w)) {
        // Only across scales: two sizes on the same scale match exactly or not at all.
        (Some(h_uk), Some(w_uk)) if (h >= EU_FROM) != (w >= EU_FROM) => {
            (h_uk - w_uk).abs() <= 0.5 + 1e-3
        }
        _ => false,
    }
}

/// Whether a size is written as a number ("9", "uk 9.5", "size 44"): a size a shop can be
/// out of, unlike a word no product's size is ("5k" read as a size).
pub fn is_size_number(size: &str) -> bool {
    number(&split(size).1).is_some()
}

/// Whether a product's name states the size ("42mm" in "Kestrel Trailhawk 2 42 mm"),
/// ignoring case, spaces and punctuation.
pub fn size_in_name(name: &str, size: &str) -> bool {
    let size = squashed(size);
    !size.is_empty() && squashed(name).contains(&size)
}

/// A text's letters and digits only, lower case: how [`size_in_name`] compares.
pub fn squashed(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Letter sizes in the order they run.
const LETTERS: &[&str] = &["xxs", "xs", "s", "m", "l", "xl", "xxl", "xxxl"];

/// Orders sizes smallest first: numbers by value (on the UK scale where the system says
/// so), letter sizes from XXS to XXXL, anything else after them as text.
pub fn compare_sizes(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(s: &str) -> (u8, f32, String) {
        let (system, rest) = split(s);
        if let Some(n) = number(&rest) {
            return (0, on_uk_scale(system, n).unwrap_or(n), rest);
        }
        match LETTERS.iter().position(|l| *l == rest) {
            Some(i) => (1, i as f32, rest),
            None => (2, 0.0, rest),
        }
    }
    let (ka, kb) = (key(a), key(b));
    ka.0.cmp(&kb.0)
        .then(ka.1.total_cmp(&kb.1))
        .then_with(|| ka.2.cmp(&kb.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_size_written_several_ways() {
        assert!(size_matches("UK 8", "8"));
        assert!(size_matches("UK 8", "uk 8"));
        assert!(size_matches("UK 8", "size 8"));
        assert!(size_matches("XL", "xl"));
        assert!(size_matches("UK 9.5", "9½"));
        assert!(size_matches("UK 9.5", "9 1/2"));
        assert!(!size_matches("UK 8", "9"));
        assert!(!size_matches("M", "L"));
        assert!(!size_matches("27 inch", "32 inch"));
    }

    #[test]
    fn european_shoe_sizes_find_uk_sizes_within_half_a_size() {
        // EU 44 ≈ UK 9.5; EU 42 = UK 8.
        assert!(size_matches("UK 9", "44"));
        assert!(size_matches("UK 10", "44"));
        assert!(size_matches("UK 9.5", "eu 44"));
        assert!(!size_matches("UK 8", "44"));
        assert!(!size_matches("UK 11", "44"));
        assert!(size_matches("UK 8", "42"));
        assert!(!size_matches("UK 9", "42"));
        // And a catalogue in European sizes answers a UK size.
        assert!(size_matches("EU 42", "uk 8"));
        assert!(!size_matches("EU 46", "uk 8"));
    }

    #[test]
    fn sizes_on_one_scale_match_exactly_and_us_sizes_are_not_converted() {
        assert!(!size_matches("EU 42", "43"));
        assert!(!size_matches("UK 9", "us 10"));
        assert!(size_matches("US 10", "10"));
        assert!(!size_matches("UK 9", "forty four"));
        // Children's European sizes are not put on the adult UK scale.
        assert!(!size_matches("UK 1", "32"));
    }

    #[test]
    fn a_name_can_state_the_size() {
        assert!(size_in_name("Kestrel Trailhawk 2 42 mm", "42mm"));
        assert!(size_in_name("Kestrel Trailhawk 2 42 mm", "42 MM"));
        assert!(!size_in_name("Kestrel Trailhawk 2 46 mm", "42mm"));
        assert!(!size_in_name("Kestrel Trailhawk 2 46 mm", " "));
    }

    #[test]
    fn sizes_sort_smallest_first() {
        let mut sizes = vec!["UK 10", "UK 9", "UK 11", "UK 9.5", "UK 5"];
        sizes.sort_by(|a, b| compare_sizes(a, b));
        assert_eq!(sizes, ["UK 5", "UK 9", "UK 9.5", "UK 10", "UK 11"]);
        let mut letters = vec!["XL", "S", "XXL", "M", "XS", "L"];
        letters.sort_by(|a, b| compare_sizes(a, b));
        assert_eq!(letters, ["XS", "S", "M", "L", "XL", "XXL"]);
    }
}
