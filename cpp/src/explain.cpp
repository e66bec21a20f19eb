#include "warta/explain.hpp"

#include <algorithm>

#include "warta/dedup.hpp"
#include "warta/flat_map.hpp"
#include "warta/scraper_markers.hpp"

namespace warta {
namespace {

// The text's length in code points, counted up to `limit`.
uint32_t code_points_up_to(std::string_view text, uint32_t limit) {
  uint32_t n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++n == limit) break;
  }
  return n;
}

}  // namespace

PlacedShingles place_shingles(std::string_view text, const Normalizer& normalizer, const Shingler& shingler,
                     const std::unordered_set<uint64_t>& boilerplate, const SpellingMap* spelling) {
  const TokenList tokens = normalizer.tokenize(text, &scraper_markers());
  std::vector<WordRange> words_of;
  const Shingles s = shingler.shingle(tokens, spelling, &words_of);
  std::vector<uint8_t> drop = boilerplate.empty() ? std::vector<uint8_t>() : boilerplate_segments(s, boilerplate);
  // As dedup does: a text made only of chrome keeps everything.
  size_t kept = 0;
  for (size_t seg = 0; seg < drop.size(); ++seg)
    if (!drop[seg]) kept += s.segment_begin[seg + 1] - s.segment_begin[seg];
  if (kept == 0) drop.clear();

  PlacedShingles out;
  out.numbers = s.numbers;
  out.opening_end = code_points_up_to(text, kOpeningChars);
  for (size_t seg = 0; seg + 1 < s.segment_begin.size(); ++seg) {
    if (!drop.empty() && drop[seg]) continue;
    for (uint32_t h = s.segment_begin[seg]; h < s.segment_begin[seg + 1]; ++h) {
      out.hashes.push_back(s.hashes[h]);
      out.spans.push_back({tokens.starts[words_of[h].begin], tokens.ends[words_of[h].end - 1]});
    }
  }
  for (size_t t = 0; t < tokens.size() && !drop.empty(); ++t) {
    if (!drop[tokens.segment[t]]) continue;
    if (t > 0 && tokens.segment[t - 1] == tokens.segment[t]) out.chrome.back().end = tokens.ends[t];
    else out.chrome.push_back({tokens.starts[t], tokens.ends[t]});
  }
  return out;
}

double opening_shared(const PlacedShingles& a, const std::vector<uint64_t>& other) {
  if (a.opening_end == 0) return 0.0;
  // Shingle spans start in text order, so the covered stretch grows from the left.
  uint32_t covered = 0, upto = 0;
  for (size_t h = 0; h < a.hashes.size() && a.spans[h].start < a.opening_end; ++h) {
    if (!std::binary_search(other.begin(), other.end(), a.hashes[h])) continue;
    const uint32_t from = std::max(a.spans[h].start, upto), to = std::min(a.spans[h].end, a.opening_end);
    if (to > from) covered += to - from;
    upto = std::max(upto, to);
  }
  return static_cast<double>(covered) / static_cast<double>(a.opening_end);
}

namespace {

std::vector<uint64_t> distinct(std::vector<uint64_t> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// Maximal diagonal runs: (p, q) starts a run when a[p] == b[q] and (p-1, q-1) do not match.
// Each stretch of `a` is searched from its first shingle only: the runs starting at p cover
// a up to their longest end, and the next start is looked for after it (the tail of a run
// that began inside the covered stretch starts there). Every position of `a` is then the
// start of at most kMaxRepeatsFollowed extensions, which keeps a text made of one repeated
// line linear instead of quadratic.
std::vector<SharedPassage> shared_passages(const PlacedShingles& a, const PlacedShingles& b) {
  FlatMap<std::vector<uint32_t>> where_b;
  for (uint32_t q = 0; q < b.hashes.size(); ++q) {
    auto& at = where_b[b.hashes[q]];
    if (at.size() < kMaxRepeatsFollowed) at.push_back(q);
  }
  std::vector<SharedPassage> out;
  uint32_t covered = 0;  // a[0, covered) lies in runs found already
  for (uint32_t p = 0; p < a.hashes.size(); ++p) {
    if (p < covered) continue;
    const auto it = where_b.find(a.hashes[p]);
    if (it == where_b.end()) continue;
    const bool after_run = p > 0 && p == covered;
    for (const uint32_t q : it->second) {
      if (!after_run && p > 0 && q > 0 && a.hashes[p - 1] == b.hashes[q - 1]) continue;  // inside a run
      uint32_t len = 1;
      while (p + len < a.hashes.size() && q + len < b.hashes.size() && a.hashes[p + len] == b.hashes[q + len]) ++len;
      const uint32_t last_a = p + len - 1, last_b = q + len - 1;
      out.push_back({a.spans[p].start, a.spans[last_a].end, b.spans[q].start, b.spans[last_b].end, len});
      covered = std::max(covered, p + len);
    }
  }
  std::sort(out.begin(), out.end(), [](const SharedPassage& x, const SharedPassage& y) {
    const uint32_t lx = x.end_a - x.start_a, ly = y.end_a - y.start_a;
    if (lx != ly) return lx > ly;
    return x.start_a != y.start_a ? x.start_a < y.start_a : x.start_b < y.start_b;
  });
  return out;
}

}  // namespace

PairExplanation explain_pair(std::string_view a, std::string_view b, const Normalizer& normalizer,
                             const Shingler& shingler, const std::unordered_set<uint64_t>& boilerplate,
                             const SpellingMap* spelling) {
  const PlacedShingles pa = place_shingles(a, normalizer, shingler, boilerplate, spelling);
  const PlacedShingles pb = place_shingles(b, normalizer, shingler, boilerplate, spelling);
  const std::vector<uint64_t> sa = distinct(pa.hashes), sb = distinct(pb.hashes);
  PairExplanation out;
  out.shingles_a = sa.size();
  out.shingles_b = sb.size();
  for (size_t p = 0, q = 0; p < sa.size() && q < sb.size();) {
    if (sa[p] == sb[q]) ++out.shared, ++p, ++q;
    else if (sa[p] < sb[q]) ++p;
    else ++q;
  }
  const uint64_t both = out.shingles_a + out.shingles_b - out.shared;
  const uint64_t smaller = std::min(out.shingles_a, out.shingles_b);
  out.jaccard = both ? static_cast<double>(out.shared) / static_cast<double>(both) : 0.0;
  out.containment = smaller ? static_cast<double>(out.shared) / static_cast<double>(smaller) : 0.0;
  if (out.shared) out.passages = shared_passages(pa, pb);
  // As measure="story" reads it: the smaller text's numbers (by distinct shingles) found in the larger.
  const bool a_smaller = out.shingles_a <= out.shingles_b;
  out.numbers_a = pa.numbers.size();
  out.numbers_b = pb.numbers.size();
  out.number_agreement = number_agreement(a_smaller ? pa.numbers : pb.numbers, a_smaller ? pb.numbers : pa.numbers);
  out.opening = std::min(opening_shared(pa, sb), opening_shared(pb, sa));
  const DedupOptions defaults;
  out.story = story_similarity(out.jaccard, out.containment, defaults.min_jaccard,
                               opens_alike(out.jaccard, out.opening) ? defaults.opening_bonus : 0.0);
  out.chrome_a = pa.chrome;
  out.chrome_b = pb.chrome;
  return out;
}

}  // namespace warta
