//! [`ProfileFile`]: a heap profile as `--pprof DIR` writes it — its file name, saying which run
//! and which moment, and its bytes, gzipped as the format requires on disk.

use std::io::Write as _;

use flate2::write::GzEncoder;
use flate2::Compression;
use prost::Message as _;
use timerlab_sim::RunReport;

use super::heap::{heap_profile, Moment};
use super::proto::Profile;

/// One heap profile file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileFile {
    /// `s1-leaky-async-seed7.peak.pb.gz`.
    pub name: String,
    /// The gzipped `profile.proto`.
    pub bytes: Vec<u8>,
}

impl ProfileFile {
    /// The heap profile of `report` at `moment`.
    pub fn new(report: &RunReport, moment: Moment) -> ProfileFile {
        ProfileFile { name: file_name(report, moment), bytes: gzip(&heap_profile(report, moment)) }
    }

    /// Both of a run's profiles, the peak's first.
    pub fn both(report: &RunReport) -> [ProfileFile; 2] {
        Moment::ALL.map(|moment| ProfileFile::new(report, moment))
    }
}

/// `scenario-variant-semantics-seedN.moment.pb.gz`: which run, which moment.
pub fn file_name(report: &RunReport, moment: Moment) -> String {
    format!(
        "{}-{}-{}-seed{}.{}.pb.gz",
        report.scenario,
        report.variant,
        report.semantics.name(),
        report.seed,
        moment.name()
    )
}

/// `profile` encoded and gzipped. The gzip header carries no file name and modification time
/// 0, so the bytes depend on the profile alone.
pub fn gzip(profile: &Profile) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    // Writing into memory cannot fail.
    gz.write_all(&profile.encode_to_vec()).expect("gzip into memory");
    gz.finish().expect("gzip into memory")
}
