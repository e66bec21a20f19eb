#include "warta/boilerplate.hpp"

#include <algorithm>
#include <stdexcept>

#include "warta/cluster.hpp"
#include "warta/minhash.hpp"
#include "warta/validate.hpp"

namespace warta {

void BoilerplateOptions::validate() const {
  require(min_docs >= 2, "min_docs", ">= 2", min_docs);
  require(story_similarity >= 0.0 && story_similarity <= 1.0, "story_similarity", "in [0, 1]", story_similarity);
}

void LineBatch::add(uint32_t doc, const std::vector<uint64_t>& line_hashes) {
  if (documents_ == UINT32_MAX) throw std::length_error("a line batch holds 2^32 - 1 documents at most");
  const uint32_t order = documents_++;
  const auto first = static_cast<std::ptrdiff_t>(seen_.size());
  for (uint64_t h : line_hashes)
    if (h) seen_.push_back({h, doc, order});
  const auto by_line = [](const Seen& a, const Seen& b) { return a.line < b.line; };
  const auto same_line = [](const Seen& a, const Seen& b) { return a.line == b.line; };
  std::sort(seen_.begin() + first, seen_.end(), by_line);
  seen_.erase(std::unique(seen_.begin() + first, seen_.end(), same_line), seen_.end());
}

const uint32_t* LineStats::samples_of(size_t many, uint32_t& sampled) const {
  const uint32_t begin = many ? many_[many - 1].sample_end : 0;
  sampled = many_[many].sample_end - begin;
  return samples_.data() + begin;
}

void LineStats::push(const Line& line) {
  if (line.docs == 1 && line.sampled == 1) {
    once_line_.push_back(line.hash);
    once_doc_.push_back(line.sample[0]);
    return;
  }
  if (samples_.size() + line.sampled > UINT32_MAX) throw std::length_error("line statistics hold 2^32 - 1 samples at most");
  samples_.insert(samples_.end(), line.sample, line.sample + line.sampled);
  many_.push_back({line.hash, line.docs, static_cast<uint32_t>(samples_.size())});
}

template <class Source>
LineStats LineStats::built(Source&& source) {
  size_t once = 0, many = 0, samples = 0;
  source([&](const Line& line) {
    if (line.docs == 1 && line.sampled == 1) ++once;
    else ++many, samples += line.sampled;
  });
  LineStats out;
  out.once_line_.reserve(once);
  out.once_doc_.reserve(once);
  out.many_.reserve(many);
  out.samples_.reserve(samples);
  source([&](const Line& line) { out.push(line); });
  return out;
}

template <class Emit>
void LineStats::merge(const std::vector<LineBatch::Seen>& seen, Emit&& emit) const {
  size_t b = 0;
  uint32_t sample[kSamples];
  // Counts the batch's documents of line `hash` after the `docs` (`sampled` in `sample`) before.
  const auto with_batch = [&](uint64_t hash, uint32_t docs, uint32_t sampled) {
    for (; b < seen.size() && seen[b].line == hash; ++b) {
      ++docs;
      if (sampled < kSamples) sample[sampled++] = seen[b].doc;
    }
    emit(Line{hash, docs, sampled, sample});
  };
  for_each([&](const Line& line) {
    while (b < seen.size() && seen[b].line < line.hash) with_batch(seen[b].line, 0, 0);
    std::copy(line.sample, line.sample + line.sampled, sample);
    with_batch(line.hash, line.docs, line.sampled);
  });
  while (b < seen.size()) with_batch(seen[b].line, 0, 0);
}

LineStats LineStats::plus(LineBatch batch) const {
  std::vector<LineBatch::Seen>& seen = batch.seen_;
  std::sort(seen.begin(), seen.end(), [](const LineBatch::Seen& a, const LineBatch::Seen& b) {
    return a.line != b.line ? a.line < b.line : a.order < b.order;
  });
  return built([&](const auto& emit) { merge(seen, emit); });
}

LineStats LineStats::counted_in(uint32_t min_docs) const {
  return built([&](const auto& emit) {
    for_each([&](const Line& line) {
      if (line.docs >= min_docs) emit(line);
    });
  });
}

void LineStats::append(uint64_t hash, uint32_t docs, const uint32_t* sample, uint32_t sampled) {
  const bool above = (once_line_.empty() || hash > once_line_.back()) && (many_.empty() || hash > many_.back().hash);
  if (!above) throw std::invalid_argument("LineStats::append: lines must be appended in increasing hash order");
  if (sampled > kSamples || sampled > docs) throw std::invalid_argument("LineStats::append: more samples than documents");
  push(Line{hash, docs, sampled, sample});
}

void LineStats::shrink_to_fit() {
  once_line_.shrink_to_fit();
  once_doc_.shrink_to_fit();
  many_.shrink_to_fit();
  samples_.shrink_to_fit();
}

void LineStats::rename_samples(const std::function<uint32_t(uint32_t)>& rename) {
  for (uint32_t& doc : once_doc_) doc = rename(doc);
  for (uint32_t& doc : samples_) doc = rename(doc);
}

size_t LineStats::memory_bytes() const {
  return once_line_.capacity() * sizeof(uint64_t) + once_doc_.capacity() * sizeof(uint32_t) +
         many_.capacity() * sizeof(Many) + samples_.capacity() * sizeof(uint32_t);
}

namespace {

// A story's copies are near-duplicates of one another, though one of them may have lost a
// long last paragraph; chrome sits in documents about different stories. So the sampled
// documents are grouped by similarity (single link at `story_similarity`), and the line is
// story text when one group holds more than half of them. (The median pairwise similarity,
// used before, called a three-copy story's paragraphs chrome as soon as one copy was
// trimmed, since two of its three pairs fell; "has a similar partner" alone would keep
// chrome whose first documents happen to come two copies per story.)
bool is_story_line(const uint32_t* sample, uint32_t sampled, const LineStats::Similarity& similarity,
                   double story_similarity) {
  UnionFind groups(sampled);
  for (uint32_t x = 0; x < sampled; ++x)
    for (uint32_t y = x + 1; y < sampled; ++y)
      if (groups.find(x) != groups.find(y) && similarity(sample[x], sample[y]) >= story_similarity)
        groups.unite(x, y);
  size_t size[LineStats::kSamples] = {};
  size_t largest = 0;
  for (uint32_t x = 0; x < sampled; ++x) largest = std::max(largest, ++size[groups.find(x)]);
  return 2 * largest > sampled;
}

}  // namespace

std::unordered_set<uint64_t> LineStats::boilerplate(const Similarity& similarity,
                                                    const BoilerplateOptions& options) const {
  // Lines seen once never qualify (min_docs >= 2): only the others are read.
  std::unordered_set<uint64_t> out;
  for (size_t m = 0; m < many_.size(); ++m) {
    uint32_t sampled = 0;
    const uint32_t* sample = samples_of(m, sampled);
    if (many_[m].docs < options.min_docs || sampled < 2) continue;
    if (!is_story_line(sample, sampled, similarity, options.story_similarity)) out.insert(many_[m].hash);
  }
  return out;
}

}  // namespace warta
