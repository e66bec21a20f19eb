#include "warta/index.hpp"
#include "warta/growth.hpp"
#include "warta/validate.hpp"

#include "index_state.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <unordered_map>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace warta {

// ---------------------------------------------------------------- DedupIndex

namespace {

// A batch frees about as much as it keeps (tokens, line counts, forgotten lines); glibc
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

constexpr uint32_t kNoSlot = DedupIndex::kNoSlot;

}  // namespace

void IndexParams::validate(size_t num_perm) const {
  require(threshold > 0.0 && threshold <= 1.0, "threshold", "in (0, 1]", threshold);
  require(measure == Measure::Jaccard || measure == Measure::Story, "measure", "jaccard or story", static_cast<double>(measure));
  require(min_jaccard >= 0.0 && min_jaccard <= 1.0, "min_jaccard", "in [0, 1]", min_jaccard);
  require(number_agreement >= 0.0 && number_agreement <= 1.0, "number_agreement", "in [0, 1]", number_agreement);
  require(ngram >= 1 && ngram <= 64, "ngram", "in [1, 64]", ngram);
  bands.validate(num_perm, /*allow_automatic=*/true);
  check_weights(fp_weight, fn_weight);
  boilerplate.validate();
  // A query walks at most max_bucket chain entries per band: one is the least that finds anything.
  require(max_bucket >= 1, "max_bucket", ">= 1", max_bucket);
  // Forgetting keeps 3/4 of the cap: below 16 entries the tables would churn on every batch.
  require(max_lines >= 16, "max_lines", ">= 16", static_cast<double>(max_lines));
  require(max_words >= 16, "max_words", ">= 16", static_cast<double>(max_words));
  require(window >= 0, "window", ">= 0", static_cast<double>(window));
}

namespace {

IndexParams resolved(IndexParams params, size_t num_perm) {
  params.validate(num_perm);
  // Story's pairs may have a Jaccard as low as its floor: banding has to find those.
  const double t = params.measure == Measure::Story ? std::min(params.threshold, params.min_jaccard) : params.threshold;
  if (params.bands.automatic())
    params.bands = optimal_bands(t, static_cast<int>(num_perm), params.fp_weight, params.fn_weight);
  return params;
}

}  // namespace

DedupIndex::DedupIndex(IndexParams params, MinHasher hasher)
    : params_(resolved(std::move(params), hasher.num_perm())),
      hasher_(std::move(hasher)),
      shingler_({static_cast<int>(params_.ngram), hasher_.seed()}),
      sigs_(hasher_.num_perm()),
      bands_(params_.bands, hasher_.num_perm()),
      empty_signature_(hasher_.num_perm(), static_cast<StoredValue>(kEmptyHash)) {
  if (params_.measure == Measure::Story) number_end_.reserve(1);
}

uint64_t DedupIndex::root(uint64_t cluster) const {
  if (parent_.empty()) return cluster;
  for (auto it = parent_.find(cluster); it != parent_.end(); it = parent_.find(cluster)) cluster = it->second;
  return cluster;
}

int64_t DedupIndex::kept_slot(uint64_t cluster) const {
  cluster = root(cluster);
  const auto it = std::lower_bound(kept_.begin(), kept_.end(), cluster,
                                   [](const Kept& k, uint64_t c) { return k.cluster < c; });
  return it == kept_.end() || it->cluster != cluster || it->slot == kNoSlot ? -1 : static_cast<int64_t>(it->slot);
}

void DedupIndex::set_kept(uint64_t cluster, uint32_t slot) {
  const auto it = std::lower_bound(kept_.begin(), kept_.end(), cluster,
                                   [](const Kept& k, uint64_t c) { return k.cluster < c; });
  if (it != kept_.end() && it->cluster == cluster) it->slot = slot;
  else kept_.insert(it, Kept{static_cast<uint32_t>(cluster), slot});  // new clusters have the largest id: an append
}

void DedupIndex::rebuild_kept() {
  kept_.clear();
  for (size_t s = 0; s < cluster_.size(); ++s)
    if (live(s) && !member(s)) kept_.push_back({static_cast<uint32_t>(root(cluster_[s])), static_cast<uint32_t>(s)});
  std::sort(kept_.begin(), kept_.end(), [](const Kept& a, const Kept& b) { return a.cluster < b.cluster; });
  kept_.shrink_to_fit();
}

size_t DedupIndex::clusters() const {
  size_t n = 0;
  for (const Kept& k : kept_) n += k.slot != kNoSlot;
  return n;
}

const IndexMatch& DedupIndex::better(const IndexMatch& a, const IndexMatch& b) {
  if (a.slot < 0) return b;
  if (b.slot < 0) return a;
  if (a.similarity != b.similarity) return a.similarity > b.similarity ? a : b;
  return a.slot < b.slot ? a : b;
}

bool DedupIndex::keeps_over(uint32_t a, uint32_t b) const {
  return rank_[a] != rank_[b] ? rank_[a] < rank_[b] : a < b;
}

int64_t DedupIndex::find(std::string_view id) const {
  const uint32_t slot = ids_.find(id);
  return slot == IdTable::kMissing ? -1 : static_cast<int64_t>(slot);
}

std::pair<const uint32_t*, const uint32_t*> DedupIndex::numbers(size_t slot) const {
  if (number_end_.size() <= slot) return {nullptr, nullptr};
  const uint32_t begin = slot ? number_end_[slot - 1] : 0;
  return {numbers_.data() + begin, numbers_.data() + number_end_[slot]};
}

std::vector<std::vector<uint32_t>> DedupIndex::stored_numbers(const SignedDocs& docs) {
  std::vector<std::vector<uint32_t>> out(docs.shingles.size());
  for (size_t i = 0; i < out.size(); ++i) {
    for (uint64_t h : docs.shingles[i].numbers) out[i].push_back(static_cast<uint32_t>(h));
    std::sort(out[i].begin(), out[i].end());
    out[i].erase(std::unique(out[i].begin(), out[i].end()), out[i].end());
  }
  return out;
}

std::vector<std::pair<std::string, size_t>> DedupIndex::memory_parts() const {
  return {
      {"signatures", sigs_.memory_bytes()},
      {"lsh_bands", bands_.memory_bytes()},
      {"ids", ids_.memory_bytes()},
      {"clusters", cluster_.capacity() * sizeof(uint32_t) + state_.capacity() + kept_.capacity() * sizeof(Kept) +
                       table_bytes(parent_) + merge_log_.capacity() * 16},
      {"dates_and_ranks", date_.capacity() * 8 + rank_.capacity() * sizeof(float)},
      {"provenance", provenance_.memory_bytes() + events_.capacity() * sizeof(IndexEvent)},
      {"story_counts_and_numbers", (shingles_.capacity() + number_end_.capacity() + numbers_.capacity()) * sizeof(uint32_t)},
      {"text_hashes", text_hash_.capacity() * 8 + text_slots_.memory_bytes()},
      {"line_statistics", stats_.memory_bytes() + boilerplate_.size() * 32},
      {"word_counts", words_.memory_bytes() + (spelling_ ? spelling_->size() * 48 : 0)},  // a map node and its bucket
      {"save_state", saved_.state.capacity()},
  };
}

size_t DedupIndex::memory_bytes() const {
  size_t total = 0;
  for (const auto& [part, bytes] : memory_parts()) total += bytes;
  return total;
}

double DedupIndex::similarity(const Probe& probe, uint32_t s) const {
  const size_t k = hasher_.num_perm();
  double j = estimate_jaccard(probe.sig, sigs_[s], k);
  if (probe.full) j = std::max(j, estimate_jaccard(probe.full, sigs_[s], k));
  if (params_.measure != Measure::Story) return j;
  const double sim = story_similarity(j, containment_from(j, probe.shingles, shingles_[s]), params_.min_jaccard);
  if (sim < params_.threshold || j >= kNearIdentical || !probe.numbers) return sim;
  // The number check, as warta::dedup makes it: the smaller text's numbers in the larger.
  const auto [begin, end] = numbers(s);
  const uint32_t* own = probe.numbers->data();
  const uint32_t* own_end = own + probe.numbers->size();
  const double agreement = shingles_[s] <= probe.shingles ? number_agreement(begin, end, own, own_end)
                                                          : number_agreement(own, own_end, begin, end);
  return agreement < params_.number_agreement ? 0.0 : sim;
}

std::vector<IndexMatch> DedupIndex::matches(const Probe& probe, size_t min_slot) const {
  std::vector<uint32_t> candidates;
  const auto collect = [&](uint32_t s) { candidates.push_back(s); };
  const auto first = static_cast<uint32_t>(min_slot);
  bands_.for_each_candidate(probe.sig, sigs_, params_.max_bucket, first, collect);
  if (probe.full) bands_.for_each_candidate(probe.full, sigs_, params_.max_bucket, first, collect);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<IndexMatch> out;
  for (uint32_t s : candidates) {
    const double sim = similarity(probe, s);
    if (sim >= params_.threshold) out.push_back({static_cast<int64_t>(s), sim});
  }
  return out;  // in slot order
}

const StoredValue* DedupIndex::sample_signature(uint32_t doc, const std::vector<StoredValue>* batch) const {
  if (doc & kProvisional) {
    const size_t i = doc & ~kProvisional;
    if (!batch || i * hasher_.num_perm() >= batch->size()) return empty_signature_.data();
    return &(*batch)[i * hasher_.num_perm()];
  }
  const int64_t slot = kept_slot(doc);
  if (slot < 0) return empty_signature_.data();  // removed since: counts as unlike every other sample
  return sigs_[static_cast<size_t>(slot)];
}

double DedupIndex::sample_similarity(uint32_t a, uint32_t b, const std::vector<StoredValue>* batch) const {
  return estimate_jaccard(sample_signature(a, batch), sample_signature(b, batch), hasher_.num_perm());
}

DedupIndex::Probe DedupIndex::probe_of(const SignedDocs& docs, const BatchValues& values, size_t i) const {
  const size_t k = hasher_.num_perm();
  Probe p;
  p.sig = &values.sig[i * k];
  p.full = !values.stripped.empty() && values.stripped[i] ? &values.full[i * k] : nullptr;
  if (params_.measure == Measure::Story) {
    p.shingles = docs.shingle_count[i];
    p.numbers = &values.numbers[i];
  }
  return p;
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

void DedupIndex::check_input(const BatchInput& input, size_t n) const {
  if (!input.dates.empty() && input.dates.size() != n) throw std::invalid_argument("dates and texts differ in length");
  if (input.keep == KeepRule::Rank) {
    if (input.ranks.size() != n) throw std::invalid_argument("ranks and texts differ in length");
    for (size_t i = 0; i < n; ++i)
      if (std::isnan(input.ranks[i])) throw std::invalid_argument("ranks[" + std::to_string(i) + "] is NaN");
  }
}

std::vector<double> DedupIndex::ranks_for(const BatchInput& input, const SignedDocs& docs) const {
  const size_t n = docs.empty.size();
  switch (input.keep) {
    case KeepRule::Rank:
      return input.ranks;
    case KeepRule::Longest: {
      std::vector<double> r(n);
      for (size_t i = 0; i < n; ++i) r[i] = -static_cast<double>(docs.length[i]);
      return r;
    }
    case KeepRule::Earliest: {
      std::vector<double> r(n, std::numeric_limits<double>::infinity());
      for (size_t i = 0; i < n && !input.dates.empty(); ++i)
        if (input.dates[i] != kUndated) r[i] = static_cast<double>(input.dates[i]);
      return r;
    }
    case KeepRule::First:
      break;
  }
  return std::vector<double>(n, 0.0);
}

void DedupIndex::make_room(size_t docs, size_t numbers) {
  grow_for(cluster_, docs);
  grow_for(state_, docs);
  grow_for(text_hash_, docs);
  grow_for(date_, docs);
  grow_for(rank_, docs);
  if (params_.measure != Measure::Story) return;
  grow_for(shingles_, docs);
  grow_for(number_end_, docs);
  grow_for(numbers_, numbers);
}

int64_t DedupIndex::identical(uint64_t hash) const {
  if (hash == 0) return -1;
  return text_slots_.first(hash, [&](uint32_t s) { return text_hash_[s] == hash; });
}

uint32_t DedupIndex::store(const StoredValue* sig, std::string_view id, bool empty, int64_t cluster, uint64_t text_hash) {
  if (cluster_.size() >= IdTable::kMissing - 1) throw std::length_error("the index holds 2^32 - 2 documents at most");
  if (next_cluster_ >= kProvisional) throw std::length_error("the index has used all 2^31 cluster ids");
  const uint32_t slot = static_cast<uint32_t>(cluster_.size());
  std::copy(sig, sig + hasher_.num_perm(), sigs_.append());
  if (cluster < 0) {
    cluster_.push_back(static_cast<uint32_t>(next_cluster_++));
    state_.push_back(empty ? kEmptyDoc : kLive);
    set_kept(cluster_.back(), slot);
  } else {
    cluster_.push_back(static_cast<uint32_t>(cluster));
    state_.push_back(kMember);
  }
  ids_.append(slot, id);
  text_hash_.push_back(empty ? 0 : text_hash);
  if (!empty && text_hash) text_slots_.insert(slot, text_hash, [&](uint32_t s) { return text_hash_[s]; });
  if (!empty) bands_.insert(slot, sigs_);
  ++live_;
  return slot;
}

uint64_t DedupIndex::merge(std::vector<uint64_t> roots, uint32_t bridge, BatchOutcome& out) {
  std::sort(roots.begin(), roots.end());
  const uint64_t into = roots[0];
  for (size_t r = 1; r < roots.size(); ++r) {
    const uint64_t absorbed = roots[r];
    parent_[absorbed] = into;
    merge_log_.emplace_back(absorbed, into);
    out.events.push_back({batches_, IndexEvent::Merged, into, absorbed, bridge, 0});
    const int64_t a = kept_slot(into), b = [&] {
      const auto it = std::lower_bound(kept_.begin(), kept_.end(), absorbed,
                                       [](const Kept& k, uint64_t c) { return k.cluster < c; });
      const int64_t slot = it != kept_.end() && it->cluster == absorbed && it->slot != kNoSlot ? it->slot : -1;
      if (it != kept_.end() && it->cluster == absorbed) kept_.erase(it);
      return slot;
    }();
    if (b < 0) continue;
    if (a < 0 || keeps_over(static_cast<uint32_t>(b), static_cast<uint32_t>(a))) {
      if (a >= 0) state_[a] |= kMember;
      state_[b] &= static_cast<uint8_t>(~kMember);
      set_kept(into, static_cast<uint32_t>(b));
      out.events.push_back({batches_, IndexEvent::KeptChanged, into, 0, static_cast<uint32_t>(b),
                            a >= 0 ? static_cast<uint32_t>(a) : kNoSlot});
    } else {
      state_[b] |= kMember;
    }
  }
  return into;
}

void DedupIndex::offer_kept(uint32_t slot, BatchOutcome& out) {
  const uint64_t c = root(cluster_[slot]);
  const int64_t kept = kept_slot(c);
  if (kept >= 0 && !keeps_over(slot, static_cast<uint32_t>(kept))) return;
  if (kept >= 0) state_[kept] |= kMember;
  state_[slot] &= static_cast<uint8_t>(~kMember);
  set_kept(c, slot);
  out.events.push_back({batches_, IndexEvent::KeptChanged, c, 0, slot, kept >= 0 ? static_cast<uint32_t>(kept) : kNoSlot});
}

void DedupIndex::flatten_merges() {
  for (auto it = parent_.begin(); it != parent_.end(); ++it) it.value() = root(it->second);
}

BatchOutcome DedupIndex::add_batch(const std::vector<std::string_view>& texts, const std::vector<std::string_view>& ids,
                                   int n_jobs, const InterruptCheck& interrupted, const BatchInput& input) {
  const size_t n = texts.size();
  const size_t k = hasher_.num_perm();
  if (ids.size() != n) throw std::invalid_argument("ids and texts differ in length");
  if (n >= kProvisional) throw std::length_error("a batch holds at most 2^31 - 1 documents");
  check_new_ids(ids);
  check_input(input, n);

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
  const std::vector<double> ranks = ranks_for(input, docs);

  // Everything up to the commit may be interrupted and leaves the index as it was: the
  // batch's lines are counted into a new LineStats, which becomes stats_ at the commit.
  LineStats counted;
  std::vector<std::vector<IndexMatch>> earlier(n);  // matches among the stored documents
  BatchValues values;
  values.sig = stored_values(docs.signatures);
  if (params_.strip_boilerplate) {
    counted = count_lines(docs);
    const auto lines = counted.boilerplate(
        [&](uint32_t a, uint32_t b) { return sample_similarity(a, b, &values.sig); }, params_.boilerplate);
    values.full = values.sig;  // unstripped (see Probe)
    out.stripped = strip_lines(docs, texts, normalizer_, shingler_, lines, hasher_, n_jobs, interrupted);
    values.sig = stored_values(docs.signatures);
    values.stripped = out.stripped;
  }
  if (params_.measure == Measure::Story) values.numbers = stored_numbers(docs);
  parallel_for(
      n, n_jobs,
      [&](size_t i) {
        if (!docs.empty[i]) earlier[i] = matches(probe_of(docs, values, i), 0);
      },
      interrupted);

  // Commit: in input order, each document meets the documents stored before it (history,
  // found above in parallel, and the earlier documents of this batch), joins or merges their
  // clusters, and is stored.
  ++batches_;
  size_t new_numbers = 0;
  for (const auto& nums : values.numbers) new_numbers += nums.size();
  make_room(n, new_numbers);
  const size_t first_new = cluster_.size();
  const uint64_t first_cluster = next_cluster_;
  out.slot.assign(n, -1);
  out.similarity.assign(n, 0.0);
  out.matched.assign(n, -1);
  std::vector<uint64_t> roots;
  for (size_t i = 0; i < n; ++i) {
    std::vector<IndexMatch> found = std::move(earlier[i]);
    if (!docs.empty[i]) {
      const Probe probe = probe_of(docs, values, i);
      for (const IndexMatch& m : matches(probe, first_new)) found.push_back(m);
      const int64_t same = identical(docs.text_hash[i]);
      // A re-scrape: its signature may differ (chrome or spelling learned since), its text does not.
      if (same >= 0) found.push_back({same, 1.0});
    }
    IndexMatch best;
    roots.clear();
    for (const IndexMatch& m : found) {
      best = better(best, m);
      roots.push_back(root(cluster_[m.slot]));
    }
    std::sort(roots.begin(), roots.end());
    roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
    uint32_t slot;
    if (best.slot >= 0) {
      const uint32_t bridge = static_cast<uint32_t>(cluster_.size());
      const uint64_t cluster = roots.size() > 1 ? merge(roots, bridge, out) : roots[0];
      slot = store(&values.sig[i * k], ids[i], false, static_cast<int64_t>(cluster), docs.text_hash[i]);
      out.similarity[i] = best.similarity;
      out.matched[i] = best.slot;
    } else {
      slot = store(&values.sig[i * k], ids[i], docs.empty[i], -1, docs.text_hash[i]);
    }
    out.slot[i] = slot;
    const int64_t dated = input.dates.empty() ? kUndated : input.dates[i];
    date_.push_back(dated);
    if (dated != kUndated) newest_ = std::max(newest_, dated);
    rank_.push_back(static_cast<float>(ranks[i]));
    provenance_.append(batches_, best.slot >= 0 ? static_cast<uint32_t>(best.slot) : kNoSlot,
                       static_cast<float>(best.similarity));
    if (params_.measure == Measure::Story) {
      shingles_.push_back(docs.shingle_count[i]);
      const auto& nums = values.numbers[i];
      if (numbers_.size() + nums.size() >= 0xFFFFFFFFull) throw std::length_error("the index holds 2^32 numbers at most");
      numbers_.insert(numbers_.end(), nums.begin(), nums.end());
      number_end_.push_back(static_cast<uint32_t>(numbers_.size()));
    }
    if (best.slot >= 0) offer_kept(slot, out);
  }
  flatten_merges();
  // What each document is now, after the batch's merges and changes of kept copy; a
  // document that displaced the kept copy of an earlier batch's cluster says so.
  out.duplicate_of.assign(n, -1);
  out.in_history.assign(n, 0);
  out.cluster_id.assign(n, -1);
  out.replaced.assign(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t c = root(cluster_[out.slot[i]]);
    const int64_t kept = kept_slot(c);
    out.cluster_id[i] = static_cast<int64_t>(c);
    out.in_history[i] = c < first_cluster;
    out.duplicate_of[i] = kept == out.slot[i] ? -1 : kept;
  }
  // The events were recorded with slots; the first displacement of an older kept copy per cluster.
  for (const IndexEvent& e : out.events) {
    if (e.kind != IndexEvent::KeptChanged || e.previous == kNoSlot || e.previous >= first_new) continue;
    const size_t i = e.slot - first_new;
    if (e.slot >= first_new && out.replaced[i] < 0 && kept_slot(e.cluster) == static_cast<int64_t>(e.slot))
      out.replaced[i] = e.previous;
  }
  events_.insert(events_.end(), out.events.begin(), out.events.end());
  added_ += n;
  if (params_.correct_typos) {
    words_.merge(batch_words);
    spelling_ = std::move(batch_spelling);
    forget_rare_words();
  }
  if (params_.strip_boilerplate) {
    commit_lines(std::move(counted), out);
    forget_rare_lines();
    refresh_boilerplate();
  }
  if (params_.window > 0 && newest_ != kUndated) out.expired = expire(newest_ - params_.window);
  if (n >= 1000) release_free_memory();
  return out;
}

LineStats DedupIndex::count_lines(const SignedDocs& docs) const {
  LineBatch lines;
  for (size_t i = 0; i < docs.shingles.size(); ++i)
    lines.add(kProvisional | static_cast<uint32_t>(i), docs.shingles[i].segment_hash);
  return stats_.plus(std::move(lines));
}

void DedupIndex::commit_lines(LineStats counted, const BatchOutcome& outcome) {
  counted.rename_samples([&](uint32_t doc) {
    return (doc & kProvisional) ? static_cast<uint32_t>(outcome.cluster_id[doc & ~kProvisional]) : doc;
  });
  stats_ = std::move(counted);
}

void DedupIndex::forget_rare_lines() {
  if (stats_.size() <= params_.max_lines) return;
  // Keep the lines seen in the most documents: raise the bar until at most 3/4 of the cap
  // remain, so pruning is rare. Chrome repeats on every page of its site and survives.
  std::vector<uint32_t> counts;
  counts.reserve(stats_.size());
  stats_.for_each([&](const LineStats::Line& line) { counts.push_back(line.docs); });
  const size_t keep = std::max<size_t>(1, static_cast<size_t>(params_.max_lines * 3 / 4));
  std::nth_element(counts.begin(), counts.begin() + (counts.size() - keep), counts.end());
  const uint32_t bar = std::max<uint32_t>(2, counts[counts.size() - keep] + 1);
  stats_ = stats_.counted_in(bar);
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
  boilerplate_ = stats_.boilerplate([&](uint32_t a, uint32_t b) { return sample_similarity(a, b, nullptr); },
                                    params_.boilerplate);
}

std::vector<std::vector<IndexMatch>> DedupIndex::query(const std::vector<std::string_view>& texts, int n_jobs,
                                                       const InterruptCheck& interrupted) const {
  // Only line hashes are kept per document; the few with chrome are tokenized again to strip it.
  SignedDocs docs = sign_with_spelling(texts, normalizer_, shingler_, hasher_, n_jobs, interrupted, false, spelling_, nullptr);
  BatchValues values;
  if (params_.strip_boilerplate) {
    values.full = stored_values(docs.signatures);
    values.stripped = strip_lines(docs, texts, normalizer_, shingler_, boilerplate_, hasher_, n_jobs, interrupted);
  }
  values.sig = stored_values(docs.signatures);
  if (params_.measure == Measure::Story) values.numbers = stored_numbers(docs);
  std::vector<std::vector<IndexMatch>> out(texts.size());
  parallel_for(
      texts.size(), n_jobs,
      [&](size_t i) {
        if (docs.empty[i]) return;
        // One match per cluster: its kept copy, with the similarity of its best member.
        std::vector<std::pair<uint64_t, IndexMatch>> best;
        for (const IndexMatch& m : matches(probe_of(docs, values, i), 0)) {
          const uint64_t c = root(cluster_[m.slot]);
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

void DedupIndex::kill(uint32_t slot, std::vector<uint64_t>& orphaned) {
  if (!empty_doc(slot)) bands_.erase(slot, sigs_);
  ids_.erase(slot);
  text_slots_.erase(slot, text_hash_[slot]);
  if (!member(slot)) {
    const uint64_t c = root(cluster_[slot]);
    orphaned.push_back(c);
    set_kept(c, kNoSlot);
  }
  state_[slot] = kDead;
  --live_;
}

void DedupIndex::rekeep(std::vector<uint64_t> orphaned) {
  if (orphaned.empty()) return;
  // The remaining member of lowest rank (ties: the earliest) of each becomes its kept copy.
  std::sort(orphaned.begin(), orphaned.end());
  std::vector<std::pair<uint64_t, uint32_t>> best;  // (cluster, slot)
  for (size_t s = 0; s < cluster_.size(); ++s) {
    if (!live(s) || !member(s)) continue;
    const uint64_t c = root(cluster_[s]);
    if (!std::binary_search(orphaned.begin(), orphaned.end(), c)) continue;
    best.emplace_back(c, static_cast<uint32_t>(s));
  }
  std::sort(best.begin(), best.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : keeps_over(a.second, b.second);
  });
  for (size_t x = 0; x < best.size(); ++x) {
    if (x && best[x].first == best[x - 1].first) continue;
    state_[best[x].second] &= static_cast<uint8_t>(~kMember);
    set_kept(best[x].first, best[x].second);
  }
}

void DedupIndex::compact_if_sparse() {
  // An eighth dead at most: removed memory comes back within ~14% of the live state, and
  // each slot is copied O(1) times on average.
  if ((cluster_.size() - live_) * 8 > cluster_.size() && cluster_.size() > 1024) compact();
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
  for (uint32_t slot : found) {
    if (!live(slot)) continue;  // the same id twice in `ids`
    kill(slot, orphaned);
    ++removed;
  }
  rekeep(std::move(orphaned));
  compact_if_sparse();
  return removed;
}

size_t DedupIndex::expire(int64_t before) {
  size_t removed = 0;
  std::vector<uint64_t> orphaned;
  for (size_t s = 0; s < cluster_.size(); ++s) {
    if (!live(s) || date_[s] == kUndated || date_[s] >= before) continue;
    kill(static_cast<uint32_t>(s), orphaned);
    ++removed;
  }
  rekeep(std::move(orphaned));
  if (removed) compact_if_sparse();
  return removed;
}

std::vector<IndexEvent> DedupIndex::history(size_t slot) const {
  // The clusters along the document's line: the one it joined and those that absorbed it.
  std::vector<uint64_t> line{cluster_[slot]};
  for (auto it = parent_.find(line.back()); it != parent_.end(); it = parent_.find(line.back()))
    line.push_back(it->second);
  const auto on_line = [&](uint64_t c) { return std::find(line.begin(), line.end(), c) != line.end(); };
  std::vector<IndexEvent> out;
  for (const IndexEvent& e : events_) {
    if (e.batch < batch(slot)) continue;
    const bool mine = e.kind == IndexEvent::Merged ? on_line(e.other) || (on_line(e.cluster) && e.slot >= slot)
                                                   : e.slot == slot || e.previous == slot;
    if (mine) out.push_back(e);
  }
  return out;
}

void DedupIndex::compact() {
  flatten_merges();
  IndexState state;
  SignatureStore sigs(hasher_.num_perm());
  std::vector<uint32_t> renumber(cluster_.size(), kNoSlot);
  state.id_offsets.push_back(0);
  const bool story = params_.measure == Measure::Story;
  for (size_t slot = 0; slot < cluster_.size(); ++slot) {
    if (!live(slot)) continue;
    renumber[slot] = static_cast<uint32_t>(state.cluster.size());
    std::copy(sigs_[slot], sigs_[slot] + hasher_.num_perm(), sigs.append());
    state.cluster.push_back(root(cluster_[slot]));  // merges are applied: no slot needs the old id
    state.flags.push_back((empty_doc(slot) ? IndexState::kFlagEmpty : 0) | (member(slot) ? IndexState::kFlagMember : 0));
    state.text_hash.push_back(text_hash_[slot]);
    const std::string_view doc_id = ids_.id(static_cast<uint32_t>(slot));
    state.id_arena.append(doc_id.data(), doc_id.size());
    state.id_offsets.push_back(state.id_arena.size());
    state.date.push_back(date_[slot]);
    state.rank.push_back(rank_[slot]);
    state.batch.push_back(batch(slot));
    state.matched.push_back(matched(slot));
    state.match_sim.push_back(matched_similarity(slot));
    if (story) {
      state.shingles.push_back(shingles_[slot]);
      const auto [begin, end] = numbers(slot);
      state.numbers.insert(state.numbers.end(), begin, end);
      state.number_end.push_back(static_cast<uint32_t>(state.numbers.size()));
    }
  }
  const auto moved = [&](uint32_t s) { return s == kNoSlot || s >= renumber.size() ? kNoSlot : renumber[s]; };
  for (uint32_t& m : state.matched) m = moved(m);
  // Events about documents all gone are forgotten with them.
  for (IndexEvent e : events_) {
    e.slot = moved(e.slot);
    if (e.kind == IndexEvent::KeptChanged) e.previous = moved(e.previous);
    if (e.slot == kNoSlot && (e.kind == IndexEvent::Merged || e.previous == kNoSlot)) continue;
    state.events.push_back(e);
  }
  // A cluster that absorbed others keeps the record of which, for ids callers still hold.
  for (const auto& [absorbed, into] : parent_)
    if (kept_slot(into) >= 0) state.merged.emplace_back(absorbed, into);
  std::sort(state.merged.begin(), state.merged.end());
  state.next_cluster = next_cluster_;
  state.added = added_;
  state.batches = batches_;
  state.newest = newest_;
  sigs_ = std::move(sigs);
  restore(std::move(state), std::move(stats_), std::move(boilerplate_), std::move(words_),
          spelling_ ? SpellingMap(*spelling_) : SpellingMap());
}

void DedupIndex::restore(IndexState&& state, LineStats stats, std::unordered_set<uint64_t> boilerplate, WordCounts words,
                         SpellingMap spelling) {
  const size_t n = state.cluster.size();
  const auto sized = [n](size_t size, size_t want) { return size == want || size == 0; };
  const bool story = params_.measure == Measure::Story;
  if (sigs_.size() != n || state.flags.size() != n || state.id_offsets.size() != n + 1 ||
      state.text_hash.size() != n || !sized(state.date.size(), n) || !sized(state.rank.size(), n) ||
      !sized(state.batch.size(), n) || !sized(state.matched.size(), n) || !sized(state.match_sim.size(), n) ||
      (story && !(sized(state.shingles.size(), n) && state.number_end.size() == state.shingles.size())))
    throw std::invalid_argument("index state arrays differ in length");
  cluster_.assign(state.cluster.begin(), state.cluster.end());  // below 2^31 (check_structure, compact)
  cluster_.shrink_to_fit();
  state_.assign(n, kLive);
  std::vector<uint8_t> alive(n, 1), linked(n, 0);
  live_ = 0;
  for (size_t i = 0; i < n; ++i) {
    if (state.flags[i] & IndexState::kFlagMember) state_[i] = kMember;
    if (state.flags[i] & IndexState::kFlagEmpty) state_[i] |= kEmptyDoc;
    if (state.flags[i] & IndexState::kFlagDead) {
      state_[i] = kDead;
      alive[i] = 0;
      continue;
    }
    ++live_;
    if (!(state.flags[i] & IndexState::kFlagEmpty)) linked[i] = 1;
  }
  next_cluster_ = state.next_cluster;
  added_ = state.added;
  batches_ = state.batches;
  newest_ = state.newest;
  ids_.assign(std::move(state.id_arena), std::move(state.id_offsets), alive);
  // Arrays read from several segments, or built by compaction, grew by doubling: keep what they hold.
  const auto exact = [](auto v) {
    v.shrink_to_fit();
    return v;
  };
  text_hash_ = exact(std::move(state.text_hash));
  std::vector<uint8_t> hashed(n);  // a document's text hash is unknown (0) in files before version 3
  for (size_t i = 0; i < n; ++i) hashed[i] = linked[i] && text_hash_[i];
  text_slots_.rebuild(hashed, [&](uint32_t s) { return text_hash_[s]; });
  const auto or_default = [n, &exact](auto v, auto value) {
    if (v.empty()) v.assign(n, value);
    return exact(std::move(v));
  };
  date_ = or_default(std::move(state.date), kUndated);
  rank_ = or_default(std::move(state.rank), 0.0f);
  provenance_.clear();
  for (size_t i = 0; i < n; ++i)  // empty (files before segments): nothing matched, batch 0
    provenance_.append(state.batch.empty() ? 0 : state.batch[i], state.matched.empty() ? kNoSlot : state.matched[i],
                       state.match_sim.empty() ? 0.0f : state.match_sim[i]);
  provenance_.shrink_to_fit();
  if (story) {
    // An index saved before counts and numbers were kept decides on Jaccard for its old documents.
    shingles_ = or_default(std::move(state.shingles), uint32_t{0});
    number_end_ = or_default(std::move(state.number_end), uint32_t{0});
    numbers_ = exact(std::move(state.numbers));
  }
  parent_.clear();
  for (const auto& [absorbed, into] : state.merged) parent_[absorbed] = into;
  flatten_merges();
  events_ = exact(std::move(state.events));
  merge_log_.clear();
  bands_.rebuild(sigs_, linked);
  rebuild_kept();
  stats_ = std::move(stats);
  boilerplate_ = std::move(boilerplate);
  words_ = std::move(words);
  spelling_ = spelling.size() ? std::make_shared<const SpellingMap>(std::move(spelling)) : nullptr;
  ++layout_;
  state = IndexState();   // what was not moved (ids' offsets, 64-bit cluster ids, flags)
  release_free_memory();  // and what a load read, or a compaction copied, before it was trimmed to size
}

}  // namespace warta
