// Entity linking: finds the people, offices, organizations and places of a gazetteer in a
// text and decides which entity each mention means, using the words around it (titles,
// regions named in the same document, the article's date).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "warta/gazetteer.hpp"
#include "warta/parallel.hpp"

namespace warta {

constexpr int32_t kNoDate = INT32_MIN;

struct CompiledGazetteer;  // private: cpp/src/compiled_gazetteer.hpp

struct Mention {
  uint32_t start = 0;  // code points in the original text (= Python str indices)
  uint32_t end = 0;
  int32_t entity = -1;  // index into the gazetteer's entities; -1 = ambiguous, see alternatives
  EntityType label = EntityType::Person;
  float score = 0;
  std::string_view alias;  // the alias that matched; valid while the EntityLinker lives
  std::vector<uint32_t> alternatives;  // the candidates when entity == -1
};

struct LinkerOptions {
  bool fuzzy = true;               // look up unmatched capitalized names by trigram similarity
  float fuzzy_min_similarity = 0.5f;
  void validate() const;  // fuzzy_min_similarity in (0, 1]
};

class EntityLinker {
 public:
  // Compiles aliases (through the Normalizer and the lexicon) into a TokenAutomaton.
  // Throws std::invalid_argument for a lexicon entry without words.
  explicit EntityLinker(Gazetteer gazetteer, LinkerOptions options = {});
  ~EntityLinker();
  EntityLinker(EntityLinker&&) noexcept;

  // Mentions in text order; `day` (days since 1970-01-01, or kNoDate) picks office holders.
  // Thread-safe.
  std::vector<Mention> link(std::string_view utf8, int32_t day = kNoDate) const;

  // link() over many documents on n_jobs threads (0 = all cores); days may be empty.
  std::vector<std::vector<Mention>> link_batch(const std::vector<std::string_view>& texts,
                                               const std::vector<int32_t>& days, int n_jobs,
                                               const InterruptCheck& interrupted = {}) const;

  const Gazetteer& gazetteer() const;
  size_t pattern_count() const;

 private:
  std::unique_ptr<const CompiledGazetteer> compiled_;
};

}  // namespace warta
