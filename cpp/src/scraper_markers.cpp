#include "warta/scraper_markers.hpp"

#include <unicode/uchar.h>

namespace warta {
namespace {

// Whether the characters between two words close a sentence: ". ", "! ", '." ', "?”".
bool ends_sentence(const char16_t* gap, int32_t len) {
  for (int32_t i = 0; i < len; ++i)
    if (gap[i] == u'.' || gap[i] == u'!' || gap[i] == u'?' || gap[i] == 0x2026) return true;
  return false;
}

bool is_capital(char16_t c) { return c < 0x80 ? (c >= u'A' && c <= u'Z') : u_isupper(c); }

bool is_ascii_alnum(char16_t c) {
  return static_cast<unsigned>((c | 0x20) - u'a') < 26u || static_cast<unsigned>(c - u'0') < 10u;
}

bool is_dash(const char16_t* s, int32_t j) {
  return s[j] == 0x2013 || s[j] == 0x2014 || s[j] == u'|' || (s[j] == u'-' && j > 0 && s[j - 1] == u' ');
}

}  // namespace

void ScraperMarkers::on_token(const char16_t* s, int32_t n, int32_t start, int32_t end, int32_t previous_end,
                              TokenList& out) const {
  const auto token = static_cast<uint32_t>(out.size() - 1);
  // The capital first: most words have none, and then the gap before them is not read.
  if (previous_end >= 0 && is_capital(s[start]) && ends_sentence(s + previous_end, start - previous_end))
    out.sentence_start.push_back(token);
  int32_t next = end;
  while (next < n && s[next] == u' ') ++next;
  if (next == n || is_ascii_alnum(s[next])) return;  // the usual case: a word follows, no colon, no dash
  if (s[next] == u':' || s[next] == 0xFF1A) out.colon_after.push_back(token);
  // a dateline ends at a dash or bar after the place and source: "SERANG, (Kabar Banten) –"
  for (int32_t j = next; j < n && j < next + 24 && s[j] != u'\n'; ++j) {
    if (is_dash(s, j)) {
      out.dash_after.push_back(token);
      break;
    }
    if (!(s[j] == u' ' || s[j] == u',' || s[j] == u'(' || s[j] == u')' || s[j] == u'.')) break;
  }
}

const ScraperMarkers& scraper_markers() {
  static const ScraperMarkers markers;
  return markers;
}

}  // namespace warta
