//! gofmt's column alignment, restored around the lines fixes changed.
//!
//! gofmt pads trailing comments, the keys of composite literals, struct fields and grouped
//! const/var/type specs into columns (go/printer writes cells separated by tabs, and
//! text/tabwriter pads each column to its widest cell). An edit that changes a cell's width, or
//! adds or removes a line inside such a block, leaves the block unaligned. This module models
//! which cells gofmt writes on a line and which adjacent lines share a tabwriter section, and
//! re-pads only the blocks that hold a changed line. Only the spaces between cells change:
//! code, comments and strings are copied byte for byte, and blocks the fixes did not touch are
//! left exactly as they were.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use tree_sitter::{Node, Tree};

use crate::syntax::{Fields, KindName};

/// `fixed` with the alignment blocks around the lines that differ from `original` re-padded as
/// gofmt pads them. `tree` is the parse of `fixed`.
pub fn realign_changed(original: &[u8], fixed: &[u8], tree: &Tree) -> Vec<u8> {
    let count = memchr::memchr_iter(b'\n', fixed).count() + 1;
    realign(fixed, tree, changed_lines(original, fixed, count))
}

/// `src` with the alignment blocks holding any of `lines` (0-based, ascending) re-padded.
fn realign(src: &[u8], tree: &Tree, lines: impl IntoIterator<Item = usize>) -> Vec<u8> {
    let fixed = src;
    let layout = Layout::new(fixed, tree);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for line in lines {
        // Lines come in order: one already in the last run needs nothing more.
        if runs.last().is_some_and(|&(_, last)| line <= last) {
            continue;
        }
        if let Some(run) = layout.run_around(line) {
            runs.push(run);
        }
    }
    runs.sort();
    let mut out = Vec::with_capacity(fixed.len());
    let mut pos = 0;
    for (first, last) in runs {
        for (start, end, text) in layout.repad(first, last) {
            out.extend_from_slice(&fixed[pos..start]);
            out.extend_from_slice(&text);
            pos = end;
        }
    }
    out.extend_from_slice(&fixed[pos..]);
    out
}

/// The lines of `fixed` (0-based) that differ from `original` other than by indentation, and
/// the lines next to each difference: an inserted or removed line splits or joins the blocks
/// around it. Re-indented lines keep their cells, so their blocks stay aligned as they were.
fn changed_lines(original: &[u8], fixed: &[u8], count: usize) -> Vec<usize> {
    let key = |line: &&[u8]| -> Vec<u8> { line.iter().skip_while(|&&b| b == b'\t').copied().collect() };
    let old: Vec<&[u8]> = original.split(|&b| b == b'\n').collect();
    let new: Vec<&[u8]> = fixed.split(|&b| b == b'\n').collect();
    let mut lines = Vec::new();
    for op in similar::capture_diff_slices_by_key(similar::Algorithm::Myers, &old, &new, key) {
        if op.tag() == similar::DiffTag::Equal {
            continue;
        }
        let range = op.new_range();
        let first = range.start.saturating_sub(1);
        let last = (range.end + 1).min(count);
        lines.extend(first..last);
    }
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// One cell tabwriter pads: text up to `end`, where an alignment tab follows it in go/printer's
/// output. `soft` cells end in a vertical tab: a column of empty soft cells takes no space.
#[derive(Clone, Copy, Debug)]
struct Cell {
    start: usize,
    end: usize,
    soft: bool,
}

/// A line's padded cells and where its last (unpadded) cell starts.
#[derive(Clone, Debug)]
struct Cells {
    indent: usize,
    cells: Vec<Cell>,
    last: usize,
    /// The line starts a comment or string that goes on past it: go/printer ends such a line
    /// with a formfeed, so no later line joins its columns.
    open_end: bool,
}

struct Layout<'a> {
    src: &'a [u8],
    tree: &'a Tree,
    /// Start offsets of the lines.
    lines: Vec<usize>,
    cache: RefCell<HashMap<usize, Option<Cells>>>,
    lists: RefCell<HashMap<usize, Rc<List<'a>>>>,
}

struct List<'a> {
    elements: Vec<Node<'a>>,
    /// Per element: for composite literals and argument lists, whether a plain newline comes
    /// before it; for grouped const/var specs, whether it keeps the type column.
    flags: Vec<bool>,
}

const MAX_SIZE_FOR_SMALL: usize = 40;

impl<'a> Layout<'a> {
    fn new(src: &'a [u8], tree: &'a Tree) -> Self {
        let lines = std::iter::once(0).chain(memchr::memchr_iter(b'\n', src).map(|i| i + 1)).collect();
        Layout { src, tree, lines, cache: Default::default(), lists: Default::default() }
    }

    fn line_range(&self, line: usize) -> (usize, usize) {
        let start = self.lines[line];
        let end = self.lines.get(line + 1).map_or(self.src.len(), |&s| s - 1);
        (start, end)
    }

    fn cells(&self, line: usize) -> Option<Cells> {
        if let Some(c) = self.cache.borrow().get(&line) {
            return c.clone();
        }
        let cells = self.compute_cells(line).filter(|c| !c.cells.is_empty());
        self.cache.borrow_mut().insert(line, cells.clone());
        cells
    }

    /// The first and last line of the run of lines sharing columns with `line`, when it has any.
    fn run_around(&self, line: usize) -> Option<(usize, usize)> {
        self.cells(line)?;
        let (mut first, mut last) = (line, line);
        while first > 0 && self.joined(first - 1) {
            first -= 1;
        }
        while last + 1 < self.lines.len() && self.joined(last) {
            last += 1;
        }
        Some((first, last))
    }

    /// The smallest node starting at `pos` that is not the first part of a larger one, with the
    /// node it is a part of.
    fn outermost_at(&self, pos: usize) -> Option<(Node<'a>, Node<'a>)> {
        let mut node = self.tree.root_node().descendant_for_byte_range(pos, pos + 1)?;
        while let Some(parent) = node.parent() {
            if parent.start_byte() != node.start_byte() {
                return Some((node, parent));
            }
            node = parent;
        }
        None
    }

    fn single_line(&self, node: Node) -> bool {
        node.start_position().row == node.end_position().row
    }

    /// Whether line `line` and the next are in one tabwriter section with columns in common:
    /// gofmt separates them with a newline rather than a formfeed (go/printer's linebreak with
    /// newSection false), and both have padded cells at the same indentation.
    fn joined(&self, line: usize) -> bool {
        let (Some(upper), Some(lower)) = (self.cells(line), self.cells(line + 1)) else {
            return false;
        };
        if upper.indent != lower.indent || upper.open_end {
            return false;
        }
        let (start, _) = self.line_range(line + 1);
        let Some((node, parent)) = self.outermost_at(start + lower.indent) else {
            return false;
        };
        let previous = || {
            let mut prev = node.prev_named_sibling();
            while let Some(p) =
                prev.filter(|p| p.kind_name() == "comment" || p.kind_name() == "empty_statement")
            {
                prev = p.prev_named_sibling();
            }
            prev
        };
        let previous_on_upper_line =
            || previous().is_some_and(|p| p.start_position().row == line && p.end_position().row == line);
        match parent.kind_name() {
            // Statements, fields, specs and interface elements: a formfeed after one that spans
            // several lines, and before the first.
            "statement_list"
            | "field_declaration_list"
            | "var_spec_list"
            | "const_declaration"
            | "type_declaration"
            | "import_spec_list"
            | "interface_type" => previous_on_upper_line(),
            // Top-level declarations: a formfeed only before a function spanning several lines.
            "source_file" => {
                let multi_line_function =
                    matches!(node.kind_name(), "function_declaration" | "method_declaration")
                        && !self.single_line(node);
                previous().is_some() && !multi_line_function
            }
            "literal_value" | "argument_list" | "expression_list" | "type_case"
                if parent.kind_name() != "expression_list"
                    || parent.parent().is_some_and(|c| c.kind_name() == "expression_case") =>
            {
                let list = self.list(parent);
                Self::index_in(&list, node).is_some_and(|i| list.flags[i])
            }
            _ => false,
        }
    }

    /// The elements of a composite literal or argument list, without comments and punctuation.
    fn elements(list: Node<'a>) -> Vec<Node<'a>> {
        let mut cursor = list.walk();
        list.named_children(&mut cursor).filter(|n| n.kind_name() != "comment").collect()
    }

    /// A list's elements (or specs) with what is computed once per list: computing it per line
    /// would make a long table's run quadratic.
    fn list(&self, list: Node<'a>) -> Rc<List<'a>> {
        if let Some(l) = self.lists.borrow().get(&list.id()) {
            return l.clone();
        }
        let elements = match list.kind_name() {
            "var_spec_list" | "const_declaration" | "type_declaration" => Self::grouped_specs(list),
            "type_case" => {
                let mut cursor = list.walk();
                list.fields("type", &mut cursor).filter(|n| n.is_named()).collect()
            }
            _ => Self::elements(list),
        };
        let flags = match list.kind_name() {
            "literal_value" | "argument_list" | "expression_list" | "type_case" => {
                self.newline_before(list, &elements)
            }
            "var_spec_list" | "const_declaration" => keep_type_column(&elements),
            _ => Vec::new(),
        };
        let l = Rc::new(List { elements, flags });
        self.lists.borrow_mut().insert(list.id(), l.clone());
        l
    }

    /// go/printer's exprList: for each element, whether the line break before it is a plain
    /// newline. A formfeed comes before the first element, after a line holding several
    /// elements, and where the sizes of consecutive single-line elements (keys, for key-value
    /// pairs) differ too much: both over 40 bytes and a ratio to the geometric mean of the sizes
    /// so far outside (0.4, 2.5).
    fn newline_before(&self, list: Node<'a>, elements: &[Node<'a>]) -> Vec<bool> {
        let mut newline = vec![false; elements.len()];
        // A case clause's list follows its `case` keyword.
        let opening =
            if list.kind_name() == "expression_list" { list.parent().unwrap_or(list) } else { list };
        let open_row = opening.start_position().row;
        let mut prev_row = open_row;
        let mut prev_end_row = open_row;
        let mut prev_break: isize =
            if elements.first().is_some_and(|e| e.start_position().row > open_row) { 0 } else { -1 };
        let (mut size, mut lnsum, mut count) = (0usize, 0f64, 0usize);
        for (i, x) in elements.iter().enumerate() {
            let row = x.start_position().row;
            let prev_size = size;
            size = self.size(*x);
            let mut use_ff = true;
            if prev_size > 0 && size > 0 {
                if count == 0 || prev_size <= MAX_SIZE_FOR_SMALL && size <= MAX_SIZE_FOR_SMALL {
                    use_ff = false;
                } else {
                    let geomean = (lnsum / count as f64).exp();
                    let ratio = size as f64 / geomean;
                    use_ff = 2.5 * ratio <= 1.0 || 2.5 <= ratio;
                }
            }
            if i > 0 && prev_row < row {
                let formfeed = use_ff || prev_break + 1 < i as isize;
                let newlines = (row - prev_end_row).min(2);
                let breaks = match (newlines, formfeed) {
                    (0, _) => 0,
                    (n, true) => n + 1,
                    (n, false) => n,
                };
                newline[i] = breaks == 1;
                if breaks > 0 {
                    prev_break = i as isize;
                }
                if breaks > 1 {
                    lnsum = 0.0;
                    count = 0;
                }
            }
            if size > 0 {
                lnsum += (size as f64).ln();
                count += 1;
            }
            prev_row = row;
            prev_end_row = x.end_position().row;
        }
        newline
    }

    /// Where `node` is in `list`'s elements.
    fn index_in(list: &List<'a>, node: Node) -> Option<usize> {
        let i = list.elements.partition_point(|e| e.start_byte() < node.start_byte());
        list.elements.get(i).filter(|e| e.id() == node.id()).map(|_| i)
    }

    /// go/printer's nodeSize for an element: its width on one line (a pair's key's width), or 0
    /// when it spans lines.
    fn size(&self, element: Node) -> usize {
        if !self.single_line(element) {
            return 0;
        }
        let node = match element.kind_name() {
            "keyed_element" => element.field("key").unwrap_or(element),
            _ => element,
        };
        node.end_byte() - node.start_byte()
    }

    /// The cells go/printer writes on `line`, or None when the line has none or is not one this
    /// model understands (a line inside a multi-line comment or string, several comments).
    fn compute_cells(&self, line: usize) -> Option<Cells> {
        let (start, end) = self.line_range(line);
        let text = &self.src[start..end];
        let indent = text.iter().take_while(|&&b| b == b'\t').count();
        let content = start + indent;
        let last_byte = start + text.iter().rposition(|&b| b != b' ' && b != b'\t')?;
        if last_byte < content || self.src[content] == b' ' {
            return None;
        }
        let root = self.tree.root_node();
        let first_leaf = root.descendant_for_byte_range(content, content + 1)?;
        if first_leaf.start_byte() < content || first_leaf.kind_name() == "comment" {
            return None;
        }
        let last_leaf = root.descendant_for_byte_range(last_byte, last_byte + 1)?;
        let open_end = last_leaf.end_position().row > line;
        let comment = (last_leaf.kind_name() == "comment").then_some(last_leaf);
        if let Some(c) = comment {
            let before = self.src[..c.start_byte()].iter().rposition(|&b| b != b' ' && b != b'\t')?;
            if before < content {
                return None;
            }
            let prev = root.descendant_for_byte_range(before, before + 1)?;
            if prev.kind_name() == "comment" {
                return None;
            }
        }
        let (node, parent) = self.outermost_at(content)?;
        let mut cells = Cells { indent, cells: Vec::new(), last: content, open_end };
        let mut piece = content;
        // Ends the cell that started at `piece` at `end`, the next one starting at `next`.
        let mut push = |cells: &mut Cells, end: usize, next: usize, soft: bool| {
            cells.cells.push(Cell { start: piece, end, soft });
            piece = next;
            cells.last = next;
        };
        let on_line = |n: Node| n.start_byte() >= start && n.end_byte() <= end;
        let mut extra_tabs = 0;
        match (node.kind_name(), parent.kind_name()) {
            ("field_declaration", "field_declaration_list")
                if parent.start_position().row < node.start_position().row =>
            {
                let fields = self.list(parent).elements.len();
                let mut cursor = node.walk();
                let names: Vec<Node> = node.fields("name", &mut cursor).collect();
                let ty = node.field("type")?;
                let tag = node.field("tag");
                if fields > 1 && ty.start_byte() < end {
                    // A type spanning lines (struct {...}) still starts a column on its first.
                    let tag = tag.filter(|t| on_line(*t) && on_line(ty));
                    if let Some(last_name) = names.last() {
                        push(&mut cells, last_name.end_byte(), ty.start_byte(), true);
                        if let Some(tag) = tag {
                            push(&mut cells, ty.end_byte(), ty.end_byte(), true);
                            push(&mut cells, ty.end_byte(), tag.start_byte(), true);
                        }
                        extra_tabs = 1;
                    } else {
                        if let Some(tag) = tag {
                            push(&mut cells, ty.end_byte(), tag.start_byte(), true);
                        }
                        extra_tabs = 2;
                    }
                    if tag.is_some() {
                        extra_tabs = 0;
                    }
                }
            }
            ("var_spec" | "const_spec", "var_spec_list" | "const_declaration")
                if self.list(parent).elements.len() > 1 =>
            {
                let specs = self.list(parent);
                let keep_type = specs.flags[Self::index_in(&specs, node)?];
                let mut cursor = node.walk();
                let names: Vec<Node> =
                    node.fields("name", &mut cursor).filter(|n| n.kind_name() == "identifier").collect();
                let names_end = names.last()?.end_byte();
                let ty = node.field("type");
                let mut cursor = node.walk();
                let assign = node.children(&mut cursor).find(|c| c.kind_name() == "=");
                extra_tabs = 3;
                let mut at = names_end;
                if ty.is_some() || keep_type {
                    match ty {
                        Some(ty) if ty.start_byte() < end => push(&mut cells, at, ty.start_byte(), true),
                        Some(_) => return Some(cells),
                        None => push(&mut cells, at, at, true),
                    }
                    at = ty.map_or(at, |t| t.end_byte());
                    extra_tabs -= 1;
                }
                if let Some(assign) = assign {
                    if assign.start_byte() >= end {
                        return Some(cells);
                    }
                    push(&mut cells, at, assign.start_byte(), true);
                    extra_tabs -= 1;
                }
            }
            ("type_spec" | "type_alias", "type_declaration") if self.list(parent).elements.len() > 1 => {
                let ty = node.field("type")?;
                let params_or_name = node.field("type_parameters").or_else(|| node.field("name"))?;
                let mut cursor = node.walk();
                let next = node.children(&mut cursor).find(|c| c.kind_name() == "=").unwrap_or(ty);
                if next.start_byte() < end {
                    push(&mut cells, params_or_name.end_byte(), next.start_byte(), true);
                }
            }
            // A function declared on one line: go/printer puts a vertical tab before its body.
            ("function_declaration" | "method_declaration", "source_file") if self.single_line(node) => {
                let body = node.field("body")?;
                let before = self.src[..body.start_byte()].iter().rposition(|&b| b != b' ')?;
                push(&mut cells, before + 1, body.start_byte(), true);
            }
            ("keyed_element", "literal_value") => {
                let list = self.list(parent);
                let (elements, i) = (&list.elements, Self::index_in(&list, node)?);
                let prev_row =
                    if i == 0 { parent.start_position().row } else { elements[i - 1].start_position().row };
                if elements.len() > 1 && self.single_line(node) && prev_row < line {
                    let mut cursor = node.walk();
                    let colon = node.children(&mut cursor).find(|c| c.kind_name() == ":")?;
                    let value = node.field("value")?;
                    push(&mut cells, colon.end_byte(), value.start_byte(), true);
                }
            }
            _ => {}
        }
        if node.end_position().row != line {
            // go/printer pads before a spec's or field's own comment, on its last line.
            extra_tabs = 0;
        }
        if let Some(c) = comment {
            let code_end = 1 + self.src[..c.start_byte()].iter().rposition(|&b| b != b' ' && b != b'\t')?;
            if extra_tabs > 0 {
                push(&mut cells, code_end, code_end, true);
                for _ in 1..extra_tabs {
                    push(&mut cells, code_end, code_end, true);
                }
                cells.last = c.start_byte();
            } else {
                push(&mut cells, code_end, c.start_byte(), false);
            }
        }
        // Every gap between cells must be padding alone.
        let padding = |from: usize, to: usize| self.src[from..to].iter().all(|&b| b == b' ' || b == b'\t');
        let ends = cells.cells.iter().map(|c| c.end);
        let starts = cells.cells.iter().skip(1).map(|c| c.start).chain(std::iter::once(cells.last));
        if !ends.zip(starts).all(|(e, s)| padding(e, s)) {
            return None;
        }
        Some(cells)
    }

    fn grouped_specs(decl: Node<'a>) -> Vec<Node<'a>> {
        let mut cursor = decl.walk();
        let has_paren =
            decl.children(&mut cursor).any(|c| c.kind_name() == "(") || decl.kind_name() == "var_spec_list";
        if !has_paren {
            return Vec::new();
        }
        let mut cursor = decl.walk();
        decl.named_children(&mut cursor)
            .filter(|c| matches!(c.kind_name(), "var_spec" | "const_spec" | "type_spec" | "type_alias"))
            .collect()
    }

    /// The new padding of lines `first..=last`, as (start, end, text) replacements in order.
    fn repad(&self, first: usize, last: usize) -> Vec<(usize, usize, Vec<u8>)> {
        let rows: Vec<Cells> = (first..=last).filter_map(|l| self.cells(l)).collect();
        if rows.len() != last - first + 1 {
            return Vec::new();
        }
        let width = |c: &Cell| String::from_utf8_lossy(&self.src[c.start..c.end]).chars().count();
        // Each column's blocks: the runs of consecutive lines that have a cell in it.
        let mut padded: Vec<Vec<usize>> = rows.iter().map(|r| vec![0; r.cells.len()]).collect();
        let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        for j in 0..columns {
            let mut a = 0;
            while a < rows.len() {
                if rows[a].cells.len() <= j {
                    a += 1;
                    continue;
                }
                let b = a + rows[a..].iter().take_while(|r| r.cells.len() > j).count();
                let block = &rows[a..b];
                let discard = block.iter().all(|r| r.cells[j].soft && r.cells[j].start == r.cells[j].end);
                let column =
                    if discard { 0 } else { block.iter().map(|r| width(&r.cells[j]) + 1).max().unwrap_or(0) };
                for row in &mut padded[a..b] {
                    row[j] = column;
                }
                a = b;
            }
        }
        let mut out = Vec::new();
        for (row, columns) in rows.iter().zip(&padded) {
            let mut text = Vec::new();
            for (cell, &column) in row.cells.iter().zip(columns) {
                text.extend_from_slice(&self.src[cell.start..cell.end]);
                text.extend(std::iter::repeat_n(b' ', column.saturating_sub(width(cell))));
            }
            let start = row.cells[0].start;
            if self.src[start..row.last] != text[..] {
                out.push((start, row.last, text));
            }
        }
        out
    }
}

/// go/printer's keepTypeColumn: in a run of specs with values, the type column is kept for all
/// when any of them has a type.
fn keep_type_column(specs: &[Node]) -> Vec<bool> {
    let mut keep = vec![false; specs.len()];
    let mut run_start: Option<usize> = None;
    let mut keep_type = false;
    for (i, s) in specs.iter().enumerate() {
        if s.field("value").is_some() {
            if run_start.is_none() {
                run_start = Some(i);
                keep_type = false;
            }
        } else if let Some(r) = run_start.take()
            && keep_type
        {
            keep[r..i].iter_mut().for_each(|k| *k = true);
        }
        if s.field("type").is_some() {
            keep_type = true;
        }
    }
    if let Some(r) = run_start
        && keep_type
    {
        keep[r..].iter_mut().for_each(|k| *k = true);
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Tree {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        parser.parse(src, None).unwrap()
    }

    fn realign_all(src: &str) -> String {
        let tree = parse(src);
        String::from_utf8(realign(src.as_bytes(), &tree, 0..src.lines().count())).unwrap()
    }

    /// Struct fields with tags and embedded fields, an iota const block, a var block keeping its
    /// type column, literal keys split where a key is much longer, comments in nested blocks: as
    /// gofmt 1.26 writes them.
    const LOOSE: &str = r#"package p

type T struct {
	Name string `json:"name"` // c
	io.Reader `json:"r"`
	X, Yy int // d
	Z int
	io.Writer // e
}

const (
	A = iota // a
	B // b
	Ccc // c
)

var (
	a = 1 // x
	bb int = 2
	c, d = 3, 4 // y
)

func f() {
	m := map[string]int{
		"a": 1, // one
		"bbb": 2, // two
		"a_key_that_is_much_longer_than_forty_bytes_in_total": 3, // three
		"c": 4, // four
	}
	x := 1 // one
	yyy := 2 // two
	if x > 0 {
		y := 3 // deeper
		_ = y // used
	}
	z := 1 // after
	_, _, _, _ = m, x, yyy, z
}
"#;
    const GOFMT: &str = r#"package p

type T struct {
	Name      string `json:"name"` // c
	io.Reader `json:"r"`
	X, Yy     int // d
	Z         int
	io.Writer // e
}

const (
	A   = iota // a
	B          // b
	Ccc        // c
)

var (
	a        = 1 // x
	bb   int = 2
	c, d     = 3, 4 // y
)

func f() {
	m := map[string]int{
		"a":   1, // one
		"bbb": 2, // two
		"a_key_that_is_much_longer_than_forty_bytes_in_total": 3, // three
		"c": 4, // four
	}
	x := 1   // one
	yyy := 2 // two
	if x > 0 {
		y := 3 // deeper
		_ = y  // used
	}
	z := 1 // after
	_, _, _, _ = m, x, yyy, z
}
"#;

    #[test]
    fn every_block_padded_as_gofmt_pads_it() {
        assert_eq!(realign_all(LOOSE), GOFMT);
        assert_eq!(realign_all(GOFMT), GOFMT, "gofmt's own layout is kept");
    }

    #[test]
    fn only_blocks_around_changed_lines_are_padded() {
        let original =
            "package p\n\nfunc f() {\n\ta := 1 // a\n\tbb := 2 // b\n\n\tc := 1 // c\n\tdd := 2 // d\n}\n";
        let fixed =
            "package p\n\nfunc f() {\n\ta := 1 // a\n\tbbbb := 2 // b\n\n\tc := 1 // c\n\tdd := 2 // d\n}\n";
        let tree = parse(fixed);
        let out = String::from_utf8(realign_changed(original.as_bytes(), fixed.as_bytes(), &tree)).unwrap();
        assert_eq!(
            out,
            "package p\n\nfunc f() {\n\ta := 1    // a\n\tbbbb := 2 // b\n\n\tc := 1 // c\n\tdd := 2 // d\n}\n",
            "the second block, misaligned but untouched, stays as it was"
        );
    }

    #[test]
    fn an_inserted_line_splits_a_run_and_a_removed_one_joins_two() {
        let original =
            "package p\n\nfunc f() {\n\ta := 1      // a\n\tbbbbbb := 2 // b\n\tcc := 3\n\td := 4 // d\n}\n";
        let fixed =
            "package p\n\nfunc f() {\n\ta := 1      // a\n\tf()\n\tbbbbbb := 2 // b\n\td := 4 // d\n}\n";
        let tree = parse(fixed);
        let out = String::from_utf8(realign_changed(original.as_bytes(), fixed.as_bytes(), &tree)).unwrap();
        assert_eq!(
            out,
            "package p\n\nfunc f() {\n\ta := 1 // a\n\tf()\n\tbbbbbb := 2 // b\n\td := 4      // d\n}\n"
        );
    }

    #[test]
    fn comment_and_string_bytes_are_kept() {
        let src =
            "package p\n\nvar (\n\tx = \"a\\tb  c\" // tab\tinside\n\tlonger = `raw` //  two  spaces\n)\n";
        let out = realign_all(src);
        assert_eq!(
            out,
            "package p\n\nvar (\n\tx      = \"a\\tb  c\" // tab\tinside\n\tlonger = `raw`     //  two  spaces\n)\n"
        );
    }

    /// Every line of a gofmt-clean tree re-padded must give it back byte for byte: the model
    /// finds the cells and sections gofmt found. ALIGN_CORPUS=$(go env GOROOT)/src runs it on
    /// a tree of gofmt-clean files (slow; not part of the usual run).
    #[test]
    #[ignore]
    fn corpus_is_left_as_gofmt_wrote_it() {
        let root = std::env::var("ALIGN_CORPUS").expect("ALIGN_CORPUS=a directory of gofmt-clean Go files");
        let mut failures = 0;
        let mut files = 0;
        for entry in ignore::WalkBuilder::new(root).standard_filters(false).build() {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "go")
                || path.components().any(|c| c.as_os_str() == "testdata")
            {
                continue;
            }
            let Ok(src) = std::fs::read_to_string(path) else { continue };
            let tree = parse(&src);
            if tree.root_node().has_error() {
                continue;
            }
            files += 1;
            let out = String::from_utf8(realign(src.as_bytes(), &tree, 0..src.lines().count())).unwrap();
            if out != src {
                failures += 1;
                let diff = similar::TextDiff::from_lines(&src, &out);
                eprintln!("{}:\n{}", path.display(), diff.unified_diff().context_radius(1));
            }
        }
        eprintln!("{files} files, {failures} changed");
        assert_eq!(failures, 0);
    }
}
