//! [`Tables`]: a [`Profile`] under construction — its string table, functions and locations,
//! each entry made once and numbered in the order of first use, so the same samples always
//! encode to the same bytes.

use std::collections::BTreeMap;

use super::proto::{Function, Line, Location, Mapping, Profile};

/// One line of a location: the function (by [`Tables::function`] id), line and column.
pub(crate) type LineKey = (u64, i64, i64);

/// The tables of a profile being built; [`Tables::finish`] hands the profile over.
#[derive(Debug)]
pub(crate) struct Tables {
    profile: Profile,
    strings: BTreeMap<String, i64>,
    functions: BTreeMap<(String, String), u64>,
    locations: BTreeMap<Vec<LineKey>, u64>,
    mapping: u64,
}

impl Tables {
    /// Empty tables (the string table holds `""` at index 0, as the format requires) and one
    /// mapping, the simulated program `program`, that every location belongs to: symbolized,
    /// with file names, line numbers and inlined frames, so pprof looks for nothing else.
    pub(crate) fn new(program: &str) -> Tables {
        let mut tables = Tables {
            profile: Profile::default(),
            strings: BTreeMap::new(),
            functions: BTreeMap::new(),
            locations: BTreeMap::new(),
            mapping: 1,
        };
        tables.string("");
        let filename = tables.string(program);
        tables.profile.mapping.push(Mapping {
            id: tables.mapping,
            filename,
            has_functions: true,
            has_filenames: true,
            has_line_numbers: true,
            has_inline_frames: true,
            ..Mapping::default()
        });
        tables
    }

    /// The index of `s` in the string table, added at the end if new.
    pub(crate) fn string(&mut self, s: &str) -> i64 {
        if let Some(&index) = self.strings.get(s) {
            return index;
        }
        let index = self.profile.string_table.len() as i64;
        self.profile.string_table.push(s.to_owned());
        self.strings.insert(s.to_owned(), index);
        index
    }

    /// The id of the function `name` in `file`, declared at `start_line`; added if new.
    pub(crate) fn function(&mut self, name: &str, file: &str, start_line: i64) -> u64 {
        let key = (name.to_owned(), file.to_owned());
        if let Some(&id) = self.functions.get(&key) {
            return id;
        }
        let id = self.profile.function.len() as u64 + 1;
        let (name, filename) = (self.string(name), self.string(file));
        self.profile.function.push(Function { id, name, system_name: name, filename, start_line });
        self.functions.insert(key, id);
        id
    }

    /// The id of the location whose lines are `lines` (innermost inlined frame first); added
    /// if new.
    pub(crate) fn location(&mut self, lines: &[LineKey]) -> u64 {
        if let Some(&id) = self.locations.get(lines) {
            return id;
        }
        let id = self.profile.location.len() as u64 + 1;
        let line =
            lines.iter().map(|&(function_id, line, column)| Line { function_id, line, column }).collect();
        self.profile.location.push(Location { id, mapping_id: self.mapping, line, ..Location::default() });
        self.locations.insert(lines.to_vec(), id);
        id
    }

    /// The profile, for its samples and header fields to be filled in.
    pub(crate) fn profile(&mut self) -> &mut Profile {
        &mut self.profile
    }

    /// The finished profile.
    pub(crate) fn finish(self) -> Profile {
        self.profile
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_string_table_starts_with_the_empty_string_and_holds_each_string_once() {
        let mut t = Tables::new("program");
        assert_eq!((t.string(""), t.string("program"), t.string("a"), t.string("a")), (0, 1, 2, 2));
        assert_eq!(t.finish().string_table, ["", "program", "a"]);
    }

    #[test]
    fn functions_and_locations_are_numbered_from_one_in_order_of_first_use() {
        let mut t = Tables::new("program");
        let f = t.function("time.NewTimer", "time/sleep.go", 86);
        let g = t.function("main.loop", "main.go", 10);
        assert_eq!((f, g, t.function("time.NewTimer", "time/sleep.go", 86)), (1, 2, 1));
        let leaf = t.location(&[(f, 88, 0)]);
        let caller = t.location(&[(g, 12, 3)]);
        assert_eq!((leaf, caller, t.location(&[(f, 88, 0)])), (1, 2, 1));
        let p = t.finish();
        assert_eq!(p.location[1].line, [Line { function_id: g, line: 12, column: 3 }]);
        assert!(p.location.iter().all(|l| l.mapping_id == p.mapping[0].id));
    }
}
