#include "warta/shingle.hpp"

#include <stdexcept>
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

Shingles Shingler::shingle(const TokenList& tokens) const {
  Shingles out;
  const size_t n_tokens = tokens.size();
  out.segment_hash.assign(tokens.segment_count, 0);
  out.segment_prefix.assign(tokens.segment_count, 0);
  out.segment_begin.assign(tokens.segment_count + 1, 0);
  if (n_tokens == 0) return out;

  std::vector<uint64_t> word(n_tokens);
  for (size_t i = 0; i < n_tokens; ++i) word[i] = hash_word(tokens.token(i));

  const size_t n = static_cast<size_t>(options_.ngram);
  out.hashes.reserve(n_tokens);
  uint32_t next_seg = 0;
  for (size_t begin = 0; begin < n_tokens;) {
    const uint32_t seg = tokens.segment[begin];
    while (next_seg <= seg) out.segment_begin[next_seg++] = static_cast<uint32_t>(out.hashes.size());
    size_t end = begin;
    while (end < n_tokens && tokens.segment[end] == seg) ++end;
    const size_t len = end - begin;
    if (len <= n) {
      out.hashes.push_back(hash_words(&word[begin], len));
    } else {
      for (size_t i = begin; i + n <= end; ++i) out.hashes.push_back(hash_words(&word[i], n));
    }
    out.segment_hash[seg] = hash_words(&word[begin], len) | 1;  // never 0: 0 marks "no words"
    if (len >= 3 && len <= kMaxTemplateWords)  // salted: a lead-in never equals a whole line
      out.segment_prefix[seg] = (hash_words(&word[begin], 2) ^ 0xA5A5F00DCAFEBABEULL) | 1;
    begin = end;
  }
  while (next_seg <= tokens.segment_count) out.segment_begin[next_seg++] = static_cast<uint32_t>(out.hashes.size());
  return out;
}

}  // namespace warta
