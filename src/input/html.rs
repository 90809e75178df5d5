//! HTML to article text, in one linear pass (no tree, so deep nesting costs
//! nothing extra): drops scripts, styles and page chrome (`nav`, `footer`,
//! `aside`, forms...), turns block elements into line breaks, decodes
//! entities, and picks up `<title>` and the usual date meta tags.

use std::borrow::Cow;

/// What an HTML page yields.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    /// Visible text, paragraphs separated by blank lines.
    pub text: String,
    /// `<title>` content, whitespace folded.
    pub title: String,
    /// Publication date from meta tags, as written.
    pub date: Option<String>,
}

/// What an element is to the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Its content is never article text.
    Skip,
    /// It breaks lines.
    Block,
    /// Neither.
    Inline,
}

/// The [`Kind`] of an element by its lower-case name (one `match`, not a
/// search of two lists).
fn kind(name: &str) -> Kind {
    match name {
        "script" | "style" | "noscript" | "template" | "svg" | "nav" | "footer" | "aside"
        | "form" | "iframe" | "select" | "button" | "head" | "menu" => Kind::Skip,
        "p" | "div" | "br" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "tr" | "article"
        | "section" | "blockquote" | "pre" | "table" | "ul" | "ol" | "dd" | "dt" | "figcaption"
        | "header" | "main" | "hr" | "address" | "td" | "th" => Kind::Block,
        _ => Kind::Inline,
    }
}
/// Meta names/properties that carry a publication date.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "datepublished",
    "sailthru.date",
    "parsely-pub-date",
];

/// Extract the article text, title and date from an HTML page.
pub fn parse(html: &str) -> Page {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut page = Page::default();
    let mut skip: Option<(String, usize)> = None; // element being skipped, nesting depth
    let mut in_title = false;
    let mut title = String::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |p| i + p);
            continue;
        }
        // Flush text before the tag.
        let chunk = &html[text_start..i];
        if in_title {
            title.push_str(chunk);
        } else if skip.is_none() {
            out.push_str(chunk);
        }
        // Comments, doctype, CDATA.
        if html[i..].starts_with("<!--") {
            i = memchr::memmem::find(b.get(i + 4..).unwrap_or_default(), b"-->")
                .map_or(b.len(), |p| i + 4 + p + 3);
            text_start = i;
            continue;
        }
        let Some(close) = memchr::memchr(b'>', &b[i..]).map(|p| i + p) else {
            // An unterminated tag: treat the rest as text.
            text_start = i;
            break;
        };
        let tag = &html[i + 1..close];
        i = close + 1;
        text_start = i;
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name_end = body
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(body.len());
        let raw = &body[..name_end];
        let name: std::borrow::Cow<str> = if raw.bytes().any(|c| c.is_ascii_uppercase()) {
            raw.to_ascii_lowercase().into()
        } else {
            raw.into()
        };
        if name.is_empty() {
            // "<" not starting a tag, e.g. "a < b": keep it as text.
            if skip.is_none() && !in_title {
                out.push_str(&html[close - tag.len() - 1..close + 1]);
            }
            continue;
        }
        if let Some((sname, depth)) = &mut skip {
            if *sname == *name && !tag.ends_with('/') {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                } else {
                    *depth += 1;
                }
            }
            if name == "title" {
                in_title = !closing;
            }
            if name == "meta" {
                read_meta(body, &mut page);
            }
            continue;
        }
        match &*name {
            "title" => in_title = !closing,
            "meta" => read_meta(body, &mut page),
            n => match kind(n) {
                Kind::Skip if !closing && !tag.ends_with('/') => {
                    skip = Some((name.to_string(), 1));
                }
                Kind::Block => out.push_str(if n == "br" { "\n" } else { "\n\n" }),
                _ => {}
            },
        }
        // Raw-text elements: jump straight to the end tag.
        if !closing && (name == "script" || name == "style") {
            i = find_end_tag(b, i, name.as_bytes()).unwrap_or(b.len());
            text_start = i;
        }
    }
    if text_start < b.len() && skip.is_none() && !in_title {
        out.push_str(&html[text_start..]);
    }
    page.title = fold_ws(&decode_entities(&title));
    page.text = tidy(&decode_entities(&out));
    page
}

/// The commonest references in news pages, decoded without the crate's
/// search of its 2,125 names (a test checks them against the crate).
const COMMON_ENTITIES: [(&str, &str); 10] = [
    ("&rsquo;", "\u{2019}"),
    ("&ldquo;", "\u{201c}"),
    ("&rdquo;", "\u{201d}"),
    ("&lsquo;", "\u{2018}"),
    ("&amp;", "&"),
    ("&nbsp;", "\u{a0}"),
    ("&mdash;", "\u{2014}"),
    ("&ndash;", "\u{2013}"),
    ("&quot;", "\""),
    ("&#39;", "'"),
];

/// `html_escape::decode_html_entities(s)`, jumping from `&` to `&`: text
/// between references is copied, not scanned byte by byte.
///
/// A reference runs from `&` to the first `;` after it, and holds no other
/// `&` (at an `&`, the crate starts over; with neither, nothing is left to
/// decode). So each `&` is decided by itself: the crate's decoding of the
/// span `&...;` alone is its decoding within the text.
fn decode_entities(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let Some(mut amp) = memchr::memchr(b'&', b) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::new();
    // Copied up to here.
    let mut from = 0;
    loop {
        let after = amp + 1;
        let Some(k) = memchr::memchr2(b'&', b';', b.get(after..).unwrap_or_default()) else {
            break;
        };
        let stop = after + k;
        if b.get(stop) == Some(&b';') {
            // `&` and `;` are ASCII: the span and the text before it are
            // whole characters.
            if let (Some(before), Some(span)) = (s.get(from..amp), s.get(amp..=stop)) {
                if out.is_empty() {
                    out.reserve(s.len());
                }
                out.push_str(before);
                match COMMON_ENTITIES.iter().find(|(k, _)| *k == span) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        html_escape::decode_html_entities_to_string(span, &mut out);
                    }
                }
                from = stop + 1;
            }
            match memchr::memchr(b'&', b.get(stop + 1..).unwrap_or_default()) {
                Some(p) => amp = stop + 1 + p,
                None => break,
            }
        } else {
            amp = stop;
        }
    }
    if from == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(s.get(from..).unwrap_or_default());
    Cow::Owned(out)
}

/// Position of the next `</name` (ASCII case-insensitive) at or after `from`.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while i + 2 + name.len() <= b.len() {
        if b[i] == b'<'
            && b[i + 1] == b'/'
            && b[i + 2..i + 2 + name.len()].eq_ignore_ascii_case(name)
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn read_meta(tag: &str, page: &mut Page) {
    if page.date.is_some() {
        return;
    }
    // Attribute names are found in the tag lower-cased once.
    let lower = tag.to_ascii_lowercase();
    let key = attr(tag, &lower, "property")
        .or_else(|| attr(tag, &lower, "name"))
        .or_else(|| attr(tag, &lower, "itemprop"))
        .map(|k| k.to_ascii_lowercase());
    if let (Some(k), Some(v)) = (key, attr(tag, &lower, "content")) {
        if DATE_META.contains(&k.as_str()) && !v.trim().is_empty() {
            page.date = Some(v.trim().to_string());
        }
    }
}

/// The value of attribute `name` in a tag body, quoted or not (`lower` is
/// the body lower-cased).
fn attr(tag: &str, lower: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = tag.len() - rest.len() + 1;
        let v = tag[vstart..].trim_start();
        return Some(match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or("").to_string(),
            _ => v
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
    None
}

/// The words of `s` (split as by `split_whitespace`) joined by single spaces.
pub(super) fn fold_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_folded(&mut out, s);
    out
}

/// Length of the longest start of `s` that is folded already: words
/// separated by single ASCII spaces, no other whitespace, not ending in a
/// space. `s` must not start with whitespace. Eight ASCII bytes at a time;
/// only bytes of other characters that may start a whitespace character
/// are decoded.
fn folded_len(s: &str) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // No control byte (whitespace among them) and no non-ASCII byte in `w`.
    let plain = |w: u64| (w.wrapping_sub(LO * 0x20) | w) & HI == 0;
    // Bit 7 of each byte of `w` that is a space (exactly).
    let spaces = |w: u64| {
        let sp = w ^ (LO * u64::from(b' '));
        !((sp & !HI).wrapping_add(!HI) | sp) & HI
    };
    let b = s.as_bytes();
    // Whether the byte before `i` is a space.
    let mut space = false;
    let mut i = 0;
    while i < b.len() {
        // Sixteen plain bytes with no two spaces in a row (inside either
        // word, across them, or across their start): taken whole.
        if let Some(c) = b.get(i..).and_then(|r| r.first_chunk::<16>()) {
            let w0 = c.first_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w));
            let w1 = c.last_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w));
            if plain(w0) && plain(w1) {
                let (s0, s1) = (spaces(w0), spaces(w1));
                let pairs =
                    s0 & (s0 >> 8) | s1 & (s1 >> 8) | (s0 >> 56) & s1 | u64::from(space) << 7 & s0;
                if pairs == 0 {
                    space = s1 >> 56 != 0;
                    i += 16;
                    continue;
                }
            }
        }
        if let Some(w) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
            let w = u64::from_le_bytes(*w);
            if plain(w) {
                let is_sp = spaces(w);
                // No two spaces in a row, inside the eight bytes or across
                // their start: take them whole.
                if is_sp & (is_sp >> 8) == 0 && !(space && is_sp & 0x80 != 0) {
                    space = is_sp >> 56 != 0;
                    i += 8;
                    continue;
                }
            }
        }
        let Some(&c) = b.get(i) else { break };
        let stop = if c == b' ' {
            space
        } else {
            // Lead bytes of the other whitespace characters: U+0085 and
            // U+00A0 (C2), U+1680 (E1), U+2000-U+205F (E2), U+3000 (E3).
            (b'\t'..=b'\r').contains(&c)
                || matches!(c, 0xC2 | 0xE1 | 0xE2 | 0xE3)
                    && s.get(i..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(char::is_whitespace)
        };
        if stop {
            break;
        }
        space = c == b' ';
        i += 1;
    }
    i - usize::from(space)
}

/// Append the words of `s` (split as by `split_whitespace`) separated by
/// single spaces: stretches that are folded already (most of a line) are
/// appended whole, the whitespace between them is skipped.
fn push_folded(out: &mut String, s: &str) {
    let mut first = true;
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        // At least the first character: it is no whitespace.
        let n = folded_len(rest).max(rest.chars().next().map_or(1, char::len_utf8));
        push_word(out, rest.get(..n).unwrap_or(rest), &mut first);
        rest = rest.get(n..).unwrap_or_default().trim_start();
    }
}

/// Append `w`, after a space unless it is the `first` word.
fn push_word(out: &mut String, w: &str, first: &mut bool) {
    if !std::mem::replace(first, false) {
        out.push(' ');
    }
    out.push_str(w);
}

/// Fold spaces inside lines (a no-break space is one too), trim lines, keep
/// at most one blank line.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    let mut from = 0;
    // The lines of `s` (as `s.split('\n')`), each without its leading
    // whitespace.
    let ends = memchr::memchr_iter(b'\n', s.as_bytes()).chain(std::iter::once(s.len()));
    for end in ends {
        let line = s.get(from..end).unwrap_or_default().trim_start();
        from = end + 1;
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        push_folded(&mut out, line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_chrome_keeps_article() {
        let p = parse(
            "<html><head><title>Man &amp; Co. Sentenced</title>\
             <meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\">\
             <style>p{color:red}</style></head><body><nav><a>Home</a><a>News</a></nav>\
             <script>var x = '<p>not text</p>';</script>\
             <article><h1>Headline</h1><p>First&nbsp;para with O&rsquo;Brien.</p><p>Second <b>bold</b> para.</p></article>\
             <footer>Copyright</footer></body></html>",
        );
        assert_eq!(p.title, "Man & Co. Sentenced");
        assert_eq!(p.date.as_deref(), Some("2024-03-05T10:00:00Z"));
        assert_eq!(
            p.text,
            "Headline\n\nFirst para with O\u{2019}Brien.\n\nSecond bold para."
        );
    }

    #[test]
    fn deep_nesting_is_linear_and_safe() {
        let mut s = String::new();
        for _ in 0..100_000 {
            s.push_str("<div>");
        }
        s.push_str("deep");
        let p = parse(&s);
        assert_eq!(p.text, "deep");
    }

    #[test]
    fn nested_skipped_elements() {
        let p = parse("<nav><nav>a</nav>b</nav>kept");
        assert_eq!(p.text, "kept");
    }

    #[test]
    fn folding_matches_split_whitespace() {
        for s in [
            "",
            "  ",
            "one",
            " a  b\tc\r\nd\x0be\x0cf ",
            "\u{a0}x\u{2003}y\u{3000} z\u{85}",
            "caf\u{e9}  na\u{ef}ve\u{2019}s \u{1c}q",
            "a b c  d e\u{a0}f g\th i",
            "x \u{2003} y z",
        ] {
            let mut got = String::new();
            push_folded(&mut got, s);
            assert_eq!(
                got,
                s.split_whitespace().collect::<Vec<_>>().join(" "),
                "{s:?}"
            );
        }
    }

    #[test]
    fn folded_starts_and_folding_match_split_whitespace() {
        let parts = [
            " ",
            "  ",
            "a",
            "word",
            "\t",
            "\n",
            "\r",
            "\x0b",
            "\x0c",
            "\u{1c}",
            "\u{85}",
            "\u{a0}",
            "\u{1680}",
            "\u{2000}",
            "\u{200a}",
            "\u{200b}",
            "\u{2019}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "\u{3000}",
            "\u{e9}",
            "\u{c2}",
            "\u{e2}\u{80}",
            "x.y,z",
            "abcdefgh",
            "1234567",
            "The quick brown fox",
            "abcdefghijklmnopq",
            " abcdefghijklmno ",
        ];
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..50_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut s = String::new();
            for k in 0..(x % 13) {
                let r = (x >> (k * 4 + 4)) as usize ^ (k as usize * 7);
                s.push_str(parts[r % parts.len()]);
            }
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let start = s.trim_start();
            let n = folded_len(start);
            let head = &start[..n];
            assert_eq!(
                head.split_whitespace().collect::<Vec<_>>().join(" "),
                head,
                "{s:?}"
            );
            let mut got = String::new();
            push_folded(&mut got, &s);
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn entity_decoding_matches_the_crate() {
        let parts = [
            "&", ";", "#", "x", "X", "amp", "AMP", "lt", "rsquo", "nbsp", "ampx", "41", "x41",
            "X2019", "0", "9", "1114112", "FFFFFFFF", "-1", "+3", " ", "a", "\u{e9}", "\u{2019}",
            "&&", "&;", "&#", "&#x", "&#;", "&#x;", "&amp;", "&#38;", "&#x26;", "&rdquo;",
        ];
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let mut s = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 12) as usize;
            for k in 0..n {
                let r = (x >> (k * 5)) as usize;
                s.push_str(parts[r % parts.len()]);
            }
            assert_eq!(
                decode_entities(&s),
                html_escape::decode_html_entities(&s),
                "{s:?}"
            );
        }
        for (k, v) in COMMON_ENTITIES {
            assert_eq!(html_escape::decode_html_entities(k), v);
        }
        for s in [
            "",
            "plain",
            "O&rsquo;Brien &amp; Co.&nbsp;Ltd &unknown; &#8217;s &#x201C;q&#x201D; & ; &#0;",
            "a &amp b &amp; c",
            "&lt&gt;&",
        ] {
            assert_eq!(decode_entities(s), html_escape::decode_html_entities(s));
        }
    }

    #[test]
    fn less_than_in_text() {
        let p = parse("<p>a < b and 3 <5</p>");
        assert!(p.text.starts_with("a < b"), "{}", p.text);
    }
}
