// warta._core's batch statistics computed in parts (warta.dask): word counts, the spelling
// they teach, each document's lines, and the chrome lines of all the parts together.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "convert.hpp"
#include "learned.hpp"
#include "warta/batch_statistics.hpp"
#include "warta/dedup.hpp"

namespace py = pybind11;

namespace warta::bindings {
namespace {

using U64Array = py::array_t<uint64_t, py::array::c_style | py::array::forcecast>;
using U32Array = py::array_t<uint32_t, py::array::c_style | py::array::forcecast>;

// The values of a C-contiguous array. Arrays that crossed a Dask worker boundary come out of
// pickle buffers that need not be aligned for their type: copied bytewise, never read in place.
template <class T>
std::vector<T> values_of(const py::array_t<T, py::array::c_style | py::array::forcecast>& a) {
  std::vector<T> out(static_cast<size_t>(a.size()));
  if (!out.empty()) std::memcpy(out.data(), a.data(), out.size() * sizeof(T));
  return out;
}

// Word counts as arrays: hashes, document counts, and the words' UTF-8 in one bytes object
// cut by n + 1 offsets.
py::tuple counts_to_python(const WordCounts& counts) {
  std::vector<uint64_t> hashes, offsets{0};
  std::vector<uint32_t> docs;
  std::string arena;
  counts.for_each([&](const WordCounts::Word& w) {
    hashes.push_back(w.hash);
    docs.push_back(w.docs);
    arena.append(w.text);
    offsets.push_back(arena.size());
  });
  return py::make_tuple(to_numpy(std::move(hashes)), to_numpy(std::move(docs)), py::bytes(arena),
                        to_numpy(std::move(offsets)));
}

py::tuple run_word_counts(const py::sequence& texts, int ngram, uint64_t seed, int n_jobs) {
  TextBatch batch = to_text_batch(texts);
  const Shingler shingler({ngram, seed});
  const Normalizer normalizer;
  WordCounts counts;
  {
    py::gil_scoped_release release;  // batch holds UTF-8 views only; no Python object is touched
    counts = count_words(batch.texts, normalizer, shingler, n_jobs, python_interrupt_check());
  }
  return counts_to_python(counts);
}

// The counts of several batches (word_counts results) added up.
WordCounts merged_counts(const py::list& parts) {
  WordCounts merged;
  for (const py::handle& part : parts) {
    const auto t = part.cast<py::tuple>();
    if (t.size() != 4) throw py::value_error("each part must be (hashes, docs, words, offsets) from word_counts");
    const std::vector<uint64_t> hashes = values_of(t[0].cast<U64Array>());
    const std::vector<uint32_t> docs = values_of(t[1].cast<U32Array>());
    const std::string words = t[2].cast<std::string>();
    const std::vector<uint64_t> offsets = values_of(t[3].cast<U64Array>());
    const size_t n = hashes.size();
    if (docs.size() != n || offsets.size() != n + 1 || offsets[n] != words.size())
      throw py::value_error("word counts: hashes, docs and n + 1 offsets into the words must agree");
    for (size_t i = 0; i < n; ++i) {
      if (offsets[i] > offsets[i + 1]) throw py::value_error("word counts: offsets must not decrease");
      merged.add(hashes[i], docs[i], std::string_view(words).substr(offsets[i], offsets[i + 1] - offsets[i]));
    }
  }
  return merged;
}

// The readings (retyped word -> the word it stands for, by hash, sorted by the first) that
// the merged counts of several batches teach: what one batch of all their texts would learn.
py::tuple run_spelling_readings(const py::list& parts) {
  const WordCounts merged = merged_counts(parts);
  std::vector<std::pair<uint64_t, uint64_t>> readings;
  {
    py::gil_scoped_release release;
    SpellingMap::build(merged).for_each([&](uint64_t word, uint64_t canonical) { readings.emplace_back(word, canonical); });
  }
  std::sort(readings.begin(), readings.end());
  std::vector<uint64_t> words(readings.size()), canonical(readings.size());
  for (size_t i = 0; i < readings.size(); ++i) std::tie(words[i], canonical[i]) = readings[i];
  return py::make_tuple(to_numpy(std::move(words)), to_numpy(std::move(canonical)));
}

py::tuple run_batch_lines(const py::sequence& texts, const MinHasher& hasher, int ngram, uint64_t seed,
                          const py::object& readings, int n_jobs) {
  TextBatch batch = to_text_batch(texts);
  const Shingler shingler({ngram, seed});
  const Normalizer normalizer;
  std::shared_ptr<const SpellingMap> spelling = spelling_from(readings);
  BatchLines lines;
  {
    py::gil_scoped_release release;  // batch holds UTF-8 views only; no Python object is touched
    lines = batch_lines(batch.texts, normalizer, shingler, hasher, std::move(spelling), n_jobs, python_interrupt_check());
  }
  const auto n = static_cast<py::ssize_t>(batch.texts.size());
  const auto k = static_cast<py::ssize_t>(hasher.num_perm());
  return py::make_tuple(to_numpy(std::move(lines.signatures), {n, k}), to_numpy(std::move(lines.lines)),
                        to_numpy(std::move(lines.offsets)));
}

py::array_t<uint64_t> run_chrome_lines(const U32Array& signatures, const U64Array& lines, const U64Array& offsets,
                                   const DedupOptions& options) {
  if (signatures.ndim() != 2) throw py::value_error("signatures must be a 2-D array (n, num_perm)");
  BatchLines all;
  all.signatures = values_of(signatures);
  all.lines = values_of(lines);
  all.offsets = values_of(offsets);
  std::vector<uint64_t> keys;
  {
    py::gil_scoped_release release;
    const auto chrome = chrome_lines(all, static_cast<size_t>(signatures.shape(1)), options.boilerplate);
    keys.assign(chrome.begin(), chrome.end());
  }
  std::sort(keys.begin(), keys.end());
  return to_numpy(std::move(keys));
}

}  // namespace

std::shared_ptr<const SpellingMap> spelling_from(const py::object& readings) {
  if (readings.is_none()) return nullptr;
  const auto t = readings.cast<py::tuple>();
  if (t.size() != 2) throw py::value_error("readings must be (words, canonical) from spelling_readings");
  const std::vector<uint64_t> words = values_of(t[0].cast<U64Array>());
  const std::vector<uint64_t> canonical = values_of(t[1].cast<U64Array>());
  if (words.size() != canonical.size()) throw py::value_error("readings: words and canonical must have one length");
  auto map = std::make_shared<SpellingMap>();
  for (size_t i = 0; i < words.size(); ++i) map->set(words[i], canonical[i]);
  return map;
}

Learned learned_from(const py::object& readings, const py::object& chrome) {
  Learned given;
  given.spelling = spelling_from(readings);
  if (!chrome.is_none()) {
    const std::vector<uint64_t> keys = values_of(chrome.cast<U64Array>());
    given.boilerplate = std::make_shared<const std::unordered_set<uint64_t>>(keys.begin(), keys.end());
  }
  return given;
}

void register_batch_statistics(py::module_& m) {
  m.def("word_counts", &run_word_counts, py::arg("texts"), py::arg("ngram"), py::arg("seed"), py::arg("n_jobs") = 0);
  m.def("merge_word_counts", [](const py::list& parts) { return counts_to_python(merged_counts(parts)); },
        py::arg("parts"));
  m.def("spelling_readings", &run_spelling_readings, py::arg("parts"));
  m.def("batch_lines", &run_batch_lines, py::arg("texts"), py::arg("hasher"), py::arg("ngram"), py::arg("seed"),
        py::arg("readings"), py::arg("n_jobs") = 0);
  m.def("chrome_lines", &run_chrome_lines, py::arg("signatures"), py::arg("lines"), py::arg("offsets"),
        py::arg("options"));
}

}  // namespace warta::bindings
