//! Output: the seven SCHEMA tables as CSV, written document by document.
//!
//! Each table goes to a temporary file in the output folder and is renamed
//! into place only when the run is complete, so a crash never leaves a
//! half-written table behind.

use crate::error::{Error, Result};
use crate::model::{push_months, Document, Extraction, MentionType};
use crate::text::OffsetMap;
use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The tables of SCHEMA.md, in the order their files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// documents.csv
    Documents,
    /// mentions.csv
    Mentions,
    /// people.csv
    People,
    /// organizations.csv
    Organizations,
    /// charges.csv
    Charges,
    /// sentences.csv
    Sentences,
    /// clemency.csv
    Clemency,
}

impl Table {
    /// All tables.
    pub const ALL: [Table; 7] = [
        Table::Documents,
        Table::Mentions,
        Table::People,
        Table::Organizations,
        Table::Charges,
        Table::Sentences,
        Table::Clemency,
    ];

    /// The table's name (its file is `NAME.csv`).
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Mentions => "mentions",
            Table::People => "people",
            Table::Organizations => "organizations",
            Table::Charges => "charges",
            Table::Sentences => "sentences",
            Table::Clemency => "clemency",
        }
    }

    /// Look a table up by name.
    pub fn from_name(s: &str) -> Option<Table> {
        Table::ALL.iter().copied().find(|t| t.name() == s)
    }

    /// The SCHEMA header, exactly.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            Table::Documents => &[
                "doc_id",
                "title",
                "date",
                "chars",
                "people",
                "organizations",
                "charges",
                "sentences",
                "clemency",
                "status",
                "error",
            ],
            Table::Mentions => &[
                "doc_id",
                "type",
                "text",
                "canonical",
                "start",
                "end",
                "sentence",
                "rule",
            ],
            Table::People => &[
                "doc_id",
                "name",
                "mentions",
                "first_start",
                "aliases",
                "titles",
                "gazetteer_id",
            ],
            Table::Organizations => &[
                "doc_id",
                "name",
                "mentions",
                "first_start",
                "aliases",
                "kind",
                "gazetteer_id",
            ],
            Table::Charges => &[
                "doc_id", "charge", "category", "statute", "person", "stage", "start", "end",
            ],
            Table::Sentences => &[
                "doc_id", "text", "kind", "months", "life", "death", "person", "start", "end",
            ],
            Table::Clemency => &[
                "doc_id",
                "action",
                "status",
                "grantor",
                "recipient",
                "charge",
                "original_sentence",
                "date",
                "evidence",
                "start",
                "end",
            ],
        }
    }
}

/// One cell of a row: borrowed from the document or its extraction when it can be.
pub type Cell<'a> = Cow<'a, str>;

/// Receives the cells of a table's rows in order (see [`emit_rows`]): the
/// CSV writer renders them straight into bytes, [`rows`] collects them.
/// Every row starts with [`Cells::id`].
trait Cells<'a> {
    /// The document id (the first cell of every row).
    fn id(&mut self);
    /// A text cell.
    fn text(&mut self, c: &'a str);
    /// A text cell made for this row (valid only for the call).
    fn made(&mut self, c: &str);
    /// A word known to need neither quotes nor formula escaping (a type or
    /// status name, `true`, `false`).
    fn word(&mut self, c: &'static str);
    /// The cell `parts.join(";")`.
    fn joined(&mut self, parts: &'a [String]);
    /// A number cell.
    fn num(&mut self, n: usize);
    /// The row is complete.
    fn end_row(&mut self);
}

/// Call `f` on the items of `v` in the order of a stable sort by `key`
/// (sorting a list of references only when `v` is not in that order yet).
fn in_order<'a, T, K: Ord>(v: &'a [T], key: impl Fn(&T) -> K, mut f: impl FnMut(&'a T)) {
    if v.is_sorted_by_key(&key) {
        v.iter().for_each(f);
    } else {
        let mut r: Vec<&T> = v.iter().collect();
        r.sort_by_key(|x| key(x));
        for x in r {
            f(x);
        }
    }
}

/// Feed the rows of `table` for one document to `out`, offsets in code
/// points, sorted by start; returns the number of rows.
fn emit_rows<'a>(
    table: Table,
    doc: &'a Document,
    ex: &'a Extraction,
    map: &OffsetMap,
    out: &mut impl Cells<'a>,
) -> u64 {
    let b = |v: bool| if v { "true" } else { "false" };
    let opt = |v: &'a Option<String>| v.as_deref().unwrap_or("");
    // Cells made for a row (terms, month counts), one buffer for them all.
    let mut made = String::new();
    if matches!(table, Table::Mentions | Table::Sentences) && !ex.sentences.is_empty() {
        // Room for a term ("1234.56 months") at once.
        made.reserve(32);
    }
    let mut n = 0;
    match table {
        Table::Documents => {
            out.id();
            out.text(&doc.title);
            out.text(opt(&doc.date));
            out.num(map.char_of(doc.text.len()));
            out.num(ex.people.len());
            out.num(ex.organizations.len());
            out.num(ex.charges.len());
            out.num(ex.sentences.len());
            out.num(ex.clemency.len());
            out.word(doc.status.as_str());
            out.text(opt(&doc.error));
            out.end_row();
            n += 1;
        }
        Table::Mentions => {
            in_order(
                &ex.mentions,
                |m| (m.start, m.end, m.ty),
                |m| {
                    out.id();
                    out.word(m.ty.as_str());
                    out.text(doc.text.get(m.start..m.end).unwrap_or(""));
                    match (m.ty, ex.sentences.get(m.row)) {
                        (MentionType::Sentence, Some(s)) => {
                            made.clear();
                            s.push_term(&mut made);
                            out.made(&made);
                        }
                        _ => match ex.canonical(m) {
                            Cow::Borrowed(c) => out.text(c),
                            Cow::Owned(c) => out.made(&c),
                        },
                    }
                    out.num(map.char_of(m.start));
                    out.num(map.char_of(m.end));
                    out.num(m.sentence);
                    // Rules are names made in code (`pattern:name`, `alias`).
                    out.word(m.rule);
                    out.end_row();
                    n += 1;
                },
            );
        }
        Table::People => {
            in_order(
                &ex.people,
                |p| p.first_start,
                |p| {
                    out.id();
                    out.text(&p.name);
                    out.num(p.mentions);
                    out.num(map.char_of(p.first_start));
                    out.joined(&p.aliases);
                    out.joined(&p.titles);
                    out.text(&p.gazetteer_id);
                    out.end_row();
                    n += 1;
                },
            );
        }
        Table::Organizations => {
            in_order(
                &ex.organizations,
                |o| o.first_start,
                |o| {
                    out.id();
                    out.text(&o.name);
                    out.num(o.mentions);
                    out.num(map.char_of(o.first_start));
                    out.joined(&o.aliases);
                    out.text(&o.kind);
                    out.text(&o.gazetteer_id);
                    out.end_row();
                    n += 1;
                },
            );
        }
        Table::Charges => {
            in_order(
                &ex.charges,
                |x| (x.start, x.end),
                |x| {
                    out.id();
                    for v in [&x.charge, &x.category, &x.statute, &x.person, &x.stage] {
                        out.text(v);
                    }
                    out.num(map.char_of(x.start));
                    out.num(map.char_of(x.end));
                    out.end_row();
                    n += 1;
                },
            );
        }
        Table::Sentences => {
            in_order(
                &ex.sentences,
                |x| (x.start, x.end),
                |x| {
                    out.id();
                    out.text(&x.text);
                    out.text(&x.kind);
                    made.clear();
                    if let Some(m) = x.months {
                        push_months(&mut made, m);
                    }
                    out.made(&made);
                    out.word(b(x.life));
                    out.word(b(x.death));
                    out.text(&x.person);
                    out.num(map.char_of(x.start));
                    out.num(map.char_of(x.end));
                    out.end_row();
                    n += 1;
                },
            );
        }
        Table::Clemency => {
            in_order(
                &ex.clemency,
                |x| (x.start, x.end),
                |x| {
                    out.id();
                    for v in [
                        &x.action,
                        &x.status,
                        &x.grantor,
                        &x.recipient,
                        &x.charge,
                        &x.original_sentence,
                        &x.date,
                        &x.evidence,
                    ] {
                        out.text(v);
                    }
                    out.num(map.char_of(x.start));
                    out.num(map.char_of(x.end));
                    out.end_row();
                    n += 1;
                },
            );
        }
    }
    n
}

/// Collects rows as cells (for JSON Lines).
struct Collect<'a> {
    id: &'a str,
    rows: Vec<Vec<Cell<'a>>>,
    row: Vec<Cell<'a>>,
}

impl<'a> Cells<'a> for Collect<'a> {
    fn id(&mut self) {
        self.row.push(Cow::Borrowed(self.id));
    }
    fn text(&mut self, c: &'a str) {
        self.row.push(Cow::Borrowed(c));
    }
    fn made(&mut self, c: &str) {
        self.row.push(Cow::Owned(c.to_string()));
    }
    fn word(&mut self, c: &'static str) {
        self.row.push(Cow::Borrowed(c));
    }
    fn joined(&mut self, parts: &'a [String]) {
        self.row.push(Cow::Owned(parts.join(";")));
    }
    fn num(&mut self, n: usize) {
        self.row.push(Cow::Owned(n.to_string()));
    }
    fn end_row(&mut self) {
        self.rows.push(std::mem::take(&mut self.row));
    }
}

/// The rows of `table` for one document, offsets in code points, sorted by start.
pub fn rows<'a>(
    table: Table,
    doc: &'a Document,
    ex: &'a Extraction,
    map: &OffsetMap,
) -> Vec<Vec<Cell<'a>>> {
    let mut c = Collect {
        id: &doc.doc_id,
        rows: Vec::new(),
        row: Vec::new(),
    };
    emit_rows(table, doc, ex, map, &mut c);
    c.rows
}

/// Renders rows as CSV bytes, in the dialect of [`push_row`].
struct Render<'o> {
    out: &'o mut Vec<u8>,
    /// The document id, rendered once.
    id: &'o [u8],
    escape: bool,
}

// Inlined: a call per cell cost more than the cell (register saves).
impl<'a> Cells<'a> for Render<'_> {
    #[inline]
    fn id(&mut self) {
        self.out.extend_from_slice(self.id);
    }
    #[inline(always)]
    fn text(&mut self, c: &'a str) {
        self.out.push(b',');
        push_cell(self.out, c, self.escape);
    }
    #[inline(always)]
    fn made(&mut self, c: &str) {
        self.out.push(b',');
        push_cell(self.out, c, self.escape);
    }
    fn word(&mut self, c: &'static str) {
        debug_assert!(!needs_quotes(c.as_bytes()) && !is_formula(c.as_bytes()));
        self.out.push(b',');
        self.out.extend_from_slice(c.as_bytes());
    }
    fn joined(&mut self, parts: &'a [String]) {
        self.out.push(b',');
        push_joined(self.out, parts, self.escape);
    }
    #[inline]
    fn num(&mut self, n: usize) {
        push_num(self.out, n);
    }
    fn end_row(&mut self) {
        self.out.push(b'\n');
    }
}

/// The two-digit numbers `00` to `99`, one after the other.
const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// The two digits of `p` (below 100) from [`PAIRS`].
#[inline]
fn pair(p: usize) -> [u8; 2] {
    PAIRS
        .get(2 * p..)
        .and_then(|r| r.first_chunk::<2>())
        .copied()
        .unwrap_or(*b"00")
}

/// Append `,` and `n` in decimal (two digits at a time). Numbers below
/// 10,000 (nearly every offset and count) are made in one eight-byte word,
/// appended whole and cut to length.
#[inline]
fn push_num(out: &mut Vec<u8>, n: usize) {
    if n < 10_000 {
        let mut w = [b','; 8];
        let len = if n < 10 {
            w[1] = b'0' + n as u8;
            2
        } else if n < 100 {
            [w[1], w[2]] = pair(n);
            3
        } else if n < 1000 {
            w[1] = b'0' + (n / 100) as u8;
            [w[2], w[3]] = pair(n % 100);
            4
        } else {
            [w[1], w[2]] = pair(n / 100);
            [w[3], w[4]] = pair(n % 100);
            5
        };
        let at = out.len();
        out.extend_from_slice(&w);
        out.truncate(at + len);
    } else {
        push_long_num(out, n);
    }
}

/// [`push_num`] of any number.
fn push_long_num(out: &mut Vec<u8>, mut n: usize) {
    let mut buf = [0u8; 21];
    let mut i = buf.len();
    let put = |i: usize, p: usize, buf: &mut [u8; 21]| {
        if let Some(d) = buf.get_mut(i..i + 2) {
            d.copy_from_slice(&pair(p));
        }
    };
    while n >= 100 {
        i -= 2;
        put(i, n % 100, &mut buf);
        n /= 100;
    }
    if n >= 10 {
        i -= 2;
        put(i, n, &mut buf);
    } else {
        i -= 1;
        if let Some(d) = buf.get_mut(i) {
            *d = b'0' + n as u8;
        }
    }
    i -= 1;
    if let Some(d) = buf.get_mut(i) {
        *d = b',';
    }
    out.extend_from_slice(buf.get(i..).unwrap_or_default());
}

/// Prefix a cell that a spreadsheet would run as a formula with `'`.
pub fn escape_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// How tables are written.
#[derive(Debug, Clone, Copy)]
pub struct CsvOptions {
    /// Escape formula-like cells (the default).
    pub escape_formulas: bool,
    /// Start each file with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
    /// Write the header row.
    pub header: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            escape_formulas: true,
            bom: false,
            header: true,
        }
    }
}

/// Nonzero when one of the eight bytes of `w` is `,`, `"`, `\r` or `\n`
/// (the classic zero-byte test, exact for "is there any": a false mark
/// only ever follows a true one).
#[inline]
fn special_in(w: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    zero(w ^ (LO * u64::from(b',')))
        | zero(w ^ (LO * u64::from(b'"')))
        | zero(w ^ (LO * 0x0D))
        | zero(w ^ (LO * 0x0A))
}

/// True when `f` holds `,`, `"`, `\r` or `\n`. A cell of up to 32 bytes
/// is tested eight bytes at a time, its last word overlapping the one
/// before (a shorter cell is packed into one word: zero bytes are never
/// special), so no byte is tested alone.
#[inline(always)]
fn needs_quotes(f: &[u8]) -> bool {
    let word = |w: &[u8; 8]| special_in(u64::from_le_bytes(*w));
    let half = |w: Option<&[u8; 4]>| u64::from(u32::from_le_bytes(w.copied().unwrap_or_default()));
    match f.len() {
        0 => false,
        1..4 => {
            let at = |k: usize| u64::from(f.get(k).copied().unwrap_or_default());
            special_in(at(0) | at(f.len() / 2) << 8 | at(f.len() - 1) << 16) != 0
        }
        4..8 => special_in(half(f.first_chunk()) | half(f.last_chunk()) << 32) != 0,
        8..=32 => {
            let (words, _) = f.as_chunks::<8>();
            let any = words.iter().fold(0, |a, w| a | word(w));
            any | f.last_chunk().map_or(0, word) != 0
        }
        _ => long_needs_quotes(f),
    }
}

/// [`needs_quotes`] of a cell longer than 32 bytes (out of line: rare).
#[inline(never)]
fn long_needs_quotes(f: &[u8]) -> bool {
    memchr::memchr3(b',', b'"', b'\n', f).is_some() || memchr::memchr(b'\r', f).is_some()
}

/// True when a spreadsheet would run the cell as a formula (see [`escape_formula`]).
#[inline]
fn is_formula(f: &[u8]) -> bool {
    matches!(f.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// Append one CSV field: in double quotes, inner quotes doubled, when it
/// holds `,`, `"`, `\r` or `\n`; as is otherwise. With `escape`, a
/// formula-like cell gets its `'` first (see [`escape_formula`]). The usual
/// cell (neither) is copied inline; the others take [`push_special_cell`].
#[inline(always)]
fn push_cell(out: &mut Vec<u8>, f: &str, escape: bool) {
    let f = f.as_bytes();
    if needs_quotes(f) || (escape && is_formula(f)) {
        push_special_cell(out, f, escape);
    } else {
        out.extend_from_slice(f);
    }
}

/// [`push_cell`] of a cell that needs quotes or formula escaping.
#[inline(never)]
fn push_special_cell(out: &mut Vec<u8>, f: &[u8], escape: bool) {
    let formula = escape && is_formula(f);
    if !needs_quotes(f) {
        if formula {
            out.push(b'\'');
        }
        out.extend_from_slice(f);
        return;
    }
    out.push(b'"');
    if formula {
        out.push(b'\'');
    }
    push_quoted(out, f);
    out.push(b'"');
}

/// Append `f` with its double quotes doubled.
fn push_quoted(out: &mut Vec<u8>, f: &[u8]) {
    let mut from = 0;
    for q in memchr::memchr_iter(b'"', f) {
        out.extend_from_slice(f.get(from..=q).unwrap_or_default());
        out.push(b'"');
        from = q + 1;
    }
    out.extend_from_slice(f.get(from..).unwrap_or_default());
}

/// [`push_cell`] of `parts.join(";")`, without building the joined string
/// (`;` needs no quotes, and the joined cell starts like its first part or
/// with `;`, which is no formula).
fn push_joined(out: &mut Vec<u8>, parts: &[String], escape: bool) {
    let formula = escape && parts.first().is_some_and(|p| is_formula(p.as_bytes()));
    let quote = parts.iter().any(|p| needs_quotes(p.as_bytes()));
    if quote {
        out.push(b'"');
    }
    if formula {
        out.push(b'\'');
    }
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            out.push(b';');
        }
        if quote {
            push_quoted(out, p.as_bytes());
        } else {
            out.extend_from_slice(p.as_bytes());
        }
    }
    if quote {
        out.push(b'"');
    }
}

/// Append one CSV row: the dialect of every table (one place, so that rows
/// rendered ahead of time by [`render_rows`] are byte-identical to rows
/// written directly). Fields are separated by `,` and rows end in `\n`; a
/// row of one empty field is written `""` so that it is not a blank line.
/// With `escape`, formula-like cells are escaped (see [`escape_formula`]).
fn push_row<S: AsRef<str>>(out: &mut Vec<u8>, row: &[S], escape: bool) {
    if let [one] = row {
        if one.as_ref().is_empty() {
            out.extend_from_slice(b"\"\"\n");
            return;
        }
    }
    for (k, c) in row.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        push_cell(out, c.as_ref(), escape);
    }
    out.push(b'\n');
}

/// Render the rows of `table` for one document as CSV (no header), appended
/// to `out`; returns the number of rows. Writing these bytes with
/// [`Tables::write_rendered`] gives exactly what [`Tables::write_doc`] writes.
pub fn render_rows(
    table: Table,
    doc: &Document,
    ex: &Extraction,
    map: &OffsetMap,
    opts: &CsvOptions,
    out: &mut Vec<u8>,
) -> std::io::Result<u64> {
    Ok(render_into(table, doc, ex, map, opts.escape_formulas, out))
}

/// [`render_rows`], infallible.
fn render_into(
    table: Table,
    doc: &Document,
    ex: &Extraction,
    map: &OffsetMap,
    escape: bool,
    out: &mut Vec<u8>,
) -> u64 {
    let mut id = Vec::new();
    push_cell(&mut id, &doc.doc_id, escape);
    render_with_id(table, doc, ex, map, escape, &id, out)
}

/// [`render_into`] with the document id already rendered as a CSV field.
fn render_with_id(
    table: Table,
    doc: &Document,
    ex: &Extraction,
    map: &OffsetMap,
    escape: bool,
    id: &[u8],
    out: &mut Vec<u8>,
) -> u64 {
    let mut r = Render { out, id, escape };
    emit_rows(table, doc, ex, map, &mut r)
}

/// A CSV writer for one table.
pub struct CsvTable {
    table: Table,
    out: Box<dyn Write + Send>,
    escape: bool,
    /// Rows written (header excluded).
    pub rows: u64,
}

impl CsvTable {
    /// Wrap `out`, writing the BOM and header as asked.
    pub fn new(
        table: Table,
        mut out: Box<dyn Write + Send>,
        opts: CsvOptions,
    ) -> std::io::Result<CsvTable> {
        if opts.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        if opts.header {
            let mut buf = Vec::new();
            push_row(&mut buf, table.header(), false);
            out.write_all(&buf)?;
        }
        Ok(CsvTable {
            table,
            out,
            escape: opts.escape_formulas,
            rows: 0,
        })
    }

    /// The table written.
    pub fn table(&self) -> Table {
        self.table
    }

    /// Write one row.
    pub fn write(&mut self, row: &[Cell]) -> std::io::Result<()> {
        let mut buf = Vec::new();
        push_row(&mut buf, row, self.escape);
        self.out.write_all(&buf)?;
        self.rows += 1;
        Ok(())
    }

    /// Write `rows` rows already rendered by [`render_rows`].
    pub fn write_rendered(&mut self, bytes: &[u8], rows: u64) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.rows += rows;
        Ok(())
    }

    /// Flush buffered rows.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The row format of a stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// RFC 4180 CSV with a header row.
    #[default]
    Csv,
    /// One JSON object per row and line, keys = the table's columns (all
    /// values strings, as in the CSV); with several tables, a `table` key too.
    Jsonl,
}

/// JSON Lines rows of one or more tables on one stream.
struct JsonlStream {
    tables: Vec<Table>,
    out: Box<dyn Write + Send>,
    rows: Vec<u64>,
}

/// Append the JSON Lines rows of `tables` for one document to `out`,
/// counting them per table in `rows`.
fn render_jsonl(
    tables: &[Table],
    doc: &Document,
    ex: &Extraction,
    map: &OffsetMap,
    out: &mut Vec<u8>,
    rows: &mut [u64],
) {
    let tagged = tables.len() > 1;
    for (t, n) in tables.iter().zip(rows.iter_mut()) {
        for row in self::rows(*t, doc, ex, map) {
            let mut obj = serde_json::Map::new();
            if tagged {
                obj.insert("table".into(), t.name().into());
            }
            for (k, v) in t.header().iter().zip(row) {
                obj.insert((*k).into(), v.into());
            }
            // Writing a map of strings into memory cannot fail.
            if serde_json::to_writer(&mut *out, &obj).is_ok() {
                out.push(b'\n');
                *n += 1;
            }
        }
    }
}

/// One document's rows, rendered by a [`Renderer`] (on a worker thread) for
/// [`Tables::write_rendered_doc`].
#[derive(Debug, Default)]
pub struct Rendered {
    /// The bytes of every open table, one after the other.
    bytes: Vec<u8>,
    /// Per CSV table: where its bytes end, and its row count.
    csv: Vec<(usize, u64)>,
    /// Per JSON Lines table: its row count (their bytes come last).
    jsonl: Vec<u64>,
}

/// Renders documents' rows for a [`Tables`]: what is open and how, without
/// the writers, so that worker threads can render while one thread writes.
#[derive(Debug, Clone)]
pub struct Renderer {
    /// The CSV tables and whether formulas are escaped in each.
    csv: Vec<(Table, bool)>,
    /// The JSON Lines tables.
    jsonl: Vec<Table>,
}

impl Renderer {
    /// Render one document's rows.
    pub fn render(&self, doc: &Document, ex: &Extraction) -> Rendered {
        let map = OffsetMap::new(&doc.text);
        let mut r = Rendered {
            // News rows take about twice the text (mentions quote it):
            // room for that up front, so the buffer seldom grows.
            bytes: Vec::with_capacity(doc.text.len().min(1 << 20) * 2 + 1024),
            csv: Vec::with_capacity(self.csv.len()),
            jsonl: vec![0; self.jsonl.len()],
        };
        // The id cell, as each escaping setting renders it.
        let mut ids: [Vec<u8>; 2] = Default::default();
        for &(t, escape) in &self.csv {
            let id = &mut ids[usize::from(escape)];
            if id.is_empty() {
                push_cell(id, &doc.doc_id, escape);
            }
            let n = render_with_id(t, doc, ex, &map, escape, id, &mut r.bytes);
            r.csv.push((r.bytes.len(), n));
        }
        if !self.jsonl.is_empty() {
            render_jsonl(&self.jsonl, doc, ex, &map, &mut r.bytes, &mut r.jsonl);
        }
        r
    }
}

/// Where the tables go: all seven into a folder, or some to a stream.
pub struct Tables {
    tables: Vec<CsvTable>,
    jsonl: Option<JsonlStream>,
    temps: Vec<(tempfile::TempPath, PathBuf)>,
}

impl Tables {
    /// All seven tables into temporary files in `dir` (created if missing).
    pub fn to_dir(dir: &Path, opts: CsvOptions) -> Result<Tables> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut tables = Vec::new();
        let mut temps = Vec::new();
        for t in Table::ALL {
            let tmp = tempfile::Builder::new()
                .prefix(&format!(".{}.", t.name()))
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(|e| Error::io(dir, e))?;
            let (file, path) = tmp.into_parts();
            let w: Box<dyn Write + Send> =
                Box::new(std::io::BufWriter::with_capacity(1 << 18, file));
            tables.push(CsvTable::new(t, w, opts).map_err(|e| Error::io(&*path, e))?);
            temps.push((path, dir.join(format!("{}.csv", t.name()))));
        }
        Ok(Tables {
            tables,
            jsonl: None,
            temps,
        })
    }

    /// One table as CSV to `out` (standard output).
    pub fn to_stream(
        table: Table,
        out: Box<dyn Write + Send>,
        opts: CsvOptions,
    ) -> std::io::Result<Tables> {
        Ok(Tables {
            tables: vec![CsvTable::new(table, out, opts)?],
            jsonl: None,
            temps: Vec::new(),
        })
    }

    /// One or more tables as JSON Lines to `out`.
    pub fn to_jsonl_stream(tables: Vec<Table>, out: Box<dyn Write + Send>) -> Tables {
        let n = tables.len();
        Tables {
            tables: Vec::new(),
            jsonl: Some(JsonlStream {
                tables,
                out,
                rows: vec![0; n],
            }),
            temps: Vec::new(),
        }
    }

    /// Write one document's rows to every open table.
    pub fn write_doc(&mut self, doc: &Document, ex: &Extraction) -> std::io::Result<()> {
        let r = self.renderer().render(doc, ex);
        self.write_rendered_doc(&r)
    }

    /// What renders rows for these tables (see [`Renderer`]).
    pub fn renderer(&self) -> Renderer {
        Renderer {
            csv: self.tables.iter().map(|t| (t.table, t.escape)).collect(),
            jsonl: self.jsonl.as_ref().map_or(Vec::new(), |j| j.tables.clone()),
        }
    }

    /// Write one document's rows rendered by this tables' [`Renderer`].
    pub fn write_rendered_doc(&mut self, r: &Rendered) -> std::io::Result<()> {
        let mut from = 0;
        for (t, &(end, n)) in self.tables.iter_mut().zip(&r.csv) {
            t.write_rendered(r.bytes.get(from..end).unwrap_or_default(), n)?;
            from = end;
        }
        if let Some(j) = &mut self.jsonl {
            j.out.write_all(r.bytes.get(from..).unwrap_or_default())?;
            for (total, n) in j.rows.iter_mut().zip(&r.jsonl) {
                *total += n;
            }
        }
        Ok(())
    }

    /// Write rows of `table` rendered by [`render_rows`] (ignored when the
    /// table is not open, e.g. another table goes to standard output).
    pub fn write_rendered(&mut self, table: Table, bytes: &[u8], rows: u64) -> std::io::Result<()> {
        match self.tables.iter_mut().find(|t| t.table == table) {
            Some(t) => t.write_rendered(bytes, rows),
            None => Ok(()),
        }
    }

    /// The tables open for writing.
    pub fn open_tables(&self) -> Vec<Table> {
        self.tables.iter().map(|t| t.table).collect()
    }

    /// Rows written per table.
    pub fn counts(&self) -> Vec<(Table, u64)> {
        let mut c: Vec<(Table, u64)> = self.tables.iter().map(|t| (t.table, t.rows)).collect();
        if let Some(j) = &self.jsonl {
            c.extend(j.tables.iter().copied().zip(j.rows.iter().copied()));
        }
        c
    }

    /// Flush everything and move the temporary files into place.
    pub fn finish(mut self) -> Result<()> {
        for t in &mut self.tables {
            t.flush()
                .map_err(|e| Error::io(format!("{}.csv", t.table.name()), e))?;
        }
        if let Some(j) = &mut self.jsonl {
            j.out.flush().map_err(|e| Error::io("output", e))?;
        }
        drop(std::mem::take(&mut self.tables));
        for (tmp, dest) in self.temps.drain(..) {
            readable_by_all(&tmp);
            tmp.persist(&dest).map_err(|e| Error::io(&dest, e.error))?;
        }
        Ok(())
    }
}

/// Temporary files are created private (0600); finished tables get the usual
/// 0644 of a file written with `File::create`.
pub fn readable_by_all(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The shard (0-based `index` of `count`) a document id belongs to, by a
/// stable hash (FNV-1a), so that N machines split a folder without overlap.
pub fn shard_of(doc_id: &str, count: u32) -> u32 {
    let mut h = crate::gazetteer::Fnv::default();
    h.write(doc_id.as_bytes());
    (h.0 % u64::from(count.max(1))) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_match_the_csv_crate() {
        let cells = [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "\"",
            "line\nbreak",
            "cr\rx",
            "=SUM(A1)",
            "-5",
            "Núñez, J.",
            "\"\"",
            " spaced ",
            "tab\there",
        ];
        let mut rows: Vec<Vec<&str>> = vec![vec![""], vec!["", ""], vec!["x"]];
        for a in cells {
            for b in cells {
                rows.push(vec![a, b, "z"]);
            }
        }
        for escape in [false, true] {
            let mut ours = Vec::new();
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .flexible(true)
                .from_writer(Vec::new());
            for r in &rows {
                push_row(&mut ours, r, escape);
                let r: Vec<String> = r
                    .iter()
                    .map(|c| {
                        if escape {
                            escape_formula(c).into_owned()
                        } else {
                            c.to_string()
                        }
                    })
                    .collect();
                w.write_record(&r).unwrap();
            }
            let theirs = w.into_inner().unwrap();
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            );
        }
    }

    #[test]
    fn rendered_rows_equal_collected_rows() {
        use crate::model::{Charge, Mention, MentionType, Person, Sentence, Status};
        let text = "Núñez, the \"boss\", got =5 years.\r\nDone".to_string();
        let doc = Document {
            doc_id: "-a,b\"c.txt".into(),
            title: "=Title, with comma".into(),
            date: Some("2024-01-02".into()),
            text: text.clone(),
            status: Status::Ok,
            error: None,
        };
        let ex = Extraction {
            mentions: vec![Mention {
                ty: MentionType::Person,
                start: 0,
                end: 6,
                row: 0,
                rule: "pattern:x",
                sentence: 12_345_678,
            }],
            people: vec![Person {
                name: "José Núñez".into(),
                mentions: 1,
                first_start: 0,
                aliases: vec!["Núñez".into(), "@boss".into()],
                titles: vec![],
                gazetteer_id: String::new(),
            }],
            charges: vec![Charge {
                charge: "fraud, \"wire\"".into(),
                start: 9,
                end: text.len(),
                ..Charge::default()
            }],
            sentences: vec![Sentence {
                text: "=5 years".into(),
                months: Some(60.0),
                start: 26,
                end: 34,
                ..Sentence::default()
            }],
            ..Extraction::default()
        };
        let map = OffsetMap::new(&doc.text);
        for escape in [false, true] {
            let opts = CsvOptions {
                escape_formulas: escape,
                ..CsvOptions::default()
            };
            for t in Table::ALL {
                let mut rendered = Vec::new();
                let n = render_rows(t, &doc, &ex, &map, &opts, &mut rendered).unwrap();
                let mut collected = Vec::new();
                let rows = rows(t, &doc, &ex, &map);
                for r in &rows {
                    push_row(&mut collected, r, escape);
                }
                assert_eq!(n, rows.len() as u64);
                assert_eq!(
                    String::from_utf8_lossy(&rendered),
                    String::from_utf8_lossy(&collected),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn quote_check_and_joined_cells_match_the_plain_forms() {
        let specials = [b',', b'"', b'\r', b'\n'];
        for len in 0..40 {
            for at in 0..len {
                for other in [b'a', b' ', 0x80, b'+', b'-', b'.', b'<'] {
                    let mut f = vec![other; len];
                    assert!(!needs_quotes(&f));
                    for &sp in &specials {
                        f[at] = sp;
                        assert!(needs_quotes(&f), "{f:?}");
                    }
                }
            }
        }
        let parts = ["", "a,b", "=x", "say \"hi\"", "plain", "-1", "line\nbreak"];
        for a in parts {
            for b in parts {
                for list in [vec![], vec![a], vec![a, b], vec![b, a, "z"]] {
                    let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
                    for escape in [false, true] {
                        let mut joined = Vec::new();
                        push_joined(&mut joined, &list, escape);
                        let mut plain = Vec::new();
                        push_cell(&mut plain, &list.join(";"), escape);
                        assert_eq!(joined, plain, "{list:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn numbers_match_to_string() {
        let mut ns: Vec<usize> = (0..=100_000).collect();
        ns.extend([
            usize::MAX,
            usize::MAX - 1,
            1 << 32,
            999_999_999,
            1_000_000_000,
        ]);
        let mut got = Vec::new();
        let mut want = String::new();
        for n in ns {
            push_num(&mut got, n);
            want.push_str(&format!(",{n}"));
        }
        assert_eq!(String::from_utf8_lossy(&got), want);
    }

    #[test]
    fn formulas_escaped() {
        assert_eq!(escape_formula("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(escape_formula("-2"), "'-2");
        assert_eq!(escape_formula("@x"), "'@x");
        assert_eq!(escape_formula("Alice"), "Alice");
    }

    #[test]
    fn headers_match_schema_column_counts() {
        assert_eq!(Table::Documents.header().len(), 11);
        assert_eq!(Table::Clemency.header().len(), 11);
        assert_eq!(Table::from_name("people"), Some(Table::People));
    }
}
