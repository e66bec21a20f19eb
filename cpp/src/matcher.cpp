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

TokenVocabulary::TokenVocabulary() : slots_(1024, 0), mask_(1023) {}

std::string_view TokenVocabulary::word(uint32_t id) const {
  return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
}

size_t TokenVocabulary::slot_of(std::string_view w, uint64_t hash) const {
  size_t slot = hash & mask_;
  while (slots_[slot] != 0 && word(slots_[slot]) != w) slot = (slot + 1) & mask_;
  return slot;
}

uint32_t TokenVocabulary::find(std::string_view w) const {
  return slots_[slot_of(w, XXH3_64bits(w.data(), w.size()))];
}

uint32_t TokenVocabulary::intern(std::string_view w) {
  size_t slot = slot_of(w, XXH3_64bits(w.data(), w.size()));
  if (slots_[slot] != 0) return slots_[slot];
  if (arena_.size() + w.size() > UINT32_MAX) throw std::length_error("token vocabulary exceeds 4 GiB");
  const auto id = static_cast<uint32_t>(offsets_.size() - 1);
  arena_.append(w);
  offsets_.push_back(static_cast<uint32_t>(arena_.size()));
  slots_[slot] = id;
  if (size() * 2 > slots_.size()) grow();
  return id;
}

void TokenVocabulary::grow() {
  std::vector<uint32_t> old(slots_.size() * 2, 0);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (uint32_t id : old)
    if (id != 0) slots_[slot_of(word(id), XXH3_64bits(word(id).data(), word(id).size()))] = id;
}

size_t TokenVocabulary::memory_bytes() const {
  return arena_.capacity() + offsets_.capacity() * sizeof(uint32_t) + slots_.capacity() * sizeof(uint32_t);
}

std::vector<uint32_t> lookup_tokens(const TokenList& tokens, const TokenVocabulary& vocabulary) {
  std::vector<uint32_t> ids(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) ids[i] = vocabulary.find(tokens.token(i));
  return ids;
}

// ---------------------------------------------------------------- TokenAutomaton

TokenAutomaton::TokenAutomaton() : edge_keys_(1024, 0), edge_next_(1024, 0), edge_mask_(1023), terminal_{kNoPattern} {}

uint32_t TokenAutomaton::child(uint32_t state, uint32_t token) const {
  if (state == 0) return token < root_.size() ? root_[token] : 0;
  const uint64_t key = edge_key(state, token);
  for (size_t slot = mix(key) & edge_mask_;; slot = (slot + 1) & edge_mask_) {
    if (edge_keys_[slot] == key) return edge_next_[slot];
    if (edge_keys_[slot] == 0) return 0;
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
  if ((edge_count_ + 1) * 10 > edge_keys_.size() * 7) grow_edges();
  const uint64_t key = edge_key(state, token);
  size_t slot = mix(key) & edge_mask_;
  while (edge_keys_[slot] != 0) slot = (slot + 1) & edge_mask_;
  edge_keys_[slot] = key;
  edge_next_[slot] = next;
  ++edge_count_;
  return next;
}

void TokenAutomaton::grow_edges() {
  std::vector<uint64_t> keys(edge_keys_.size() * 2, 0);
  std::vector<uint32_t> next(edge_next_.size() * 2, 0);
  keys.swap(edge_keys_);
  next.swap(edge_next_);
  edge_mask_ = edge_keys_.size() - 1;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == 0) continue;
    size_t slot = mix(keys[i]) & edge_mask_;
    while (edge_keys_[slot] != 0) slot = (slot + 1) & edge_mask_;
    edge_keys_[slot] = keys[i];
    edge_next_[slot] = next[i];
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
  size_t i = 0;
  while (i < n) {
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
  return root_.capacity() * sizeof(uint32_t) + edge_keys_.capacity() * sizeof(uint64_t) +
         edge_next_.capacity() * sizeof(uint32_t) + terminal_.capacity() * sizeof(uint32_t);
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
