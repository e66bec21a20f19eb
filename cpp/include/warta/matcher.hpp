// Exact phrase matching over normalized words: a vocabulary that turns words into dense ids,
// and a token trie walked leftmost-longest, so aliases match on word boundaries only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "warta/flat_map.hpp"
#include "warta/text.hpp"

namespace warta {

// Id of a word that no pattern uses: it has no transitions, so it ends every walk.
constexpr uint32_t kUnknownToken = 0;

// Interns normalized words as dense ids 1, 2, ...
class TokenVocabulary {
 public:
  uint32_t intern(std::string_view word) { return words_.intern(word) + 1; }
  uint32_t find(std::string_view word) const { return words_.find(word) + 1; }  // kUnknownToken when absent
  // find() for every word of a text, all words hashed first so the lookups do not wait on
  // the hashing.
  void find_all(const TokenList& tokens, std::vector<uint32_t>& ids) const;
  size_t size() const { return words_.size() + 1; }  // ids in use, plus the unknown id
  std::string_view word(uint32_t id) const { return id == kUnknownToken ? std::string_view() : words_[id - 1]; }
  size_t memory_bytes() const { return words_.memory_bytes(); }

 private:
  static_assert(StringTable::kMissing + 1 == kUnknownToken, "a missing word is the unknown id");
  StringTable words_;  // id - 1 -> word
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
