// Text normalization shared by dedup and entity linking: ICU word breaks on the original
// text, then NFKC + case folding (+ optional accent removal) per word, so every token keeps
// its span in the original string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warta {

struct NormalizerOptions {
  bool case_fold = true;      // full Unicode case folding (ß -> ss, İ -> i̇)
  bool strip_accents = true;  // drop nonspacing marks after canonical decomposition
  bool keep_numbers = true;   // keep ICU "number" words such as 2025 or 3,5
  bool ascii_fast_path = true;  // find plain-ASCII words without ICU's state machine (same words)
  // No effect: sentence starts are dedup's pass now (scraper_markers.hpp). Kept, with
  // for_linking(), until the bindings stop naming them.
  bool sentences = true;

  static NormalizerOptions for_linking() {
    NormalizerOptions o;
    o.sentences = false;
    return o;
  }
};

// The words of one text. Spans are code-point offsets into the original text, which are
// Python str indices; token i's normalized UTF-8 is chars[bounds[i], bounds[i+1]).
// segment[i] numbers the line or paragraph the token sits in (see Normalizer::tokenize).
struct TokenList {
  std::string chars;
  std::vector<uint32_t> bounds{0};
  std::vector<uint32_t> starts;
  std::vector<uint32_t> ends;
  std::vector<uint32_t> segment;
  uint32_t segment_count = 0;
  // Filled by a TokenPass only (dedup's ScraperMarkers), empty otherwise.
  std::vector<uint32_t> colon_after;  // tokens followed by ':' ("Baca juga: ...", "Editor: ...")
  std::vector<uint32_t> dash_after;   // tokens followed by a spaced dash or bar ("SERANG, (Kabar) – ...")
  // Tokens that start a sentence inside their segment: a capital after a full stop, "!" or
  // "?" ("... pukul 10.00. Saat itu ..."). Publishers wrap one text's sentences into
  // paragraphs differently; sentences survive that.
  std::vector<uint32_t> sentence_start;

  // Empties the list and keeps its memory, for a caller that tokenizes text after text.
  void clear();
  size_t size() const { return starts.size(); }
  bool empty() const { return starts.empty(); }
  std::string_view token(size_t i) const {
    return std::string_view(chars).substr(bounds[i], bounds[i + 1] - bounds[i]);
  }
};

// Reads the text around each word as the Normalizer finds it, to add what one caller needs
// (dedup's scraper markers) without the shared tokenizer knowing about it.
class TokenPass {
 public:
  virtual ~TokenPass() = default;
  // Called after token out.size() - 1 is added, with the working UTF-16 text (where the
  // Normalizer reads Mac Roman punctuation as spaces), the token's span in it, and the end
  // of the previous token of its segment (-1 for a segment's first).
  virtual void on_token(const char16_t* text, int32_t length, int32_t start, int32_t end, int32_t previous_end,
                        TokenList& out) const = 0;
};

class Normalizer {
 public:
  explicit Normalizer(NormalizerOptions options = {});

  // Splits valid UTF-8 into normalized words. Segments break at line breaks and at the
  // scraper's paragraph joins (".," or quote + "," followed by a capital letter), since
  // scraped news often arrives with its paragraphs glued by commas.
  // Thread-safe: each thread uses its own ICU break iterator and scratch buffers (and `pass`
  // must be thread-safe too).
  TokenList tokenize(std::string_view utf8, const TokenPass* pass = nullptr) const;
  // The same into `out` (cleared first), reusing its memory.
  void tokenize(std::string_view utf8, TokenList& out, const TokenPass* pass = nullptr) const;

  // The normalized words of a text joined by single spaces ("A. Dimyati" -> "a dimyati").
  std::string normalize(std::string_view utf8) const;

  const NormalizerOptions& options() const { return options_; }

 private:
  NormalizerOptions options_;
};

// Number of code points in valid UTF-8 (continuation bytes are not counted).
size_t count_code_points(std::string_view utf8);

}  // namespace warta
