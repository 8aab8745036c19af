//! Feed text to plain text: tags removed (a block tag becomes a space), character
//! references decoded, whitespace collapsed. Descriptions in feeds are often HTML.

/// Plain text of an HTML fragment (or of text that only has entities).
pub(crate) fn plain_text(html: &str) -> String {
    let stripped = strip_tags(html);
    let decoded = decode_entities(&stripped);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes tags and comments, and the content of `<script>` and `<style>`. A `<` that
/// does not start a tag ("a < b") is kept.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let starts_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        if !starts_tag {
            out.push('<');
            rest = after;
            continue;
        }
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map(|j| &comment[j + 3..]).unwrap_or("");
            out.push(' ');
            continue;
        }
        let Some(end) = after.find('>') else {
            // An unclosed tag runs to the end: drop it.
            rest = "";
            break;
        };
        let tag = &after[..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &after[end + 1..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            rest = rest
                .to_ascii_lowercase()
                .find(&close)
                .and_then(|j| rest[j..].find('>').map(|k| &rest[j + k + 1..]))
                .unwrap_or("");
        }
        // Inline tags join words ("<b>wa</b>ter" stays "water"); others separate them.
        if !matches!(
            name.as_str(),
            "b" | "i" | "em" | "strong" | "span" | "a" | "u" | "small" | "sup" | "sub" | "font"
        ) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out
}

/// `&amp;` `&#39;` `&#x2019;` and the named references feeds use; an unknown one stays.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(j, _)| j);
        let decoded = end.and_then(|j| entity(&after[..j]).map(|c| (c, j)));
        match decoded {
            Some((c, j)) => {
                out.push(c);
                rest = &after[j + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bull" => '•',
        "middot" => '·',
        "trade" => '™',
        "reg" => '®',
        "copy" => '©',
        "deg" => '°',
        "times" => '×',
        "frac12" => '½',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "eacute" => 'é',
        "egrave" => 'è',
        "agrave" => 'à',
        "aacute" => 'á',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn tags_go_entities_decode_whitespace_collapses() {
        assert_eq!(
            plain_text("<p>Soft <b>merino</b>&nbsp;wool.</p>\n<ul><li>Warm</li><li>Light &amp; packable</li></ul>"),
            "Soft merino wool. Warm Light & packable"
        );
        assert_eq!(
            plain_text("Tom&#39;s &#x2019;tee&#8217; &lt;3"),
            "Tom's ’tee’ <3"
        );
        assert_eq!(plain_text("a < b and c>d"), "a < b and c>d");
        assert_eq!(plain_text("x<br/>y<!-- note -->z"), "x y z");
        assert_eq!(
            plain_text("<style>p{color:red}</style>Hi<script>alert(1)</script> there"),
            "Hi there"
        );
        assert_eq!(
            plain_text("fish &chips; &unknown; AT&T"),
            "fish &chips; &unknown; AT&T"
        );
        assert_eq!(plain_text("broken <b"), "broken");
    }
}
