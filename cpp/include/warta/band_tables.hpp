// The LSH bands of an incremental index (lsh.hpp holds the batch version: sorted band keys).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "warta/lsh.hpp"
#include "warta/signature_store.hpp"

namespace warta {

// LSH buckets without stored keys: per band, a power-of-two array of chain heads indexed by
// the band key, and per document one "next" link per band. A chain may mix documents whose
// keys only share the bucket, so a walk compares the band's signature rows themselves: an
// exact band match at no memory cost. Walks stop after `max_walk` entries, which bounds a
// query on a pathological bucket (thousands of stored documents sharing one band).
class BandTables {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  BandTables(BandParams params, size_t num_perm) : params_(params), num_perm_(num_perm) {}

  void insert(uint32_t slot, const SignatureStore& sigs);
  void erase(uint32_t slot, const SignatureStore& sigs);
  // Calls visit(slot) for each stored document from `min_slot` on sharing at least one band
  // with `sig` (a document may be visited once per band it shares, in no particular order),
  // at most `max_per_band` per band. Only real band matches count toward the cap, so the
  // result does not depend on the table's size (it differs between a grown and a freshly
  // loaded index). Chains run from the newest slot to the oldest, so a walk stops at the
  // first slot below `min_slot` (a batch's own documents are found without walking history
  // again), and what it visits is what a whole walk would visit from `min_slot` on.
  template <class Visit>
  void for_each_candidate(const StoredValue* sig, const SignatureStore& sigs, size_t max_per_band, uint32_t min_slot,
                          Visit&& visit) const {
    if (heads_.empty()) return;
    const size_t rows = static_cast<size_t>(params_.rows), bands = static_cast<size_t>(params_.bands);
    // The bands' chains are walked side by side, an entry of each per round: their reads (a
    // head, then per entry a link and the rows, all far apart in memory) overlap instead of
    // waiting one after another. Walk state: the next entry and the matches found, per band.
    thread_local std::vector<Walk> walk;
    walk.resize(bands);
    for (size_t band = 0; band < bands; ++band)
      walk[band] = {heads_[band * (mask_ + 1) + bucket(sig, static_cast<int>(band))], 0};
    for (bool more = true; more;) {
      more = false;
      for (size_t band = 0; band < bands; ++band) {
        Walk& w = walk[band];
        const uint32_t s = w.at;
        if (s == kNone || s < min_slot || w.found >= max_per_band) continue;
        if (same_rows(sig + band * rows, sigs[s] + band * rows, rows)) {
          ++w.found;
          visit(s);
        }
        w.at = next_[size_t{s} * bands + band];
        more = true;
      }
    }
  }
  // Drops every chain and links the slots with linked[slot] set, in slot order.
  void rebuild(const SignatureStore& sigs, const std::vector<uint8_t>& linked);
  size_t memory_bytes() const { return (heads_.capacity() + next_.capacity()) * sizeof(uint32_t); }

 private:
  // In a slot's first link: the slot is in no chain (slots stay below it: an index holds
  // 2^32 - 2 documents at most).
  static constexpr uint32_t kUnlinked = 0xFFFFFFFEu;
  static constexpr size_t kMaxLoad = 4;  // documents per head, at most
  struct Walk {  // a band's walk down its chain: the entry it is at, the matches found
    uint32_t at;
    size_t found;
  };
  size_t bucket(const StoredValue* sig, int band) const;
  // A loop the compiler inlines: std::equal calls memcmp, a call per chain entry for 2 rows.
  static bool same_rows(const StoredValue* a, const StoredValue* b, size_t rows) {
    for (size_t r = 0; r < rows; ++r)
      if (a[r] != b[r]) return false;
    return true;
  }
  void resize_heads(size_t docs);
  void link(uint32_t slot, const SignatureStore& sigs);
  size_t slots() const { return next_.size() / static_cast<size_t>(params_.bands); }
  bool linked(uint32_t slot) const { return slot < slots() && next_[size_t{slot} * params_.bands] != kUnlinked; }

  BandParams params_;
  size_t num_perm_;
  size_t mask_ = 0;
  size_t linked_count_ = 0;
  std::vector<uint32_t> heads_;  // bands * (mask_ + 1)
  std::vector<uint32_t> next_;   // slot * bands + band
};

}  // namespace warta
