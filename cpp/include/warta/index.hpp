// An incremental near-duplicate index that lives for months: documents arrive in batches
// (a day's scrape), each is compared with every live document stored before (history) and
// with the earlier ones of its batch. Every document is stored (signature, id, cluster id,
// date, keep rank, provenance), duplicates as members of their cluster. Boilerplate
// statistics (LineStats) and word counts live in the index too, so a site's chrome and the
// common spellings learned from earlier batches apply to later ones.
//
// Matching is union-find over verified pairs, one document at a time: a new document that
// matches (similarity >= threshold by the index's measure) stored documents of one cluster
// joins it; one that matches documents of several clusters merges them, and the oldest
// cluster id (the lowest) survives, so an id handed out once only ever disappears into an
// older one. Each document's provenance is the stored document it resembles most (ties: the
// earliest stored). Since a batch is processed in order against the same tables that hold
// history, adding documents one batch at a time or all at once gives the same clusters (as
// long as no boilerplate and no spelling is learned in between; see DedupIndex::add_batch),
// and those are the connected components warta::dedup finds on the same candidates.
//
// The kept copy of a cluster is its document of lowest rank (the keep rule: first seen,
// longest, earliest dated, a source priority or a caller's key), ties to the copy kept
// already: a better copy arriving later takes over, and the outcome says so.
//
// Dates (nanoseconds since the epoch, or none) bound a window: with IndexParams::window,
// documents dated more than `window` before the newest date seen expire (removed, as by
// remove()); undated documents never expire by date.
//
// Memory per stored document: num_perm * 2 bytes of signature (the low 16 bits of each value,
// see signature_store.hpp), bands * 4 bytes of LSH chain links plus bands * 1..2 of bucket
// heads, 4 bytes of cluster id, 1 of state, 8 of date, 4 of rank, 12 of provenance only if
// it matched a stored document (provenance.hpp), 8 of text hash plus 4..6 of its chains,
// its id bytes plus 4 of offset and 4..6 of chains (id_table.hpp), and 8 per cluster for its
// kept copy; with measure Story also 4 bytes of shingle count, 4 of offset and 4 per distinct
// number; plus the word counts (IndexParams::max_words) and line statistics
// (IndexParams::max_lines, 12 to 48 bytes a line). The arrays grow by an eighth (growth.hpp).
#pragma once

#include <algorithm>
#include <limits>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "warta/band_tables.hpp"
#include "warta/boilerplate.hpp"
#include "warta/dedup.hpp"
#include "warta/flat_map.hpp"
#include "warta/id_table.hpp"
#include "warta/key_chains.hpp"
#include "warta/lsh.hpp"
#include "warta/minhash.hpp"
#include "warta/parallel.hpp"
#include "warta/provenance.hpp"
#include "warta/signature_store.hpp"
#include "warta/spelling_map.hpp"
#include "warta/word_counts.hpp"

namespace warta {

struct IndexState;  // cpp/src/index_state.hpp

// A date no document has: an undated document (never expires by date, ranks last by Earliest).
constexpr int64_t kUndated = std::numeric_limits<int64_t>::min();

struct IndexParams {
  double threshold = 0.8;
  // What counts as a match, as for warta::dedup (see Measure): with Story the index keeps
  // each document's shingle count and distinct numbers. The index decides on estimates
  // alone (it keeps no text to re-read), i.e. like DedupOptions::refine_sigmas = 0.
  Measure measure = Measure::Jaccard;
  double min_jaccard = 0.35;
  double number_agreement = 0.8;
  uint32_t ngram = 5;
  bool strip_boilerplate = true;
  // Read one-off slips as the common spelling (see spelling.hpp) when signing. The index
  // keeps the word document frequencies of everything it has seen (history + the new
  // batch), so a slip is read against the whole history; queries use the same spelling.
  // A stored signature depends on what was seen before it, so day-by-day batches can
  // differ from one big batch (a slip may only be recognised once its word is common).
  bool correct_typos = true;
  BandParams bands;                 // resolved by the constructor when {0, 0} ...
  double fp_weight = 0.05;          // ... from these weights, as DedupOptions does (not saved:
  double fn_weight = 0.95;          // a saved index holds its resolved bands)
  BoilerplateOptions boilerplate;
  uint32_t max_bucket = 1024;       // chain entries walked per band and query (see BandTables)
  uint64_t max_lines = 1000000;     // LineStats lines kept before rare lines are forgotten (12-48 B each)
  // WordCounts entries kept (~60 B each, plus ~48 B per slip in the spelling map) before the
  // rarest words are forgotten: one-document words first, down to 3/4 of the cap.
  uint64_t max_words = 1000000;
  // Nanoseconds; 0: no window. After each batch, documents dated more than `window` before
  // the newest date stored expire.
  int64_t window = 0;

  // Throws std::invalid_argument naming the first bad field (num_perm bounds `bands`).
  void validate(size_t num_perm) const;
};

// How a cluster's kept copy is chosen: each document gets a rank, the lowest is kept (ties:
// the copy kept already). First: every rank 0, so the first copy stays. Longest: minus the
// UTF-8 length. Earliest: the date (undated: last). Rank: the caller's ranks.
enum class KeepRule : uint8_t { First = 0, Longest = 1, Earliest = 2, Rank = 3 };

// What add_batch takes besides texts and ids; empty vectors mean "none given".
struct BatchInput {
  std::vector<int64_t> dates;  // per text, nanoseconds since the epoch or kUndated
  KeepRule keep = KeepRule::First;
  std::vector<double> ranks;   // per text, with KeepRule::Rank (lowest kept; NaN not allowed)
};

struct IndexMatch {
  int64_t slot = -1;  // -1: no stored document at or above the threshold
  double similarity = 0.0;
};

// A change to a cluster that existed before the event (the history of a document).
struct IndexEvent {
  enum Kind : uint8_t { Merged = 0, KeptChanged = 1 };
  uint32_t batch = 0;  // the add_batch that caused it (counting from 1)
  Kind kind = Merged;
  uint64_t cluster = 0;  // the surviving cluster
  uint64_t other = 0;    // Merged: the absorbed cluster
  uint32_t slot = 0;     // Merged: the document that bridged them; KeptChanged: the new kept copy
  uint32_t previous = 0; // KeptChanged: the copy kept before (kNoSlot: removed since)
};

struct BatchOutcome {
  std::vector<int64_t> slot;          // the document's own slot (every document is stored)
  std::vector<int64_t> duplicate_of;  // slot of its cluster's kept copy after the batch, -1 when kept
  std::vector<uint8_t> in_history;    // its cluster existed before the batch
  std::vector<double> similarity;     // with the stored document it matched best (0 when it matched none)
  std::vector<int64_t> matched;       // that document's slot, -1 when none
  std::vector<int64_t> cluster_id;    // after the batch (merges applied)
  std::vector<int64_t> replaced;      // the kept copy of an earlier batch this one displaced, -1 when none
  std::vector<uint8_t> empty;
  std::vector<uint32_t> stripped;     // boilerplate lines removed per document
  std::vector<IndexEvent> events;     // merges and kept copies changed, in order
  size_t expired = 0;                 // documents the window expired after the batch
};

// An id given to add_batch that is already stored, or that repeats an earlier id of the batch.
struct DuplicateId : std::invalid_argument {
  DuplicateId(size_t at, bool in_batch, size_t first_at = 0)
      : std::invalid_argument("ids[" + std::to_string(at) + "] " +
                              (in_batch ? "repeats ids[" + std::to_string(first_at) + "]" : "is already in the index")),
        index(at), within_batch(in_batch), first(first_at) {}
  size_t index;
  bool within_batch;
  size_t first;
};

// An id given to remove() that is not stored.
struct UnknownId : std::out_of_range {
  explicit UnknownId(size_t at) : std::out_of_range("ids[" + std::to_string(at) + "] is not in the index"), index(at) {}
  size_t index;
};

class DedupIndex {
 public:
  static constexpr uint32_t kNoSlot = 0xFFFFFFFFu;
  // What the files of the last save or load hold (IndexStore writes only what changed since).
  struct SavedMark {
    std::string path;            // empty: nothing saved yet, or an old single file
    uint64_t generation = 0;     // the manifest's
    uint64_t lineage = 0;        // the manifest's random tag
    uint64_t layout = 0;         // layout_ when saved; another value: slots were renumbered since
    size_t slots = 0;            // slots [0, slots) are in the segments
    size_t events = 0;           // events_[0, events) are in the segments
    std::vector<uint8_t> state;  // state_ of those slots as saved
    struct Segment {
      uint64_t generation, size, hash;
    };
    std::vector<Segment> segments;
  };


  DedupIndex(IndexParams params, MinHasher hasher);
  DedupIndex(const DedupIndex&) = delete;  // hundreds of MB: copy explicitly by save/load
  DedupIndex& operator=(const DedupIndex&) = delete;
  DedupIndex(DedupIndex&&) = default;
  DedupIndex& operator=(DedupIndex&&) = default;

  // Ids are opaque bytes, unique among stored documents and within the batch (checked
  // first; std::invalid_argument names the offender and leaves the index unchanged), as are
  // the lengths of `input`'s vectors. Heavy work (signatures, history lookups) runs in
  // parallel; an interrupt before the commit leaves the index unchanged.
  BatchOutcome add_batch(const std::vector<std::string_view>& texts, const std::vector<std::string_view>& ids,
                         int n_jobs, const InterruptCheck& interrupted = {}, const BatchInput& input = {});

  // Every cluster with a stored member at or above the threshold, most similar first: the
  // slot of the cluster's kept copy and the similarity of its best-matching member.
  std::vector<std::vector<IndexMatch>> query(const std::vector<std::string_view>& texts, int n_jobs,
                                             const InterruptCheck& interrupted = {}) const;

  // Removes stored documents by id; throws std::out_of_range naming the first unknown id
  // (nothing is removed then). Returns how many were removed. Removing a cluster's kept copy
  // makes its remaining member of lowest rank (ties: first added) the kept copy; the
  // cluster id stays.
  size_t remove(const std::vector<std::string_view>& ids);
  // Removes the documents dated before `before` (ns since the epoch); undated ones stay.
  size_t expire(int64_t before);

  // Rebuilds the storage without removed documents (also done by add_batch, remove and
  // expire once an eighth of the slots is dead). Slots are renumbered.
  void compact();

  size_t size() const { return live_; }
  size_t slots() const { return cluster_.size(); }
  bool live(size_t slot) const { return !(state_[slot] & kDead); }
  bool empty_doc(size_t slot) const { return state_[slot] & kEmptyDoc; }
  // A duplicate stored as a member of its cluster (not the kept copy).
  bool member(size_t slot) const { return state_[slot] & kMember; }
  // The slot of the kept copy of `cluster` (or of the cluster it was merged into), -1 when
  // the cluster has no stored document.
  int64_t kept_slot(uint64_t cluster) const;
  std::string_view id(size_t slot) const { return ids_.id(static_cast<uint32_t>(slot)); }
  int64_t find(std::string_view id) const;
  // The document's cluster now (merges applied), and the one it joined when stored.
  uint64_t cluster_of(size_t slot) const { return root(cluster_[slot]); }
  uint64_t stored_cluster(size_t slot) const { return cluster_[slot]; }
  // The cluster `cluster` was merged into (itself when it was not).
  uint64_t root(uint64_t cluster) const;
  uint64_t text_hash(size_t slot) const { return text_hash_[slot]; }
  int64_t date(size_t slot) const { return date_[slot]; }
  float rank(size_t slot) const { return rank_[slot]; }
  uint32_t batch(size_t slot) const { return provenance_.batch(static_cast<uint32_t>(slot)); }
  // kNoSlot: none (or removed since)
  uint32_t matched(size_t slot) const { return provenance_.matched(static_cast<uint32_t>(slot)); }
  float matched_similarity(size_t slot) const { return provenance_.similarity(static_cast<uint32_t>(slot)); }
  uint32_t shingle_count(size_t slot) const { return shingles_.empty() ? 0 : shingles_[slot]; }
  // Sorted distinct number hashes (measure Story; 32 bits of each), as a [begin, end) range.
  std::pair<const uint32_t*, const uint32_t*> numbers(size_t slot) const;
  const StoredValue* signature(size_t slot) const { return sigs_[slot]; }
  const IndexParams& params() const { return params_; }
  const MinHasher& hasher() const { return hasher_; }
  uint64_t next_cluster() const { return next_cluster_; }
  uint64_t documents_added() const { return added_; }
  uint32_t batches() const { return batches_; }
  int64_t newest_date() const { return newest_; }
  size_t clusters() const;  // live clusters
  const std::vector<IndexEvent>& events() const { return events_; }
  const FlatMap<uint64_t>& merged() const { return parent_; }
  // The events that concern the document in `slot`: merges along its cluster's line and
  // changes of kept copy it took part in, from the batch it came in on.
  std::vector<IndexEvent> history(size_t slot) const;
  const LineStats& line_stats() const { return stats_; }
  const std::unordered_set<uint64_t>& boilerplate() const { return boilerplate_; }
  const WordCounts& word_counts() const { return words_; }
  const SpellingMap* spelling() const { return spelling_.get(); }
  size_t memory_bytes() const;  // the sum of memory_parts()
  // Bytes held, by what they hold (signatures, LSH bands, ids, ...).
  std::vector<std::pair<std::string, size_t>> memory_parts() const;
  // Bumped by compaction (slots renumbered): a saved copy's slot numbers are stale then.
  uint64_t layout() const { return layout_; }

 private:
  friend class IndexStore;  // saves the raw state and loads it (restore)
  // Rebuilds the tables from the raw state (a loaded file, or compaction).
  void restore(IndexState&& state, LineStats stats, std::unordered_set<uint64_t> boilerplate, WordCounts words,
               SpellingMap spelling);

  enum : uint8_t { kLive = 0, kEmptyDoc = 1, kDead = 2, kMember = 4 };
  struct Kept {  // a cluster and the slot of its kept copy; sorted by cluster
    uint32_t cluster;  // cluster ids stay below 2^31 (kProvisional, index.cpp)
    uint32_t slot;
  };
  // What a new document is compared by: its signature, its unstripped signature when chrome
  // was stripped (else null: stored signatures keep the chrome known when they were stored,
  // so an exact re-scrape of a document stored before its site's chrome was learned still
  // matches), and for Story its shingle count and numbers.
  struct Probe {
    const StoredValue* sig = nullptr;
    const StoredValue* full = nullptr;
    uint32_t shingles = 0;
    const std::vector<uint32_t>* numbers = nullptr;
  };
  // The signatures of a batch in stored form: as signed (after stripping) and unstripped
  // (`full`, only when chrome was stripped from some document).
  struct BatchValues {
    std::vector<StoredValue> sig, full;
    std::vector<uint32_t> stripped;
    std::vector<std::vector<uint32_t>> numbers;  // Story: as numbers() keeps them
  };
  static std::vector<std::vector<uint32_t>> stored_numbers(const SignedDocs& docs);

  void check_new_ids(const std::vector<std::string_view>& ids) const;
  void check_input(const BatchInput& input, size_t n) const;
  // Live stored documents at or above the threshold among slots >= min_slot, in slot order.
  std::vector<IndexMatch> matches(const Probe& probe, size_t min_slot) const;
  double similarity(const Probe& probe, uint32_t slot) const;
  Probe probe_of(const SignedDocs& docs, const BatchValues& values, size_t i) const;
  // A LineStats document's signature: a stored kept copy, or (provisional) one of `batch`.
  const StoredValue* sample_signature(uint32_t doc, const std::vector<StoredValue>* batch) const;
  double sample_similarity(uint32_t a, uint32_t b, const std::vector<StoredValue>* batch) const;
  // stats_ with the batch's lines counted, its documents named provisionally.
  LineStats count_lines(const SignedDocs& docs) const;
  // Names the batch's documents in `counted` by their clusters and makes it stats_.
  void commit_lines(LineStats counted, const BatchOutcome& outcome);
  void forget_rare_lines();
  // The spelling for a batch whose words are counted in `batch`: learned from history and
  // batch together, except that a word seen before keeps the reading it had then.
  std::shared_ptr<const SpellingMap> spelling_for(const WordCounts& batch) const;
  // Keeps at most params_.max_words word counts (and the readings of those words only).
  void forget_rare_words();
  void refresh_boilerplate();
  std::vector<double> ranks_for(const BatchInput& input, const SignedDocs& docs) const;
  // Room for `docs` more documents holding `numbers` numbers in the per-slot arrays (grown
  // by an eighth, see growth.hpp), before a batch is stored.
  void make_room(size_t docs, size_t numbers);
  // Stores a document as a member of `cluster`, or (-1) as the kept copy of a new cluster.
  uint32_t store(const StoredValue* sig, std::string_view id, bool empty, int64_t cluster, uint64_t text_hash);
  // Merges the clusters `roots` (roots, distinct) into the lowest; returns it.
  uint64_t merge(std::vector<uint64_t> roots, uint32_t bridge, BatchOutcome& out);
  // Makes `slot` the kept copy of its cluster when its rank is lower than the kept copy's.
  void offer_kept(uint32_t slot, BatchOutcome& out);
  // Whether `a` should be kept over `b` (both live): lower rank; ties to the lower slot.
  bool keeps_over(uint32_t a, uint32_t b) const;
  // The live stored document whose text is byte-identical (text hash `hash`), or -1.
  int64_t identical(uint64_t hash) const;
  void set_kept(uint64_t cluster, uint32_t slot);  // slot kNoSlot: the cluster is gone
  void rebuild_kept();
  void flatten_merges();
  void kill(uint32_t slot, std::vector<uint64_t>& orphaned);
  void rekeep(std::vector<uint64_t> orphaned);
  void compact_if_sparse();
  // The better of two matches: higher similarity, ties to the earlier slot.
  static const IndexMatch& better(const IndexMatch& a, const IndexMatch& b);

  IndexParams params_;
  MinHasher hasher_;
  Normalizer normalizer_;
  Shingler shingler_;
  SignatureStore sigs_;
  BandTables bands_;
  IdTable ids_;
  std::vector<uint32_t> cluster_;  // per slot: the cluster it joined (see root()); ids stay below 2^31
  // Per slot, the XXH3-64 of the text's bytes (0: unknown or empty), and the live slots of
  // each: a re-scrape joins its original whatever chrome or spelling was learned since.
  std::vector<uint64_t> text_hash_;
  KeyChains text_slots_;
  std::vector<uint8_t> state_;     // per slot: kEmptyDoc, kDead, kMember bits
  std::vector<int64_t> date_;      // per slot, kUndated when undated
  // Per slot: the keep rule's rank, as a float (exact for lengths and priorities; dates
  // within ~2 minutes of each other tie, which keeps the copy kept already).
  std::vector<float> rank_;
  // Per slot: the add_batch it came in (from 1; 0: before batches were counted), the
  // document it matched best when stored (kNoSlot: none) and their similarity.
  Provenance provenance_;
  std::vector<uint32_t> shingles_;        // per slot (Story only): distinct shingles signed
  std::vector<uint32_t> number_end_;      // per slot (Story only): end of its numbers in numbers_
  std::vector<uint32_t> numbers_;         // 32 bits of each number's word hash, sorted per document
  std::vector<Kept> kept_;         // per root cluster ever created and not compacted away
  FlatMap<uint64_t> parent_;       // merged cluster -> the cluster it was merged into (a root after each batch)
  std::vector<IndexEvent> events_;
  std::vector<std::pair<uint64_t, uint64_t>> merge_log_;  // (absorbed, into) since the last save
  SavedMark saved_;
  size_t live_ = 0;
  uint64_t next_cluster_ = 0;
  uint64_t added_ = 0;             // documents ever passed to add_batch (default ids)
  uint32_t batches_ = 0;
  int64_t newest_ = kUndated;
  uint64_t layout_ = 0;
  LineStats stats_;
  std::unordered_set<uint64_t> boilerplate_;
  WordCounts words_;                              // document frequencies of every word seen
  std::shared_ptr<const SpellingMap> spelling_;   // the readings used so far (null: none)
  std::vector<StoredValue> empty_signature_;
};

}  // namespace warta
