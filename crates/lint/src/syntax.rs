//! The tree-sitter side: parsing Go, positions, and small node helpers the rules share.

use std::collections::HashMap; // allow-nondeterminism: lookup only, never iterated
use std::hash::{BuildHasherDefault, Hasher};

use tree_sitter::{Node, Parser, Point, Range, Tree};

/// A position in a file, 1-based, as `file:line:col` prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in bytes from 1, as the Go compiler and `go vet` count.
    pub column: usize,
    /// Column in UTF-16 code units from 1, as SARIF consumers count.
    #[serde(skip)]
    pub column_utf16: usize,
}

/// The first and one-past-last position of a piece of code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// Where it starts.
    pub start: Position,
    /// Where it ends (exclusive).
    pub end: Position,
}

/// Field ids of the Go grammar, found once: `child_by_field_name` compares strings on every
/// call, and the rules ask for fields a lot.
pub(crate) struct Fields {
    /// The `else` branch of an `if`.
    pub(crate) alternative: u16,
    /// The arguments of a call.
    pub(crate) arguments: u16,
    /// The body of a function or loop.
    pub(crate) body: u16,
    /// The channel of a send statement.
    pub(crate) channel: u16,
    /// What a select case waits for.
    pub(crate) communication: u16,
    /// The condition of an `if` or loop clause.
    pub(crate) condition: u16,
    /// The `then` branch of an `if`.
    pub(crate) consequence: u16,
    /// The field of a selector expression.
    pub(crate) field: u16,
    /// The function of a call.
    pub(crate) function: u16,
    /// The initializer of an `if`.
    pub(crate) initializer: u16,
    /// The left side of an assignment or receive.
    pub(crate) left: u16,
    /// The name of a declaration or import.
    pub(crate) name: u16,
    /// The operand of a selector or unary expression.
    pub(crate) operand: u16,
    /// The operator of a unary expression.
    pub(crate) operator: u16,
    /// The parameter list of a function or method.
    pub(crate) parameters: u16,
    /// The receiver of a method declaration.
    pub(crate) receiver: u16,
    /// The package of a qualified type.
    pub(crate) package: u16,
    /// The path of an import.
    pub(crate) path: u16,
    /// The right side of an assignment or receive.
    pub(crate) right: u16,
    /// The type of a declaration.
    pub(crate) type_: u16,
    /// The update statement of a for clause.
    pub(crate) update: u16,
    /// The value of a `var` or `const` spec, or of a keyed element.
    pub(crate) value: u16,
    /// The key of a keyed element (`field: value`).
    pub(crate) key: u16,
    /// `name`, as `children_by_field_id` wants it (several names in one declaration).
    pub(crate) names: std::num::NonZeroU16,
}

/// The grammar's [`Fields`].
pub(crate) fn fields() -> &'static Fields {
    static FIELDS: std::sync::OnceLock<Fields> = std::sync::OnceLock::new();
    FIELDS.get_or_init(|| {
        let language: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
        let id = |name: &str| language.field_id_for_name(name).map_or(0, |f| f.get());
        Fields {
            alternative: id("alternative"),
            arguments: id("arguments"),
            body: id("body"),
            channel: id("channel"),
            communication: id("communication"),
            condition: id("condition"),
            consequence: id("consequence"),
            field: id("field"),
            function: id("function"),
            initializer: id("initializer"),
            left: id("left"),
            name: id("name"),
            operand: id("operand"),
            operator: id("operator"),
            parameters: id("parameters"),
            receiver: id("receiver"),
            package: id("package"),
            path: id("path"),
            right: id("right"),
            type_: id("type"),
            update: id("update"),
            value: id("value"),
            key: id("key"),
            names: language.field_id_for_name("name").expect("the Go grammar has a name field"),
        }
    })
}

/// A parser for Go source.
pub(crate) fn go_parser() -> Parser {
    let mut parser = Parser::new();
    // The grammar crate and the runtime crate are pinned to versions of the same ABI.
    parser.set_language(&tree_sitter_go::LANGUAGE.into()).expect("tree-sitter-go matches tree-sitter's ABI");
    parser
}

/// Parses `src`; `Err` is the one-line reason when the file is not valid Go (tree-sitter found an
/// ERROR or MISSING node), like `parse error at 3:7: unexpected "}"`.
pub(crate) fn parse(parser: &mut Parser, src: &[u8]) -> Result<Tree, String> {
    let tree = parser.parse(src, None).ok_or_else(|| "parse error: the parser gave up".to_owned())?;
    match first_error_message(&tree, src) {
        None => Ok(tree),
        Some((_, message)) => Err(message),
    }
}

/// The bytes of the first ERROR or MISSING node of `tree` and the one-line message for it,
/// `parse error at 3:7: unexpected "}"`; `None` when the tree has no error.
pub(crate) fn first_error_message(tree: &Tree, src: &[u8]) -> Option<(std::ops::Range<usize>, String)> {
    let node = first_error(tree.root_node())?;
    let at = position(src, node.start_byte(), node.start_position());
    let what = if node.is_missing() {
        format!("missing {:?}", node.kind())
    } else {
        let t = text(node, src).lines().next().unwrap_or("").trim();
        let short: String = t.chars().take(24).collect();
        if short.is_empty() {
            "unexpected input".to_owned()
        } else {
            format!("unexpected {short:?}")
        }
    };
    Some((node.byte_range(), format!("parse error at {}:{}: {what}", at.line, at.column)))
}

/// Parses only `ranges` of `src` when given (see `chunks.rs`), and the whole file when that
/// fails or finds an error; `Err` as for [`parse`].
pub(crate) fn parse_ranges(
    parser: &mut Parser,
    src: &[u8],
    ranges: Option<Vec<Range>>,
) -> Result<Tree, String> {
    if let Some(ranges) = ranges {
        if parser.set_included_ranges(&ranges).is_ok() {
            let tree = parser.parse(src, None);
            // Back to whole documents for the next file.
            let _ = parser.set_included_ranges(&[]);
            if let Some(tree) = tree.filter(|t| !t.root_node().has_error()) {
                return Ok(tree);
            }
        }
    }
    parse(parser, src)
}

/// The first ERROR or MISSING node in document order, descending only where errors are.
fn first_error(root: Node) -> Option<Node> {
    if !root.has_error() {
        return None;
    }
    let mut node = root;
    'down: loop {
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if child.has_error() || child.is_missing() {
                node = child;
                continue 'down;
            }
        }
        // has_error() but no child carries it: the node itself is the best place to point at.
        return Some(node);
    }
}

/// The bytes of every outermost ERROR or MISSING node of `tree`, in document order.
pub(crate) fn error_ranges(tree: &Tree) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            out.push(node.byte_range());
            continue;
        }
        let mut cursor = node.walk();
        let children: Vec<Node> =
            node.children(&mut cursor).filter(|c| c.has_error() || c.is_missing()).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

/// The position of byte `offset`, which tree-sitter places at `point` (0-based row, byte column).
pub(crate) fn position(src: &[u8], offset: usize, point: Point) -> Position {
    let line_start = offset - point.column;
    let line_text = String::from_utf8_lossy(&src[line_start..offset]);
    let utf16: usize = line_text.chars().map(char::len_utf16).sum();
    Position { line: point.row + 1, column: point.column + 1, column_utf16: utf16 + 1 }
}

/// The span of `node`.
pub(crate) fn span(node: Node, src: &[u8]) -> Span {
    Span {
        start: position(src, node.start_byte(), node.start_position()),
        end: position(src, node.end_byte(), node.end_position()),
    }
}

/// The source text of `node` (empty if it is not UTF-8).
pub(crate) fn text<'s>(node: Node, src: &'s [u8]) -> &'s str {
    node.utf8_text(src).unwrap_or("")
}

/// `node` without the parentheses around it.
pub(crate) fn unparen(mut node: Node) -> Node {
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// A `for` statement's header, between `for` and the body: a `for_clause`, a `range_clause`, or
/// the bare condition of `for cond {}`; `None` for `for {}`. Comments are not the header.
pub(crate) fn loop_header(l: Node) -> Option<Node> {
    let body = l.child_by_field_id(fields().body).map(|b| b.id());
    let mut cursor = l.walk();
    let header = l.named_children(&mut cursor).find(|c| c.kind() != "comment" && Some(c.id()) != body);
    header
}

/// A `for` statement's condition: the clause's (`for i := 0; i < n; i++`) or the bare one (`for
/// !done`); `None` for `for {}`, `for ;; {}` and a range.
pub(crate) fn loop_condition(l: Node) -> Option<Node> {
    match loop_header(l)? {
        h if h.kind() == "for_clause" => h.child_by_field_id(fields().condition),
        h if h.kind() == "range_clause" => None,
        h => Some(h),
    }
}

/// Whether `node`, inside loop `l`, runs on each of its iterations: in its body, condition or
/// post statement — not in a clause's init statement or a range's expression, which run once,
/// before the first.
pub(crate) fn runs_each_iteration(l: Node, node: Node) -> bool {
    let once = loop_header(l).and_then(|h| match h.kind() {
        "for_clause" => h.child_by_field_id(fields().initializer),
        "range_clause" => h.child_by_field_id(fields().right),
        _ => None,
    });
    contains(l, node) && !once.is_some_and(|once| contains(once, node))
}

/// Every node of one of `kinds` under `node` (itself included).
pub(crate) fn collect_kind<'t>(node: Node<'t>, kinds: &[&str], out: &mut Vec<Node<'t>>) {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if kinds.contains(&n.kind()) {
            out.push(n);
        }
        stack.extend(n.named_children(&mut cursor));
    }
}

/// Whether `inner` lies within `outer` (or is it).
pub(crate) fn contains(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// The `statement_list` of a block or a case clause, if it has statements.
pub(crate) fn statements(node: Node) -> Option<Node> {
    let mut cursor = node.walk();
    let list = node.named_children(&mut cursor).find(|c| c.kind() == "statement_list");
    list
}

/// The statements of `list` (a `statement_list`, or none), comments left out. Siblings are
/// read with a cursor: tree-sitter's `next_sibling` looks for the parent from the root.
pub(crate) fn each_statement<'t>(list: Option<Node<'t>>) -> std::vec::IntoIter<Node<'t>> {
    let mut out = Vec::new();
    if let Some(list) = list {
        let mut cursor = list.walk();
        out.extend(list.named_children(&mut cursor).filter(|n| n.kind() != "comment"));
    }
    out.into_iter()
}

/// The statements after `stmt` in `list`, its statement list.
pub(crate) fn following<'t>(list: Node<'t>, stmt: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    each_statement(Some(list)).skip_while(move |n| n.id() != stmt.id()).skip(1)
}

/// The statements before `stmt` in `list`, its statement list, nearest first.
pub(crate) fn preceding<'t>(list: Node<'t>, stmt: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    let before: Vec<Node<'t>> = each_statement(Some(list)).take_while(|n| n.id() != stmt.id()).collect();
    before.into_iter().rev()
}

/// Parent links for every node of a tree, recorded in one walk. tree-sitter finds a node's
/// parent by descending from the root again, so walking up ancestors through it costs
/// O(depth²); the rules walk up a lot.
#[derive(Default)]
pub(crate) struct Parents<'t> {
    map: HashMap<usize, Node<'t>, BuildHasherDefault<IdHasher>>, // allow-nondeterminism: lookup only, never iterated
}

impl<'t> Parents<'t> {
    /// Room for about `nodes` nodes.
    pub(crate) fn with_capacity(nodes: usize) -> Parents<'t> {
        let map = HashMap::with_capacity_and_hasher(nodes, BuildHasherDefault::default()); // allow-nondeterminism
        Parents { map }
    }

    /// Records that `parent` is `child`'s parent.
    pub(crate) fn insert(&mut self, child: Node<'t>, parent: Node<'t>) {
        self.map.insert(child.id(), parent);
    }

    /// The parent of `node` (`None` for the root).
    pub(crate) fn of(&self, node: Node<'t>) -> Option<Node<'t>> {
        self.map.get(&node.id()).copied()
    }

    /// The root of `node`'s tree: the file.
    pub(crate) fn root(&self, node: Node<'t>) -> Node<'t> {
        let mut root = node;
        while let Some(parent) = self.of(root) {
            root = parent;
        }
        root
    }

    /// The statement `node` is part of: the ancestor (or itself) whose parent is a statement list.
    pub(crate) fn enclosing_statement(&self, node: Node<'t>) -> Option<Node<'t>> {
        let mut n = node;
        loop {
            let parent = self.of(n)?;
            if parent.kind() == "statement_list" {
                return Some(n);
            }
            if is_function(parent) {
                return None;
            }
            n = parent;
        }
    }

    /// Whether a function literal is called right where it is written, in this goroutine:
    /// `func() { ... }()` but not `go func() { ... }()` or `defer func() { ... }()`.
    pub(crate) fn immediately_invoked(&self, literal: Node<'t>) -> bool {
        let Some(call) = self.of(literal) else { return false };
        call.kind() == "call_expression"
            && call.child_by_field_id(fields().function).map(|f| f.id()) == Some(literal.id())
            && !matches!(self.of(call).map(|p| p.kind()), Some("go_statement" | "defer_statement"))
    }

    /// The function `node` runs in: the nearest enclosing function declaration or function
    /// literal, seeing through literals that are called in place; the root for package-level code.
    pub(crate) fn scope_of(&self, node: Node<'t>) -> Node<'t> {
        let mut n = node;
        while let Some(parent) = self.of(n) {
            if is_function(parent) && !(parent.kind() == "func_literal" && self.immediately_invoked(parent)) {
                return parent;
            }
            n = parent;
        }
        n
    }

    /// Whether `a` and `b` run in the same function (see [`Parents::scope_of`]).
    pub(crate) fn same_scope(&self, a: Node<'t>, b: Node<'t>) -> bool {
        self.scope_of(a).id() == self.scope_of(b).id()
    }
}

/// The names a declaration or an assignment writes, and the expression list of the values it
/// gives them, in the same order: `a, b := f(), g()`, `a = x`, `var a, b = 1, 2`, `const c = d`,
/// a parameter (no values). No names for any other node.
pub(crate) fn written_names<'t>(node: Node<'t>) -> (Vec<Node<'t>>, Option<Node<'t>>) {
    match node.kind() {
        "short_var_declaration" | "assignment_statement" => {
            let names = node.child_by_field_id(fields().left).map_or_else(Vec::new, |left| {
                let mut cursor = left.walk();
                left.named_children(&mut cursor).collect()
            });
            (names, node.child_by_field_id(fields().right))
        }
        "var_spec" | "const_spec" | "parameter_declaration" => {
            let mut cursor = node.walk();
            let names = node.children_by_field_id(fields().names, &mut cursor).collect();
            (names, node.child_by_field_id(fields().value))
        }
        _ => (Vec::new(), None),
    }
}

/// Whether `node` is a function declaration, method declaration or function literal.
pub(crate) fn is_function(node: Node) -> bool {
    matches!(node.kind(), "function_declaration" | "method_declaration" | "func_literal")
}

/// Hashes node ids (addresses) for [`Parents`]; only lookups use it, so the order of the map never
/// shows.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_usize(&mut self, n: usize) {
        let h = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 29);
    }
}

#[cfg(test)]
mod tests {
    use memchr::memmem::Finder;

    use super::*;

    #[test]
    fn a_parse_of_the_kept_ranges_that_fails_gives_way_to_the_whole_file() {
        // `func` starting a line inside an expression looks like a declaration to the cutter,
        // which leaves it out (it names no timer): what is kept does not parse on its own.
        let src = "package p\n\nimport \"time\"\n\nvar base = 1 +\n\tfunc() int { return 2 }()\n\n\
                   func pump() {\n\t<-time.After(time.Second)\n}\n";
        let ranges = crate::chunks::ranges(src.as_bytes(), &[Finder::new(b"After")]);
        assert!(ranges.is_some(), "the literal is left out");
        let tree = parse_ranges(&mut go_parser(), src.as_bytes(), ranges).unwrap();
        assert!(!tree.root_node().has_error(), "{}", tree.root_node().to_sexp());
        assert_eq!(tree.root_node().end_byte(), src.len(), "the whole file");
    }

    /// The text of each loop's header and condition in `body`, a function body's statements.
    fn loops(body: &str) -> Vec<(Option<String>, Option<String>)> {
        let src = format!("package p\n\nfunc f() {{\n{body}\n}}\n");
        let tree = parse(&mut go_parser(), src.as_bytes()).unwrap();
        let mut out = Vec::new();
        let mut stack = vec![tree.root_node()];
        while let Some(n) = stack.pop() {
            if n.kind() == "for_statement" {
                let text = |n: Option<Node>| n.map(|n| text(n, src.as_bytes()).to_owned());
                out.push((text(loop_header(n)), text(loop_condition(n))));
            }
            let mut cursor = n.walk();
            stack.extend(n.named_children(&mut cursor));
        }
        out
    }

    #[test]
    fn a_loops_init_statement_and_range_expression_run_once_its_condition_post_and_body_each_round() {
        let src = "package p\n\nfunc f() {\n\tfor i := a(); b(); c() {\n\t\td()\n\t}\n\tfor range e() {\n\t\tg()\n\t}\n}\n";
        let tree = parse(&mut go_parser(), src.as_bytes()).unwrap();
        let mut calls = Vec::new();
        collect_kind(tree.root_node(), &["call_expression"], &mut calls);
        let mut loops = Vec::new();
        collect_kind(tree.root_node(), &["for_statement"], &mut loops);
        loops.sort_by_key(|l| l.start_byte());
        let each = |name: &str| {
            let call = calls.iter().find(|c| text(**c, src.as_bytes()).starts_with(name)).unwrap();
            let l = loops.iter().find(|l| contains(**l, *call)).unwrap();
            runs_each_iteration(*l, *call)
        };
        assert_eq!(["a", "b", "c", "d", "e", "g"].map(each), [false, true, true, true, false, true]);
    }

    #[test]
    fn a_loops_condition_is_its_clauses_or_its_bare_one_and_a_range_or_bare_for_has_none() {
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(loops("for {}"), [(None, None)]);
        assert_eq!(loops("for /* forever */ {}"), [(None, None)]);
        assert_eq!(loops("for ;; {}"), [(some(";;"), None)]);
        assert_eq!(loops("for !done {}"), [(some("!done"), some("!done"))]);
        assert_eq!(loops("for i := 0; i < n; i++ {}"), [(some("i := 0; i < n; i++"), some("i < n"))]);
        assert_eq!(loops("for range t.C {}"), [(some("range t.C"), None)]);
        assert_eq!(loops("for /* while */ running {}"), [(some("running"), some("running"))]);
    }
}
