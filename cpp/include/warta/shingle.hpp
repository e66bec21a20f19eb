// Word n-gram shingles hashed with XXH3-64.
#pragma once

#include <cstdint>
#include <vector>

#include "warta/text.hpp"

namespace warta {

struct ShingleOptions {
  int ngram = 5;
  uint64_t seed = 1;
};

// The shingles of one document, in segment order: segment s owns
// hashes[segment_begin[s], segment_begin[s + 1]).
struct Shingles {
  std::vector<uint64_t> hashes;
  std::vector<uint32_t> segment_begin{0};
  std::vector<uint64_t> segment_hash;  // one per segment: hash of all its words, 0 if none
  // One per segment: hash of the first two words of a short line (3 to kMaxTemplateWords
  // words), else 0. Site chrome often repeats a lead-in with new words after it
  // ("Baca juga: <headline>", "Foto: <caption>", "Penulis: <name>").
  std::vector<uint64_t> segment_prefix;

  // The keys boilerplate statistics count: whole lines and short-line lead-ins.
  std::vector<uint64_t> line_keys() const;
};

constexpr size_t kMaxTemplateWords = 20;

class Shingler {
 public:
  explicit Shingler(ShingleOptions options);

  // n-grams never cross a segment boundary, so an inserted or dropped line changes only its
  // own shingles; a segment shorter than n words yields one shingle of all its words.
  Shingles shingle(const TokenList& tokens) const;

  // Hash of a word sequence, as used for a shingle (exposed for the reference tests).
  uint64_t hash_words(const uint64_t* word_hashes, size_t n) const;
  uint64_t hash_word(std::string_view word) const;

  const ShingleOptions& options() const { return options_; }

 private:
  ShingleOptions options_;
};

}  // namespace warta
