// Exact phrase matching over normalized words: a vocabulary that turns words into dense ids,
// and a token trie walked leftmost-longest, so aliases match on word boundaries only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "warta/parallel.hpp"
#include "warta/text.hpp"

namespace warta {

// Id of a word that no pattern uses: it has no transitions, so it ends every walk.
constexpr uint32_t kUnknownToken = 0;

// Interns normalized words as dense ids 1, 2, ... (open addressing on XXH3 hashes).
class TokenVocabulary {
 public:
  TokenVocabulary();
  uint32_t intern(std::string_view word);
  uint32_t find(std::string_view word) const;  // kUnknownToken when absent
  // find() for every word of a text, with the table reads prefetched a few words ahead: with
  // a large vocabulary the lookups are cache misses, and overlapping them hides most of it.
  void find_all(const TokenList& tokens, std::vector<uint32_t>& ids) const;
  size_t size() const { return offsets_.size() - 1; }  // ids in use, plus the unknown id
  std::string_view word(uint32_t id) const;
  size_t memory_bytes() const;

 private:
  size_t slot_of(std::string_view word, uint64_t hash) const;
  void grow();

  // A probe compares hash bits and length first and reads the word's bytes (at `offset` in
  // the arena, no second indirection) only when they agree.
  struct Slot {
    uint32_t id = 0;  // 0 = empty
    uint32_t tag = 0;  // high 32 bits of the word's hash
    uint32_t offset = 0;
    uint32_t length = 0;
  };
  bool holds(const Slot& slot, std::string_view w, uint32_t tag) const {
    return slot.tag == tag && slot.length == w.size() && std::string_view(arena_).substr(slot.offset, slot.length) == w;
  }

  std::string arena_;                  // all words, back to back
  std::vector<uint32_t> offsets_{0, 0};  // word id's bytes are arena_[offsets_[id], offsets_[id + 1])
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
};

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
// there); deeper edges live in one open-addressing table keyed by (state, token).
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
  void grow_edges();

  std::vector<uint32_t> root_;       // token id -> state, 0 = none (state 0 is the root)
  struct Edge {
    uint64_t key = 0;  // (state + 1) << 32 | token; 0 = empty slot
    uint32_t next = 0;
  };
  std::vector<Edge> edges_;  // key and target side by side: one cache line per probe
  size_t edge_count_ = 0;
  uint64_t edge_mask_ = 0;
  std::vector<uint32_t> terminal_;   // state -> pattern number or kNoPattern
  uint32_t patterns_ = 0;
};

// Case-, accent- and punctuation-insensitive exact matching of a list of aliases in texts,
// through the same Normalizer as everything else. Thread-safe once built.
class AliasMatcher {
 public:
  struct Match {
    uint32_t start, end;  // code points in the original text
    uint32_t alias;       // index of the first alias with this normalized form
  };

  AliasMatcher(const std::vector<std::string_view>& aliases, const Normalizer& normalizer, int n_jobs);
  std::vector<Match> find(std::string_view utf8) const;
  // find() over many texts on n_jobs threads (0 = all cores), results by text.
  std::vector<std::vector<Match>> find_batch(const std::vector<std::string_view>& texts, int n_jobs,
                                             const InterruptCheck& interrupted = {}) const;
  size_t pattern_count() const { return automaton_.pattern_count(); }
  size_t memory_bytes() const;

 private:
  Normalizer normalizer_;
  TokenVocabulary vocabulary_;
  TokenAutomaton automaton_;
  std::vector<uint32_t> pattern_alias_;
};

// Token ids of a text's words; words outside the vocabulary get kUnknownToken.
std::vector<uint32_t> lookup_tokens(const TokenList& tokens, const TokenVocabulary& vocabulary);

}  // namespace warta
