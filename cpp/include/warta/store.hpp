// IndexStore: the DedupIndex file formats and crash-safe saving.
//
// An index is saved as append-only segments (format "version 4", below); files of the
// single-file format (versions 1 to 3, described after it) still load, and the next save
// turns them into segments.
//
// Segmented: the file at the index's path is a small manifest naming the files that hold
// the index, all beside it: PATH.<generation>.seg (segments, in order) and
// PATH.<generation>.state (what the index learned). A save writes one new segment holding
// the documents added since the last save plus the changes to older ones (flags of removed,
// expired and re-kept documents, cluster merges, history events), and a new state file (line
// statistics and word counts, bounded by max_lines and max_words), fsyncs both, then
// switches the manifest atomically (AtomicFile). Until the switch the previous manifest and
// its files stand; files no manifest names are removed after it. A save starts over with one
// segment holding only live documents when the files are not the ones this index last saved
// or loaded, when slots were renumbered since (compaction), or beyond 64 segments.
//
//   manifest: 96-byte header, then 24 bytes per segment, then a 16-byte footer
//   0   8  magic "WARTAMAN"          8  4 u32 manifest version (1)   12 4 u32 segments S
//   16  8  u64 generation            24 8 u64 lineage (random, set by a full save)
//   32  1  u8 measure (0 jaccard, 1 story), 7 reserved
//   40  8  f64 min_jaccard           48 8 f64 number_agreement       56 8 i64 window (ns)
//   64  4  u32 batches, 4 reserved   72 8 i64 newest date (ns, INT64_MIN: none)
//   80  8  u64 generation of the state file                         88 8 u64 its size
//   S * (u64 segment generation, u64 file size, u64 XXH3-64 of its body)
//   footer: u64 XXH3-64 of the state file's body, u64 XXH3-64 of every byte before this one
//
//   state file: the single-file layout below with D = 0 (no documents, no id bytes).
//
//   segment: 96-byte header, body, footer (u64 XXH3-64 of the body, magic "WARTAEND")
//   0   8  magic "WARTASEG"   8 4 u32 version (2)   12 4 u32 num_perm
//   16  8  u64 first slot (documents in the segments before)   24 8 u64 D documents
//   32  8  u64 I id bytes     40 8 u64 N numbers    48 1 u8 story (1: counts and numbers held)
//   56  8  u64 F flag updates 64 8 u64 G merges     72 8 u64 E events
//   80  8  u64 generation     88 8 u64 XXH3-64 of bytes 0..87
//   body: D * num_perm * u16 signatures (the low 16 bits of each value: what the index keeps),
//   D * u64 cluster ids (as joined), D * u8 flags (1 empty, 2 member, 4 removed),
//   D * u64 text hashes, (D + 1) * u64 id offsets, I id bytes, D * i64 dates, D * f32 keep
//   ranks, D * u32 batches, D * u32 matched slots (0xFFFFFFFF: none), D * f32 their
//   similarities; with story: D * u32 shingle counts, D * u32 number ends (within the
//   segment), N * u32 numbers (32 bits of each number's word hash, sorted per document);
//   F * (u32 slot, u32 flags) for older slots;
//   G * (u64 absorbed cluster, u64 cluster it joined); E * 32-byte events (u32 batch, u8
//   kind, 3 zero, u64 cluster, u64 other, u32 slot, u32 previous slot).
//
// Single file, format version 4 (what a segmented index's state file holds, with D = 0;
// whole indexes were saved as versions 1 to 3 before segments). Its signatures are u32 (the
// index keeps their low 16 bits). Every number is little-endian with a fixed width, so a
// file written on one machine loads on any other. Version 3 differs only in its line
// statistics (48-byte records, eight sample slots each) and its 168-byte header (no S). Version 2 files (before text hashes) load with their
// documents' text hashes unknown: a re-scrape of one of them is matched by its signature
// only. Version 1 files (written before duplicates and word counts were stored) still load:
// their documents are all kept copies, their header is the first 128 bytes below followed
// by its checksum at 128, and they hold no word counts.
//
//   offset size  header (176 bytes)
//   0      8     magic "WARTAIDX"
//   8      4     u32 format version (4)
//   12     4     u32 header size (176)
//   16     8     f64 threshold
//   24     4     u32 num_perm
//   28     4     u32 ngram
//   32     8     u64 seed
//   40     1     u8  scheme (0 oph, 1 datasketch legacy, 2 affine32)
//   41     1     u8  strip_boilerplate
//   42     1     u8  correct_typos (added in 0.1 without a version change: older files hold 0)
//   43     1     reserved, zero
//   44     4     u32 LSH bands
//   48     4     u32 LSH rows
//   52     4     u32 boilerplate min_docs
//   56     8     f64 boilerplate story_similarity
//   64     4     u32 max_bucket
//   68     4     u32 signature revision (0 in files written before it existed: read as 1)
//   72     8     u64 max_lines
//   80     8     u64 D: documents stored
//   88     8     u64 next cluster id
//   96     8     u64 documents ever added
//   104    8     u64 I: bytes of all ids
//   112    8     u64 L: line statistics entries
//   120    8     u64 B: boilerplate lines
//   128    8     u64 max_words
//   136    8     u64 W: word counts
//   144    8     u64 T: bytes of all counted words
//   152    8     u64 M: spelling readings
//   160    8     u64 S: samples of all line statistics (version 4)
//   168    8     u64 XXH3-64 of bytes 0..167 (version 3: at 160, of bytes 0..159)
//
//   body, in this order
//   D * num_perm * u32   signatures (row-major)
//   D * u64              cluster ids (each cluster has exactly one document without flag 2)
//   D * u8               flags (1 = empty text, never matches; 2 = a duplicate, member of its cluster)
//   (D + 1) * u64        id offsets into the id bytes (0 first, I last, non-decreasing)
//   I bytes              ids (as given by the caller; warta prefixes a type tag)
//   L * 16 bytes         line statistics: u64 line hash, u32 documents, u32 samples used;
//                        sorted by line hash (version 3: 48 bytes, the 8 samples inline)
//   S * u32              (version 4) the records' sampled cluster ids, record after record
//   B * u64              boilerplate line hashes, sorted
//   W * 16 bytes         word counts: u64 word hash, u32 documents, u32 length; sorted by hash
//   T bytes              the words' normalized text, in the same order
//   M * 16 bytes         readings: u64 word hash, u64 hash of the word it is read as; sorted
//   D * u64              (version >= 3) XXH3-64 of each document's text bytes, 0 = unknown or empty
//
//   footer
//   8      u64 XXH3-64 of the body
//   8      magic "WARTAEND"
//
// Saving writes a temporary file in the target's directory, fsyncs it, renames it over the
// target and fsyncs the directory: a crash or a full disk at any point leaves either the
// old file or the new one, never a mix.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "warta/index.hpp"
#include "warta/minhash.hpp"

namespace warta {

// A file that is not a (complete, intact, supported) warta index.
struct IndexFormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr uint32_t kIndexFormatVersion = 4;      // the single-file layout's (segmented state files use it)
constexpr uint32_t kSegmentedFormatVersion = 4;  // what read_header reports for a segmented index
// What a stored signature means: bump it whenever the Normalizer, Shingler or MinHasher give
// other values for the same text, so an index signed the old way is rebuilt instead of
// silently matching nothing.
constexpr uint32_t kSignatureRevision = 3;  // 2: scraper joins start lines; 3: shingles stop at sentences

struct IndexHeader {
  uint32_t version = kIndexFormatVersion;
  uint32_t signature_revision = kSignatureRevision;
  uint32_t num_perm = 0;
  uint64_t seed = 0;
  Scheme scheme = Scheme::OnePermutation;
  IndexParams params;
  uint64_t documents = 0;
  uint64_t next_cluster = 0;
  uint64_t added = 0;
  uint64_t id_bytes = 0;
  uint64_t lines = 0;
  uint64_t boilerplate = 0;
  uint64_t words = 0;
  uint64_t word_bytes = 0;
  uint64_t readings = 0;
  uint64_t segments = 0;  // segmented indexes
  uint64_t line_samples = 0;  // version 4: samples of all line statistics records
};

struct SaveOptions {
  // Test hook: fail with ENOSPC once this many bytes are written (0: never).
  uint64_t fail_after_bytes = 0;
  // Test hook: write this signature revision instead of kSignatureRevision (0: don't).
  uint32_t signature_revision = 0;
  // Test hook: write this format version (1: the old layout, without word counts; 0: current).
  uint32_t format_version = 0;
};

class IndexStore {
 public:
  // Appends a segment (see above); may compact the index first when a full save is due.
  // The test hooks format_version and signature_revision write a single file instead.
  static void save(DedupIndex& index, const std::string& path, const SaveOptions& options = {});
  // Compacts the index and rewrites it at `path` as one segment.
  static void compact_files(DedupIndex& index, const std::string& path);
  // Reads and checks the header only (cheap): what the file holds and was built with.
  static IndexHeader read_header(const std::string& path);
  // `hasher` must be the one the header describes (scheme, num_perm, seed).
  static DedupIndex load(const std::string& path, MinHasher hasher);
  // The files an index at `path` consists of (the manifest first).
  static std::vector<std::string> files(const std::string& path);

 private:
  static void save_single(const DedupIndex& index, const std::string& path, const SaveOptions& options);
  static IndexHeader read_single_header(const std::string& path);
  static DedupIndex load_single(const std::string& path, MinHasher hasher);
};

}  // namespace warta
