//! The messages of pprof's profile format, `perftools.profiles` in google/pprof's
//! `proto/profile.proto` (Apache-2.0), declared for prost: every message, field name, type and
//! field number as upstream has them, so prost encodes and decodes exactly that format.
//! Strings are indices into [`Profile::string_table`], whose entry 0 is always `""`.

/// A whole profile: what was measured ([`Profile::sample_type`]), the samples, and the
/// tables their stacks refer to.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Profile {
    /// What each [`Sample::value`] measures, in order.
    #[prost(message, repeated, tag = "1")]
    pub sample_type: Vec<ValueType>,
    /// The samples.
    #[prost(message, repeated, tag = "2")]
    pub sample: Vec<Sample>,
    /// The binaries the locations belong to; `mapping[0]` is the main one.
    #[prost(message, repeated, tag = "3")]
    pub mapping: Vec<Mapping>,
    /// The locations the samples' stacks refer to.
    #[prost(message, repeated, tag = "4")]
    pub location: Vec<Location>,
    /// The functions the locations' lines refer to.
    #[prost(message, repeated, tag = "5")]
    pub function: Vec<Function>,
    /// Every string of the profile; entry 0 is `""`.
    #[prost(string, repeated, tag = "6")]
    pub string_table: Vec<String>,
    /// A regexp (string index) of function names to drop from stacks, with their callees.
    #[prost(int64, tag = "7")]
    pub drop_frames: i64,
    /// A regexp (string index) of function names kept even if `drop_frames` matches.
    #[prost(int64, tag = "8")]
    pub keep_frames: i64,
    /// When the profile was collected, nanoseconds since the Unix epoch (0: not given).
    #[prost(int64, tag = "9")]
    pub time_nanos: i64,
    /// How long the profile covers, nanoseconds (0: not given).
    #[prost(int64, tag = "10")]
    pub duration_nanos: i64,
    /// What is counted between two sampled events.
    #[prost(message, optional, tag = "11")]
    pub period_type: Option<ValueType>,
    /// How many of `period_type` lie between two sampled events.
    #[prost(int64, tag = "12")]
    pub period: i64,
    /// Free-form text for people (string indices); pprof prints it in its headers.
    #[prost(int64, repeated, tag = "13")]
    pub comment: Vec<i64>,
    /// The sample type (string index) to show by default (0: the last one).
    #[prost(int64, tag = "14")]
    pub default_sample_type: i64,
}

/// A measured quantity and its unit, e.g. `inuse_space` in `bytes`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ValueType {
    /// The quantity (string index).
    #[prost(int64, tag = "1")]
    pub r#type: i64,
    /// Its unit (string index).
    #[prost(int64, tag = "2")]
    pub unit: i64,
}

/// The values measured at one stack.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Sample {
    /// The stack as [`Location::id`]s, the leaf (the allocating frame) first.
    #[prost(uint64, repeated, tag = "1")]
    pub location_id: Vec<u64>,
    /// One value per [`Profile::sample_type`].
    #[prost(int64, repeated, tag = "2")]
    pub value: Vec<i64>,
    /// Extra context, e.g. a heap profile's object size.
    #[prost(message, repeated, tag = "3")]
    pub label: Vec<Label>,
}

/// A key with a string or a numeric value.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Label {
    /// The key (string index).
    #[prost(int64, tag = "1")]
    pub key: i64,
    /// A string value (string index), or 0.
    #[prost(int64, tag = "2")]
    pub str: i64,
    /// A numeric value.
    #[prost(int64, tag = "3")]
    pub num: i64,
    /// The unit of `num` (string index), or 0 to let the reader guess from the key.
    #[prost(int64, tag = "4")]
    pub num_unit: i64,
}

/// A binary mapped into the profiled process, and how much symbol information it came with.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Mapping {
    /// Unique, nonzero.
    #[prost(uint64, tag = "1")]
    pub id: u64,
    /// The first address of the mapping.
    #[prost(uint64, tag = "2")]
    pub memory_start: u64,
    /// The address past its end.
    #[prost(uint64, tag = "3")]
    pub memory_limit: u64,
    /// The offset in the file of `memory_start`.
    #[prost(uint64, tag = "4")]
    pub file_offset: u64,
    /// The file (string index).
    #[prost(int64, tag = "5")]
    pub filename: i64,
    /// A build id (string index).
    #[prost(int64, tag = "6")]
    pub build_id: i64,
    /// Its locations name their functions.
    #[prost(bool, tag = "7")]
    pub has_functions: bool,
    /// Its functions name their files.
    #[prost(bool, tag = "8")]
    pub has_filenames: bool,
    /// Its lines carry line numbers.
    #[prost(bool, tag = "9")]
    pub has_line_numbers: bool,
    /// Its locations list inlined frames.
    #[prost(bool, tag = "10")]
    pub has_inline_frames: bool,
}

/// One program counter of a stack: the function and line it is in, and the functions inlined
/// there.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Location {
    /// Unique, nonzero.
    #[prost(uint64, tag = "1")]
    pub id: u64,
    /// The [`Mapping::id`] it belongs to (0: none).
    #[prost(uint64, tag = "2")]
    pub mapping_id: u64,
    /// The instruction address (0: none).
    #[prost(uint64, tag = "3")]
    pub address: u64,
    /// The innermost inlined frame first; the last is the function the code was compiled in.
    #[prost(message, repeated, tag = "4")]
    pub line: Vec<Line>,
    /// Several symbols share this address.
    #[prost(bool, tag = "5")]
    pub is_folded: bool,
}

/// A line of source in a function.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Line {
    /// The [`Function::id`].
    #[prost(uint64, tag = "1")]
    pub function_id: u64,
    /// 1-based line.
    #[prost(int64, tag = "2")]
    pub line: i64,
    /// 1-based column (0: not given).
    #[prost(int64, tag = "3")]
    pub column: i64,
}

/// A function: its names, its file and where it starts.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Function {
    /// Unique, nonzero.
    #[prost(uint64, tag = "1")]
    pub id: u64,
    /// The name people read (string index), e.g. `time.NewTimer`.
    #[prost(int64, tag = "2")]
    pub name: i64,
    /// The name the system knows it by (string index).
    #[prost(int64, tag = "3")]
    pub system_name: i64,
    /// The source file (string index).
    #[prost(int64, tag = "4")]
    pub filename: i64,
    /// The line its declaration starts on.
    #[prost(int64, tag = "5")]
    pub start_line: i64,
}
