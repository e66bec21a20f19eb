#include "warta/linker.hpp"

#include <stdexcept>
#include <string>

#include "document_linker.hpp"
#include "warta/validate.hpp"

namespace warta {

using linking::DocumentLinker;

// ====================================================================== public API

void LinkerOptions::validate() const {
  require(fuzzy_min_similarity > 0.0f && fuzzy_min_similarity <= 1.0f, "fuzzy_min_similarity", "in (0, 1]",
          fuzzy_min_similarity);
}

EntityLinker::EntityLinker(Gazetteer gazetteer, LinkerOptions options) {
  options.validate();
  compiled_ = std::make_unique<const CompiledGazetteer>(std::move(gazetteer), options);
}
EntityLinker::~EntityLinker() = default;
EntityLinker::EntityLinker(EntityLinker&&) noexcept = default;

const Gazetteer& EntityLinker::gazetteer() const { return compiled_->gaz; }
size_t EntityLinker::pattern_count() const { return compiled_->aliases.pattern_count(); }

std::vector<Mention> EntityLinker::link(std::string_view utf8, int32_t day) const {
  return DocumentLinker(*compiled_, utf8, day).run();
}

std::vector<std::vector<Mention>> EntityLinker::link_batch(const std::vector<std::string_view>& texts,
                                                           const std::vector<int32_t>& days, int n_jobs,
                                                           const InterruptCheck& interrupted) const {
  if (!days.empty() && days.size() != texts.size())
    throw std::invalid_argument("link_batch: " + std::to_string(days.size()) + " dates for " +
                                std::to_string(texts.size()) + " texts");
  std::vector<std::vector<Mention>> out(texts.size());
  parallel_for(
      texts.size(), n_jobs, [&](size_t i) { out[i] = link(texts[i], days.empty() ? kNoDate : days[i]); }, interrupted,
      256);
  return out;
}

}  // namespace warta
