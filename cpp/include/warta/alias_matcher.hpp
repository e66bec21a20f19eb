// Exact matching of a list of aliases in texts: the shared Normalizer, a vocabulary and a
// token automaton.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "warta/parallel.hpp"
#include "warta/text.hpp"
#include "warta/token_automaton.hpp"
#include "warta/token_vocabulary.hpp"

namespace warta {

// Case-, accent- and punctuation-insensitive exact matching of a list of aliases in texts,
// through the same Normalizer as everything else. Thread-safe once built.
class AliasMatcher {
 public:
  struct Match {
    uint32_t start, end;  // code points in the original text
    uint32_t alias;       // index of the first alias with this normalized form
  };

  AliasMatcher(const std::vector<std::string_view>& aliases, const Normalizer& normalizer, int n_jobs);
  std::vector<Match> find(std::string_view utf8) const;
  // find() over many texts on n_jobs threads (0 = all cores), results by text.
  std::vector<std::vector<Match>> find_batch(const std::vector<std::string_view>& texts, int n_jobs,
                                             const InterruptCheck& interrupted = {}) const;
  size_t pattern_count() const { return automaton_.pattern_count(); }
  size_t memory_bytes() const;

 private:
  Normalizer normalizer_;
  TokenVocabulary vocabulary_;
  TokenAutomaton automaton_;
  std::vector<uint32_t> pattern_alias_;
};

}  // namespace warta
