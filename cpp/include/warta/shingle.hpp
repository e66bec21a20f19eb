// Word n-gram shingles hashed with XXH3-64.
#pragma once

#include <cstdint>
#include <vector>

#include "warta/spelling_map.hpp"
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
  // One per segment: hash of a short line's label, the words before a colon among its
  // first three ("Baca juga: <headline>", "Foto: <caption>", "Penulis: <name>"), else 0.
  // Site chrome repeats such labels with new words after them.
  std::vector<uint64_t> segment_prefix;
  // Hashes of the words that start with a digit (sorted, distinct): prices, dates, scores. Copies
  // of one story agree on them; a template series (gold prices, weather) does not.
  std::vector<uint64_t> numbers;

  // The keys boilerplate statistics count: whole lines and short-line lead-ins.
  std::vector<uint64_t> line_keys() const;
};

constexpr size_t kMaxTemplateWords = 20;

// A document's words as the shingler needs them: word hashes, where each segment starts,
// and each segment's label length (see Shingles::segment_prefix). 8 bytes per word.
struct WordSeq {
  std::vector<uint64_t> words;
  std::vector<uint32_t> segment_first{0};  // segment s is words[segment_first[s], segment_first[s + 1])
  std::vector<uint8_t> label;
  // Per segment: words of a leading dateline ("SERANG, (Kabar Banten) –") that shingles
  // skip; each site writes its own, so it says nothing about the story.
  std::vector<uint8_t> dateline;
  // Words that start a sentence inside their segment (ascending): shingles do not cross them.
  std::vector<uint32_t> sentence_start;
  std::vector<uint64_t> numbers;  // word hashes of the tokens that start with a digit, in text order
};

constexpr size_t kMaxDatelineWords = 6;
constexpr size_t kMinDatelineParagraph = 12;

// The words a shingle was made of: tokens [begin, end) of its document.
struct WordRange {
  uint32_t begin, end;
};

class Shingler {
 public:
  explicit Shingler(ShingleOptions options);

  // n-grams never cross a segment boundary, so an inserted or dropped line changes only its
  // own shingles, nor a sentence boundary, so a text wrapped into paragraphs differently
  // keeps its shingles; a sentence shorter than n words yields one shingle of all its words.
  // With `spelling`, each word counts as its canonical spelling (see spelling_map.hpp).
  // With `words_of`, also each shingle's words (one entry per hash, for explaining a match).
  Shingles shingle(const TokenList& tokens, const SpellingMap* spelling = nullptr,
                   std::vector<WordRange>* words_of = nullptr) const;
  Shingles shingle(WordSeq seq, const SpellingMap* spelling = nullptr, std::vector<WordRange>* words_of = nullptr) const;
  WordSeq words(const TokenList& tokens) const;

  std::vector<uint64_t> word_hashes(const TokenList& tokens) const;

  // Hash of a word sequence, as used for a shingle (exposed for the reference tests).
  uint64_t hash_words(const uint64_t* word_hashes, size_t n) const;
  uint64_t hash_word(std::string_view word) const;

  const ShingleOptions& options() const { return options_; }

 private:
  ShingleOptions options_;
};

}  // namespace warta
