#include "warta/token_automaton.hpp"

#include <algorithm>
#include <stdexcept>

namespace warta {
namespace {

uint64_t edge_key(uint32_t state, uint32_t token) { return static_cast<uint64_t>(state) << 32 | token; }

}  // namespace

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

}  // namespace warta
