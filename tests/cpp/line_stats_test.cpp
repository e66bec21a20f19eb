// LineStats (sorted arrays, counted a batch at a time) against the hash map of whole
// entries it replaced, counted a document at a time: the same counts and samples in the
// same order, the same boilerplate lines, through batches, renaming, pruning and a rebuild
// by append(). Lines come from small pools, so lines seen once, a few times and more than
// kSamples times all occur. Built with ASan and UBSan.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "warta/boilerplate.hpp"

namespace {

int failures = 0;

void check(bool ok, const char* what, int round) {
  if (ok) return;
  if (failures++ < 10) std::printf("%s: round %d differs from the reference\n", what, round);
}

// The representation before: one entry per line, each document counted as it is added.
struct Reference {
  struct Entry {
    uint32_t docs = 0;
    uint32_t sampled = 0;
    uint32_t sample[warta::LineStats::kSamples];
  };
  std::unordered_map<uint64_t, Entry> lines;

  void add(uint32_t doc, std::vector<uint64_t> hashes) {
    std::sort(hashes.begin(), hashes.end());
    hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
    for (uint64_t h : hashes) {
      if (!h) continue;
      Entry& e = lines[h];
      ++e.docs;
      if (e.sampled < warta::LineStats::kSamples) e.sample[e.sampled++] = doc;
    }
  }
};

using Flat = std::vector<std::vector<uint64_t>>;  // per line: hash, docs, samples...

Flat flatten(const warta::LineStats& stats) {
  Flat out;
  stats.for_each([&](const warta::LineStats::Line& line) {
    std::vector<uint64_t> row{line.hash, line.docs};
    row.insert(row.end(), line.sample, line.sample + line.sampled);
    out.push_back(row);
  });
  return out;
}

Flat flatten(const Reference& ref, uint32_t min_docs = 0) {
  Flat out;
  for (const auto& [hash, e] : ref.lines) {
    if (e.docs < min_docs) continue;
    std::vector<uint64_t> row{hash, e.docs};
    row.insert(row.end(), e.sample, e.sample + e.sampled);
    out.push_back(row);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A similarity that depends on the pair only: documents are "copies" when they share a
// story number (doc % stories), with a little noise either way.
double similarity(uint32_t a, uint32_t b, uint32_t stories) {
  const uint64_t mix = (uint64_t{std::min(a, b)} * 0x9E3779B97F4A7C15ULL) ^ std::max(a, b);
  const double noise = static_cast<double>((mix * 0xD6E8FEB86659FD93ULL) >> 40) / static_cast<double>(1 << 24);
  return (a % stories == b % stories ? 0.6 : 0.1) + 0.3 * noise;
}

std::unordered_set<uint64_t> reference_boilerplate(const Reference& ref, const warta::BoilerplateOptions& options,
                                                   uint32_t stories) {
  // Built the old way: a one-entry LineStats per line (its samples, in order) asked alone.
  std::unordered_set<uint64_t> out;
  for (const auto& [hash, e] : ref.lines) {
    warta::LineStats one;
    one.append(hash, e.docs, e.sample, e.sampled);
    for (uint64_t line : one.boilerplate([&](uint32_t a, uint32_t b) { return similarity(a, b, stories); }, options))
      out.insert(line);
  }
  return out;
}

void batches_against_reference(std::mt19937_64& rng) {
  for (int round = 0; round < 40; ++round) {
    const size_t pool_size = 1 + rng() % 400;
    std::vector<uint64_t> pool(pool_size);
    for (uint64_t& h : pool) h = rng() % 7 == 0 ? rng() % 64 : rng();  // some small hashes, 0 among them
    const uint32_t stories = 1 + static_cast<uint32_t>(rng() % 6);
    warta::BoilerplateOptions options;
    options.min_docs = 2 + static_cast<uint32_t>(rng() % 4);
    options.story_similarity = 0.5;
    warta::LineStats stats;
    Reference ref;
    uint32_t next_doc = static_cast<uint32_t>(rng() % 1000);
    for (int batch = 0; batch < 6; ++batch) {
      warta::LineBatch lines;
      const size_t docs = rng() % 60;
      for (size_t d = 0; d < docs; ++d) {
        std::vector<uint64_t> hashes(rng() % 12);
        for (uint64_t& h : hashes) h = rng() % 3 ? pool[rng() % pool.size()] : rng();  // fresh lines too
        if (!hashes.empty() && rng() % 4 == 0) hashes.push_back(hashes[0]);            // a line twice in one document
        // Document numbers in no particular order: samples keep the order documents were added.
        const uint32_t doc = rng() % 5 == 0 ? next_doc - 7 * static_cast<uint32_t>(d) : next_doc + static_cast<uint32_t>(d);
        lines.add(doc, hashes);
        ref.add(doc, hashes);
      }
      next_doc += 100;
      const Flat before = flatten(stats);
      warta::LineStats counted = stats.plus(std::move(lines));
      check(flatten(stats) == before, "plus() leaves its statistics as they were", round);
      stats = std::move(counted);
      check(flatten(stats) == flatten(ref), "counts and samples", round);
      check(stats.size() == ref.lines.size(), "size", round);
      const auto got = stats.boilerplate([&](uint32_t a, uint32_t b) { return similarity(a, b, stories); }, options);
      check(got == reference_boilerplate(ref, options, stories), "boilerplate lines", round);
    }
    // Renaming, pruning, and a rebuild from what a file holds.
    stats.rename_samples([](uint32_t doc) { return doc ^ 0x5555u; });
    for (auto& [hash, e] : ref.lines)
      for (uint32_t x = 0; x < e.sampled; ++x) e.sample[x] ^= 0x5555u;
    check(flatten(stats) == flatten(ref), "renamed samples", round);
    const uint32_t bar = 1 + static_cast<uint32_t>(rng() % 5);
    check(flatten(stats.counted_in(bar)) == flatten(ref, bar), "lines counted in at least min_docs documents", round);
    warta::LineStats read;
    stats.for_each([&](const warta::LineStats::Line& line) { read.append(line.hash, line.docs, line.sample, line.sampled); });
    read.shrink_to_fit();
    check(flatten(read) == flatten(ref), "rebuilt by append()", round);
    check(read.memory_bytes() == stats.memory_bytes(), "appended arrays hold what merged ones hold", round);
  }
}

void append_refuses_what_no_file_holds() {
  warta::LineStats stats;
  const uint32_t sample[2] = {1, 2};
  stats.append(10, 2, sample, 2);
  bool unsorted = false, too_many = false;
  try {
    stats.append(10, 1, sample, 1);
  } catch (const std::invalid_argument&) {
    unsorted = true;
  }
  try {
    stats.append(11, 1, sample, 2);
  } catch (const std::invalid_argument&) {
    too_many = true;
  }
  check(unsorted, "append() of a line not above the last one throws", 0);
  check(too_many, "append() of more samples than documents throws", 0);
}

}  // namespace

int main() {
  std::mt19937_64 rng(13);
  batches_against_reference(rng);
  append_refuses_what_no_file_holds();
  if (failures) {
    std::printf("%d checks failed\n", failures);
    return 1;
  }
  std::printf("ok\n");
  return 0;
}
