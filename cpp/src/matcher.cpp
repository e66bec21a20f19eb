#include "warta/matcher.hpp"

#include <algorithm>
#include <stdexcept>

#include "warta/parallel.hpp"

namespace warta {
namespace {

uint64_t edge_key(uint32_t state, uint32_t token) { return static_cast<uint64_t>(state) << 32 | token; }

}  // namespace

// ---------------------------------------------------------------- TokenVocabulary

void TokenVocabulary::find_all(const TokenList& tokens, std::vector<uint32_t>& ids) const {
  const size_t n = tokens.size();
  std::vector<uint64_t> hashes(n);
  for (size_t i = 0; i < n; ++i) hashes[i] = StringTable::hash(tokens.token(i));
  ids.resize(n);
  for (size_t i = 0; i < n; ++i) ids[i] = words_.find(tokens.token(i), hashes[i]) + 1;
}

std::vector<uint32_t> lookup_tokens(const TokenList& tokens, const TokenVocabulary& vocabulary) {
  std::vector<uint32_t> ids;
  vocabulary.find_all(tokens, ids);
  return ids;
}

// ---------------------------------------------------------------- TokenAutomaton

TokenAutomaton::TokenAutomaton() : terminal_{kNoPattern} {}

uint32_t TokenAutomaton::child(uint32_t state, uint32_t token) const {
  if (state == 0) return token < root_.size() ? root_[token] : 0;
  const auto it = edges_.find(edge_key(state, token));
  return it == edges_.end() ? 0 : it->second;
}

uint32_t TokenAutomaton::add_child(uint32_t state, uint32_t token) {
  if (uint32_t next = child(state, token)) return next;
  const auto next = static_cast<uint32_t>(terminal_.size());
  terminal_.push_back(kNoPattern);
  if (state == 0) {
    if (token >= root_.size()) root_.resize(std::max<size_t>(token + 1, root_.size() * 2), 0);
    root_[token] = next;
  } else {
    edges_.emplace(edge_key(state, token), next);
  }
  return next;
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
  // With a large vocabulary the root read is a cache miss: fetch the entry 16 words ahead.
  constexpr size_t kRootAhead = 16;
  size_t i = 0;
  while (i < n) {
    if (i + kRootAhead < n && ids[i + kRootAhead] < root_.size()) __builtin_prefetch(&root_[ids[i + kRootAhead]]);
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
  return root_.capacity() * sizeof(uint32_t) + table_bytes(edges_) + terminal_.capacity() * sizeof(uint32_t);
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
