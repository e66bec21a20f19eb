#include "warta/alias_matcher.hpp"

#include <algorithm>

#include "warta/parallel.hpp"

namespace warta {

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
