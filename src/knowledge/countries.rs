//! Countries a shopper may ask about, and whether a shipping policy's `destinations`
//! cover them. A destination is a country name (or one of its other names) or `EU` for
//! every member state of the European Union.

/// A country: its name in replies, whether it is in the EU, and the names shoppers type
/// for it (English and German; lowercase).
pub struct Country {
    pub name: &'static str,
    pub eu: bool,
    names: &'static [&'static str],
}

const fn c(name: &'static str, eu: bool, names: &'static [&'static str]) -> Country {
    Country { name, eu, names }
}

const COUNTRIES: &[Country] = &[
    // The European Union.
    c("Austria", true, &["austria", "österreich", "oesterreich"]),
    c("Belgium", true, &["belgium", "belgien", "belgique"]),
    c("Bulgaria", true, &["bulgaria", "bulgarien"]),
    c("Croatia", true, &["croatia", "kroatien"]),
    c("Cyprus", true, &["cyprus", "zypern"]),
    c(
        "Czechia",
        true,
        &["czechia", "czech republic", "tschechien"],
    ),
    c("Denmark", true, &["denmark", "dänemark", "daenemark"]),
    c("Estonia", true, &["estonia", "estland"]),
    c("Finland", true, &["finland", "finnland"]),
    c("France", true, &["france", "frankreich"]),
    c("Germany", true, &["germany", "deutschland"]),
    c("Greece", true, &["greece", "griechenland"]),
    c("Hungary", true, &["hungary", "ungarn"]),
    c("Ireland", true, &["ireland", "irland", "eire"]),
    c("Italy", true, &["italy", "italien"]),
    c("Latvia", true, &["latvia", "lettland"]),
    c("Lithuania", true, &["lithuania", "litauen"]),
    c("Luxembourg", true, &["luxembourg", "luxemburg"]),
    c("Malta", true, &["malta"]),
    c(
        "the Netherlands",
        true,
        &["netherlands", "the netherlands", "holland", "niederlande"],
    ),
    c("Poland", true, &["poland", "polen"]),
    c("Portugal", true, &["portugal"]),
    c("Romania", true, &["romania", "rumänien", "rumaenien"]),
    c("Slovakia", true, &["slovakia", "slowakei"]),
    c("Slovenia", true, &["slovenia", "slowenien"]),
    c("Spain", true, &["spain", "spanien"]),
    c("Sweden", true, &["sweden", "schweden"]),
    // The rest of Europe.
    c(
        "the United Kingdom",
        false,
        &[
            "united kingdom",
            "the united kingdom",
            "uk",
            "the uk",
            "great britain",
            "britain",
            "england",
            "scotland",
            "wales",
            "northern ireland",
            "großbritannien",
            "grossbritannien",
        ],
    ),
    c("Switzerland", false, &["switzerland", "schweiz", "suisse"]),
    c("Norway", false, &["norway", "norwegen"]),
    c("Iceland", false, &["iceland"]),
    c("Liechtenstein", false, &["liechtenstein"]),
    c("Serbia", false, &["serbia", "serbien"]),
    c("Albania", false, &["albania", "albanien"]),
    c("Bosnia and Herzegovina", false, &["bosnia", "bosnien"]),
    c(
        "North Macedonia",
        false,
        &["north macedonia", "macedonia", "nordmazedonien"],
    ),
    c("Montenegro", false, &["montenegro"]),
    c("Ukraine", false, &["ukraine"]),
    c("Moldova", false, &["moldova", "moldawien"]),
    c("Turkey", false, &["turkey", "türkei", "tuerkei", "türkiye"]),
    c("Russia", false, &["russia", "russland"]),
    c("Belarus", false, &["belarus", "weißrussland"]),
    // Further away.
    c(
        "the United States",
        false,
        &[
            "united states",
            "the united states",
            "usa",
            "the usa",
            "us",
            "the us",
            "america",
            "the states",
        ],
    ),
    c("Canada", false, &["canada", "kanada"]),
    c("Mexico", false, &["mexico", "mexiko"]),
    c("Brazil", false, &["brazil", "brasilien"]),
    c("Argentina", false, &["argentina", "argentinien"]),
    c("Australia", false, &["australia", "australien"]),
    c("New Zealand", false, &["new zealand", "neuseeland"]),
    c("Japan", false, &["japan"]),
    c("China", false, &["china"]),
    c("South Korea", false, &["south korea", "korea", "südkorea"]),
    c("India", false, &["india", "indien"]),
    c("Singapore", false, &["singapore", "singapur"]),
    c("Israel", false, &["israel"]),
    c(
        "the United Arab Emirates",
        false,
        &["united arab emirates", "uae", "dubai", "emirates"],
    ),
    c("South Africa", false, &["south africa", "südafrika"]),
    c("Egypt", false, &["egypt", "ägypten"]),
    c("Morocco", false, &["morocco", "marokko"]),
];

/// The country a place name means ("the uk", "Österreich", "holland").
pub fn country(place: &str) -> Option<&'static Country> {
    let place = normalise(place);
    COUNTRIES.iter().find(|c| c.names.contains(&place.as_str()))
}

/// The first country named in a text ("and what about australia?"), longest names first
/// so "northern ireland" is not read as Ireland.
pub fn country_in(text: &str) -> Option<&'static Country> {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    for n in (1..=3).rev() {
        for gram in words.windows(n) {
            let phrase = gram.join(" ");
            // "us" as a word of a sentence is mostly the pronoun: only "the us" or "usa".
            if phrase == "us" {
                continue;
            }
            if let Some(c) = country(&phrase) {
                return Some(c);
            }
        }
    }
    None
}

/// Whether a destination names the whole European Union ("EU").
pub fn means_eu(destination: &str) -> bool {
    matches!(
        normalise(destination).as_str(),
        "eu" | "european union" | "the european union"
    )
}

/// Whether `destinations` (a shipping policy's list) include the country.
pub fn delivers_to(destinations: &[String], country: &Country) -> bool {
    destinations.iter().any(|d| {
        (country.eu && means_eu(d)) || self::country(d).is_some_and(|c| c.name == country.name)
    })
}

fn normalise(s: &str) -> String {
    s.trim()
        .trim_end_matches(['?', '!', '.'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dests() -> Vec<String> {
        ["EU", "United Kingdom", "Switzerland", "Norway"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn places_are_read_in_the_words_shoppers_use() {
        assert_eq!(country("the UK").unwrap().name, "the United Kingdom");
        assert_eq!(country("Österreich").unwrap().name, "Austria");
        assert_eq!(country("holland").unwrap().name, "the Netherlands");
        assert!(country("paris").is_none());
        assert_eq!(
            country_in("and what about australia?").unwrap().name,
            "Australia"
        );
        assert_eq!(
            country_in("do you ship to northern ireland").unwrap().name,
            "the United Kingdom"
        );
        assert!(country_in("can you send it to us quickly").is_none());
        assert_eq!(
            country_in("do you deliver to the us").unwrap().name,
            "the United States"
        );
    }

    #[test]
    fn eu_covers_its_members_and_names_cover_their_country() {
        let d = dests();
        assert!(delivers_to(&d, country("austria").unwrap()));
        assert!(delivers_to(&d, country("england").unwrap()));
        assert!(delivers_to(&d, country("schweiz").unwrap()));
        assert!(!delivers_to(&d, country("australia").unwrap()));
        assert!(!delivers_to(&d, country("iceland").unwrap()));
        assert!(!delivers_to(&[], country("germany").unwrap()));
    }
}
