#include "warta/shingle.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <xxhash.h>

namespace warta {

Shingler::Shingler(ShingleOptions options) : options_(options) {
  if (options_.ngram < 1) throw std::invalid_argument("ngram must be >= 1, got " + std::to_string(options_.ngram));
}

uint64_t Shingler::hash_word(std::string_view word) const {
  return XXH3_64bits_withSeed(word.data(), word.size(), options_.seed);
}

uint64_t Shingler::hash_words(const uint64_t* word_hashes, size_t n) const {
  // Seeded differently from words so a one-word shingle is not its word's hash.
  return XXH3_64bits_withSeed(word_hashes, n * sizeof(uint64_t), options_.seed ^ 0x9E3779B97F4A7C15ULL);
}

std::vector<uint64_t> Shingles::line_keys() const {
  std::vector<uint64_t> keys(segment_hash);
  keys.insert(keys.end(), segment_prefix.begin(), segment_prefix.end());
  return keys;
}

std::vector<uint64_t> Shingler::word_hashes(const TokenList& tokens) const {
  std::vector<uint64_t> word(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) word[i] = hash_word(tokens.token(i));
  return word;
}

WordSeq Shingler::words(const TokenList& tokens) const {
  WordSeq seq;
  seq.words = word_hashes(tokens);
  seq.segment_first.assign(tokens.segment_count + 1, 0);
  seq.label.assign(tokens.segment_count, 0);
  uint32_t next_seg = 0;
  for (size_t i = 0; i < tokens.size(); ++i)
    while (next_seg <= tokens.segment[i]) seq.segment_first[next_seg++] = static_cast<uint32_t>(i);
  while (next_seg <= tokens.segment_count) seq.segment_first[next_seg++] = static_cast<uint32_t>(tokens.size());
  for (uint32_t t : tokens.colon_after) {
    const uint32_t seg = tokens.segment[t];
    const uint32_t words_before = t + 1 - seq.segment_first[seg];
    if (!seq.label[seg] && words_before <= 3) seq.label[seg] = static_cast<uint8_t>(words_before);
  }
  seq.sentence_start = tokens.sentence_start;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view t = tokens.token(i);
    if (!t.empty() && t[0] >= '0' && t[0] <= '9') seq.numbers.push_back(seq.words[i]);  // "2019", "10.000", "3-1"
  }
  seq.dateline.assign(tokens.segment_count, 0);
  for (uint32_t t : tokens.dash_after) {
    const uint32_t seg = tokens.segment[t];
    const uint32_t words_before = t + 1 - seq.segment_first[seg];
    const uint32_t paragraph_words = seq.segment_first[seg + 1] - seq.segment_first[seg];
    if (!seq.dateline[seg] && words_before <= kMaxDatelineWords && paragraph_words >= kMinDatelineParagraph)
      seq.dateline[seg] = static_cast<uint8_t>(words_before);
  }
  return seq;
}

Shingles Shingler::shingle(const TokenList& tokens, const SpellingMap* spelling, std::vector<WordRange>* words_of) const {
  return shingle(words(tokens), spelling, words_of);
}

Shingles Shingler::shingle(WordSeq seq, const SpellingMap* spelling, std::vector<WordRange>* words_of) const {
  Shingles out;
  const size_t segments = seq.segment_first.size() - 1;
  out.segment_hash.assign(segments, 0);
  out.segment_prefix.assign(segments, 0);
  out.segment_begin.assign(segments + 1, 0);
  std::vector<uint64_t>& word = seq.words;
  if (spelling && spelling->size())
    for (uint64_t& w : word) w = spelling->canonical(w);

  const size_t n = static_cast<size_t>(options_.ngram);
  out.hashes.reserve(word.size());
  size_t next_sentence = 0;
  for (size_t seg = 0; seg < segments; ++seg) {
    out.segment_begin[seg] = static_cast<uint32_t>(out.hashes.size());
    const size_t begin = seq.segment_first[seg], end = seq.segment_first[seg + 1];
    const size_t len = end - begin;
    if (len == 0) continue;
    const size_t body = begin + (seq.dateline.empty() ? 0 : seq.dateline[seg]);
    // sentences of the segment's body: [run, next sentence start or end)
    while (next_sentence < seq.sentence_start.size() && seq.sentence_start[next_sentence] <= body) ++next_sentence;
    for (size_t run = body; run < end;) {
      size_t stop = end;
      if (next_sentence < seq.sentence_start.size() && seq.sentence_start[next_sentence] < end)
        stop = seq.sentence_start[next_sentence++];
      if (stop - run <= n) {
        out.hashes.push_back(hash_words(&word[run], stop - run));
        if (words_of) words_of->push_back({static_cast<uint32_t>(run), static_cast<uint32_t>(stop)});
      } else {
        for (size_t i = run; i + n <= stop; ++i) {
          out.hashes.push_back(hash_words(&word[i], n));
          if (words_of) words_of->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + n)});
        }
      }
      run = stop;
    }
    out.segment_hash[seg] = hash_words(&word[begin], len) | 1;  // never 0: 0 marks "no words"
    const size_t label = seq.label[seg];
    if (label && label < len && len <= kMaxTemplateWords)  // salted: a label never equals a whole line
      out.segment_prefix[seg] = (hash_words(&word[begin], label) ^ 0xA5A5F00DCAFEBABEULL) | 1;
  }
  out.segment_begin[segments] = static_cast<uint32_t>(out.hashes.size());
  out.numbers = std::move(seq.numbers);
  std::sort(out.numbers.begin(), out.numbers.end());
  out.numbers.erase(std::unique(out.numbers.begin(), out.numbers.end()), out.numbers.end());
  return out;
}

}  // namespace warta
