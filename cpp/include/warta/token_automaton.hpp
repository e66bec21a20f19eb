// Exact phrase matching over word ids, leftmost-longest, so aliases match on word
// boundaries only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "warta/flat_map.hpp"
#include "warta/token_vocabulary.hpp"

namespace warta {

struct PatternMatch {
  uint32_t begin;    // first token of the match
  uint32_t end;      // one past the last token
  uint32_t pattern;  // as returned by TokenAutomaton::insert
};

// A trie over token ids. find() is leftmost-longest and non-overlapping: from each position
// it follows the trie as far as the words allow and keeps the longest complete pattern.
// Over words (not bytes) a walk ends at the first unknown word, so this is linear in
// practice; Aho-Corasick failure links would only help for overlapping matches, which
// leftmost-longest discards anyway. The root is a dense array (most words end their walk
// there); deeper edges live in one hash table keyed by (state, token).
class TokenAutomaton {
 public:
  static constexpr uint32_t kNoPattern = UINT32_MAX;
  // Id that separates phrases: never part of a pattern, so no match crosses it.
  static constexpr uint32_t kBarrier = UINT32_MAX;

  TokenAutomaton();
  // Adds a non-empty token sequence and returns its pattern number; a sequence added before
  // gets its old number.
  uint32_t insert(const uint32_t* ids, size_t n);
  void find(const uint32_t* ids, size_t n, std::vector<PatternMatch>& out) const;
  // The longest pattern starting at ids[i] (its end in `end`), or kNoPattern.
  uint32_t longest_at(const uint32_t* ids, size_t n, size_t i, size_t& end) const;
  size_t pattern_count() const { return patterns_; }
  size_t state_count() const { return terminal_.size(); }
  size_t memory_bytes() const;

 private:
  uint32_t child(uint32_t state, uint32_t token) const;
  uint32_t add_child(uint32_t state, uint32_t token);

  std::vector<uint32_t> root_;       // token id -> state, 0 = none (state 0 is the root)
  FlatMap<uint32_t> edges_;          // state << 32 | token -> state
  std::vector<uint32_t> terminal_;   // state -> pattern number or kNoPattern
  uint32_t patterns_ = 0;
};

}  // namespace warta
