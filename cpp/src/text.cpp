#include "warta/text.hpp"

#include "warta/parallel.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdexcept>

namespace warta {
namespace {

const icu::Normalizer2& nfkc_casefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFKC_Casefold normalizer unavailable");
  return *n;
}

const icu::Normalizer2& nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFKC normalizer unavailable");
  return *n;
}

const icu::Normalizer2& nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFD normalizer unavailable");
  return *n;
}

// ICU break iterators are not thread-safe; each thread keeps one and re-points it.
icu::BreakIterator& thread_word_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker;
  if (!breaker) {
    UErrorCode status = U_ZERO_ERROR;
    breaker.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !breaker) throw std::runtime_error("ICU: word break iterator unavailable");
  }
  return *breaker;
}

// Letters and digits among ASCII characters, one table lookup each.
enum : uint8_t { kLetter = 1, kDigit = 2 };
struct AsciiClasses {
  uint8_t of[128] = {};
  constexpr AsciiClasses() {
    for (int c = 'a'; c <= 'z'; ++c) of[c] = of[c - 32] = kLetter;
    for (int c = '0'; c <= '9'; ++c) of[c] = kDigit;
  }
};
constexpr AsciiClasses kAscii;

uint8_t ascii_class(char16_t c) { return c < 0x80 ? kAscii.of[c] : 0; }
bool is_ascii_letter(char16_t c) { return ascii_class(c) == kLetter; }
bool is_ascii_digit(char16_t c) { return ascii_class(c) == kDigit; }

// The first position in s[i, n) holding a non-ASCII unit or one of the ASCII characters
// Stops (n if none). The scans that look for rare characters (line breaks, commas, what the
// ASCII word rules do not cover) spend their time here, so SSE2 reads eight units at a time
// where it is available.
template <char... Stops>
int32_t skip_ascii_except(const char16_t* s, int32_t i, int32_t n) {
#if defined(__SSE2__)
  const __m128i high_bits = _mm_set1_epi16(static_cast<int16_t>(0xFF80));
  const __m128i zero = _mm_setzero_si128();
  for (; i + 8 <= n; i += 8) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i ascii = _mm_cmpeq_epi16(_mm_and_si128(v, high_bits), zero);
    __m128i any_stop = zero;
    ((any_stop = _mm_or_si128(any_stop, _mm_cmpeq_epi16(v, _mm_set1_epi16(Stops)))), ...);
    if (_mm_movemask_epi8(_mm_andnot_si128(any_stop, ascii)) != 0xFFFF) break;  // found below
  }
#endif
  for (; i < n; ++i)
    if (s[i] >= 0x80 || ((s[i] == Stops) || ...)) return i;
  return n;
}

bool is_line_break(char16_t c) {
  return c == u'\n' || c == u'\r' || c == 0x2028 || c == 0x2029 || c == 0x0B || c == 0x0C || c == 0x85;
}

bool is_closing(char16_t c) {
  return c == u'.' || c == u'"' || c == 0x201D || c == u'!' || c == u'?' || c == u')';
}

// Spaces a scraper leaves around its joins: blanks, NBSP, and NBSP read as Mac Roman ("¬†").
bool is_join_space(char16_t c) { return c == u' ' || c == u'\t' || c == 0x00A0 || c == 0x00AC || c == 0x2020; }

bool is_opening_quote(char16_t c) { return c == u'"' || c == 0x201C; }

// Whether the comma run s[i, j) (commas and join spaces) glues two paragraphs. Prose puts
// one comma and a space after a word; scrapers that join <p> texts with "," leave a comma
// after a closing mark ("tersebut.,Menurut", "pungkasnya. ,Sementara"), several commas
// where empty paragraphs were ("Tolley.,,,Akan"), or a comma glued to the next paragraph's
// capital ("Mengungsi,Jangka", after a "Baca juga" headline that has no full stop).
bool is_paragraph_join(const char16_t* s, int32_t i, int32_t j) {
  int32_t commas = 0;
  for (int32_t k = i; k < j; ++k) commas += s[k] == u',';
  int32_t before = i - 1;
  while (before >= 0 && is_join_space(s[before])) --before;
  const bool closed = before >= 0 && (is_closing(s[before]) || s[before] == u':');
  const bool glued = s[j - 1] == u',';
  return closed || glued || commas > 1;
}

// Start positions (UTF-16) of segments after the first: a line break, or a scraper join
// (see is_paragraph_join) followed by a capital letter, possibly behind an opening quote.
void segment_starts(const char16_t* s, int32_t n, std::vector<int32_t>& out) {
  auto next_candidate = [&](int32_t from) { return skip_ascii_except<'\n', '\r', '\v', '\f', ','>(s, from, n); };
  out.clear();
  for (int32_t i = next_candidate(0); i < n; i = next_candidate(i + 1)) {
    if (is_line_break(s[i])) {
      out.push_back(i + 1);
    } else if (s[i] == u',') {
      int32_t j = i + 1;
      while (j < n && (s[j] == u',' || is_join_space(s[j]))) ++j;
      int32_t letter = j;
      while (letter < n && is_opening_quote(s[letter])) ++letter;
      if (letter < n && u_isupper(s[letter]) && is_paragraph_join(s, i, j)) out.push_back(j);
      i = j - 1;
    }
  }
}

// "‚Ä" in UTF-8: a text without it has nothing to blank, and memchr-speed search says so.
constexpr std::string_view kMacRomanLead = "\xE2\x80\x9A\xC3\x84";

// UTF-8 punctuation read as Mac Roman (E2 80 xx -> "‚Ä" + one character) is common in
// scraped text: "‚Äì" for an en dash, "‚Äú" for a quote. Its last character is often a
// letter ("Äì"), which would make a bogus word; blanking the three units in our working
// copy keeps every offset while the word break sees punctuation.
void blank_mac_roman_punctuation(char16_t* s, int32_t n) {
  for (int32_t i = 0; i + 2 < n; ++i) {
    if (s[i] == 0x201A && s[i + 1] == 0x00C4 && !U16_IS_SURROGATE(s[i + 2])) {
      s[i] = s[i + 1] = s[i + 2] = u' ';
      i += 2;
    }
  }
}

// Words or characters between two polls of Ctrl-C inside one text (a mask: 2^16 - 1):
// well under a millisecond of work, so a 500 MB text answers within a second.
constexpr uint32_t kStepsPerPoll = (1u << 16) - 1;

// Units readable past the end of a tokenized text (Scratch pads its copy with them), so
// words are read in whole blocks.
constexpr int32_t kWordBlock = 8;

// The first position in s[i, n) where a run of ASCII letters and digits ends (in_run) or
// the next one starts (!in_run), n if none. SSE2 classifies a block of units at once: a
// word is then one step, where a loop per character mispredicted its exit at every word.
int32_t run_end(const char16_t* s, int32_t i, int32_t n, bool in_run) {
#if defined(__SSE2__)
  auto between = [](__m128i v, char lo, char hi) {
    return _mm_and_si128(_mm_cmpgt_epi16(v, _mm_set1_epi16(lo - 1)), _mm_cmplt_epi16(v, _mm_set1_epi16(hi + 1)));
  };
  for (; i < n; i += kWordBlock) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi16(0x20));  // 'A'-'Z' -> 'a'-'z', nothing else lands there
    const int alnum = _mm_movemask_epi8(_mm_or_si128(between(folded, 'a', 'z'), between(v, '0', '9')));
    const int stop = in_run ? ~alnum & 0xFFFF : alnum;  // two bits per unit
    if (stop) return std::min(n, i + (__builtin_ctz(static_cast<unsigned>(stop)) >> 1));
  }
  return n;
#else
  while (i < n && (ascii_class(s[i]) != 0) == in_run) ++i;
  return i;
#endif
}

// Whether c joins the letters or digits p and q into one word: "." and "'" join two letters
// or two digits ("A.Dimyati", "3.5"), "," and ";" two digits ("10.000,00").
bool joins(char16_t p, char16_t c, char16_t q) {
  const bool letters = is_ascii_letter(p) && is_ascii_letter(q);
  const bool digits = is_ascii_digit(p) && is_ascii_digit(q);
  return ((c == u'.' || c == u'\'') && (letters || digits)) || ((c == u',' || c == u';') && digits);
}

// The words of plain ASCII text as ICU's root word rules (UAX #29) find them, without
// running its state machine: letters and digits join, and so do the marks of joins().
template <class Emit>
void ascii_words(const char16_t* s, int32_t begin, int32_t n, Emit&& emit) {
  uint32_t steps = 0;
  for (int32_t i = run_end(s, begin, n, false); i < n; i = run_end(s, i, n, false)) {
    if ((++steps & kStepsPerPoll) == 0) poll_cancelled();
    int32_t j = run_end(s, i, n, true);
    while (j + 1 < n && joins(s[j - 1], s[j], s[j + 1])) j = run_end(s, j + 2, n, true);
    emit(i, j);
    i = j;
  }
}

// True when s[0, n) holds a letter once normalized. ICU gives a Kangxi radical (a symbol
// whose NFKC form is an ideograph: '⽲' -> '禾') or the iteration mark '々' a word status
// only beside an ideograph, so the same character was a word in "⽲⽲" and nothing alone:
// a token's span, tokenized again, lost its word. Deciding on the normalized character
// makes word-ness independent of the neighbours.
bool letter_once_normalized(const char16_t* s, int32_t n) {
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(s, i, n, c);
    if (u_isalpha(c)) return true;
    if (u_charType(c) != U_OTHER_SYMBOL) continue;
    icu::UnicodeString folded;
    if (nfkc().getDecomposition(c, folded) && folded.length() > 0 && u_isalpha(folded.char32At(0))) return true;
  }
  return false;
}

// Words of s[begin, end) by ICU's word break, offsets relative to s.
template <class Emit>
void icu_words(const char16_t* s, int32_t begin, int32_t end, bool keep_numbers, Emit&& emit) {
  icu::BreakIterator& breaker = thread_word_breaker();
  const icu::UnicodeString piece(false, s + begin, end - begin);  // read-only alias, no copy
  breaker.setText(piece);
  int32_t start = breaker.first();
  uint32_t steps = 0;
  for (int32_t stop = breaker.next(); stop != icu::BreakIterator::DONE; start = stop, stop = breaker.next()) {
    if ((++steps & kStepsPerPoll) == 0) poll_cancelled();
    const int32_t status = breaker.getRuleStatus();
    if (status < UBRK_WORD_NUMBER) {
      // spaces, punctuation, symbols, emoji; but a letter is a word whatever its neighbours
      if (letter_once_normalized(s + begin + start, stop - start)) emit(begin + start, begin + stop);
      continue;
    }
    if (!keep_numbers && status < UBRK_WORD_LETTER) continue;
    emit(begin + start, begin + stop);
  }
}

// Plain-ASCII stretches by ascii_words, every space-delimited chunk holding anything else by
// ICU. A space always ends a word (UAX #29), so cutting there changes no word, and most
// scraped news is plain ASCII but for a few quotes or dashes. '@' and '_' are not plain:
// ICU's word rules treat them specially (the rules for plain text are checked against ICU
// in tests/test_text_ascii.py).
template <class Emit>
void mixed_words(const char16_t* s, int32_t n, Emit&& emit) {
  for (int32_t i = 0; i < n;) {
    const int32_t k = skip_ascii_except<'@', '_'>(s, i, n);
    if (k == n) {
      ascii_words(s, i, n, emit);
      return;
    }
    int32_t a = k, b = k;
    while (a > i && s[a - 1] != u' ') --a;
    while (b < n && s[b] != u' ') ++b;
    ascii_words(s, i, a, emit);
    icu_words(s, a, b, true, emit);
    i = b;
  }
}

// Writes the kWordBlock units at `w` as bytes to `dst`, lowered when asked; returns whether
// the first `valid` of them are ASCII (the others are read and ignored).
bool ascii_block(const char16_t* w, int32_t valid, bool lower, char* dst) {
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w));
  const __m128i index = _mm_setr_epi16(0, 1, 2, 3, 4, 5, 6, 7);
  const __m128i lanes = _mm_cmplt_epi16(index, _mm_set1_epi16(static_cast<int16_t>(valid)));
  const __m128i high = _mm_and_si128(_mm_and_si128(v, _mm_set1_epi16(static_cast<int16_t>(0xFF80))), lanes);
  const __m128i upper =
      _mm_and_si128(_mm_cmpgt_epi16(v, _mm_set1_epi16('A' - 1)), _mm_cmplt_epi16(v, _mm_set1_epi16('Z' + 1)));
  const __m128i out = lower ? _mm_add_epi16(v, _mm_and_si128(upper, _mm_set1_epi16(32))) : v;
  _mm_storel_epi64(reinterpret_cast<__m128i*>(dst), _mm_packus_epi16(out, out));
  return _mm_movemask_epi8(_mm_cmpeq_epi16(high, _mm_setzero_si128())) == 0xFFFF;
#else
  bool ascii = true;
  for (int32_t k = 0; k < kWordBlock; ++k) {
    const char16_t c = w[k];
    ascii &= k >= valid || c < 0x80;
    dst[k] = static_cast<char>(lower && static_cast<unsigned>(c - u'A') < 26u ? c + 32 : c);
  }
  return ascii;
#endif
}

// Copies an ASCII word to `dst` (lowered when folding case) and returns true, or returns
// false when the word holds anything else. The word is read and written in whole blocks of
// kWordBlock units (dst has room for them; the units past its end are ignored): a loop that
// stopped at the word's own length mispredicted its exit at nearly every word.
bool copy_ascii_word(const char16_t* word, int32_t len, bool lower, char* dst) {
  bool ascii = true;
  for (int32_t b = 0; b < len; b += kWordBlock)
    ascii &= ascii_block(word + b, std::min(len - b, kWordBlock), lower, dst + b);
  return ascii;
}

// Writes the normalized words into TokenList::chars at a cursor: the string is sized ahead
// and cut to what was written at the end, so a word is a copy into memory already there,
// not a call that checks and grows the string per word.
class CharsWriter {
 public:
  CharsWriter(std::string& chars, size_t expected) : chars_(chars) { chars_.resize(expected); }
  size_t size() const { return used_; }
  // Room for n more bytes at the cursor; the string doubles when short.
  char* room(size_t n) {
    if (used_ + n > chars_.size()) chars_.resize(std::max(2 * chars_.size(), used_ + n));
    return &chars_[used_];
  }
  void advance(size_t n) { used_ += n; }
  void finish() { chars_.resize(used_); }

 private:
  std::string& chars_;
  size_t used_ = 0;
};

// The largest byte of a text: below 0x80 it is ASCII; below 0xF0 it has no character
// outside the BMP, so UTF-16 offsets are code-point offsets. (Vectorizes: a max reduction.)
unsigned char max_byte(std::string_view utf8) {
  unsigned char m = 0;
  for (const char c : utf8) m = std::max(m, static_cast<unsigned char>(c));
  return m;
}

// What one thread reuses from text to text, so a text costs no allocation beyond its own
// tokens; given back after a text that grew it past kKeptUnits (one huge text does not pin
// its memory for the thread's life).
struct Scratch {
  static constexpr size_t kKeptUnits = size_t{1} << 20;
  std::vector<char16_t> text;
  std::vector<int32_t> segment_starts;
  std::string word;  // a word ICU normalized, on its way into TokenList::chars

  void trim() {
    if (text.capacity() > kKeptUnits) std::vector<char16_t>().swap(text);
    if (segment_starts.capacity() > kKeptUnits) std::vector<int32_t>().swap(segment_starts);
    if (word.capacity() > kKeptUnits) std::string().swap(word);
  }
};

Scratch& thread_scratch() {
  thread_local Scratch scratch;
  return scratch;
}

// UTF-8 -> UTF-16 into `out`, invalid bytes as U+FFFD (as icu::UnicodeString::fromUTF8);
// ASCII is widened directly. Returns the length in UTF-16 units.
int32_t to_utf16(std::string_view utf8, bool ascii, std::vector<char16_t>& out) {
  // never more units than bytes; then room for reading whole blocks past the end
  if (out.size() < utf8.size() + kWordBlock) out.resize(utf8.size() + kWordBlock);
  if (ascii) {
    for (size_t i = 0; i < utf8.size(); ++i) out[i] = static_cast<unsigned char>(utf8[i]);
    return static_cast<int32_t>(utf8.size());
  }
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &length, utf8.data(),
                       static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: UTF-8 conversion failed");
  return length;
}

void append_utf8(std::string& out, const char16_t* s, int32_t n) {
  icu::UnicodeString(false, s, n).toUTF8String(out);
}

// Accent removal: canonical decomposition, drop nonspacing marks, recompose with NFKC.
icu::UnicodeString strip_marks(const icu::UnicodeString& word) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfd().normalize(word, status);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
    i += U16_LENGTH(c);
  }
  icu::UnicodeString out = nfkc().normalize(kept, status);
  return U_FAILURE(status) ? word : out;
}

}  // namespace

Normalizer::Normalizer(NormalizerOptions options) : options_(options) {
  // Fail at construction, not inside a worker thread, if ICU data is missing.
  nfkc_casefold();
  nfkc();
  nfd();
  thread_word_breaker();
}

size_t count_code_points(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

void TokenList::clear() {
  chars.clear();
  bounds.assign(1, 0);
  for (auto* v : {&starts, &ends, &segment, &colon_after, &dash_after, &sentence_start}) v->clear();
  segment_count = 0;
}

TokenList Normalizer::tokenize(std::string_view utf8, const TokenPass* pass) const {
  TokenList out;
  tokenize(utf8, out, pass);
  return out;
}

void Normalizer::tokenize(std::string_view utf8, TokenList& out, const TokenPass* pass) const {
  out.clear();
  if (utf8.empty()) return;
  if (utf8.size() > static_cast<size_t>(INT32_MAX / 2))
    throw std::length_error("text longer than 1 GiB cannot be tokenized");

  Scratch& scratch = thread_scratch();
  const unsigned char high = max_byte(utf8);
  const int32_t n = to_utf16(utf8, high < 0x80, scratch.text);
  char16_t* writable = scratch.text.data();
  if (utf8.find(kMacRomanLead) != std::string_view::npos) blank_mac_roman_punctuation(writable, n);
  const char16_t* s = writable;
  std::vector<int32_t>& seg_starts = scratch.segment_starts;
  segment_starts(s, n, seg_starts);

  // Room for the usual word density (about one word per six bytes) up front: growing five
  // vectors word by word is a measurable share of tokenizing.
  const size_t expected_words = utf8.size() / 6 + 1;
  CharsWriter chars(out.chars, utf8.size() + kWordBlock);
  for (auto* v : {&out.bounds, &out.starts, &out.ends, &out.segment}) v->reserve(expected_words);
  const icu::Normalizer2& folder = options_.case_fold ? nfkc_casefold() : nfkc();
  const bool bmp_only = high < 0xF0;  // then a UTF-16 offset is a code-point offset
  size_t next_seg = 0;
  uint32_t seg = 0;
  int32_t prev_end = -1;  // UTF-16 end of the previous word, -1 at a segment start
  int32_t u16_pos = 0;   // running UTF-16 position ...
  uint32_t cp_pos = 0;   // ... and the code-point index it corresponds to
  auto code_point_at = [&](int32_t target) {
    if (bmp_only) return static_cast<uint32_t>(target);
    while (u16_pos < target) {
      u16_pos += U16_IS_LEAD(s[u16_pos]) && u16_pos + 1 < n && U16_IS_TRAIL(s[u16_pos + 1]) ? 2 : 1;
      ++cp_pos;
    }
    return cp_pos;
  };

  auto add_word = [&](int32_t start, int32_t end) {
    while (next_seg < seg_starts.size() && seg_starts[next_seg] <= start) {
      ++next_seg;
      ++seg;
      prev_end = -1;
    }
    const int32_t len = end - start;
    if (copy_ascii_word(s + start, len, options_.case_fold, chars.room(static_cast<size_t>(len + kWordBlock)))) {
      chars.advance(static_cast<size_t>(len));
    } else {
      UErrorCode err = U_ZERO_ERROR;
      icu::UnicodeString word = folder.normalize(icu::UnicodeString(false, s + start, len), err);
      if (U_FAILURE(err)) word = icu::UnicodeString(false, s + start, len);
      if (options_.strip_accents) word = strip_marks(word);
      scratch.word.clear();
      append_utf8(scratch.word, word.getBuffer(), word.length());
      if (scratch.word.empty()) return;  // only default-ignorable characters
      std::copy(scratch.word.begin(), scratch.word.end(), chars.room(scratch.word.size()));
      chars.advance(scratch.word.size());
    }
    out.starts.push_back(code_point_at(start));
    out.ends.push_back(code_point_at(end));
    out.segment.push_back(seg);
    out.bounds.push_back(static_cast<uint32_t>(chars.size()));
    if (pass) pass->on_token(s, n, start, end, prev_end, out);
    prev_end = end;
  };

  if (options_.keep_numbers && options_.ascii_fast_path) {
    mixed_words(s, n, add_word);  // the same words as ICU alone, in a fraction of the time
  } else {
    icu_words(s, 0, n, options_.keep_numbers, add_word);
  }
  chars.finish();
  out.segment_count = static_cast<uint32_t>(seg_starts.size() + 1);
  scratch.trim();
}

std::string Normalizer::normalize(std::string_view utf8) const {
  TokenList tokens = tokenize(utf8);
  std::string out;
  out.reserve(tokens.chars.size() + tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i) out.push_back(' ');
    out.append(tokens.token(i));
  }
  return out;
}

}  // namespace warta
