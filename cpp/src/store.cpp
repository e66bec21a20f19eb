#include "warta/store.hpp"

#include "index_state.hpp"
#include "warta/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <system_error>
#include <vector>
#include <xxhash.h>

namespace warta {
namespace {

constexpr char kMagic[8] = {'W', 'A', 'R', 'T', 'A', 'I', 'D', 'X'};
constexpr char kEndMagic[8] = {'W', 'A', 'R', 'T', 'A', 'E', 'N', 'D'};
constexpr size_t kHeaderSize = 176;     // version 4
constexpr size_t kHeaderSizeV3 = 168;   // versions 2 and 3: no line sample count
constexpr size_t kHeaderSizeV1 = 136;   // version 1: no word counts
constexpr size_t kLineRecordV4 = 16;    // u64 line, u32 documents, u32 samples; samples apart
constexpr size_t kLineRecord = 48;
constexpr size_t kWordRecord = 16;
constexpr size_t kReadingRecord = 16;
constexpr size_t kFooterSize = 16;

constexpr bool kLittleEndian = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

template <class T>
T byteswap(T v) {
  T out;
  auto* src = reinterpret_cast<const unsigned char*>(&v);
  auto* dst = reinterpret_cast<unsigned char*>(&out);
  for (size_t i = 0; i < sizeof(T); ++i) dst[i] = src[sizeof(T) - 1 - i];
  return out;
}

template <class T>
T to_le(T v) {
  return kLittleEndian ? v : byteswap(v);
}

template <class T>
void put(unsigned char* at, T v) {
  v = to_le(v);
  std::memcpy(at, &v, sizeof(T));
}

template <class T>
T get(const unsigned char* at) {
  T v;
  std::memcpy(&v, at, sizeof(T));
  return to_le(v);
}

// Buffered writes to a file descriptor with a running XXH3 of the body.
class BodyWriter {
 public:
  BodyWriter(int fd, const std::string& path, uint64_t fail_after) : fd_(fd), path_(path), fail_after_(fail_after) {
    XXH3_64bits_reset(&hash_);
    buffer_.reserve(1 << 20);
  }
  void raw(const void* data, size_t n) {  // not hashed: header and footer
    flush();
    write_all(static_cast<const unsigned char*>(data), n);
  }
  // Buffered; hashed a buffer at a time (XXH3's streaming update costs ~100 ns a call, which
  // for a value at a time was most of a save's time).
  void body(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    while (n) {
      const size_t take = std::min(n, buffer_.capacity() - buffer_.size());
      buffer_.insert(buffer_.end(), p, p + take);
      p += take;
      n -= take;
      if (buffer_.size() == buffer_.capacity()) flush();
    }
  }
  template <class T>
  void values(const T* data, size_t n) {
    if (kLittleEndian) return body(data, n * sizeof(T));
    for (size_t i = 0; i < n; ++i) {
      const T v = to_le(data[i]);
      body(&v, sizeof(T));
    }
  }
  template <class T>
  void value(T v) {
    values(&v, 1);
  }
  uint64_t digest() {
    flush();
    return XXH3_64bits_digest(&hash_);
  }
  void flush() {
    XXH3_64bits_update(&hash_, buffer_.data(), buffer_.size());
    write_all(buffer_.data(), buffer_.size());
    buffer_.clear();
  }

 private:
  void write_all(const unsigned char* p, size_t n) {
    while (n) {
      size_t chunk = n;
      if (fail_after_ && written_ + chunk > fail_after_) {
        chunk = fail_after_ - written_;
        if (chunk == 0) throw os_error("cannot write " + path_, ENOSPC);
      }
      const ssize_t w = ::write(fd_, p, chunk);
      if (w < 0) {
        if (errno == EINTR) continue;
        throw os_error("cannot write " + path_, errno);
      }
      p += w;
      n -= static_cast<size_t>(w);
      written_ += static_cast<uint64_t>(w);
    }
  }

  int fd_;
  std::string path_;
  uint64_t fail_after_;
  uint64_t written_ = 0;
  std::vector<unsigned char> buffer_;
  XXH3_state_t hash_;
};

// Reads exact byte counts, hashing the body, with errors that say what was being read.
class BodyReader {
 public:
  BodyReader(int fd, const std::string& path) : fd_(fd), path_(path) { XXH3_64bits_reset(&hash_); }
  void raw(void* data, size_t n, const char* what) { read_all(static_cast<unsigned char*>(data), n, what); }
  void body(void* data, size_t n, const char* what) {
    read_all(static_cast<unsigned char*>(data), n, what);
    XXH3_64bits_update(&hash_, data, n);
  }
  template <class T>
  void values(T* data, size_t n, const char* what) {
    body(data, n * sizeof(T), what);
    if (!kLittleEndian)
      for (size_t i = 0; i < n; ++i) data[i] = to_le(data[i]);
  }
  uint64_t digest() { return XXH3_64bits_digest(&hash_); }

 private:
  void read_all(unsigned char* p, size_t n, const char* what) {
    while (n) {
      const ssize_t r = ::read(fd_, p, std::min<size_t>(n, size_t{1} << 30));
      if (r < 0) {
        if (errno == EINTR) continue;
        throw os_error("cannot read " + path_, errno);
      }
      if (r == 0) throw IndexFormatError(path_ + ": file ends inside the " + std::string(what) + " (truncated)");
      p += r;
      n -= static_cast<size_t>(r);
    }
  }
  int fd_;
  std::string path_;
  XXH3_state_t hash_;
};

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Reads `n` signatures of `k` values into `sigs`: stored values (u16), or full values (u32,
// as single files and version-1 segments hold them) kept as their stored bits.
void read_signatures(BodyReader& r, SignatureStore& sigs, size_t n, size_t k, bool full_values) {
  std::vector<uint32_t> wide;
  for (size_t done = 0; done < n;) {
    // Fill the current block of `sigs` before starting another, straight into the block.
    StoredValue* first = sigs.append();
    size_t take = 1;
    while (take < n - done && (sigs.size() % sigs.block_docs()) != 0) {
      sigs.append();
      ++take;
    }
    if (full_values) {
      wide.resize(take * k);
      r.values(wide.data(), wide.size(), "signatures");
      store_values(wide.data(), wide.size(), first);
    } else {
      r.values(first, take * k, "signatures");
    }
    done += take;
  }
}

size_t header_size(uint32_t version) {
  return version == 1 ? kHeaderSizeV1 : version < 4 ? kHeaderSizeV3 : kHeaderSize;
}

uint64_t line_bytes(const IndexHeader& h) {
  return h.version >= 4 ? h.lines * kLineRecordV4 + h.line_samples * 4 : h.lines * kLineRecord;
}

void encode_header(const IndexHeader& h, unsigned char* out) {
  std::memset(out, 0, kHeaderSize);
  std::memcpy(out, kMagic, 8);
  put<uint32_t>(out + 8, h.version);
  put<uint32_t>(out + 12, static_cast<uint32_t>(header_size(h.version)));
  put<double>(out + 16, h.params.threshold);
  put<uint32_t>(out + 24, h.num_perm);
  put<uint32_t>(out + 28, h.params.ngram);
  put<uint64_t>(out + 32, h.seed);
  out[40] = static_cast<uint8_t>(h.scheme);
  out[41] = h.params.strip_boilerplate ? 1 : 0;
  out[42] = h.params.correct_typos ? 1 : 0;
  put<uint32_t>(out + 44, static_cast<uint32_t>(h.params.bands.bands));
  put<uint32_t>(out + 48, static_cast<uint32_t>(h.params.bands.rows));
  put<uint32_t>(out + 52, h.params.boilerplate.min_docs);
  put<double>(out + 56, h.params.boilerplate.story_similarity);
  put<uint32_t>(out + 64, h.params.max_bucket);
  put<uint32_t>(out + 68, h.signature_revision);
  put<uint64_t>(out + 72, h.params.max_lines);
  put<uint64_t>(out + 80, h.documents);
  put<uint64_t>(out + 88, h.next_cluster);
  put<uint64_t>(out + 96, h.added);
  put<uint64_t>(out + 104, h.id_bytes);
  put<uint64_t>(out + 112, h.lines);
  put<uint64_t>(out + 120, h.boilerplate);
  if (h.version == 1) {  // the test hook SaveOptions::format_version
    put<uint64_t>(out + 128, XXH3_64bits(out, 128));
    return;
  }
  put<uint64_t>(out + 128, h.params.max_words);
  put<uint64_t>(out + 136, h.words);
  put<uint64_t>(out + 144, h.word_bytes);
  put<uint64_t>(out + 152, h.readings);
  if (h.version < 4) {
    put<uint64_t>(out + 160, XXH3_64bits(out, 160));
    return;
  }
  put<uint64_t>(out + 160, h.line_samples);
  put<uint64_t>(out + 168, XXH3_64bits(out, 168));
}

void check_version(uint32_t version, const std::string& path) {
  // Checked before the checksum, whose place a newer version may move.
  if (version < 1 || version > kIndexFormatVersion)
    throw IndexFormatError(path + ": index format version " + std::to_string(version) +
                           " is not supported (this warta reads versions 1 and " + std::to_string(kIndexFormatVersion) +
                           "; or the header is corrupted); upgrade warta or rebuild the index");
}

IndexHeader decode_header(const unsigned char* in, const std::string& path) {
  if (std::memcmp(in, kMagic, 8) != 0)
    throw IndexFormatError(path + ": not a warta index file (it does not start with \"WARTAIDX\")");
  IndexHeader h;
  h.version = get<uint32_t>(in + 8);
  check_version(h.version, path);
  const size_t size = header_size(h.version);
  if (get<uint64_t>(in + size - 8) != XXH3_64bits(in, size - 8))
    throw IndexFormatError(path + ": header checksum mismatch (the header is corrupted)");
  if (get<uint32_t>(in + 12) != size)
    throw IndexFormatError(path + ": header size " + std::to_string(get<uint32_t>(in + 12)) + " is wrong for version " +
                           std::to_string(h.version));
  h.params.threshold = get<double>(in + 16);
  h.num_perm = get<uint32_t>(in + 24);
  h.params.ngram = get<uint32_t>(in + 28);
  h.seed = get<uint64_t>(in + 32);
  h.scheme = static_cast<Scheme>(in[40]);
  h.params.strip_boilerplate = in[41] != 0;
  h.params.correct_typos = in[42] != 0;
  h.params.bands = {static_cast<int>(get<uint32_t>(in + 44)), static_cast<int>(get<uint32_t>(in + 48))};
  h.params.boilerplate.min_docs = get<uint32_t>(in + 52);
  h.params.boilerplate.story_similarity = get<double>(in + 56);
  h.params.max_bucket = get<uint32_t>(in + 64);
  h.signature_revision = std::max<uint32_t>(1, get<uint32_t>(in + 68));
  h.params.max_lines = get<uint64_t>(in + 72);
  h.documents = get<uint64_t>(in + 80);
  h.next_cluster = get<uint64_t>(in + 88);
  h.added = get<uint64_t>(in + 96);
  h.id_bytes = get<uint64_t>(in + 104);
  h.lines = get<uint64_t>(in + 112);
  h.boilerplate = get<uint64_t>(in + 120);
  if (h.version >= 2) {
    h.params.max_words = get<uint64_t>(in + 128);
    h.words = get<uint64_t>(in + 136);
    h.word_bytes = get<uint64_t>(in + 144);
    h.readings = get<uint64_t>(in + 152);
  }
  if (h.version >= 4) h.line_samples = get<uint64_t>(in + 160);
  // The checksum held, so these only fail for files written by something else.
  const bool sane = in[40] <= 2 && h.num_perm >= 1 && h.num_perm <= 8192 && !h.params.bands.automatic() &&
                    h.documents < 0xFFFFFFFEull &&
                    h.next_cluster <= (uint64_t{1} << 31);  // DedupIndex hands out at most 2^31 cluster ids
  if (!sane) throw IndexFormatError(path + ": header parameters are out of range");
  try {
    h.params.validate(h.num_perm);
  } catch (const std::invalid_argument& e) {
    throw IndexFormatError(path + ": header parameters are out of range (" + e.what() + ")");
  }
  if (h.signature_revision != kSignatureRevision)
    throw IndexFormatError(path + ": built by a warta that signs texts differently (signature revision " +
                           std::to_string(h.signature_revision) + ", this warta: " +
                           std::to_string(kSignatureRevision) + "); rebuild the index from the original texts");
  return h;
}

// A file too short for the magic is foreign, not truncated.
IndexHeader read_header_from(BodyReader& r, int fd, const std::string& path) {
  struct stat st;
  if (::fstat(fd, &st) != 0) throw os_error("cannot stat " + path, errno);
  if (st.st_size < 8) throw IndexFormatError(path + ": not a warta index file (" + std::to_string(st.st_size) + " bytes)");
  unsigned char header[kHeaderSize];
  r.raw(header, 8, "magic");
  if (std::memcmp(header, kMagic, 8) != 0)
    throw IndexFormatError(path + ": not a warta index file (it does not start with \"WARTAIDX\")");
  r.raw(header + 8, 8, "header");
  const uint32_t version = get<uint32_t>(header + 8);
  check_version(version, path);
  r.raw(header + 16, header_size(version) - 16, "header");
  return decode_header(header, path);
}

// Expected file size from the header's counts; false on overflow.
bool expected_size(const IndexHeader& h, uint64_t& size) {
  const size_t header = header_size(h.version);
  const long double s = static_cast<long double>(header) + kFooterSize +
                        static_cast<long double>(h.documents) * (h.num_perm * 4.0L + 8 + 1 + 8 + 8) + 8 + h.id_bytes +
                        static_cast<long double>(h.lines) * kLineRecord + h.line_samples * 4.0L +
                        static_cast<long double>(h.boilerplate) * 8 +
                        static_cast<long double>(h.words) * kWordRecord + h.word_bytes +
                        static_cast<long double>(h.readings) * kReadingRecord;
  if (s > 9e18L) return false;
  const uint64_t per_document = uint64_t{h.num_perm} * 4 + 17 + (h.version >= 3 ? 8 : 0);
  size = header + kFooterSize + h.documents * per_document + 8 + h.id_bytes + line_bytes(h) + h.boilerplate * 8 + h.words * kWordRecord + h.word_bytes + h.readings * kReadingRecord;
  return true;
}

// Line statistics, chrome lines, word counts and readings: what the index learned.
void write_learned(const DedupIndex& index, BodyWriter& w, uint32_t version = kIndexFormatVersion) {
  // In hash order, so the same index always gives the same bytes.
  const size_t record = version >= 4 ? kLineRecordV4 : kLineRecord;
  std::vector<unsigned char> records;
  records.reserve(index.line_stats().size() * record);
  std::vector<uint32_t> samples;  // version 4: after all records, as many as each has
  index.line_stats().for_each([&](const LineStats::Line& line) {
    if (!line.docs) return;
    records.resize(records.size() + record, 0);
    unsigned char* rec = &records[records.size() - record];
    put<uint64_t>(rec, line.hash);
    put<uint32_t>(rec + 8, line.docs);
    put<uint32_t>(rec + 12, line.sampled);
    for (size_t x = 0; x < line.sampled; ++x) {
      if (version >= 4) samples.push_back(line.sample[x]);  // most lines are seen once: one sample, not eight
      else put<uint32_t>(rec + 16 + 4 * x, line.sample[x]);
    }
  });
  w.body(records.data(), records.size());
  w.values(samples.data(), samples.size());
  std::vector<uint64_t> boilerplate(index.boilerplate().begin(), index.boilerplate().end());
  std::sort(boilerplate.begin(), boilerplate.end());
  w.values(boilerplate.data(), boilerplate.size());
  if (version == 1) return;

  std::vector<WordCounts::Word> words;
  words.reserve(index.word_counts().size());
  index.word_counts().for_each([&](const WordCounts::Word& word) { words.push_back(word); });
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.hash < b.hash; });
  for (const WordCounts::Word& word : words) {
    w.value<uint64_t>(word.hash);
    w.value<uint32_t>(word.docs);
    w.value<uint32_t>(static_cast<uint32_t>(word.text.size()));
  }
  for (const WordCounts::Word& word : words) w.body(word.text.data(), word.text.size());

  std::vector<std::pair<uint64_t, uint64_t>> readings;
  if (index.spelling()) index.spelling()->for_each([&](uint64_t a, uint64_t b) { readings.emplace_back(a, b); });
  std::sort(readings.begin(), readings.end());
  for (const auto& [word, canonical] : readings) {
    w.value<uint64_t>(word);
    w.value<uint64_t>(canonical);
  }
}

void write_body(const DedupIndex& index, BodyWriter& w, uint32_t version) {
  const size_t k = index.hasher().num_perm();
  const size_t slots = index.slots();
  for (size_t s = 0; s < slots; ++s)
    if (index.live(s))
      for (size_t p = 0; p < k; ++p) w.value<uint32_t>(index.signature(s)[p]);  // the stored bits, widened
  for (size_t s = 0; s < slots; ++s)
    if (index.live(s)) w.value<uint64_t>(index.cluster_of(s));
  for (size_t s = 0; s < slots; ++s)
    if (index.live(s))
      w.value<uint8_t>((index.empty_doc(s) ? IndexState::kFlagEmpty : 0) | (index.member(s) ? IndexState::kFlagMember : 0));
  uint64_t offset = 0;
  w.value<uint64_t>(0);
  for (size_t s = 0; s < slots; ++s)
    if (index.live(s)) w.value<uint64_t>(offset += index.id(s).size());
  for (size_t s = 0; s < slots; ++s)
    if (index.live(s)) w.body(index.id(s).data(), index.id(s).size());
  write_learned(index, w, version);
  if (version < 3) return;

  for (size_t s = 0; s < slots; ++s)
    if (index.live(s)) w.value<uint64_t>(index.text_hash(s));
}

IndexHeader header_of(const DedupIndex& index) {
  IndexHeader h;
  h.num_perm = static_cast<uint32_t>(index.hasher().num_perm());
  h.seed = index.hasher().seed();
  h.scheme = index.hasher().scheme();
  h.params = index.params();
  h.documents = index.size();
  h.next_cluster = index.next_cluster();
  h.added = index.documents_added();
  for (size_t s = 0; s < index.slots(); ++s)
    if (index.live(s)) h.id_bytes += index.id(s).size();
  index.line_stats().for_each([&](const LineStats::Line& line) {
    h.lines += line.docs > 0;
    h.line_samples += line.docs > 0 ? line.sampled : 0;
  });
  h.boilerplate = index.boilerplate().size();
  h.words = index.word_counts().size();
  index.word_counts().for_each([&](const WordCounts::Word& w) { h.word_bytes += w.text.size(); });
  h.readings = index.spelling() ? index.spelling()->size() : 0;
  return h;
}

}  // namespace

void IndexStore::save_single(const DedupIndex& index, const std::string& path, const SaveOptions& options) {
  AtomicFile file(path);  // until commit() the previous file at `path` is untouched
  unsigned char header[kHeaderSize];
  IndexHeader h = header_of(index);
  if (options.signature_revision) h.signature_revision = options.signature_revision;
  if (options.format_version) h.version = options.format_version;
  encode_header(h, header);
  BodyWriter w(file.fd(), file.temp_path(), options.fail_after_bytes);
  w.raw(header, header_size(h.version));
  write_body(index, w, h.version);
  unsigned char footer[kFooterSize];
  put<uint64_t>(footer, w.digest());
  std::memcpy(footer + 8, kEndMagic, 8);
  w.raw(footer, kFooterSize);
  file.commit();
}

IndexHeader IndexStore::read_single_header(const std::string& path) {
  Fd file;
  file.fd = ::open(path.c_str(), O_RDONLY);
  if (file.fd < 0) throw os_error("cannot open " + path, errno);
  BodyReader r(file.fd, path);
  return read_header_from(r, file.fd, path);
}

namespace {

// What one file of the single-file format holds (a whole index of versions 1 to 3, or the
// learned state of a segmented index: the same layout with no documents).
struct SingleFile {
  IndexHeader header;
  IndexState state;
  LineStats stats;
  std::unordered_set<uint64_t> boilerplate;
  WordCounts words;
  SpellingMap spelling;
};

// Reads and checks a single file; signatures go straight into `sigs` (no second copy).
SingleFile read_single(const std::string& path, SignatureStore& sigs, uint64_t* file_hash = nullptr) {
  Fd file;
  file.fd = ::open(path.c_str(), O_RDONLY);
  if (file.fd < 0) throw os_error("cannot open " + path, errno);
  BodyReader r(file.fd, path);
  SingleFile out;
  const IndexHeader h = out.header = read_header_from(r, file.fd, path);
  if (sigs.num_perm() != h.num_perm)
    throw IndexFormatError(path + ": holds signatures of " + std::to_string(h.num_perm) + " values, not " +
                           std::to_string(sigs.num_perm()));

  struct stat st;
  uint64_t want = 0;
  if (::fstat(file.fd, &st) != 0) throw os_error("cannot stat " + path, errno);
  if (!expected_size(h, want)) throw IndexFormatError(path + ": header counts are out of range");
  if (static_cast<uint64_t>(st.st_size) != want)
    throw IndexFormatError(path + ": file is " + std::to_string(st.st_size) + " bytes but its header describes " +
                           std::to_string(want) + (static_cast<uint64_t>(st.st_size) < want ? " (truncated)" : " (trailing data)"));

  const size_t n = h.documents;
  const size_t k = h.num_perm;
  read_signatures(r, sigs, n, k, /*full_values=*/true);
  IndexState& state = out.state;
  state.cluster.resize(n);
  r.values(state.cluster.data(), n, "cluster ids");
  state.flags.resize(n);
  r.values(state.flags.data(), n, "flags");
  state.id_offsets.resize(n + 1);
  r.values(state.id_offsets.data(), n + 1, "id offsets");
  state.id_arena.resize(h.id_bytes);
  r.body(state.id_arena.data(), h.id_bytes, "ids");
  std::vector<unsigned char> lines(line_bytes(h));
  r.body(lines.data(), lines.size(), "line statistics");
  std::vector<uint64_t> boilerplate(h.boilerplate);
  r.values(boilerplate.data(), boilerplate.size(), "boilerplate lines");
  std::vector<unsigned char> word_records(h.words * kWordRecord);
  r.body(word_records.data(), word_records.size(), "word counts");
  std::string word_text(h.word_bytes, '\0');
  r.body(word_text.data(), word_text.size(), "words");
  std::vector<uint64_t> readings(h.readings * 2);
  r.values(readings.data(), readings.size(), "spelling readings");
  state.text_hash.assign(n, 0);
  if (h.version >= 3) r.values(state.text_hash.data(), n, "text hashes");
  const uint64_t digest = r.digest();
  unsigned char footer[kFooterSize];
  r.raw(footer, kFooterSize, "footer");
  if (std::memcmp(footer + 8, kEndMagic, 8) != 0) throw IndexFormatError(path + ": end marker missing (the file is corrupted)");
  if (get<uint64_t>(footer) != digest)
    throw IndexFormatError(path + ": body checksum mismatch (the file is corrupted)");
  if (file_hash) *file_hash = digest;

  for (size_t i = 0; i < n; ++i) {
    if (state.flags[i] > 3) throw IndexFormatError(path + ": bad flag at document " + std::to_string(i));
    if (state.id_offsets[i + 1] < state.id_offsets[i])
      throw IndexFormatError(path + ": id offsets decrease at document " + std::to_string(i));
  }
  if (state.id_offsets[0] != 0 || state.id_offsets[n] != h.id_bytes)
    throw IndexFormatError(path + ": id offsets do not span the id bytes");

  uint64_t text_at = 0, previous = 0;
  for (size_t i = 0; i < h.words; ++i) {
    const unsigned char* rec = &word_records[i * kWordRecord];
    const uint64_t hash = get<uint64_t>(rec);
    const uint32_t docs = get<uint32_t>(rec + 8), length = get<uint32_t>(rec + 12);
    if ((i && hash <= previous) || hash == 0 || docs == 0 || length > h.word_bytes - text_at)
      throw IndexFormatError(path + ": bad word count record " + std::to_string(i));
    out.words.add(hash, docs, std::string_view(word_text).substr(text_at, length));
    text_at += length;
    previous = hash;
  }
  if (text_at != h.word_bytes) throw IndexFormatError(path + ": word counts do not span the words' bytes");
  for (size_t i = 0; i < h.readings; ++i) {
    if (i && readings[2 * i] <= readings[2 * i - 2])
      throw IndexFormatError(path + ": spelling readings are not sorted at record " + std::to_string(i));
    out.spelling.set(readings[2 * i], readings[2 * i + 1]);
  }
  state.next_cluster = h.next_cluster;
  state.added = h.added;
  const bool apart = h.version >= 4;  // samples after all records, as many as each has
  const unsigned char* samples = lines.data() + h.lines * kLineRecordV4;
  uint64_t samples_read = 0;
  uint32_t sample[LineStats::kSamples];
  for (size_t i = 0; i < h.lines; ++i) {
    const unsigned char* rec = &lines[i * (apart ? kLineRecordV4 : kLineRecord)];
    const uint64_t line = get<uint64_t>(rec);
    const uint32_t docs = get<uint32_t>(rec + 8), sampled = get<uint32_t>(rec + 12);
    // Records are sorted by line hash (LineStats::append needs them so).
    if ((i && line <= get<uint64_t>(rec - (apart ? kLineRecordV4 : kLineRecord))) || sampled > LineStats::kSamples ||
        sampled > docs || (apart && sampled > h.line_samples - samples_read))
      throw IndexFormatError(path + ": bad line statistics record " + std::to_string(i));
    for (size_t x = 0; x < sampled; ++x) {
      sample[x] = apart ? get<uint32_t>(samples + 4 * (samples_read + x)) : get<uint32_t>(rec + 16 + 4 * x);
      if (sample[x] >= h.next_cluster)  // samples name clusters
        throw IndexFormatError(path + ": bad line statistics record " + std::to_string(i));
    }
    if (apart) samples_read += sampled;
    out.stats.append(line, docs, sample, sampled);
  }
  if (apart && samples_read != h.line_samples)
    throw IndexFormatError(path + ": line statistics do not span their samples");
  out.stats.shrink_to_fit();
  out.boilerplate = std::unordered_set<uint64_t>(boilerplate.begin(), boilerplate.end());
  return out;
}

// The structure a loaded state must have, whoever wrote its bytes: cluster ids below the
// next one, merges into older clusters, and exactly one kept copy per live cluster.
void check_structure(const IndexState& state, const std::string& path) {
  const size_t n = state.cluster.size();
  FlatMap<uint64_t> parent;
  for (const auto& [absorbed, into] : state.merged) {
    if (absorbed >= state.next_cluster || into >= absorbed)
      throw IndexFormatError(path + ": a merge record is out of range");
    parent[absorbed] = into;
  }
  const auto root = [&](uint64_t c) {
    for (size_t hops = 0; hops <= parent.size(); ++hops) {
      const auto it = parent.find(c);
      if (it == parent.end()) return c;
      c = it->second;
    }
    return c;  // unreachable: merges always go to a lower id, so there is no cycle
  };
  std::vector<uint64_t> kept, members;
  for (size_t i = 0; i < n; ++i) {
    if (state.cluster[i] >= state.next_cluster)
      throw IndexFormatError(path + ": a cluster id is not below the next cluster id");
    if (state.flags[i] > 7) throw IndexFormatError(path + ": bad flag at document " + std::to_string(i));
    if (state.flags[i] & IndexState::kFlagDead) continue;
    ((state.flags[i] & IndexState::kFlagMember) ? members : kept).push_back(root(state.cluster[i]));
    if (!state.matched.empty() && state.matched[i] != DedupIndex::kNoSlot && state.matched[i] >= n)
      throw IndexFormatError(path + ": a provenance record names no document");
  }
  std::sort(kept.begin(), kept.end());
  if (std::adjacent_find(kept.begin(), kept.end()) != kept.end())
    throw IndexFormatError(path + ": a cluster has two kept documents");
  for (uint64_t c : members)
    if (!std::binary_search(kept.begin(), kept.end(), c))
      throw IndexFormatError(path + ": a duplicate's cluster has no kept document");
  for (const IndexEvent& e : state.events)
    if (e.kind > IndexEvent::KeptChanged || e.cluster >= state.next_cluster || e.other >= state.next_cluster ||
        (e.slot != DedupIndex::kNoSlot && e.slot >= n) || (e.previous != DedupIndex::kNoSlot && e.previous >= n))
      throw IndexFormatError(path + ": a history record is out of range");
  for (size_t i = 0; i < state.number_end.size(); ++i)
    if ((i ? state.number_end[i - 1] : 0) > state.number_end[i] || state.number_end[i] > state.numbers.size())
      throw IndexFormatError(path + ": number offsets are out of range at document " + std::to_string(i));
}

}  // namespace

DedupIndex IndexStore::load_single(const std::string& path, MinHasher hasher) {
  SignatureStore sigs(hasher.num_perm());
  SingleFile f = read_single(path, sigs);
  const IndexHeader& h = f.header;
  if (hasher.num_perm() != h.num_perm || hasher.seed() != h.seed || hasher.scheme() != h.scheme)
    throw std::invalid_argument("the MinHasher given does not match the file's scheme, num_perm and seed");
  check_structure(f.state, path);
  const size_t n = h.documents;
  DedupIndex index(h.params, std::move(hasher));
  index.sigs_ = std::move(sigs);
  index.restore(std::move(f.state), std::move(f.stats), std::move(f.boilerplate), std::move(f.words),
                std::move(f.spelling));
  // Ids must be unique (checked after restore, which indexes them).
  if (index.size() != n) throw IndexFormatError(path + ": document count mismatch");
  return index;
}

// ---------------------------------------------------------------- segmented indexes

namespace {

constexpr char kManifestMagic[8] = {'W', 'A', 'R', 'T', 'A', 'M', 'A', 'N'};
constexpr char kSegmentMagic[8] = {'W', 'A', 'R', 'T', 'A', 'S', 'E', 'G'};
constexpr uint32_t kManifestVersion = 1;
constexpr uint32_t kSegmentVersion = 2;  // 1 (never released): u32 signatures, f64 ranks, u64 numbers
constexpr size_t kManifestHeader = 96;
constexpr size_t kSegmentHeader = 96;
constexpr size_t kSegmentRecord = 24;
constexpr size_t kEventRecord = 32;
// Beyond this many segments a save rewrites the index as one (load reads fewer files).
constexpr size_t kMaxSegments = 64;

std::string generation_name(uint64_t generation) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%08llu", static_cast<unsigned long long>(generation));
  return digits;
}

std::string segment_path(const std::string& path, uint64_t generation) {
  return path + "." + generation_name(generation) + ".seg";
}

std::string state_path(const std::string& path, uint64_t generation) {
  return path + "." + generation_name(generation) + ".state";
}

struct Manifest {
  uint64_t generation = 0;
  uint64_t lineage = 0;
  Measure measure = Measure::Jaccard;
  double min_jaccard = 0.0;
  double number_agreement = 0.0;
  int64_t window = 0;
  uint32_t batches = 0;
  int64_t newest = kUndated;
  uint64_t state_generation = 0, state_size = 0, state_hash = 0;
  std::vector<DedupIndex::SavedMark::Segment> segments;
};

uint64_t file_size(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) throw os_error("cannot stat " + path, errno);
  return static_cast<uint64_t>(st.st_size);
}

void write_manifest(const Manifest& m, const std::string& path, uint64_t fail_after) {
  std::vector<unsigned char> bytes(kManifestHeader + m.segments.size() * kSegmentRecord + kFooterSize, 0);
  unsigned char* out = bytes.data();
  std::memcpy(out, kManifestMagic, 8);
  put<uint32_t>(out + 8, kManifestVersion);
  put<uint32_t>(out + 12, static_cast<uint32_t>(m.segments.size()));
  put<uint64_t>(out + 16, m.generation);
  put<uint64_t>(out + 24, m.lineage);
  out[32] = static_cast<uint8_t>(m.measure);
  put<double>(out + 40, m.min_jaccard);
  put<double>(out + 48, m.number_agreement);
  put<int64_t>(out + 56, m.window);
  put<uint32_t>(out + 64, m.batches);
  put<int64_t>(out + 72, m.newest);
  put<uint64_t>(out + 80, m.state_generation);
  put<uint64_t>(out + 88, m.state_size);
  unsigned char* rec = out + kManifestHeader;
  for (const auto& seg : m.segments) {
    put<uint64_t>(rec, seg.generation);
    put<uint64_t>(rec + 8, seg.size);
    put<uint64_t>(rec + 16, seg.hash);
    rec += kSegmentRecord;
  }
  // The state file's hash sits in the footer's first word, the whole manifest's after it.
  put<uint64_t>(rec, m.state_hash);
  put<uint64_t>(rec + 8, XXH3_64bits(out, static_cast<size_t>(rec + 8 - out)));
  AtomicFile file(path);
  BodyWriter w(file.fd(), file.temp_path(), fail_after);
  w.raw(bytes.data(), bytes.size());
  file.commit();
}

bool is_manifest(const std::string& path) {
  Fd file;
  file.fd = ::open(path.c_str(), O_RDONLY);
  if (file.fd < 0) return false;
  char magic[8];
  return ::read(file.fd, magic, 8) == 8 && std::memcmp(magic, kManifestMagic, 8) == 0;
}

Manifest read_manifest(const std::string& path) {
  Fd file;
  file.fd = ::open(path.c_str(), O_RDONLY);
  if (file.fd < 0) throw os_error("cannot open " + path, errno);
  const uint64_t size = file_size(path);
  if (size < kManifestHeader + kFooterSize) throw IndexFormatError(path + ": index manifest is truncated");
  if (size > (uint64_t{1} << 30)) throw IndexFormatError(path + ": index manifest is too large");
  std::vector<unsigned char> bytes(size);
  BodyReader r(file.fd, path);
  r.raw(bytes.data(), bytes.size(), "manifest");
  const unsigned char* in = bytes.data();
  if (std::memcmp(in, kManifestMagic, 8) != 0) throw IndexFormatError(path + ": not a warta index manifest");
  const uint32_t version = get<uint32_t>(in + 8);
  if (version != kManifestVersion)
    throw IndexFormatError(path + ": index manifest version " + std::to_string(version) +
                           " is not supported (this warta reads version 1); upgrade warta or rebuild the index");
  Manifest m;
  const uint32_t count = get<uint32_t>(in + 12);
  if (size != kManifestHeader + uint64_t{count} * kSegmentRecord + kFooterSize)
    throw IndexFormatError(path + ": index manifest size does not match its segment count (truncated?)");
  const size_t end = kManifestHeader + size_t{count} * kSegmentRecord;
  if (get<uint64_t>(in + end + 8) != XXH3_64bits(in, end + 8))
    throw IndexFormatError(path + ": index manifest checksum mismatch (the file is corrupted)");
  m.generation = get<uint64_t>(in + 16);
  m.lineage = get<uint64_t>(in + 24);
  if (in[32] > 1) throw IndexFormatError(path + ": index manifest names an unknown measure");
  m.measure = static_cast<Measure>(in[32]);
  m.min_jaccard = get<double>(in + 40);
  m.number_agreement = get<double>(in + 48);
  m.window = get<int64_t>(in + 56);
  m.batches = get<uint32_t>(in + 64);
  m.newest = get<int64_t>(in + 72);
  m.state_generation = get<uint64_t>(in + 80);
  m.state_size = get<uint64_t>(in + 88);
  m.state_hash = get<uint64_t>(in + end);
  for (size_t i = 0; i < count; ++i) {
    const unsigned char* rec = in + kManifestHeader + i * kSegmentRecord;
    m.segments.push_back({get<uint64_t>(rec), get<uint64_t>(rec + 8), get<uint64_t>(rec + 16)});
  }
  return m;
}

// Writes slots [first, slots) and the changes to older slots since `saved`, as one segment.
// Returns its size and body hash.
DedupIndex::SavedMark::Segment write_segment(const std::string& path, uint64_t generation, const DedupIndex& index,
                                             size_t first, const std::vector<uint8_t>& saved_state,
                                             const std::vector<std::pair<uint64_t, uint64_t>>& merges,
                                             size_t first_event, uint64_t fail_after) {
  const size_t k = index.hasher().num_perm();
  const size_t end = index.slots();
  const size_t d = end - first;
  const bool story = index.params().measure == Measure::Story;
  const auto flags_of = [&](size_t s) {
    return static_cast<uint32_t>((index.empty_doc(s) ? IndexState::kFlagEmpty : 0) |
                                 (index.member(s) ? IndexState::kFlagMember : 0) |
                                 (index.live(s) ? 0 : IndexState::kFlagDead));
  };
  std::vector<std::pair<uint32_t, uint32_t>> updates;
  for (size_t s = 0; s < first; ++s)
    if (saved_state[s] != flags_of(s)) updates.emplace_back(static_cast<uint32_t>(s), flags_of(s));
  uint64_t id_bytes = 0, numbers = 0;
  for (size_t s = first; s < end; ++s) {
    id_bytes += index.id(s).size();
    if (story) numbers += static_cast<uint64_t>(index.numbers(s).second - index.numbers(s).first);
  }
  const auto& events = index.events();
  const size_t e_count = events.size() - first_event;

  unsigned char header[kSegmentHeader] = {};
  std::memcpy(header, kSegmentMagic, 8);
  put<uint32_t>(header + 8, kSegmentVersion);
  put<uint32_t>(header + 12, static_cast<uint32_t>(k));
  put<uint64_t>(header + 16, first);
  put<uint64_t>(header + 24, d);
  put<uint64_t>(header + 32, id_bytes);
  put<uint64_t>(header + 40, numbers);
  header[48] = story ? 1 : 0;
  put<uint64_t>(header + 56, updates.size());
  put<uint64_t>(header + 64, merges.size());
  put<uint64_t>(header + 72, e_count);
  put<uint64_t>(header + 80, generation);
  put<uint64_t>(header + 88, XXH3_64bits(header, 88));

  AtomicFile file(segment_path(path, generation));
  BodyWriter w(file.fd(), file.temp_path(), fail_after);
  w.raw(header, kSegmentHeader);
  for (size_t s = first; s < end; ++s) w.values(index.signature(s), k);
  for (size_t s = first; s < end; ++s) w.value<uint64_t>(index.stored_cluster(s));
  for (size_t s = first; s < end; ++s) w.value<uint8_t>(static_cast<uint8_t>(flags_of(s)));
  for (size_t s = first; s < end; ++s) w.value<uint64_t>(index.text_hash(s));
  uint64_t offset = 0;
  w.value<uint64_t>(0);
  for (size_t s = first; s < end; ++s) w.value<uint64_t>(offset += index.id(s).size());
  for (size_t s = first; s < end; ++s) w.body(index.id(s).data(), index.id(s).size());
  for (size_t s = first; s < end; ++s) w.value<int64_t>(index.date(s));
  for (size_t s = first; s < end; ++s) w.value<float>(index.rank(s));
  for (size_t s = first; s < end; ++s) w.value<uint32_t>(index.batch(s));
  for (size_t s = first; s < end; ++s) w.value<uint32_t>(index.matched(s));
  for (size_t s = first; s < end; ++s) w.value<float>(index.matched_similarity(s));
  if (story) {
    for (size_t s = first; s < end; ++s) w.value<uint32_t>(index.shingle_count(s));
    uint32_t at = 0;
    for (size_t s = first; s < end; ++s)
      w.value<uint32_t>(at += static_cast<uint32_t>(index.numbers(s).second - index.numbers(s).first));
    for (size_t s = first; s < end; ++s) {
      const auto [b, e] = index.numbers(s);
      w.values(b, static_cast<size_t>(e - b));
    }
  }
  for (const auto& [slot, flags] : updates) {
    w.value<uint32_t>(slot);
    w.value<uint32_t>(flags);
  }
  for (const auto& [absorbed, into] : merges) {
    w.value<uint64_t>(absorbed);
    w.value<uint64_t>(into);
  }
  for (size_t i = first_event; i < events.size(); ++i) {
    const IndexEvent& e = events[i];
    unsigned char rec[kEventRecord] = {};
    put<uint32_t>(rec, e.batch);
    rec[4] = static_cast<uint8_t>(e.kind);
    put<uint64_t>(rec + 8, e.cluster);
    put<uint64_t>(rec + 16, e.other);
    put<uint32_t>(rec + 24, e.slot);
    put<uint32_t>(rec + 28, e.previous);
    w.body(rec, kEventRecord);
  }
  const uint64_t digest = w.digest();
  unsigned char footer[kFooterSize];
  put<uint64_t>(footer, digest);
  std::memcpy(footer + 8, kEndMagic, 8);
  w.raw(footer, kFooterSize);
  file.commit();
  return {generation, file_size(segment_path(path, generation)), digest};
}

// Appends a segment's documents and changes to `state` (whose documents are the slots
// before it) and its signatures to `sigs`.
void read_segment(const std::string& file_path, const DedupIndex::SavedMark::Segment& want, size_t k, bool story,
                  IndexState& state, SignatureStore& sigs) {
  Fd file;
  file.fd = ::open(file_path.c_str(), O_RDONLY);
  if (file.fd < 0) throw os_error("cannot open " + file_path + " (a segment of the index)", errno);
  const uint64_t size = file_size(file_path);
  if (size != want.size)
    throw IndexFormatError(file_path + ": segment is " + std::to_string(size) + " bytes but the manifest says " +
                           std::to_string(want.size));
  BodyReader r(file.fd, file_path);
  unsigned char h[kSegmentHeader];
  r.raw(h, kSegmentHeader, "segment header");
  if (std::memcmp(h, kSegmentMagic, 8) != 0) throw IndexFormatError(file_path + ": not a warta index segment");
  if (get<uint32_t>(h + 8) != kSegmentVersion) throw IndexFormatError(file_path + ": unsupported segment version");
  if (get<uint64_t>(h + 88) != XXH3_64bits(h, 88)) throw IndexFormatError(file_path + ": segment header checksum mismatch");
  const size_t n0 = state.cluster.size();
  const uint64_t d = get<uint64_t>(h + 24), id_bytes = get<uint64_t>(h + 32), numbers = get<uint64_t>(h + 40);
  const uint64_t updates = get<uint64_t>(h + 56), merges = get<uint64_t>(h + 64), events = get<uint64_t>(h + 72);
  if (get<uint32_t>(h + 12) != k || get<uint64_t>(h + 16) != n0 || (h[48] != 0) != story ||
      get<uint64_t>(h + 80) != want.generation)
    throw IndexFormatError(file_path + ": segment does not continue the index (another index's file?)");
  const long double per_doc = k * 2.0L + 8 + 1 + 8 + 8 + 8 + 4 + 4 + 4 + 4 + (story ? 8 : 0);
  const long double expect = kSegmentHeader + kFooterSize + d * per_doc + 8 + id_bytes + numbers * 4.0L +
                             updates * 8.0L + merges * 16.0L + events * 1.0L * kEventRecord;
  if (expect != static_cast<long double>(size) || d >= 0xFFFFFFFEull - n0)
    throw IndexFormatError(file_path + ": segment size does not match its header (truncated or corrupted)");

  read_signatures(r, sigs, d, k, /*full_values=*/false);
  const auto grow = [&](auto& v, size_t count, const char* what) {
    const size_t at = v.size();
    v.resize(at + count);
    r.values(v.data() + at, count, what);
  };
  grow(state.cluster, d, "cluster ids");
  grow(state.flags, d, "flags");
  grow(state.text_hash, d, "text hashes");
  std::vector<uint64_t> offsets(d + 1);
  r.values(offsets.data(), d + 1, "id offsets");
  if (offsets[0] != 0 || offsets[d] != id_bytes) throw IndexFormatError(file_path + ": id offsets do not span the ids");
  const uint64_t base = state.id_arena.size();
  for (size_t i = 0; i < d; ++i) {
    if (offsets[i + 1] < offsets[i]) throw IndexFormatError(file_path + ": id offsets decrease");
    state.id_offsets.push_back(base + offsets[i + 1]);
  }
  state.id_arena.resize(base + id_bytes);
  r.body(state.id_arena.data() + base, id_bytes, "ids");
  grow(state.date, d, "dates");
  grow(state.rank, d, "ranks");
  grow(state.batch, d, "batches");
  grow(state.matched, d, "provenance");
  grow(state.match_sim, d, "provenance similarities");
  if (story) {
    grow(state.shingles, d, "shingle counts");
    const uint64_t number_base = state.numbers.size();
    if (number_base + numbers >= 0xFFFFFFFFull) throw IndexFormatError(file_path + ": too many numbers");
    const size_t at = state.number_end.size();
    grow(state.number_end, d, "number offsets");
    for (size_t i = at; i < state.number_end.size(); ++i) {
      if (state.number_end[i] > numbers) throw IndexFormatError(file_path + ": number offsets out of range");
      state.number_end[i] += static_cast<uint32_t>(number_base);
    }
    grow(state.numbers, numbers, "numbers");
  }
  for (uint64_t i = 0; i < updates; ++i) {
    uint32_t rec[2];
    r.values(rec, 2, "flag updates");
    if (rec[0] >= n0 || rec[1] > 7) throw IndexFormatError(file_path + ": a flag update is out of range");
    state.flags[rec[0]] = static_cast<uint8_t>(rec[1]);
  }
  for (uint64_t i = 0; i < merges; ++i) {
    uint64_t rec[2];
    r.values(rec, 2, "merges");
    state.merged.emplace_back(rec[0], rec[1]);
  }
  for (uint64_t i = 0; i < events; ++i) {
    unsigned char rec[kEventRecord];
    r.body(rec, kEventRecord, "history");
    IndexEvent e;
    e.batch = get<uint32_t>(rec);
    e.kind = static_cast<IndexEvent::Kind>(rec[4]);
    e.cluster = get<uint64_t>(rec + 8);
    e.other = get<uint64_t>(rec + 16);
    e.slot = get<uint32_t>(rec + 24);
    e.previous = get<uint32_t>(rec + 28);
    state.events.push_back(e);
  }
  const uint64_t digest = r.digest();
  unsigned char footer[kFooterSize];
  r.raw(footer, kFooterSize, "footer");
  if (std::memcmp(footer + 8, kEndMagic, 8) != 0 || get<uint64_t>(footer) != digest || digest != want.hash)
    throw IndexFormatError(file_path + ": segment checksum mismatch (the file is corrupted)");
}

// Removes what no manifest names any more: segments and state files of other generations
// (a replaced state, segments merged by a full save, files of a save killed before its
// manifest) and temporaries of writers that no longer run.
void remove_unreferenced(const std::string& path, const Manifest& m) {
  const std::string dir = directory_of(path), base = basename_of(path);
  DIR* d = ::opendir(dir.c_str());
  if (!d) return;
  std::vector<std::string> names;
  while (const dirent* e = ::readdir(d)) names.emplace_back(e->d_name);
  ::closedir(d);
  std::vector<std::string> keep{basename_of(state_path(path, m.state_generation))};
  for (const auto& seg : m.segments) keep.push_back(basename_of(segment_path(path, seg.generation)));
  for (const std::string& name : names) {
    if (name.size() > base.size() + 1 && name.compare(0, base.size() + 1, base + ".") == 0) {
      const std::string rest = name.substr(base.size() + 1);
      const size_t dot = rest.find('.');
      const bool ours = dot != std::string::npos && dot > 0 &&
                        rest.find_first_not_of("0123456789") == dot &&
                        (rest.substr(dot) == ".seg" || rest.substr(dot) == ".state");
      if (ours && std::find(keep.begin(), keep.end(), name) == keep.end()) ::unlink((dir + "/" + name).c_str());
    } else if (name.compare(0, base.size() + 2, "." + base + ".") == 0) {
      // ".<base>.<generation>.seg.tmp-<pid>-<random>": the segment and state temporaries
      const size_t tmp = name.find(".tmp-");
      if (tmp == std::string::npos) continue;
      const long pid = std::strtol(name.c_str() + tmp + 5, nullptr, 10);
      if (pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
        ::unlink((dir + "/" + name).c_str());
    }
  }
}

uint64_t random_lineage() {
  uint64_t seed = static_cast<uint64_t>(::getpid()) ^ static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  return XXH3_64bits(&seed, sizeof seed) | 1;
}

}  // namespace

void IndexStore::save(DedupIndex& index, const std::string& path, const SaveOptions& options) {
  if (options.format_version || options.signature_revision) return save_single(index, path, options);
  DedupIndex::SavedMark& mark = index.saved_;
  // Appending needs the files to be the ones this index last saved or loaded, slot for slot.
  bool append = mark.path == path && mark.layout == index.layout_ && mark.segments.size() < kMaxSegments &&
                mark.slots <= index.slots();
  Manifest m;
  if (append) {
    try {
      const Manifest on_disk = read_manifest(path);
      append = on_disk.generation == mark.generation && on_disk.lineage == mark.lineage;
    } catch (const std::exception&) {
      append = false;
    }
  }
  if (!append) {
    if (index.size() != index.slots()) index.compact();  // a full save holds live documents only
    mark = DedupIndex::SavedMark{};
    mark.lineage = random_lineage();
    if (is_manifest(path)) {  // continue its generations, so no file name is reused
      try {
        mark.generation = read_manifest(path).generation;
      } catch (const std::exception&) {
      }
    }
  }
  m.generation = mark.generation + 1;
  m.lineage = mark.lineage;
  const IndexParams& p = index.params();
  m.measure = p.measure;
  m.min_jaccard = p.min_jaccard;
  m.number_agreement = p.number_agreement;
  m.window = p.window;
  m.batches = index.batches();
  m.newest = index.newest_date();
  m.segments = mark.segments;

  std::vector<std::pair<uint64_t, uint64_t>> merges = index.merge_log_;
  if (!append) {  // all merges still needed, not the log since the last save
    merges.clear();
    for (const auto& [absorbed, into] : index.merged()) merges.emplace_back(absorbed, into);
    std::sort(merges.begin(), merges.end());
  }
  m.segments.push_back(write_segment(path, m.generation, index, append ? mark.slots : 0, mark.state, merges,
                                     append ? mark.events : 0, options.fail_after_bytes));
  // The learned state (line statistics, word counts: bounded by max_lines and max_words) is
  // rewritten whole: a file with no documents in the single-file layout.
  const std::string state_file = state_path(path, m.generation);
  {
    AtomicFile file(state_file);
    unsigned char header[kHeaderSize];
    IndexHeader h = header_of(index);
    h.documents = 0;
    h.id_bytes = 0;
    encode_header(h, header);
    BodyWriter w(file.fd(), file.temp_path(), options.fail_after_bytes);
    w.raw(header, kHeaderSize);
    w.value<uint64_t>(0);  // the id offsets of no documents
    write_learned(index, w);
    unsigned char footer[kFooterSize];
    m.state_hash = w.digest();
    put<uint64_t>(footer, m.state_hash);
    std::memcpy(footer + 8, kEndMagic, 8);
    w.raw(footer, kFooterSize);
    file.commit();
  }
  m.state_generation = m.generation;
  m.state_size = file_size(state_file);
  write_manifest(m, path, options.fail_after_bytes);  // the switch: before it, the old manifest stands

  mark.path = path;
  mark.generation = m.generation;
  mark.layout = index.layout_;
  mark.slots = index.slots();
  mark.events = index.events().size();
  mark.segments = m.segments;
  mark.state.resize(index.slots());
  for (size_t s = 0; s < index.slots(); ++s)
    mark.state[s] = static_cast<uint8_t>((index.empty_doc(s) ? IndexState::kFlagEmpty : 0) |
                                         (index.member(s) ? IndexState::kFlagMember : 0) |
                                         (index.live(s) ? 0 : IndexState::kFlagDead));
  index.merge_log_.clear();
  remove_unreferenced(path, m);
}

void IndexStore::compact_files(DedupIndex& index, const std::string& path) {
  index.compact();  // renumbers: the next save is a full one
  save(index, path);
}

std::vector<std::string> IndexStore::files(const std::string& path) {
  if (!is_manifest(path)) return {path};
  const Manifest m = read_manifest(path);
  std::vector<std::string> out{path, state_path(path, m.state_generation)};
  for (const auto& seg : m.segments) out.push_back(segment_path(path, seg.generation));
  return out;
}

IndexHeader IndexStore::read_header(const std::string& path) {
  if (!is_manifest(path)) return read_single_header(path);
  const Manifest m = read_manifest(path);
  IndexHeader h = read_single_header(state_path(path, m.state_generation));
  h.version = kSegmentedFormatVersion;
  h.params.measure = m.measure;
  h.params.min_jaccard = m.min_jaccard;
  h.params.number_agreement = m.number_agreement;
  h.params.window = m.window;
  h.segments = m.segments.size();
  return h;
}

DedupIndex IndexStore::load(const std::string& path, MinHasher hasher) {
  if (!is_manifest(path)) return load_single(path, std::move(hasher));
  const Manifest m = read_manifest(path);
  const std::string state_file = state_path(path, m.state_generation);
  if (file_size(state_file) != m.state_size)
    throw IndexFormatError(state_file + ": the index's state file is not the size its manifest says");
  SignatureStore sigs(hasher.num_perm());
  uint64_t state_hash = 0;
  SingleFile f = read_single(state_file, sigs, &state_hash);
  if (state_hash != m.state_hash) throw IndexFormatError(state_file + ": is not the state file its manifest names");
  if (f.header.documents != 0) throw IndexFormatError(state_file + ": a state file holds no documents");
  const IndexHeader& h = f.header;
  if (hasher.num_perm() != h.num_perm || hasher.seed() != h.seed || hasher.scheme() != h.scheme)
    throw std::invalid_argument("the MinHasher given does not match the file's scheme, num_perm and seed");
  IndexParams params = h.params;
  params.measure = m.measure;
  params.min_jaccard = m.min_jaccard;
  params.number_agreement = m.number_agreement;
  params.window = m.window;
  try {
    params.validate(h.num_perm);
  } catch (const std::invalid_argument& e) {
    throw IndexFormatError(path + ": manifest parameters are out of range (" + e.what() + ")");
  }
  const bool story = params.measure == Measure::Story;
  IndexState state = std::move(f.state);
  state.id_offsets.assign(1, 0);
  for (const auto& seg : m.segments)
    read_segment(segment_path(path, seg.generation), seg, h.num_perm, story, state, sigs);
  state.batches = m.batches;
  state.newest = m.newest;
  check_structure(state, path);
  DedupIndex index(params, std::move(hasher));
  index.sigs_ = std::move(sigs);
  std::vector<uint8_t> flags = state.flags;
  index.restore(std::move(state), std::move(f.stats), std::move(f.boilerplate), std::move(f.words),
                std::move(f.spelling));
  DedupIndex::SavedMark& mark = index.saved_;
  mark.path = path;
  mark.generation = m.generation;
  mark.lineage = m.lineage;
  mark.layout = index.layout_;
  mark.slots = index.slots();
  mark.events = index.events().size();
  mark.segments = m.segments;
  mark.state = std::move(flags);
  return index;
}

}  // namespace warta
