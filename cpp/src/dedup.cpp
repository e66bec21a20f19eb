#include "warta/dedup.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace warta {

SignedDocs sign_documents(const std::vector<std::string_view>& texts, const Normalizer& normalizer,
                          const Shingler& shingler, const MinHasher& hasher, int n_jobs,
                          const InterruptCheck& interrupted, bool keep_shingles) {
  const size_t n = texts.size();
  const size_t k = hasher.num_perm();
  SignedDocs docs;
  docs.shingles.resize(n);
  docs.signatures.resize(n * k);
  docs.length.resize(n);
  docs.empty.resize(n);
  parallel_for(
      n, n_jobs,
      [&](size_t i) {
        docs.shingles[i] = shingler.shingle(normalizer.tokenize(texts[i]));
        const auto& h = docs.shingles[i].hashes;
        hasher.sign64(h.data(), h.size(), &docs.signatures[i * k]);
        docs.length[i] = texts[i].size();
        docs.empty[i] = h.empty();
        if (!keep_shingles) {
          std::vector<uint64_t>().swap(docs.shingles[i].hashes);
          std::vector<uint32_t>().swap(docs.shingles[i].segment_begin);
        }
      },
      interrupted);
  return docs;
}

namespace {

// Which segments of a document are boilerplate: whole repeated lines always; lines that
// only share a chrome lead-in ("Baca juga: ...") while the document keeps at least half of
// its shingles, so a short item whose own text starts like others is not emptied.
std::vector<uint8_t> boilerplate_segments(const Shingles& s, const std::unordered_set<uint64_t>& boilerplate) {
  const size_t segments = s.segment_hash.size();
  std::vector<uint8_t> drop(segments, 0);
  auto size_of = [&](size_t seg) { return s.segment_begin.empty() ? 0 : s.segment_begin[seg + 1] - s.segment_begin[seg]; };
  size_t total = 0, dropped = 0, lead_in = 0;
  for (size_t seg = 0; seg < segments; ++seg) {
    total += size_of(seg);
    if (s.segment_hash[seg] && boilerplate.count(s.segment_hash[seg])) {
      drop[seg] = 1;
      dropped += size_of(seg);
    }
  }
  std::vector<size_t> templated;
  for (size_t seg = 0; seg < segments; ++seg) {
    if (!drop[seg] && s.segment_prefix[seg] && boilerplate.count(s.segment_prefix[seg])) {
      templated.push_back(seg);
      lead_in += size_of(seg);
    }
  }
  if (s.segment_begin.empty() || 2 * (total - dropped - lead_in) >= total)
    for (size_t seg : templated) drop[seg] = 1;
  return drop;
}

size_t count_boilerplate(const Shingles& s, const std::unordered_set<uint64_t>& boilerplate) {
  size_t lines = 0;
  for (uint8_t d : boilerplate_segments(s, boilerplate)) lines += d;
  return lines;
}

// Re-signs one document without its boilerplate lines; returns the number removed.
uint32_t strip_document(Shingles& s, const std::unordered_set<uint64_t>& boilerplate, const MinHasher& hasher,
                        uint32_t* signature) {
  const std::vector<uint8_t> drop = boilerplate_segments(s, boilerplate);
  std::vector<uint64_t> kept;
  uint32_t lines = 0;
  for (size_t seg = 0; seg < drop.size(); ++seg) {
    if (drop[seg]) ++lines;
    else kept.insert(kept.end(), s.hashes.begin() + s.segment_begin[seg], s.hashes.begin() + s.segment_begin[seg + 1]);
  }
  if (lines == 0 || kept.empty()) return 0;
  hasher.sign64(kept.data(), kept.size(), signature);
  s.hashes.swap(kept);
  s.segment_begin.clear();  // segments no longer index into hashes
  s.segment_hash.clear();
  s.segment_prefix.clear();
  return lines;
}

}  // namespace

std::vector<uint32_t> strip_lines(SignedDocs& docs, const std::unordered_set<uint64_t>& boilerplate,
                                  const MinHasher& hasher, int n_jobs, const InterruptCheck& interrupted) {
  const size_t k = hasher.num_perm();
  std::vector<uint32_t> removed(docs.shingles.size(), 0);
  if (boilerplate.empty()) return removed;
  parallel_for(
      docs.shingles.size(), n_jobs,
      [&](size_t i) { removed[i] = strip_document(docs.shingles[i], boilerplate, hasher, &docs.signatures[i * k]); },
      interrupted);
  return removed;
}

std::vector<uint32_t> strip_lines(SignedDocs& docs, const std::vector<std::string_view>& texts,
                                  const Normalizer& normalizer, const Shingler& shingler,
                                  const std::unordered_set<uint64_t>& boilerplate, const MinHasher& hasher,
                                  int n_jobs, const InterruptCheck& interrupted) {
  const size_t k = hasher.num_perm();
  std::vector<uint32_t> removed(docs.shingles.size(), 0);
  if (boilerplate.empty()) return removed;
  parallel_for(
      docs.shingles.size(), n_jobs,
      [&](size_t i) {
        if (count_boilerplate(docs.shingles[i], boilerplate) == 0) return;
        Shingles full = shingler.shingle(normalizer.tokenize(texts[i]));
        removed[i] = strip_document(full, boilerplate, hasher, &docs.signatures[i * k]);
      },
      interrupted);
  return removed;
}

double exact_jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::vector<uint64_t> x(a), y(b);
  std::sort(x.begin(), x.end());
  x.erase(std::unique(x.begin(), x.end()), x.end());
  std::sort(y.begin(), y.end());
  y.erase(std::unique(y.begin(), y.end()), y.end());
  if (x.empty() && y.empty()) return 0.0;
  size_t common = 0;
  for (size_t p = 0, q = 0; p < x.size() && q < y.size();) {
    if (x[p] == y[q]) ++common, ++p, ++q;
    else if (x[p] < y[q]) ++p;
    else ++q;
  }
  return static_cast<double>(common) / static_cast<double>(x.size() + y.size() - common);
}

namespace {

std::unordered_set<uint64_t> find_boilerplate(const SignedDocs& docs, size_t k, const BoilerplateOptions& options) {
  LineStats stats;
  for (size_t i = 0; i < docs.shingles.size(); ++i) stats.add(static_cast<uint32_t>(i), docs.shingles[i].line_keys());
  return stats.boilerplate([&](uint32_t d) { return &docs.signatures[static_cast<size_t>(d) * k]; }, k, options);
}

std::vector<VerifiedPair> verify(const SignedDocs& docs, const std::vector<DocPair>& candidates, size_t k,
                                 const DedupOptions& options, const InterruptCheck& interrupted) {
  std::vector<double> sim(candidates.size());
  parallel_for(
      candidates.size(), options.n_jobs,
      [&](size_t c) {
        const auto [i, j] = candidates[c];
        sim[c] = options.exact ? exact_jaccard(docs.shingles[i].hashes, docs.shingles[j].hashes)
                               : estimate_jaccard(&docs.signatures[size_t{i} * k], &docs.signatures[size_t{j} * k], k);
      },
      interrupted, 1 << 16);
  std::vector<VerifiedPair> out;
  for (size_t c = 0; c < candidates.size(); ++c)
    if (sim[c] >= options.threshold) out.push_back({candidates[c].first, candidates[c].second, sim[c]});
  return out;
}

}  // namespace

DedupOutput dedup(const std::vector<std::string_view>& texts, const Normalizer& normalizer, const Shingler& shingler,
                  const MinHasher& hasher, const DedupOptions& options, const InterruptCheck& interrupted) {
  if (!(options.threshold > 0.0 && options.threshold <= 1.0))
    throw std::invalid_argument("threshold must be in (0, 1], got " + std::to_string(options.threshold));
  const size_t n = texts.size();
  const size_t k = hasher.num_perm();
  DedupOutput out;
  out.bands = options.bands.bands > 0 ? options.bands
                                      : optimal_bands(options.threshold, static_cast<int>(k), options.fp_weight,
                                                      options.fn_weight);

  SignedDocs docs = sign_documents(texts, normalizer, shingler, hasher, options.n_jobs, interrupted, options.exact);
  out.stripped.assign(n, 0);
  if (options.strip_boilerplate) {
    const auto boilerplate = find_boilerplate(docs, k, options.boilerplate);
    out.stripped = options.exact ? strip_lines(docs, boilerplate, hasher, options.n_jobs, interrupted)
                                 : strip_lines(docs, texts, normalizer, shingler, boilerplate, hasher,
                                               options.n_jobs, interrupted);
  }

  CandidateOptions cand;
  cand.params = out.bands;
  cand.max_bucket = options.max_bucket;
  cand.n_jobs = options.n_jobs;
  const std::vector<DocPair> candidates = candidate_pairs(docs.signatures.data(), n, k, docs.empty, cand, interrupted);
  out.pairs = verify(docs, candidates, k, options, interrupted);

  std::vector<DocPair> kept;
  kept.reserve(out.pairs.size());
  for (const auto& p : out.pairs) kept.emplace_back(p.i, p.j);
  out.clusters = make_clusters(n, kept, options.keep, docs.length);
  out.empty = std::move(docs.empty);
  return out;
}

}  // namespace warta
