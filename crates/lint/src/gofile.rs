//! One parsed Go file as the rules see it: how it names package `time`, its package clause and
//! `//go:debug` directive, and the nodes the rules look at, collected in one walk of the tree.

use tree_sitter::Node;

use crate::gomod::is_timer_directive;
use crate::syntax::{fields, text, unparen, Parents};

/// Function and method names the rules care about; other calls are not collected.
/// `context.WithTimeout` and `context.WithDeadline` arm a timer too (an `AfterFunc`).
const CALLS_OF_INTEREST: &[&str] =
    &["After", "NewTimer", "Tick", "NewTicker", "AfterFunc", "Reset", "Stop", "WithTimeout", "WithDeadline"];

/// How the file refers to package `time`.
#[derive(Debug, Default)]
pub(crate) struct TimeImport {
    /// Names that mean package `time`: `time`, or the alias of `import t "time"`.
    names: Vec<String>,
    /// `import . "time"`: `After(d)` means `time.After(d)`.
    dot: bool,
}

impl TimeImport {
    /// Whether the file imports `time` at all (without `_`).
    pub(crate) fn any(&self) -> bool {
        self.dot || !self.names.is_empty()
    }

    /// Whether `time` is dot-imported.
    pub(crate) fn dot_imported(&self) -> bool {
        self.dot
    }

    /// Whether `name` (an identifier before a dot) is package `time`.
    pub(crate) fn is_time(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }
}

/// A parsed Go file and what the rules need from it.
pub(crate) struct GoFile<'t> {
    /// The source bytes.
    pub(crate) src: &'t [u8],
    /// How `time` is imported.
    pub(crate) time: TimeImport,
    /// The package name (`main`, ...).
    pub(crate) package: String,
    /// The `//go:debug` lines about timers before the package clause: (line, text).
    pub(crate) directives: Vec<(usize, String)>,
    /// Calls named in [`CALLS_OF_INTEREST`], in document order.
    pub(crate) calls: Vec<Node<'t>>,
    /// Every receive expression `<-x`, in document order.
    pub(crate) recvs: Vec<Node<'t>>,
    /// Every `if` statement, in document order.
    pub(crate) ifs: Vec<Node<'t>>,
    /// Declarations with a type (var specs, parameters, struct fields), in document order.
    pub(crate) decls: Vec<Node<'t>>,
    /// Every selector `x.C` (a timer's or ticker's channel, perhaps), in document order.
    pub(crate) chan_selectors: Vec<Node<'t>>,
    /// Every call `len(...)` or `cap(...)`, in document order.
    pub(crate) len_calls: Vec<Node<'t>>,
    /// Every node's parent.
    pub(crate) up: Parents<'t>,
}

/// A method declaration `func (receiver receiver_type) name(...)`.
pub(crate) struct Method<'t> {
    pub(crate) decl: Node<'t>,
    pub(crate) name: &'t str,
    pub(crate) receiver: &'t str,
    /// The receiver's type without spaces: `*batchSpanProcessor`.
    pub(crate) receiver_type: String,
}

impl<'t> GoFile<'t> {
    /// Reads the file's header and, when it imports `time`, collects the nodes of interest.
    pub(crate) fn new(root: Node<'t>, src: &'t [u8]) -> GoFile<'t> {
        let mut file = GoFile {
            src,
            time: TimeImport::default(),
            package: String::new(),
            directives: Vec::new(),
            calls: Vec::new(),
            recvs: Vec::new(),
            ifs: Vec::new(),
            decls: Vec::new(),
            chan_selectors: Vec::new(),
            len_calls: Vec::new(),
            up: Parents::default(),
        };
        let mut before_package = true;
        let mut cursor = root.walk();
        for top in root.named_children(&mut cursor) {
            match top.kind() {
                "comment" if before_package => {
                    let comment = text(top, src);
                    if is_timer_directive(comment) {
                        file.directives.push((top.start_position().row + 1, comment.trim_end().to_owned()));
                    }
                }
                "package_clause" => {
                    before_package = false;
                    if let Some(name) = top.named_child(0) {
                        file.package = text(name, src).to_owned();
                    }
                }
                "import_declaration" => file.read_imports(top),
                _ => {}
            }
        }
        if file.time.any() {
            file.collect(root);
        }
        file
    }

    fn read_imports(&mut self, decl: Node<'t>) {
        let mut specs = Vec::new();
        let mut cursor = decl.walk();
        for child in decl.named_children(&mut cursor) {
            match child.kind() {
                "import_spec" => specs.push(child),
                "import_spec_list" => {
                    let mut c2 = child.walk();
                    specs.extend(child.named_children(&mut c2).filter(|s| s.kind() == "import_spec"));
                }
                _ => {}
            }
        }
        for spec in specs {
            let Some(path) = spec.child_by_field_id(fields().path) else { continue };
            let path = text(path, self.src);
            if path != "\"time\"" && path != "`time`" {
                continue;
            }
            match spec.child_by_field_id(fields().name) {
                None => self.time.names.push("time".to_owned()),
                Some(name) if name.kind() == "dot" => self.time.dot = true,
                Some(name) if name.kind() == "blank_identifier" => {}
                Some(name) => self.time.names.push(text(name, self.src).to_owned()),
            }
        }
    }

    /// One walk over the tree collecting calls, receives and `if`s, and the timers' facts.
    fn collect(&mut self, root: Node<'t>) {
        // About one node per four bytes of Go.
        self.up = Parents::with_capacity(self.src.len() / 4);
        let mut stack: Vec<Node<'t>> = Vec::new();
        let mut cursor = root.walk();
        loop {
            let node = cursor.node();
            if let Some(&parent) = stack.last() {
                self.up.insert(node, parent);
            }
            match node.kind() {
                "call_expression" => match self.call_name(node) {
                    Some(n) if CALLS_OF_INTEREST.contains(&n) => self.calls.push(node),
                    Some("len" | "cap") => self.len_calls.push(node),
                    _ => {}
                },
                "selector_expression"
                    if node.child_by_field_id(fields().field).is_some_and(|f| text(f, self.src) == "C") =>
                {
                    self.chan_selectors.push(node)
                }
                "unary_expression"
                    if node.child_by_field_id(fields().operator).is_some_and(|o| o.kind() == "<-") =>
                {
                    self.recvs.push(node)
                }
                "if_statement" => self.ifs.push(node),
                "var_spec" | "parameter_declaration" | "field_declaration" => self.decls.push(node),
                _ => {}
            }
            if cursor.goto_first_child() {
                stack.push(node);
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    return;
                }
                stack.pop();
            }
        }
    }

    /// The last name of the called function: `After` in `time.After(d)`, `Reset` in `t.Reset(d)`.
    pub(crate) fn call_name(&self, call: Node<'t>) -> Option<&'t str> {
        let function = unparen(call.child_by_field_id(fields().function)?);
        match function.kind() {
            "selector_expression" => Some(text(function.child_by_field_id(fields().field)?, self.src)),
            "identifier" => Some(text(function, self.src)),
            _ => None,
        }
    }

    /// `Some("After")` when `call` calls `time.After` (through the file's name for `time`).
    pub(crate) fn time_func(&self, call: Node<'t>) -> Option<&'t str> {
        if call.kind() != "call_expression" {
            return None;
        }
        let function = unparen(call.child_by_field_id(fields().function)?);
        match function.kind() {
            "selector_expression" => {
                let operand = function.child_by_field_id(fields().operand)?;
                let field = function.child_by_field_id(fields().field)?;
                (operand.kind() == "identifier" && self.time.is_time(text(operand, self.src)))
                    .then(|| text(field, self.src))
            }
            "identifier" if self.time.dot => Some(text(function, self.src)),
            _ => None,
        }
    }

    /// `Some((x, "Reset"))` when `call` is a method call `x.Reset(...)` on something that is not
    /// package `time`.
    pub(crate) fn method_call(&self, call: Node<'t>) -> Option<(Node<'t>, &'t str)> {
        if call.kind() != "call_expression" {
            return None;
        }
        let function = unparen(call.child_by_field_id(fields().function)?);
        if function.kind() != "selector_expression" {
            return None;
        }
        let operand = function.child_by_field_id(fields().operand)?;
        if operand.kind() == "identifier" && self.time.is_time(text(operand, self.src)) {
            return None;
        }
        Some((operand, text(function.child_by_field_id(fields().field)?, self.src)))
    }

    /// The variable a call's value is stored in: `x` in `x := f()`, `x = f()`, `var x = f()`, and
    /// the matching name when several are assigned at once.
    pub(crate) fn assigned_to(&self, call: Node<'t>) -> Option<Node<'t>> {
        let list = self.up.of(call)?;
        if list.kind() != "expression_list" {
            return None;
        }
        let mut cursor = list.walk();
        let index = list.named_children(&mut cursor).position(|c| c.id() == call.id())?;
        let owner = self.up.of(list)?;
        match owner.kind() {
            "short_var_declaration" | "assignment_statement" => {
                if owner.child_by_field_id(fields().right)?.id() != list.id() {
                    return None;
                }
                owner.child_by_field_id(fields().left)?.named_child(index)
            }
            "var_spec" => {
                let mut c2 = owner.walk();
                let name = owner.children_by_field_id(fields().names, &mut c2).nth(index);
                name
            }
            _ => None,
        }
    }

    /// The methods the file declares with a named receiver, in document order; `any` is a node
    /// of the file. The rules that follow a method call on a receiver (`r.stopTimer()`,
    /// `bsp.exportSpans()`) look the method up here: only this file's, as every fact is.
    pub(crate) fn methods(&self, any: Node<'t>) -> Vec<Method<'t>> {
        let root = self.up.root(any);
        let mut cursor = root.walk();
        let methods = root.named_children(&mut cursor).filter_map(|d| self.method(d)).collect();
        methods
    }

    /// `decl` as a [`Method`], when it is a method declaration with a named receiver.
    pub(crate) fn method(&self, decl: Node<'t>) -> Option<Method<'t>> {
        if decl.kind() != "method_declaration" {
            return None;
        }
        let param = decl.child_by_field_id(fields().receiver)?.named_child(0)?;
        Some(Method {
            decl,
            name: self.text(decl.child_by_field_id(fields().name)?),
            receiver: self.text(param.child_by_field_id(fields().name)?),
            receiver_type: self.text(param.child_by_field_id(fields().type_)?).split_whitespace().collect(),
        })
    }

    /// The text of `node`.
    pub(crate) fn text(&self, node: Node) -> &'t str {
        text(node, self.src)
    }
}
