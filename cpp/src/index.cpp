#include "warta/index.hpp"
#include "warta/validate.hpp"

#include "index_state.hpp"

#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace warta {

// ---------------------------------------------------------------- DedupIndex

namespace {

// A batch frees about as much as it keeps (tokens, line snapshots, forgotten lines); glibc
// keeps freed memory mapped, which for a long-lived index costs ~60% more resident memory
// than the index holds (measured: 430 MB resident for 262 MB of index). Hand it back.
void release_free_memory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

// LineStats names documents by 32-bit numbers. The index uses the cluster id of the
// document's kept copy (whose signature it stores); documents of the batch being added are
// named provisionally by their batch position with the top bit set until they are matched.
constexpr uint32_t kProvisional = 0x80000000u;

// A cluster whose documents were all removed (until compaction forgets it).
constexpr uint32_t kNoSlot = 0xFFFFFFFFu;

}  // namespace

void IndexParams::validate(size_t num_perm) const {
  require(threshold > 0.0 && threshold <= 1.0, "threshold", "in (0, 1]", threshold);
  require(ngram >= 1 && ngram <= 64, "ngram", "in [1, 64]", ngram);
  bands.validate(num_perm, /*allow_automatic=*/true);
  check_weights(fp_weight, fn_weight);
  boilerplate.validate();
  // A query walks at most max_bucket chain entries per band: one is the least that finds anything.
  require(max_bucket >= 1, "max_bucket", ">= 1", max_bucket);
  // Forgetting keeps 3/4 of the cap: below 16 entries the tables would churn on every batch.
  require(max_lines >= 16, "max_lines", ">= 16", static_cast<double>(max_lines));
  require(max_words >= 16, "max_words", ">= 16", static_cast<double>(max_words));
}

namespace {

IndexParams resolved(IndexParams params, size_t num_perm) {
  params.validate(num_perm);
  if (params.bands.automatic())
    params.bands = optimal_bands(params.threshold, static_cast<int>(num_perm), params.fp_weight, params.fn_weight);
  return params;
}

}  // namespace

DedupIndex::DedupIndex(IndexParams params, MinHasher hasher)
    : params_(resolved(std::move(params), hasher.num_perm())),
      hasher_(std::move(hasher)),
      shingler_({static_cast<int>(params_.ngram), hasher_.seed()}),
      sigs_(hasher_.num_perm()),
      bands_(params_.bands, hasher_.num_perm()),
      empty_signature_(hasher_.num_perm(), kEmptyHash) {}

int64_t DedupIndex::kept_slot(uint64_t cluster) const {
  const auto it = std::lower_bound(kept_.begin(), kept_.end(), cluster,
                                   [](const Kept& k, uint64_t c) { return k.cluster < c; });
  return it == kept_.end() || it->cluster != cluster || it->slot == kNoSlot ? -1 : static_cast<int64_t>(it->slot);
}

void DedupIndex::set_kept(uint64_t cluster, uint32_t slot) {
  const auto it = std::lower_bound(kept_.begin(), kept_.end(), cluster,
                                   [](const Kept& k, uint64_t c) { return k.cluster < c; });
  if (it != kept_.end() && it->cluster == cluster) it->slot = slot;
  else kept_.insert(it, Kept{cluster, slot});  // new clusters have the largest id: an append
}

void DedupIndex::rebuild_kept() {
  kept_.clear();
  for (size_t s = 0; s < cluster_.size(); ++s)
    if (live(s) && !member(s)) kept_.push_back({cluster_[s], static_cast<uint32_t>(s)});
  std::sort(kept_.begin(), kept_.end(), [](const Kept& a, const Kept& b) { return a.cluster < b.cluster; });
}

const IndexMatch& DedupIndex::better(const IndexMatch& a, const IndexMatch& b) {
  if (a.slot < 0) return b;
  if (b.slot < 0) return a;
  if (a.similarity != b.similarity) return a.similarity > b.similarity ? a : b;
  return a.slot < b.slot ? a : b;
}

int64_t DedupIndex::find(std::string_view id) const {
  const uint32_t slot = ids_.find(id);
  return slot == IdTable::kMissing ? -1 : static_cast<int64_t>(slot);
}

size_t DedupIndex::memory_bytes() const {
  // LineStats: an unordered_map node (key, Entry, next pointer, allocator overhead) and a bucket.
  const size_t line_bytes = stats_.size() * (sizeof(uint64_t) + sizeof(LineStats::Entry) + 2 * sizeof(void*) + 8);
  return sigs_.memory_bytes() + bands_.memory_bytes() + ids_.memory_bytes() + cluster_.capacity() * 8 +
         state_.capacity() + kept_.capacity() * sizeof(Kept) + line_bytes + boilerplate_.size() * 32 +
         words_.memory_bytes() + (spelling_ ? spelling_->size() * 48 : 0) +  // a map node and its bucket
         text_hash_.capacity() * 8 + table_bytes(text_slot_);
}

IndexMatch DedupIndex::best_match(const uint32_t* sig, const uint32_t* full, size_t min_slot) const {
  IndexMatch best;
  for (const IndexMatch& m : matches(sig, full, min_slot)) best = better(best, m);
  return best;
}

std::vector<IndexMatch> DedupIndex::matches(const uint32_t* sig, const uint32_t* full, size_t min_slot) const {
  std::vector<uint32_t> candidates;
  const auto collect = [&](uint32_t s) {
    if (s >= min_slot) candidates.push_back(s);
  };
  bands_.for_each_candidate(sig, sigs_, params_.max_bucket, collect);
  if (full) bands_.for_each_candidate(full, sigs_, params_.max_bucket, collect);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<IndexMatch> out;
  const size_t k = hasher_.num_perm();
  for (uint32_t s : candidates) {
    double sim = estimate_jaccard(sig, sigs_[s], k);
    if (full) sim = std::max(sim, estimate_jaccard(full, sigs_[s], k));
    if (sim >= params_.threshold) out.push_back({static_cast<int64_t>(s), sim});
  }
  return out;  // in slot order
}

const uint32_t* DedupIndex::sample_signature(uint32_t doc, const SignedDocs* batch) const {
  if (doc & kProvisional) {
    const size_t i = doc & ~kProvisional;
    if (!batch || i * hasher_.num_perm() >= batch->signatures.size()) return empty_signature_.data();
    return &batch->signatures[i * hasher_.num_perm()];
  }
  const int64_t slot = kept_slot(doc);
  if (slot < 0) return empty_signature_.data();  // removed since: counts as unlike every other sample
  return sigs_[static_cast<size_t>(slot)];
}

const uint32_t* DedupIndex::full_signature(const std::vector<uint32_t>& full, const std::vector<uint32_t>& stripped,
                                           size_t i) const {
  return !stripped.empty() && stripped[i] ? &full[i * hasher_.num_perm()] : nullptr;
}

void DedupIndex::check_new_ids(const std::vector<std::string_view>& ids) const {
  std::unordered_map<std::string_view, size_t> seen;
  seen.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids_.find(ids[i]) != IdTable::kMissing) throw DuplicateId(i, false);
    const auto [it, fresh] = seen.emplace(ids[i], i);
    if (!fresh) throw DuplicateId(i, true, it->second);
  }
}

int64_t DedupIndex::identical(uint64_t hash) const {
  if (hash == 0) return -1;
  const auto it = text_slot_.find(hash);
  return it == text_slot_.end() ? -1 : static_cast<int64_t>(it->second);
}

uint32_t DedupIndex::store(const uint32_t* sig, std::string_view id, bool empty, int64_t cluster, uint64_t text_hash) {
  if (cluster_.size() >= IdTable::kMissing - 1) throw std::length_error("the index holds 2^32 - 2 documents at most");
  if (next_cluster_ >= kProvisional) throw std::length_error("the index has used all 2^31 cluster ids");
  const uint32_t slot = static_cast<uint32_t>(cluster_.size());
  std::copy(sig, sig + hasher_.num_perm(), sigs_.append());
  if (cluster < 0) {
    cluster_.push_back(next_cluster_++);
    state_.push_back(empty ? kEmptyDoc : kLive);
    set_kept(cluster_.back(), slot);
  } else {
    cluster_.push_back(static_cast<uint64_t>(cluster));
    state_.push_back(kMember);
  }
  ids_.append(slot, id);
  text_hash_.push_back(empty ? 0 : text_hash);
  if (!empty && text_hash) text_slot_.emplace(text_hash, slot);  // keeps the first copy
  if (!empty) bands_.insert(slot, sigs_);
  ++live_;
  return slot;
}

BatchOutcome DedupIndex::add_batch(const std::vector<std::string_view>& texts, const std::vector<std::string_view>& ids,
                                   int n_jobs, const InterruptCheck& interrupted, Keep keep) {
  const size_t n = texts.size();
  const size_t k = hasher_.num_perm();
  if (ids.size() != n) throw std::invalid_argument("ids and texts differ in length");
  if (n >= kProvisional) throw std::length_error("a batch holds at most 2^31 - 1 documents");
  check_new_ids(ids);

  // The spelling is learned from everything seen: history's word counts plus the batch's
  // (merged at the commit, so an interrupted batch leaves the counts as they were).
  std::vector<WordSeq> words;
  WordCounts batch_words;
  std::shared_ptr<const SpellingMap> batch_spelling = spelling_;
  if (params_.correct_typos) {
    batch_words = count_words(texts, normalizer_, shingler_, n_jobs, interrupted, &words);
    batch_spelling = spelling_for(batch_words);
  }
  // Only line hashes are kept per document; the few with chrome are tokenized again to strip it.
  SignedDocs docs = sign_with_spelling(texts, normalizer_, shingler_, hasher_, n_jobs, interrupted, false,
                                       batch_spelling, params_.correct_typos ? &words : nullptr);
  BatchOutcome out;
  out.stripped.assign(n, 0);
  out.empty = docs.empty;

  // Everything up to the commit may be interrupted; undo the line counts then.
  LineSnapshot snapshot;
  std::vector<IndexMatch> history(n);
  std::vector<uint32_t> full;  // unstripped signatures (see full_signature)
  try {
    if (params_.strip_boilerplate) {
      snapshot = count_lines(docs);
      const auto lines = stats_.boilerplate([&](uint32_t d) { return sample_signature(d, &docs); }, k,
                                            params_.boilerplate);
      full = docs.signatures;
      out.stripped = strip_lines(docs, texts, normalizer_, shingler_, lines, hasher_, n_jobs, interrupted);
    }
    parallel_for(
        n, n_jobs,
        [&](size_t i) {
          if (docs.empty[i]) return;
          history[i] = best_match(&docs.signatures[i * k], full_signature(full, out.stripped, i), 0);
        },
        interrupted);
  } catch (...) {
    restore_lines(snapshot);
    throw;
  }

  // Commit: in input order, each document meets the members stored before it (history, found
  // above in parallel, and the earlier documents of this batch) and is stored.
  const size_t first_new = cluster_.size();
  const uint64_t first_cluster = next_cluster_;
  out.slot.assign(n, -1);
  out.duplicate_of.assign(n, -1);
  out.in_history.assign(n, 0);
  out.similarity.assign(n, 0.0);
  out.cluster_id.assign(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t* sig = &docs.signatures[i * k];
    IndexMatch m = history[i];
    if (!docs.empty[i]) m = better(m, best_match(sig, full_signature(full, out.stripped, i), first_new));
    const int64_t same = docs.empty[i] ? -1 : identical(docs.text_hash[i]);
    if (same >= 0) m = IndexMatch{same, 1.0};  // a re-scrape: its signature may differ, its text does not
    if (m.slot >= 0) {
      const uint64_t cluster = cluster_[m.slot];
      const int64_t kept = kept_slot(cluster);
      out.duplicate_of[i] = kept;
      out.in_history[i] = kept < static_cast<int64_t>(first_new);
      out.similarity[i] = m.similarity;
      out.cluster_id[i] = static_cast<int64_t>(cluster);
      out.slot[i] = store(sig, ids[i], false, static_cast<int64_t>(cluster), docs.text_hash[i]);
    } else {
      out.slot[i] = store(sig, ids[i], docs.empty[i], -1, docs.text_hash[i]);
      out.cluster_id[i] = static_cast<int64_t>(cluster_[out.slot[i]]);
    }
  }
  if (keep == Keep::Longest) keep_longest(first_cluster, docs, out);
  added_ += n;
  if (params_.correct_typos) {
    words_.merge(batch_words);
    spelling_ = std::move(batch_spelling);
    forget_rare_words();
  }
  if (params_.strip_boilerplate) {
    name_batch_samples(snapshot, out);
    forget_rare_lines();
    refresh_boilerplate();
  }
  if (n >= 1000) release_free_memory();
  return out;
}

void DedupIndex::keep_longest(uint64_t first_cluster, const SignedDocs& docs, BatchOutcome& out) {
  // Every copy is stored already: choosing the longest is moving the "kept" mark.
  const size_t n = out.slot.size();
  constexpr size_t kNone = std::numeric_limits<size_t>::max();
  std::vector<size_t> first(next_cluster_ - first_cluster, kNone), best(first.size(), kNone);
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<uint64_t>(out.cluster_id[i]) < first_cluster) continue;  // a story kept earlier stays
    const size_t c = static_cast<size_t>(out.cluster_id[i]) - first_cluster;
    if (first[c] == kNone) first[c] = best[c] = i;
    else if (docs.length[i] > docs.length[best[c]]) best[c] = i;
  }
  const size_t k = hasher_.num_perm();
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<uint64_t>(out.cluster_id[i]) < first_cluster) continue;
    const size_t c = static_cast<size_t>(out.cluster_id[i]) - first_cluster;
    if (best[c] == first[c]) continue;
    const size_t b = best[c];
    if (i == first[c]) {  // the old kept copy becomes a member, the longest the kept one
      state_[out.slot[i]] |= kMember;
      state_[out.slot[b]] &= static_cast<uint8_t>(~kMember);
      set_kept(static_cast<uint64_t>(out.cluster_id[i]), static_cast<uint32_t>(out.slot[b]));
    }
    out.duplicate_of[i] = i == b ? -1 : out.slot[b];
    out.similarity[i] = i == b ? 0.0 : estimate_jaccard(&docs.signatures[i * k], &docs.signatures[b * k], k);
  }
}

DedupIndex::LineSnapshot DedupIndex::count_lines(const SignedDocs& docs) {
  LineSnapshot snapshot;
  const auto& entries = stats_.entries();
  for (const auto& s : docs.shingles)
    for (uint64_t line : s.segment_hash) {
      if (!line || snapshot.count(line)) continue;
      const auto it = entries.find(line);
      snapshot.emplace(line, it == entries.end() ? std::nullopt : std::optional<LineStats::Entry>(it->second));
    }
  for (size_t i = 0; i < docs.shingles.size(); ++i)
    stats_.add(kProvisional | static_cast<uint32_t>(i), docs.shingles[i].segment_hash);
  return snapshot;
}

void DedupIndex::restore_lines(const LineSnapshot& snapshot) {
  // LineStats cannot erase: a line new in the failed batch stays as an entry counting no
  // document, which never qualifies and is dropped by the next forget_rare_lines.
  for (const auto& [line, before] : snapshot) stats_.restore(line, before ? *before : LineStats::Entry{});
}

void DedupIndex::name_batch_samples(const LineSnapshot& snapshot, const BatchOutcome& outcome) {
  const auto& entries = stats_.entries();
  for (const auto& [line, before] : snapshot) {
    LineStats::Entry e = entries.at(line);
    for (size_t s = 0; s < e.sampled; ++s)
      if (e.sample[s] & kProvisional)
        e.sample[s] = static_cast<uint32_t>(outcome.cluster_id[e.sample[s] & ~kProvisional]);
    stats_.restore(line, e);
  }
}

void DedupIndex::forget_rare_lines() {
  if (stats_.size() <= params_.max_lines) return;
  // Keep the lines seen in the most documents: raise the bar until at most 3/4 of the cap
  // remain, so pruning is rare. Chrome repeats on every page of its site and survives.
  std::vector<uint32_t> counts;
  counts.reserve(stats_.size());
  for (const auto& [line, e] : stats_.entries()) counts.push_back(e.docs);
  const size_t keep = std::max<size_t>(1, static_cast<size_t>(params_.max_lines * 3 / 4));
  std::nth_element(counts.begin(), counts.begin() + (counts.size() - keep), counts.end());
  const uint32_t bar = std::max<uint32_t>(2, counts[counts.size() - keep] + 1);
  LineStats kept;
  for (const auto& [line, e] : stats_.entries())
    if (e.docs >= bar) kept.restore(line, e);
  stats_ = std::move(kept);
}

std::shared_ptr<const SpellingMap> DedupIndex::spelling_for(const WordCounts& batch) const {
  // Readings are fixed at first sight: a stored document's words are read the same way
  // later, so a later copy or an exact re-scrape gets the same shingles. (A word read as
  // itself when it was rare stays so; a slip read as its neighbour stays so even when it
  // turns up again, as it does in the next republished copy.)
  // Only words new in this batch can get a reading, so the map is learned from the words
  // that can be read as (seen in several documents, history and batch together) and the new
  // ones: a word seen before in one document only is left out (it keeps its reading), which
  // spares most of the lookups of a large vocabulary.
  WordCounts candidates;
  words_.for_each([&](const WordCounts::Word& w) {
    const uint32_t docs = w.docs + batch.docs(w.hash);
    if (docs >= 2) candidates.add(w.hash, docs, w.text);
  });
  batch.for_each([&](const WordCounts::Word& w) {
    if (!words_.docs(w.hash)) candidates.add(w.hash, w.docs, w.text);
  });
  SpellingMap map = SpellingMap::build(candidates);
  if (spelling_) spelling_->for_each([&](uint64_t word, uint64_t canonical) { map.set(word, canonical); });
  // A new slip of a word that is itself read as another is read as that other one.
  std::vector<std::pair<uint64_t, uint64_t>> hops;
  map.for_each([&](uint64_t word, uint64_t canonical) {
    if (map.canonical(canonical) != canonical) hops.emplace_back(word, map.canonical(canonical));
  });
  for (const auto& [word, canonical] : hops) map.set(word, canonical);
  return std::make_shared<const SpellingMap>(std::move(map));
}

void DedupIndex::forget_rare_words() {
  if (words_.size() <= params_.max_words) return;
  // Raise the bar until at most 3/4 of the cap remain, so pruning is rare. Words seen in one
  // document go first: they are the slips to correct, not the spellings to correct them to.
  std::vector<uint32_t> counts;
  counts.reserve(words_.size());
  words_.for_each([&](const WordCounts::Word& w) { counts.push_back(w.docs); });
  const size_t keep = std::max<size_t>(1, static_cast<size_t>(params_.max_words * 3 / 4));
  std::nth_element(counts.begin(), counts.begin() + (counts.size() - keep), counts.end());
  const uint32_t bar = std::max<uint32_t>(2, counts[counts.size() - keep] + 1);
  WordCounts kept;
  words_.for_each([&](const WordCounts::Word& w) {
    if (w.docs >= bar) kept.add(w.hash, w.docs, w.text);
  });
  words_ = std::move(kept);
  if (!spelling_) return;
  SpellingMap readings = *spelling_;  // a forgotten word is new again when it comes back
  spelling_->for_each([&](uint64_t word, uint64_t) {
    if (!words_.docs(word)) readings.erase(word);
  });
  spelling_ = std::make_shared<const SpellingMap>(std::move(readings));
}

void DedupIndex::refresh_boilerplate() {
  boilerplate_ = stats_.boilerplate([&](uint32_t d) { return sample_signature(d, nullptr); }, hasher_.num_perm(),
                                    params_.boilerplate);
}

std::vector<std::vector<IndexMatch>> DedupIndex::query(const std::vector<std::string_view>& texts, int n_jobs,
                                                       const InterruptCheck& interrupted) const {
  const size_t k = hasher_.num_perm();
  // Only line hashes are kept per document; the few with chrome are tokenized again to strip it.
  SignedDocs docs = sign_with_spelling(texts, normalizer_, shingler_, hasher_, n_jobs, interrupted, false, spelling_, nullptr);
  std::vector<uint32_t> full, stripped;
  if (params_.strip_boilerplate) {
    full = docs.signatures;
    stripped = strip_lines(docs, texts, normalizer_, shingler_, boilerplate_, hasher_, n_jobs, interrupted);
  }
  std::vector<std::vector<IndexMatch>> out(texts.size());
  parallel_for(
      texts.size(), n_jobs,
      [&](size_t i) {
        if (docs.empty[i]) return;
        // One match per cluster: its kept copy, with the similarity of its best member.
        std::vector<std::pair<uint64_t, IndexMatch>> best;
        for (const IndexMatch& m : matches(&docs.signatures[i * k], full_signature(full, stripped, i), 0)) {
          const uint64_t c = cluster_[m.slot];
          auto it = std::find_if(best.begin(), best.end(), [&](const auto& b) { return b.first == c; });
          if (it == best.end()) best.emplace_back(c, m);
          else it->second = better(it->second, m);
        }
        for (const auto& [c, m] : best) out[i].push_back({kept_slot(c), m.similarity});
        std::sort(out[i].begin(), out[i].end(), [](const IndexMatch& a, const IndexMatch& b) {
          return a.similarity != b.similarity ? a.similarity > b.similarity : a.slot < b.slot;
        });
      },
      interrupted);
  return out;
}

size_t DedupIndex::remove(const std::vector<std::string_view>& ids) {
  std::vector<uint32_t> found;
  found.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    const uint32_t slot = ids_.find(ids[i]);
    if (slot == IdTable::kMissing) throw UnknownId(i);
    found.push_back(slot);
  }
  size_t removed = 0;
  std::vector<uint64_t> orphaned;  // clusters whose kept copy was removed
  for (size_t i = 0; i < found.size(); ++i) {
    const uint32_t slot = found[i];
    if (!live(slot)) continue;  // the same id twice in `ids`
    bands_.erase(slot, sigs_);
    ids_.erase(ids[i]);
    const auto same = text_slot_.find(text_hash_[slot]);
    if (same != text_slot_.end() && same->second == slot) text_slot_.erase(same);
    if (!member(slot)) {
      orphaned.push_back(cluster_[slot]);
      set_kept(cluster_[slot], kNoSlot);
    }
    state_[slot] = kDead;
    --live_;
    ++removed;
  }
  if (!orphaned.empty()) {  // the earliest remaining member of each becomes its kept copy
    std::sort(orphaned.begin(), orphaned.end());
    for (size_t s = 0; s < cluster_.size(); ++s) {
      if (!live(s) || !member(s) || !std::binary_search(orphaned.begin(), orphaned.end(), cluster_[s])) continue;
      if (kept_slot(cluster_[s]) >= 0) continue;
      state_[s] &= static_cast<uint8_t>(~kMember);
      set_kept(cluster_[s], static_cast<uint32_t>(s));
    }
  }
  if (live_ * 2 < cluster_.size() && cluster_.size() > 1024) compact();
  return removed;
}

void DedupIndex::compact() {
  IndexState state;
  SignatureStore sigs(hasher_.num_perm());
  state.id_offsets.push_back(0);
  for (size_t slot = 0; slot < cluster_.size(); ++slot) {
    if (!live(slot)) continue;
    std::copy(sigs_[slot], sigs_[slot] + hasher_.num_perm(), sigs.append());
    state.cluster.push_back(cluster_[slot]);
    state.flags.push_back((empty_doc(slot) ? IndexState::kFlagEmpty : 0) | (member(slot) ? IndexState::kFlagMember : 0));
    state.text_hash.push_back(text_hash_[slot]);
    const std::string_view doc_id = ids_.id(static_cast<uint32_t>(slot));
    state.id_arena.append(doc_id.data(), doc_id.size());
    state.id_offsets.push_back(state.id_arena.size());
  }
  state.next_cluster = next_cluster_;
  state.added = added_;
  sigs_ = std::move(sigs);
  restore(std::move(state), std::move(stats_), std::move(boilerplate_), std::move(words_),
          spelling_ ? SpellingMap(*spelling_) : SpellingMap());
}

void DedupIndex::restore(IndexState state, LineStats stats, std::unordered_set<uint64_t> boilerplate, WordCounts words,
                         SpellingMap spelling) {
  const size_t n = state.cluster.size();
  if (sigs_.size() != n || state.flags.size() != n || state.id_offsets.size() != n + 1 ||
      state.text_hash.size() != n)
    throw std::invalid_argument("index state arrays differ in length");
  cluster_ = std::move(state.cluster);
  state_.assign(n, kLive);
  std::vector<uint8_t> all_live(n, 1), linked(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (state.flags[i] & IndexState::kFlagMember) state_[i] = kMember;
    if (state.flags[i] & IndexState::kFlagEmpty) state_[i] |= kEmptyDoc;
    else linked[i] = 1;
  }
  live_ = n;
  next_cluster_ = state.next_cluster;
  added_ = state.added;
  ids_.assign(std::move(state.id_arena), std::move(state.id_offsets), all_live);
  text_hash_ = std::move(state.text_hash);
  text_slot_.clear();
  for (size_t i = 0; i < n; ++i)
    if (text_hash_[i] && !(state_[i] & kEmptyDoc)) text_slot_.emplace(text_hash_[i], static_cast<uint32_t>(i));
  bands_.rebuild(sigs_, linked);
  rebuild_kept();
  stats_ = std::move(stats);
  boilerplate_ = std::move(boilerplate);
  words_ = std::move(words);
  spelling_ = spelling.size() ? std::make_shared<const SpellingMap>(std::move(spelling)) : nullptr;
}

}  // namespace warta
