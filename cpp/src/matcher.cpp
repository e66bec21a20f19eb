#include "warta/matcher.hpp"

#include <xxhash.h>

#include <algorithm>
#include <stdexcept>

#include "warta/parallel.hpp"

namespace warta {
namespace {

uint64_t mix(uint64_t key) {  // splitmix64 finalizer: spreads (state, token) keys over the table
  key ^= key >> 30;
  key *= 0xbf58476d1ce4e5b9ULL;
  key ^= key >> 27;
  key *= 0x94d049bb133111ebULL;
  return key ^ (key >> 31);
}

uint64_t edge_key(uint32_t state, uint32_t token) {
  // +1 on the state keeps every real key non-zero, so 0 can mark an empty slot.
  return (static_cast<uint64_t>(state) + 1) << 32 | token;
}

}  // namespace

// ---------------------------------------------------------------- TokenVocabulary

TokenVocabulary::TokenVocabulary() : slots_(1024), mask_(1023) {}

std::string_view TokenVocabulary::word(uint32_t id) const {
  return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
}

size_t TokenVocabulary::slot_of(std::string_view w, uint64_t hash) const {
  const auto tag = static_cast<uint32_t>(hash >> 32);
  size_t slot = hash & mask_;
  while (slots_[slot].id != 0 && !holds(slots_[slot], w, tag)) slot = (slot + 1) & mask_;
  return slot;
}

uint32_t TokenVocabulary::find(std::string_view w) const {
  return slots_[slot_of(w, XXH3_64bits(w.data(), w.size()))].id;
}

void TokenVocabulary::find_all(const TokenList& tokens, std::vector<uint32_t>& ids) const {
  const size_t n = tokens.size();
  std::vector<uint64_t> hashes(n);
  for (size_t i = 0; i < n; ++i) hashes[i] = XXH3_64bits(tokens.token(i).data(), tokens.token(i).size());
  ids.resize(n);
  constexpr size_t kSlotAhead = 16, kWordAhead = 8;
  for (size_t i = 0; i < n; ++i) {
    if (i + kSlotAhead < n) __builtin_prefetch(&slots_[hashes[i + kSlotAhead] & mask_]);
    if (i + kWordAhead < n) {
      const Slot& s = slots_[hashes[i + kWordAhead] & mask_];
      if (s.id != 0) __builtin_prefetch(arena_.data() + s.offset);
    }
    ids[i] = slots_[slot_of(tokens.token(i), hashes[i])].id;
  }
}

uint32_t TokenVocabulary::intern(std::string_view w) {
  const uint64_t hash = XXH3_64bits(w.data(), w.size());
  const size_t slot = slot_of(w, hash);
  if (slots_[slot].id != 0) return slots_[slot].id;
  if (arena_.size() + w.size() > UINT32_MAX) throw std::length_error("token vocabulary exceeds 4 GiB");
  const auto id = static_cast<uint32_t>(offsets_.size() - 1);
  const auto offset = static_cast<uint32_t>(arena_.size());
  arena_.append(w);
  offsets_.push_back(static_cast<uint32_t>(arena_.size()));
  slots_[slot] = {id, static_cast<uint32_t>(hash >> 32), offset, static_cast<uint32_t>(w.size())};
  if (size() * 2 > slots_.size()) grow();
  return id;
}

void TokenVocabulary::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& entry : old) {
    if (entry.id == 0) continue;
    const std::string_view w = word(entry.id);
    slots_[slot_of(w, XXH3_64bits(w.data(), w.size()))] = entry;
  }
}

size_t TokenVocabulary::memory_bytes() const {
  return arena_.capacity() + offsets_.capacity() * sizeof(uint32_t) + slots_.capacity() * sizeof(Slot);
}

std::vector<uint32_t> lookup_tokens(const TokenList& tokens, const TokenVocabulary& vocabulary) {
  std::vector<uint32_t> ids;
  vocabulary.find_all(tokens, ids);
  return ids;
}

// ---------------------------------------------------------------- TokenAutomaton

TokenAutomaton::TokenAutomaton() : edges_(1024), edge_mask_(1023), terminal_{kNoPattern} {}

uint32_t TokenAutomaton::child(uint32_t state, uint32_t token) const {
  if (state == 0) return token < root_.size() ? root_[token] : 0;
  const uint64_t key = edge_key(state, token);
  for (size_t slot = mix(key) & edge_mask_;; slot = (slot + 1) & edge_mask_) {
    if (edges_[slot].key == key) return edges_[slot].next;
    if (edges_[slot].key == 0) return 0;
  }
}

uint32_t TokenAutomaton::add_child(uint32_t state, uint32_t token) {
  if (uint32_t next = child(state, token)) return next;
  const auto next = static_cast<uint32_t>(terminal_.size());
  terminal_.push_back(kNoPattern);
  if (state == 0) {
    if (token >= root_.size()) root_.resize(std::max<size_t>(token + 1, root_.size() * 2), 0);
    root_[token] = next;
    return next;
  }
  if ((edge_count_ + 1) * 10 > edges_.size() * 7) grow_edges();
  const uint64_t key = edge_key(state, token);
  size_t slot = mix(key) & edge_mask_;
  while (edges_[slot].key != 0) slot = (slot + 1) & edge_mask_;
  edges_[slot] = {key, next};
  ++edge_count_;
  return next;
}

void TokenAutomaton::grow_edges() {
  std::vector<Edge> old(edges_.size() * 2);
  old.swap(edges_);
  edge_mask_ = edges_.size() - 1;
  for (const Edge& e : old) {
    if (e.key == 0) continue;
    size_t slot = mix(e.key) & edge_mask_;
    while (edges_[slot].key != 0) slot = (slot + 1) & edge_mask_;
    edges_[slot] = e;
  }
}

uint32_t TokenAutomaton::insert(const uint32_t* ids, size_t n) {
  if (n == 0) throw std::invalid_argument("TokenAutomaton::insert: empty pattern");
  uint32_t state = 0;
  for (size_t i = 0; i < n; ++i) {
    if (ids[i] == kUnknownToken || ids[i] == kBarrier)
      throw std::invalid_argument("TokenAutomaton::insert: pattern holds an unknown token");
    state = add_child(state, ids[i]);
  }
  if (terminal_[state] == kNoPattern) terminal_[state] = patterns_++;
  return terminal_[state];
}

uint32_t TokenAutomaton::longest_at(const uint32_t* ids, size_t n, size_t i, size_t& end) const {
  uint32_t best = kNoPattern;
  uint32_t state = child(0, ids[i]);
  for (size_t j = i; state != 0;) {
    ++j;
    if (terminal_[state] != kNoPattern) {
      best = terminal_[state];
      end = j;
    }
    if (j == n) break;
    state = child(state, ids[j]);
  }
  return best;
}

void TokenAutomaton::find(const uint32_t* ids, size_t n, std::vector<PatternMatch>& out) const {
  // With a large vocabulary the root read and the first edge read are cache misses: fetch the
  // root entry 16 words ahead, and 8 words ahead the edge that word's successor would take.
  constexpr size_t kRootAhead = 16, kEdgeAhead = 8;
  size_t i = 0;
  while (i < n) {
    if (i + kRootAhead < n && ids[i + kRootAhead] < root_.size()) __builtin_prefetch(&root_[ids[i + kRootAhead]]);
    if (i + kEdgeAhead + 1 < n && ids[i + kEdgeAhead] < root_.size()) {
      const uint32_t state = root_[ids[i + kEdgeAhead]];
      if (state != 0) __builtin_prefetch(&edges_[mix(edge_key(state, ids[i + kEdgeAhead + 1])) & edge_mask_]);
    }
    size_t end = 0;
    const uint32_t pattern = longest_at(ids, n, i, end);
    if (pattern == kNoPattern) {
      ++i;
    } else {
      out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end), pattern});
      i = end;
    }
  }
}

size_t TokenAutomaton::memory_bytes() const {
  return root_.capacity() * sizeof(uint32_t) + edges_.capacity() * sizeof(Edge) + terminal_.capacity() * sizeof(uint32_t);
}

// ---------------------------------------------------------------- AliasMatcher

AliasMatcher::AliasMatcher(const std::vector<std::string_view>& aliases, const Normalizer& normalizer, int n_jobs)
    : normalizer_(normalizer) {
  // Normalizing (ICU) is the expensive part and is independent per alias: do it in
  // parallel chunks (bounded memory), then intern and insert in input order so pattern
  // numbers are deterministic.
  constexpr size_t kChunk = 1 << 16;
  std::vector<TokenList> normalized;
  std::vector<uint32_t> ids;
  for (size_t first = 0; first < aliases.size(); first += kChunk) {
    const size_t count = std::min(kChunk, aliases.size() - first);
    normalized.assign(count, TokenList());
    parallel_for(count, n_jobs, [&](size_t i) { normalized[i] = normalizer_.tokenize(aliases[first + i]); });
    for (size_t i = 0; i < count; ++i) {
      const TokenList& tokens = normalized[i];
      if (tokens.empty()) continue;  // only punctuation: nothing to match
      ids.clear();
      for (size_t t = 0; t < tokens.size(); ++t) ids.push_back(vocabulary_.intern(tokens.token(t)));
      const uint32_t pattern = automaton_.insert(ids.data(), ids.size());
      if (pattern == pattern_alias_.size()) pattern_alias_.push_back(static_cast<uint32_t>(first + i));
    }
  }
}

std::vector<std::vector<AliasMatcher::Match>> AliasMatcher::find_batch(const std::vector<std::string_view>& texts,
                                                                      int n_jobs,
                                                                      const InterruptCheck& interrupted) const {
  std::vector<std::vector<Match>> found(texts.size());
  parallel_for(texts.size(), n_jobs, [&](size_t i) { found[i] = find(texts[i]); }, interrupted);
  return found;
}

std::vector<AliasMatcher::Match> AliasMatcher::find(std::string_view utf8) const {
  const TokenList tokens = normalizer_.tokenize(utf8);
  const std::vector<uint32_t> ids = lookup_tokens(tokens, vocabulary_);
  std::vector<PatternMatch> found;
  automaton_.find(ids.data(), ids.size(), found);
  std::vector<Match> out;
  out.reserve(found.size());
  for (const PatternMatch& m : found) out.push_back({tokens.starts[m.begin], tokens.ends[m.end - 1], pattern_alias_[m.pattern]});
  return out;
}

size_t AliasMatcher::memory_bytes() const {
  return vocabulary_.memory_bytes() + automaton_.memory_bytes() + pattern_alias_.capacity() * sizeof(uint32_t);
}

}  // namespace warta
