// An incremental near-duplicate index: documents arrive in batches (a day's scrape), each
// is compared with every document stored before (history) and with the earlier ones of its
// batch. Every document is stored (signature, id, cluster id), duplicates as members of
// their kept copy's cluster. Boilerplate statistics (LineStats) live in the index too, so a
// site's chrome learned from earlier batches is stripped from later ones.
//
// Matching is "best member wins": a new document joins the cluster of the stored document
// (kept copy or member) it resembles most (estimated Jaccard >= threshold; ties: the
// earliest stored), its duplicate_of being that cluster's kept copy; otherwise it starts a
// cluster of its own. Storing members makes the clusters grow like the batch union-find of
// warta::dedup does along chains of copies (a copy that resembles an earlier copy but not
// the first one still joins), while each decision stays final. Since a batch is processed
// in order against the same tables that hold history, adding documents one batch at a time
// or all at once gives the same result (as long as no boilerplate and no spelling is
// learned in between; see DedupIndex::add_batch).
//
// Memory per stored document: num_perm * 4 bytes of signature, bands * 4 bytes of chain
// links plus about bands * 4..8 bytes of bucket heads, 8 bytes of cluster id, 1 byte of
// state, its id bytes + 8 bytes of offset, 24 to 48 bytes in the id table, and 16 bytes per
// cluster for its kept copy; plus the word counts (IndexParams::max_words).
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "warta/band_tables.hpp"
#include "warta/boilerplate.hpp"
#include "warta/dedup.hpp"
#include "warta/flat_map.hpp"
#include "warta/id_table.hpp"
#include "warta/lsh.hpp"
#include "warta/minhash.hpp"
#include "warta/parallel.hpp"
#include "warta/signature_store.hpp"
#include "warta/spelling_map.hpp"
#include "warta/word_counts.hpp"

namespace warta {

struct IndexState;  // cpp/src/index_state.hpp

struct IndexParams {
  double threshold = 0.8;
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
  uint64_t max_lines = 1000000;     // LineStats entries kept before rare lines are forgotten (~72 B each)
  // WordCounts entries kept (~60 B each, plus ~48 B per slip in the spelling map) before the
  // rarest words are forgotten: one-document words first, down to 3/4 of the cap.
  uint64_t max_words = 1000000;

  // Throws std::invalid_argument naming the first bad field (num_perm bounds `bands`).
  void validate(size_t num_perm) const;
};

struct IndexMatch {
  int64_t slot = -1;  // -1: no stored document at or above the threshold
  double similarity = 0.0;
};

struct BatchOutcome {
  std::vector<int64_t> slot;          // the document's own slot (every document is stored)
  std::vector<int64_t> duplicate_of;  // slot of its cluster's kept copy, -1 when kept
  std::vector<uint8_t> in_history;    // the kept copy came from an earlier batch
  std::vector<double> similarity;     // estimated Jaccard with the best-matching member (0 when kept)
  std::vector<int64_t> cluster_id;
  std::vector<uint8_t> empty;
  std::vector<uint32_t> stripped;     // boilerplate lines removed per document
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
  DedupIndex(IndexParams params, MinHasher hasher);
  DedupIndex(const DedupIndex&) = delete;  // hundreds of MB: copy explicitly by save/load
  DedupIndex& operator=(const DedupIndex&) = delete;
  DedupIndex(DedupIndex&&) = default;
  DedupIndex& operator=(DedupIndex&&) = default;

  // Ids are opaque bytes, unique among stored documents and within the batch (checked
  // first; std::invalid_argument names the offender and leaves the index unchanged).
  // Heavy work (signatures, history lookups) runs in parallel; an interrupt before the
  // commit leaves the index unchanged.
  // With Keep::Longest, a story first seen in this batch is represented by its longest copy
  // of the batch (UTF-8 bytes; ties: the earliest): that copy becomes the kept copy and the
  // others, the first one included, its duplicates. A story kept in an earlier batch stays.
  BatchOutcome add_batch(const std::vector<std::string_view>& texts, const std::vector<std::string_view>& ids,
                         int n_jobs, const InterruptCheck& interrupted = {}, Keep keep = Keep::First);

  // Every cluster with a stored member at or above the threshold, most similar first: the
  // slot of the cluster's kept copy and the similarity of its best-matching member.
  std::vector<std::vector<IndexMatch>> query(const std::vector<std::string_view>& texts, int n_jobs,
                                             const InterruptCheck& interrupted = {}) const;

  // Removes stored documents by id; throws std::out_of_range naming the first unknown id
  // (nothing is removed then). Returns how many were removed. Removing a cluster's kept copy
  // makes its earliest remaining member (lowest slot: first added) the kept copy; the
  // cluster id stays.
  size_t remove(const std::vector<std::string_view>& ids);

  // Rebuilds the storage without removed documents (also done by add_batch when over half is dead).
  void compact();

  size_t size() const { return live_; }
  size_t slots() const { return cluster_.size(); }
  bool live(size_t slot) const { return !(state_[slot] & kDead); }
  bool empty_doc(size_t slot) const { return state_[slot] & kEmptyDoc; }
  // A duplicate stored as a member of its cluster (not the kept copy).
  bool member(size_t slot) const { return state_[slot] & kMember; }
  // The slot of the kept copy of `cluster`, -1 when the cluster has no stored document.
  int64_t kept_slot(uint64_t cluster) const;
  std::string_view id(size_t slot) const { return ids_.id(static_cast<uint32_t>(slot)); }
  int64_t find(std::string_view id) const;
  uint64_t cluster_of(size_t slot) const { return cluster_[slot]; }
  uint64_t text_hash(size_t slot) const { return text_hash_[slot]; }
  const uint32_t* signature(size_t slot) const { return sigs_[slot]; }
  const IndexParams& params() const { return params_; }
  const MinHasher& hasher() const { return hasher_; }
  uint64_t next_cluster() const { return next_cluster_; }
  uint64_t documents_added() const { return added_; }
  const LineStats& line_stats() const { return stats_; }
  const std::unordered_set<uint64_t>& boilerplate() const { return boilerplate_; }
  const WordCounts& word_counts() const { return words_; }
  const SpellingMap* spelling() const { return spelling_.get(); }
  size_t memory_bytes() const;

 private:
  friend class IndexStore;  // saves the raw state and loads it (restore)
  // Rebuilds the tables from the raw state (a loaded file, or compaction).
  void restore(IndexState state, LineStats stats, std::unordered_set<uint64_t> boilerplate, WordCounts words,
               SpellingMap spelling);

  enum : uint8_t { kLive = 0, kEmptyDoc = 1, kDead = 2, kMember = 4 };
  struct Kept {  // a cluster and the slot of its kept copy; sorted by cluster
    uint64_t cluster;
    uint32_t slot;
  };
  // Each line of a batch and its LineStats entry before the batch (none: new line).
  using LineSnapshot = std::unordered_map<uint64_t, std::optional<LineStats::Entry>>;

  void check_new_ids(const std::vector<std::string_view>& ids) const;
  // Stored documents at or above the threshold among slots >= min_slot, in slot order.
  // A document with chrome stripped is also compared by its unstripped signature `full`
  // (else nullptr): stored signatures keep the chrome known when they were stored, so an
  // exact re-scrape of a document stored before its site's chrome was learned still matches.
  std::vector<IndexMatch> matches(const uint32_t* sig, const uint32_t* full, size_t min_slot) const;
  IndexMatch best_match(const uint32_t* sig, const uint32_t* full, size_t min_slot) const;
  const uint32_t* full_signature(const std::vector<uint32_t>& full, const std::vector<uint32_t>& stripped,
                                 size_t i) const;
  const uint32_t* sample_signature(uint32_t doc, const SignedDocs* batch) const;
  LineSnapshot count_lines(const SignedDocs& docs);
  void restore_lines(const LineSnapshot& snapshot);
  void name_batch_samples(const LineSnapshot& snapshot, const BatchOutcome& outcome);
  void forget_rare_lines();
  // The spelling for a batch whose words are counted in `batch`: learned from history and
  // batch together, except that a word seen before keeps the reading it had then.
  std::shared_ptr<const SpellingMap> spelling_for(const WordCounts& batch) const;
  // Keeps at most params_.max_words word counts (and the readings of those words only).
  void forget_rare_words();
  void refresh_boilerplate();
  // Stores a document: as a member of `cluster`, or (-1) as the kept copy of a new cluster.
  uint32_t store(const uint32_t* sig, std::string_view id, bool empty, int64_t cluster, uint64_t text_hash);
  // The live stored document whose text is byte-identical (text hash `hash`), or -1.
  int64_t identical(uint64_t hash) const;
  void set_kept(uint64_t cluster, uint32_t slot);  // slot kNoSlot: the cluster is gone
  void rebuild_kept();
  // The better of two matches: higher similarity, ties to the earlier slot.
  static const IndexMatch& better(const IndexMatch& a, const IndexMatch& b);
  // Makes the longest copy of each cluster started in this batch (ids >= first_cluster) its kept copy.
  void keep_longest(uint64_t first_cluster, const SignedDocs& docs, BatchOutcome& out);

  IndexParams params_;
  MinHasher hasher_;
  Normalizer normalizer_;
  Shingler shingler_;
  SignatureStore sigs_;
  BandTables bands_;
  IdTable ids_;
  std::vector<uint64_t> cluster_;  // per slot
  // Per slot, the XXH3-64 of the text's bytes (0: unknown or empty), and the first live slot
  // of each: a re-scrape joins its original whatever chrome or spelling was learned since.
  std::vector<uint64_t> text_hash_;
  FlatMap<uint32_t> text_slot_;
  std::vector<uint8_t> state_;     // per slot: kEmptyDoc, kDead, kMember bits
  std::vector<Kept> kept_;         // per cluster ever created and not compacted away
  size_t live_ = 0;
  uint64_t next_cluster_ = 0;
  uint64_t added_ = 0;             // documents ever passed to add_batch (default ids)
  LineStats stats_;
  std::unordered_set<uint64_t> boilerplate_;
  WordCounts words_;                              // document frequencies of every word seen
  std::shared_ptr<const SpellingMap> spelling_;   // the readings used so far (null: none)
  std::vector<uint32_t> empty_signature_;
};

}  // namespace warta
