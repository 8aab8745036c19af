//! `synonyms.yaml`: groups of words shoppers use for the same kind of product
//! (`- [t-shirt, tee, tshirt]`), read by the search to find a product named with one
//! word of a group when the shopper used another. The file is optional; kefu ships a
//! general English retail list in `knowledge/` that `kg import-feed` copies into a new
//! knowledge directory (docs/knowledge.md, docs/search.md).

use std::collections::HashMap;

use super::error::Problem;
use super::parse::yaml_list;
use super::source;

/// The words of one group, lower-cased and trimmed, in the file's order.
pub type SynonymGroup = Vec<String>;

/// Each group of the file with the line it starts on; problems for every bad entry
/// (not a list of words, fewer than two words, an empty word) and warnings for a word
/// said twice (in one group or in two: it then belongs to the first).
pub(crate) fn parse(text: &str, problems: &mut Vec<Problem>) -> Vec<(usize, SynonymGroup)> {
    let file = source::SYNONYMS;
    let mut groups = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for (line, words) in yaml_list::<Vec<String>>(file, text, problems) {
        let words: Vec<String> = words.iter().map(|w| normalise(w)).collect();
        if words.iter().any(String::is_empty) {
            problems.push(Problem::error(
                file,
                line,
                "a group of synonyms has an empty word; write each word or phrase between the commas",
            ));
            continue;
        }
        let mut group: SynonymGroup = Vec::new();
        for w in words {
            match first_line.get(&w) {
                Some(&at) if at == line => problems.push(Problem::warning(
                    file,
                    line,
                    format!("{w:?} is said twice in this group"),
                )),
                Some(&at) => problems.push(Problem::warning(
                    file,
                    line,
                    format!("{w:?} is already in the group on line {at}; it counts there only"),
                )),
                None => {
                    first_line.insert(w.clone(), line);
                    group.push(w);
                }
            }
        }
        if group.len() < 2 {
            problems.push(Problem::error(
                file,
                line,
                "a group of synonyms needs at least two different words, e.g. [t-shirt, tee]",
            ));
            continue;
        }
        groups.push((line, group));
    }
    groups
}

/// Lower case, single spaces.
fn normalise(word: &str) -> String {
    word.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<(usize, SynonymGroup)>, Vec<Problem>) {
        let mut problems = Vec::new();
        let groups = parse(text, &mut problems);
        (groups, problems)
    }

    #[test]
    fn groups_are_read_with_their_lines_lower_cased() {
        let (groups, problems) =
            read("# words\n- [T-Shirt, tee,  Tee  Shirt]\n\n- [jumper, sweater]\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            groups,
            vec![
                (2, vec!["t-shirt".into(), "tee".into(), "tee shirt".into()]),
                (4, vec!["jumper".into(), "sweater".into()]),
            ]
        );
    }

    #[test]
    fn bad_entries_are_errors_at_their_line_and_the_rest_is_kept() {
        let text =
            "- [rucksack, backpack]\n- [tee]\n- [mug, '']\n- {words: [a, b]}\n- [hoodie, hoody]\n";
        let (groups, problems) = read(text);
        let mut errors: Vec<(usize, &str)> = problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        errors.sort();
        assert_eq!(errors.len(), 3, "{problems:?}");
        assert_eq!(errors[0].0, 2);
        assert!(errors[0].1.contains("at least two"));
        assert_eq!(errors[1].0, 3);
        assert!(errors[1].1.contains("empty word"));
        assert_eq!(errors[2].0, 4);
        assert!(problems.iter().all(|p| p.file == "synonyms.yaml"));
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[1].0, 5);
    }

    #[test]
    fn a_word_in_two_groups_is_a_warning_and_counts_in_the_first() {
        let (groups, problems) = read("- [tote, tote bag]\n- [shopping bag, Tote, carrier bag]\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(!problems[0].is_error());
        assert_eq!(problems[0].line, 2);
        assert!(problems[0].message.contains("line 1"));
        assert_eq!(
            groups[1].1,
            vec!["shopping bag".to_string(), "carrier bag".into()]
        );
    }

    #[test]
    fn a_word_said_twice_in_one_group_is_a_warning() {
        let (groups, problems) = read("- [mug, cup, Mug]\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("twice in this group"));
        assert_eq!(groups[0].1, vec!["mug".to_string(), "cup".into()]);
    }

    #[test]
    fn a_text_that_is_no_list_is_an_error() {
        let (groups, problems) = read("t-shirt: tee\n");
        assert!(groups.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].is_error());
        assert_eq!(problems[0].line, 1);
    }
}
