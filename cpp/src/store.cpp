#include "warta/store.hpp"

#include "index_state.hpp"
#include "warta/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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
constexpr size_t kHeaderSize = 168;
constexpr size_t kHeaderSizeV1 = 136;  // version 1: no word counts
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
  void body(const void* data, size_t n) {
    XXH3_64bits_update(&hash_, data, n);
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

size_t header_size(uint32_t version) { return version == 1 ? kHeaderSizeV1 : kHeaderSize; }

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
  put<uint64_t>(out + 160, XXH3_64bits(out, 160));
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
                        static_cast<long double>(h.lines) * kLineRecord + static_cast<long double>(h.boilerplate) * 8 +
                        static_cast<long double>(h.words) * kWordRecord + h.word_bytes +
                        static_cast<long double>(h.readings) * kReadingRecord;
  if (s > 9e18L) return false;
  const uint64_t per_document = uint64_t{h.num_perm} * 4 + 17 + (h.version >= 3 ? 8 : 0);
  size = header + kFooterSize + h.documents * per_document + 8 + h.id_bytes + h.lines * kLineRecord +
         h.boilerplate * 8 + h.words * kWordRecord + h.word_bytes + h.readings * kReadingRecord;
  return true;
}

void write_body(const DedupIndex& index, BodyWriter& w, uint32_t version) {
  const size_t k = index.hasher().num_perm();
  const size_t slots = index.slots();
  for (size_t s = 0; s < slots; ++s)
    if (index.live(s)) w.values(index.signature(s), k);
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

  // Sorted, so the same index always gives the same bytes.
  std::vector<uint64_t> lines;
  lines.reserve(index.line_stats().size());
  for (const auto& [line, e] : index.line_stats().entries())
    if (e.docs > 0) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  for (uint64_t line : lines) {
    const LineStats::Entry& e = index.line_stats().entries().at(line);
    w.value<uint64_t>(line);
    w.value<uint32_t>(e.docs);
    w.value<uint32_t>(e.sampled);
    uint32_t sample[LineStats::kSamples] = {};
    std::copy(e.sample, e.sample + e.sampled, sample);
    w.values(sample, LineStats::kSamples);
  }
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
  for (const auto& [line, e] : index.line_stats().entries()) h.lines += e.docs > 0;
  h.boilerplate = index.boilerplate().size();
  h.words = index.word_counts().size();
  index.word_counts().for_each([&](const WordCounts::Word& w) { h.word_bytes += w.text.size(); });
  h.readings = index.spelling() ? index.spelling()->size() : 0;
  return h;
}

}  // namespace

void IndexStore::save(const DedupIndex& index, const std::string& path, const SaveOptions& options) {
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

IndexHeader IndexStore::read_header(const std::string& path) {
  Fd file;
  file.fd = ::open(path.c_str(), O_RDONLY);
  if (file.fd < 0) throw os_error("cannot open " + path, errno);
  BodyReader r(file.fd, path);
  return read_header_from(r, file.fd, path);
}

DedupIndex IndexStore::load(const std::string& path, MinHasher hasher) {
  Fd file;
  file.fd = ::open(path.c_str(), O_RDONLY);
  if (file.fd < 0) throw os_error("cannot open " + path, errno);
  BodyReader r(file.fd, path);
  const IndexHeader h = read_header_from(r, file.fd, path);
  if (hasher.num_perm() != h.num_perm || hasher.seed() != h.seed || hasher.scheme() != h.scheme)
    throw std::invalid_argument("the MinHasher given does not match the file's scheme, num_perm and seed");

  struct stat st;
  uint64_t want = 0;
  if (::fstat(file.fd, &st) != 0) throw os_error("cannot stat " + path, errno);
  if (!expected_size(h, want)) throw IndexFormatError(path + ": header counts are out of range");
  if (static_cast<uint64_t>(st.st_size) != want)
    throw IndexFormatError(path + ": file is " + std::to_string(st.st_size) + " bytes but its header describes " +
                           std::to_string(want) + (static_cast<uint64_t>(st.st_size) < want ? " (truncated)" : " (trailing data)"));

  const size_t n = h.documents;
  const size_t k = h.num_perm;
  DedupIndex index(h.params, std::move(hasher));
  SignatureStore& sigs = index.sigs_;
  for (size_t done = 0; done < n;) {  // straight into the blocks: no second copy
    const size_t take = std::min(sigs.block_docs(), n - done);
    uint32_t* first = sigs.append();
    for (size_t i = 1; i < take; ++i) sigs.append();
    r.values(first, take * k, "signatures");
    done += take;
  }
  IndexState state;
  state.cluster.resize(n);
  r.values(state.cluster.data(), n, "cluster ids");
  state.flags.resize(n);
  r.values(state.flags.data(), n, "flags");
  state.id_offsets.resize(n + 1);
  r.values(state.id_offsets.data(), n + 1, "id offsets");
  state.id_arena.resize(h.id_bytes);
  r.body(state.id_arena.data(), h.id_bytes, "ids");
  std::vector<unsigned char> lines(h.lines * kLineRecord);
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

  // Intact bytes; check the structure too, in case another program wrote them.
  for (size_t i = 0; i < n; ++i) {
    if (state.flags[i] > 3) throw IndexFormatError(path + ": bad flag at document " + std::to_string(i));
    if (state.id_offsets[i + 1] < state.id_offsets[i])
      throw IndexFormatError(path + ": id offsets decrease at document " + std::to_string(i));
  }
  if (state.id_offsets[0] != 0 || state.id_offsets[n] != h.id_bytes)
    throw IndexFormatError(path + ": id offsets do not span the id bytes");
  // Every cluster has exactly one kept copy, below the next cluster id.
  std::vector<uint64_t> kept, members;
  for (size_t i = 0; i < n; ++i) {
    if (state.cluster[i] >= h.next_cluster)
      throw IndexFormatError(path + ": a cluster id is not below the next cluster id");
    if (state.flags[i] & IndexState::kFlagMember) members.push_back(state.cluster[i]);
    else kept.push_back(state.cluster[i]);
  }
  std::sort(kept.begin(), kept.end());
  if (std::adjacent_find(kept.begin(), kept.end()) != kept.end())
    throw IndexFormatError(path + ": a cluster has two kept documents");
  for (uint64_t c : members)
    if (!std::binary_search(kept.begin(), kept.end(), c))
      throw IndexFormatError(path + ": a duplicate's cluster has no kept document");

  WordCounts words;
  uint64_t text_at = 0, previous = 0;
  for (size_t i = 0; i < h.words; ++i) {
    const unsigned char* rec = &word_records[i * kWordRecord];
    const uint64_t hash = get<uint64_t>(rec);
    const uint32_t docs = get<uint32_t>(rec + 8), length = get<uint32_t>(rec + 12);
    if ((i && hash <= previous) || hash == 0 || docs == 0 || length > h.word_bytes - text_at)
      throw IndexFormatError(path + ": bad word count record " + std::to_string(i));
    words.add(hash, docs, std::string_view(word_text).substr(text_at, length));
    text_at += length;
    previous = hash;
  }
  if (text_at != h.word_bytes) throw IndexFormatError(path + ": word counts do not span the words' bytes");
  SpellingMap spelling;
  for (size_t i = 0; i < h.readings; ++i) {
    if (i && readings[2 * i] <= readings[2 * i - 2])
      throw IndexFormatError(path + ": spelling readings are not sorted at record " + std::to_string(i));
    spelling.set(readings[2 * i], readings[2 * i + 1]);
  }
  state.next_cluster = h.next_cluster;
  state.added = h.added;

  LineStats stats;
  for (size_t i = 0; i < h.lines; ++i) {
    const unsigned char* rec = &lines[i * kLineRecord];
    LineStats::Entry e;
    e.docs = get<uint32_t>(rec + 8);
    const uint32_t sampled = get<uint32_t>(rec + 12);
    if (sampled > LineStats::kSamples || sampled > e.docs)
      throw IndexFormatError(path + ": bad line statistics record " + std::to_string(i));
    e.sampled = static_cast<uint8_t>(sampled);
    for (size_t s = 0; s < LineStats::kSamples; ++s) {
      e.sample[s] = get<uint32_t>(rec + 16 + 4 * s);
      if (s < sampled && e.sample[s] >= h.next_cluster)  // samples name clusters
        throw IndexFormatError(path + ": bad line statistics record " + std::to_string(i));
    }
    stats.restore(get<uint64_t>(rec), e);
  }
  index.restore(std::move(state), std::move(stats),
                std::unordered_set<uint64_t>(boilerplate.begin(), boilerplate.end()), std::move(words),
                std::move(spelling));
  // Ids must be unique (checked after restore, which indexes them).
  if (index.size() != n) throw IndexFormatError(path + ": document count mismatch");
  return index;
}

}  // namespace warta
