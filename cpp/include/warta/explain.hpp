// Why two texts match: their exact shingle-set similarities and the passages they share,
// with offsets into both original texts, shingled exactly as dedup shingles a text.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "warta/shingle.hpp"
#include "warta/spelling_map.hpp"
#include "warta/text.hpp"

namespace warta {

// A maximal run of consecutive shingles that both texts have in the same order:
// code-point offsets (Python str indices) into the original texts.
struct SharedPassage {
  uint32_t start_a, end_a, start_b, end_b;
  uint32_t shingles;  // run length in shingles
};

struct Span {
  uint32_t start, end;
};

// One text's shingles in text order with the original-text span of each (code points),
// chrome lines left out as dedup leaves them out.
struct PlacedShingles {
  std::vector<uint64_t> hashes;
  std::vector<Span> spans;
  std::vector<Span> chrome;
  std::vector<uint64_t> numbers;  // distinct words starting with a digit, whole text (as dedup reads them)
  uint32_t opening_end = 0;       // min(kOpeningChars, the text's length in code points)
};

// `boilerplate`: chrome line keys (dedup's, see boilerplate_segments); `spelling`: the
// batch's typo readings, or null to read words as written.
PlacedShingles place_shingles(std::string_view text, const Normalizer& normalizer, const Shingler& shingler,
                              const std::unordered_set<uint64_t>& boilerplate, const SpellingMap* spelling);

// The share of `a`'s opening (its first kOpeningChars characters) that lies in shingles the
// other text has (`other`: its distinct shingles, sorted).
double opening_shared(const PlacedShingles& a, const std::vector<uint64_t>& other);

struct PairExplanation {
  double jaccard = 0.0;      // |A ∩ B| / |A ∪ B| of the distinct shingles
  double containment = 0.0;  // |A ∩ B| / min(|A|, |B|): ~1 for a trimmed copy
  uint64_t shingles_a = 0, shingles_b = 0, shared = 0;  // distinct shingles
  uint64_t numbers_a = 0, numbers_b = 0;                 // distinct words starting with a digit
  double number_agreement = 1.0;  // share of the smaller text's numbers in the larger (1: it has none)
  // measure=Story's opening agreement: the smaller of the two texts' opening shares
  // (opening_shared); the story similarity at the default options.
  double opening = 0.0;
  double story = 0.0;
  std::vector<SharedPassage> passages;                   // longest (in text a) first
  std::vector<Span> chrome_a, chrome_b;                  // lines left out as boilerplate
};

// Passages of at most this many shingles per hash and text are followed (a line repeated
// more often than that in one text adds no information and would make the search quadratic).
constexpr size_t kMaxRepeatsFollowed = 16;

PairExplanation explain_pair(std::string_view a, std::string_view b, const Normalizer& normalizer,
                             const Shingler& shingler, const std::unordered_set<uint64_t>& boilerplate,
                             const SpellingMap* spelling = nullptr);

}  // namespace warta
