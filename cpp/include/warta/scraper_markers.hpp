// What dedup reads around the words of scraped news besides the words themselves: where a
// sentence starts (shingles stop there), a short label before a colon ("Baca juga:",
// "Foto:") and the end of a dateline ("SERANG, (Kabar Banten) –"). Entity linking needs
// none of it, so the shared Normalizer only runs this pass when dedup hands it over.
#pragma once

#include <cstdint>

#include "warta/text.hpp"

namespace warta {

class ScraperMarkers final : public TokenPass {
 public:
  // Fills out.sentence_start, out.colon_after and out.dash_after for the token just added.
  void on_token(const char16_t* text, int32_t length, int32_t start, int32_t end, int32_t previous_end,
                TokenList& out) const override;
};

// The pass dedup tokenizes with (it holds no state, so one serves every thread).
const ScraperMarkers& scraper_markers();

}  // namespace warta
