#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <unordered_map>

#include "convert.hpp"
#include "learned.hpp"
#include "warta/dedup.hpp"
#include "warta/explain.hpp"
#include "warta/scraper_markers.hpp"

namespace py = pybind11;

namespace warta::bindings {
namespace {

using U64Array = py::array_t<uint64_t, py::array::c_style | py::array::forcecast>;
using U32Array = py::array_t<uint32_t, py::array::c_style | py::array::forcecast>;

MinHasher make_hasher(Scheme scheme, size_t num_perm, uint64_t seed, const U64Array& a, const U64Array& b) {
  std::vector<uint64_t> av(a.data(), a.data() + a.size()), bv(b.data(), b.data() + b.size());
  return MinHasher(scheme, num_perm, seed, std::move(av), std::move(bv));
}

py::tuple sign_texts(const py::sequence& texts, const MinHasher& hasher, int ngram, uint64_t seed, int n_jobs) {
  TextBatch batch = to_text_batch(texts);
  const Shingler shingler({ngram, seed});
  const Normalizer normalizer;
  SignedDocs docs;
  {
    py::gil_scoped_release release;  // batch holds UTF-8 views only; no Python object is touched
    // Only signatures leave here: keeping every text's shingles until the end only churned memory.
    docs = sign_documents(batch.texts, normalizer, shingler, hasher, n_jobs, python_interrupt_check(), false);
  }
  const auto n = static_cast<py::ssize_t>(batch.texts.size());
  const auto k = static_cast<py::ssize_t>(hasher.num_perm());
  return py::make_tuple(to_numpy(std::move(docs.signatures), {n, k}), to_numpy(std::move(docs.empty)));
}

// An uninitialized (n, k) array from numpy's allocator, which every signature overwrites:
// zero-filling a std::vector first cost a pass over the whole matrix (51 MB at 100,000 x
// 128) in one thread, and numpy advises huge pages for big arrays, so first touches fault less.
py::array_t<uint32_t> signature_matrix(size_t n, size_t k) {
  return py::array_t<uint32_t>({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(k)});
}

py::array_t<uint32_t> sign_views(const MinHasher& hasher, const std::vector<HashSetView>& views, int n_jobs) {
  py::array_t<uint32_t> out = signature_matrix(views.size(), hasher.num_perm());
  uint32_t* sigs = out.mutable_data();
  py::gil_scoped_release release;  // views point into buffers the caller keeps alive; `out` is not shared yet
  sign_sets(hasher, views, sigs, n_jobs, python_interrupt_check());
  return out;
}

// Signatures of many hashed sets given as one flat uint64 array and n+1 offsets (CSR layout).
py::array_t<uint32_t> sign_hash_sets(const MinHasher& hasher, const U64Array& flat,
                                     const py::array_t<int64_t, py::array::c_style | py::array::forcecast>& offsets,
                                     int n_jobs) {
  if (offsets.ndim() != 1 || offsets.size() < 1) throw py::value_error("offsets must be a 1-D array of n+1 entries");
  const size_t n = static_cast<size_t>(offsets.size() - 1);
  const int64_t* off = offsets.data();
  std::vector<HashSetView> views;
  views.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (off[i] < 0 || off[i] > off[i + 1] || off[i + 1] > flat.size())
      throw py::value_error("offsets must be non-decreasing and within the hash array");
    views.push_back({flat.data() + off[i], static_cast<size_t>(off[i + 1] - off[i]), true});
  }
  return sign_views(hasher, views, n_jobs);
}

// Signatures of a list of 1-D uint64 or uint32 numpy arrays, one per set. The arrays are
// read in place (no concatenation), which matters when the sets are small and many.
py::array_t<uint32_t> sign_hash_list(const MinHasher& hasher, const py::list& sets, int n_jobs) {
  std::vector<HashSetView> views;
  views.reserve(py::len(sets));
  const auto u64 = py::dtype::of<uint64_t>(), u32 = py::dtype::of<uint32_t>();
  for (size_t i = 0; i < views.capacity(); ++i) {
    py::handle item = sets[i];
    if (!py::isinstance<py::array>(item)) throw py::type_error("sets[" + std::to_string(i) + "] is not a numpy array");
    auto arr = py::reinterpret_borrow<py::array>(item);
    const bool wide = arr.dtype().is(u64) || arr.dtype().equal(u64);
    if (!(wide || arr.dtype().equal(u32)) || arr.ndim() != 1 || !(arr.flags() & py::array::c_style))
      throw py::type_error("sets[" + std::to_string(i) + "] must be a contiguous 1-D uint64 or uint32 array");
    views.push_back({arr.data(), static_cast<size_t>(arr.size()), wide});
  }
  return sign_views(hasher, views, n_jobs);
}

py::array_t<uint64_t> shingle_hashes(const py::handle& text, int ngram, uint64_t seed) {
  std::deque<std::string> owned;
  std::string_view view = to_text(text, owned);
  Shingles s;
  {
    py::gil_scoped_release release;
    s = Shingler({ngram, seed}).shingle(Normalizer().tokenize(view, &scraper_markers()));
  }
  return to_numpy(std::move(s.hashes));
}

// Test hook: everything dedup reads from one text (tokens with spans and segments, scraper
// markers, shingle hashes), by the fast path or by ICU alone, to check the two agree.
py::tuple dedup_reading(const py::handle& text, bool ascii_fast_path) {
  std::deque<std::string> owned;
  std::string_view view = to_text(text, owned);
  NormalizerOptions options;
  options.ascii_fast_path = ascii_fast_path;
  const TokenList tokens = Normalizer(options).tokenize(view, &scraper_markers());
  const Shingles shingles = Shingler({5, 1}).shingle(tokens);
  py::list words(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string_view tok = tokens.token(i);
    words[i] = py::make_tuple(py::str(tok.data(), tok.size()), tokens.starts[i], tokens.ends[i], tokens.segment[i]);
  }
  return py::make_tuple(words, tokens.segment_count, tokens.colon_after, tokens.dash_after, tokens.sentence_start,
                        shingles.hashes, shingles.segment_hash, shingles.segment_prefix, shingles.numbers);
}

py::dict result_dict(DedupOutput&& out) {
  std::vector<int64_t> pi, pj;
  std::vector<double> ps;
  pi.reserve(out.pairs.size());
  pj.reserve(out.pairs.size());
  ps.reserve(out.pairs.size());
  for (const auto& p : out.pairs) {
    pi.push_back(p.i);
    pj.push_back(p.j);
    ps.push_back(p.similarity);
  }
  py::dict d;
  d["cluster_id"] = to_numpy(std::move(out.clusters.cluster_id));
  d["duplicate_of"] = to_numpy(std::move(out.clusters.duplicate_of));
  d["pair_i"] = to_numpy(std::move(pi));
  d["pair_j"] = to_numpy(std::move(pj));
  d["pair_similarity"] = to_numpy(std::move(ps));
  d["empty"] = to_numpy(std::move(out.empty));
  d["stripped_lines"] = to_numpy(std::move(out.stripped));
  d["boilerplate"] = to_numpy(std::move(out.boilerplate));
  d["bands"] = py::make_tuple(out.bands.bands, out.bands.rows);
  return d;
}

py::dict run_dedup(const py::sequence& texts, const MinHasher& hasher, int ngram, uint64_t seed,
                   const DedupOptions& options) {
  TextBatch batch = to_text_batch(texts);
  const Shingler shingler({ngram, seed});
  const Normalizer normalizer;
  DedupOutput out;
  {
    py::gil_scoped_release release;  // batch holds UTF-8 views only; no Python object is touched
    out = dedup(batch.texts, normalizer, shingler, hasher, options, python_interrupt_check());
  }
  return result_dict(std::move(out));
}

// Partition-wise preparation never verifies exactly: the shingles are not kept.
DedupOptions estimating(DedupOptions options) {
  options.exact = false;
  return options;
}

py::tuple run_prepare(const py::sequence& texts, const MinHasher& hasher, int ngram, uint64_t seed,
                      const DedupOptions& dedup_options, const py::object& readings, const py::object& chrome) {
  TextBatch batch = to_text_batch(texts);
  const DedupOptions options = estimating(dedup_options);
  const Shingler shingler({ngram, seed});
  const Normalizer normalizer;
  const Learned given = learned_from(readings, chrome);
  SignedDocs docs;
  std::vector<uint32_t> stripped;
  {
    py::gil_scoped_release release;  // batch holds UTF-8 views only; no Python object is touched
    docs = prepare_batch(batch.texts, normalizer, shingler, hasher, options, stripped, python_interrupt_check(),
                         nullptr, &given);
  }
  const auto n = static_cast<py::ssize_t>(batch.texts.size());
  const auto k = static_cast<py::ssize_t>(hasher.num_perm());
  // measure="story" needs each text's distinct shingle count and numbers on the client too:
  // the numbers travel as one flat array and n + 1 offsets.
  std::vector<int64_t> offsets{0};
  std::vector<uint64_t> numbers;
  for (const Shingles& sh : docs.shingles) {
    numbers.insert(numbers.end(), sh.numbers.begin(), sh.numbers.end());
    offsets.push_back(static_cast<int64_t>(numbers.size()));
  }
  return py::make_tuple(to_numpy(std::move(docs.signatures), {n, k}), to_numpy(std::move(docs.empty)),
                        to_numpy(std::move(docs.length)), to_numpy(std::move(stripped)),
                        to_numpy(std::move(docs.text_hash)), to_numpy(std::move(docs.shingle_count)),
                        to_numpy(std::move(offsets)), to_numpy(std::move(numbers)));
}

using I64Array = py::array_t<int64_t, py::array::c_style | py::array::forcecast>;

// What measure="story" reads besides signatures (run_prepare's last three arrays).
void attach_story_evidence(SignedDocs& docs, const U32Array& counts, const I64Array& offsets, const U64Array& numbers) {
  const size_t n = docs.empty.size();
  if (static_cast<size_t>(counts.size()) != n || static_cast<size_t>(offsets.size()) != n + 1)
    throw py::value_error("counts need one entry and number offsets n + 1 entries per signature row");
  const int64_t* off = offsets.data();
  if (off[0] != 0 || off[n] != static_cast<int64_t>(numbers.size()))
    throw py::value_error("number offsets must start at 0 and end at the number array's size");
  docs.shingle_count.assign(counts.data(), counts.data() + n);
  docs.shingles.resize(n);
  for (size_t i = 0; i < n; ++i) {
    if (off[i] > off[i + 1]) throw py::value_error("number offsets must be non-decreasing");
    docs.shingles[i].numbers.assign(numbers.data() + off[i], numbers.data() + off[i + 1]);
  }
}

using U8Array = py::array_t<uint8_t, py::array::c_style | py::array::forcecast>;

// C++ copies of prepared signatures; `length` may be null (not needed to find candidates).
SignedDocs signed_from_arrays(const U32Array& signatures, const U8Array& empty, const U64Array* length) {
  if (signatures.ndim() != 2) throw py::value_error("signatures must be a 2-D array (n, num_perm)");
  const size_t n = static_cast<size_t>(signatures.shape(0));
  if (static_cast<size_t>(empty.size()) != n || (length && static_cast<size_t>(length->size()) != n))
    throw py::value_error("empty and length need one entry per signature row");
  SignedDocs docs;
  docs.signatures.assign(signatures.data(), signatures.data() + signatures.size());
  docs.empty.assign(empty.data(), empty.data() + n);
  if (length) docs.length.assign(length->data(), length->data() + n);
  return docs;
}

// One document's placed shingles from prepared_shingles' tuple (hashes, spans, opening end).
PlacedShingles placed_from_python(const py::handle& value) {
  const auto parts = py::cast<py::tuple>(value);
  if (parts.size() != 3) throw py::value_error("shingle_sets values must be (hashes, spans, opening_end) tuples");
  const U64Array hashes = py::cast<U64Array>(parts[0]);
  const U32Array spans = py::cast<U32Array>(parts[1]);
  if (spans.ndim() != 2 || spans.shape(1) != 2 || spans.shape(0) != hashes.size())
    throw py::value_error("shingle_sets spans must be one (start, end) row per hash");
  PlacedShingles p;
  p.hashes.assign(hashes.data(), hashes.data() + hashes.size());
  p.spans.resize(p.hashes.size());
  for (size_t h = 0; h < p.spans.size(); ++h) p.spans[h] = {spans.at(h, 0), spans.at(h, 1)};
  p.opening_end = parts[2].cast<uint32_t>();
  return p;
}

py::dict run_cluster(const U32Array& signatures, const U8Array& empty, const U64Array& length,
                     const U64Array& text_hash, const DedupOptions& dedup_options, const py::dict& shingle_sets,
                     const U32Array& counts, const I64Array& number_offsets, const U64Array& numbers) {
  SignedDocs docs = signed_from_arrays(signatures, empty, &length);
  attach_story_evidence(docs, counts, number_offsets, numbers);
  const size_t n = docs.empty.size();
  if (static_cast<size_t>(text_hash.size()) != n) throw py::value_error("text_hash needs one entry per signature row");
  docs.text_hash.assign(text_hash.data(), text_hash.data() + n);
  const size_t k = static_cast<size_t>(signatures.shape(1));
  const DedupOptions options = estimating(dedup_options);
  // Placed shingles handed in for refinement and the opening rule (from close_documents /
  // prepared_shingles): (hashes in text order, spans (m, 2), opening end) per document.
  std::unordered_map<uint32_t, PlacedShingles> placed;
  for (const auto& [key, value] : shingle_sets) {
    const auto doc = key.cast<uint32_t>();
    if (doc >= n) throw py::value_error("shingle_sets names document " + std::to_string(doc) + " of " + std::to_string(n));
    placed[doc] = placed_from_python(value);
  }
  ShinglesOf shingles_of;
  PlacedOf placed_of;
  if (!placed.empty()) {
    placed_of = [&placed](uint32_t doc) -> PlacedShingles {
      auto it = placed.find(doc);
      if (it == placed.end()) throw std::invalid_argument("no shingles were given for document " + std::to_string(doc));
      return it->second;
    };
    shingles_of = [placed_of](uint32_t doc) { return placed_of(doc).hashes; };
  }
  DedupOutput out;
  {
    py::gil_scoped_release release;  // only C++ copies of the arrays are used
    out = cluster_signed(docs, k, options, python_interrupt_check(), shingles_of, placed_of);
  }
  out.stripped.assign(n, 0);
  return result_dict(std::move(out));
}

py::array_t<uint32_t> run_close_documents(const U32Array& signatures, const U8Array& empty,
                                          const DedupOptions& options, const U32Array& counts) {
  SignedDocs docs = signed_from_arrays(signatures, empty, nullptr);
  if (static_cast<size_t>(counts.size()) != docs.empty.size())
    throw py::value_error("counts need one entry per signature row");
  docs.shingle_count.assign(counts.data(), counts.data() + counts.size());
  std::vector<uint32_t> close;
  {
    py::gil_scoped_release release;  // only C++ copies of the arrays are used
    close = close_documents(docs, static_cast<size_t>(signatures.shape(1)), options, python_interrupt_check());
  }
  return to_numpy(std::move(close));
}

py::list run_prepared_shingles(const py::sequence& texts, const MinHasher& hasher, int ngram, uint64_t seed,
                               const DedupOptions& dedup_options, const std::vector<uint32_t>& rows,
                               const py::object& readings, const py::object& chrome) {
  TextBatch batch = to_text_batch(texts);
  const DedupOptions options = estimating(dedup_options);
  const Shingler shingler({ngram, seed});
  const Normalizer normalizer;
  const Learned given = learned_from(readings, chrome);
  std::vector<PlacedShingles> placed;
  {
    py::gil_scoped_release release;  // batch holds UTF-8 views only; no Python object is touched
    placed = prepared_shingles(batch.texts, normalizer, shingler, hasher, options, rows, python_interrupt_check(),
                               &given);
  }
  py::list out;
  for (auto& p : placed) {
    std::vector<uint32_t> spans;
    spans.reserve(2 * p.spans.size());
    for (const Span& sp : p.spans) spans.push_back(sp.start), spans.push_back(sp.end);
    const auto m = static_cast<py::ssize_t>(p.spans.size());
    out.append(py::make_tuple(to_numpy(std::move(p.hashes)), to_numpy(std::move(spans), {m, 2}), p.opening_end));
  }
  return out;
}

py::array_t<uint64_t> run_batch_boilerplate(const py::sequence& texts, const MinHasher& hasher, int ngram,
                                            uint64_t seed, const DedupOptions& options) {
  TextBatch batch = to_text_batch(texts);
  const Shingler shingler({ngram, seed});
  const Normalizer normalizer;
  std::vector<uint64_t> keys;
  {
    py::gil_scoped_release release;  // batch holds UTF-8 views only; no Python object is touched
    keys = batch_boilerplate(batch.texts, normalizer, shingler, hasher, options, python_interrupt_check());
  }
  return to_numpy(std::move(keys));
}

template <class Row>
py::array_t<int64_t> rows_array(const std::vector<Row>& rows, size_t width, void (*put)(const Row&, int64_t*)) {
  std::vector<int64_t> flat(rows.size() * width);
  for (size_t r = 0; r < rows.size(); ++r) put(rows[r], &flat[r * width]);
  return to_numpy(std::move(flat), {static_cast<py::ssize_t>(rows.size()), static_cast<py::ssize_t>(width)});
}

py::dict run_explain(const py::handle& text_a, const py::handle& text_b, int ngram, uint64_t seed,
                     const U64Array& boilerplate_keys) {
  std::deque<std::string> owned;
  const std::string_view a = to_text(text_a, owned), b = to_text(text_b, owned);
  const std::unordered_set<uint64_t> boilerplate(boilerplate_keys.data(), boilerplate_keys.data() + boilerplate_keys.size());
  PairExplanation e;
  {
    py::gil_scoped_release release;  // UTF-8 views and C++ copies only
    e = explain_pair(a, b, Normalizer(), Shingler({ngram, seed}), boilerplate);
  }
  py::dict d;
  d["jaccard"] = e.jaccard;
  d["containment"] = e.containment;
  d["shingles_a"] = e.shingles_a;
  d["shingles_b"] = e.shingles_b;
  d["shared"] = e.shared;
  d["numbers_a"] = e.numbers_a;
  d["numbers_b"] = e.numbers_b;
  d["number_agreement"] = e.number_agreement;
  d["opening"] = e.opening;
  d["story"] = e.story;
  d["passages"] = rows_array<SharedPassage>(e.passages, 5, [](const SharedPassage& p, int64_t* row) {
    row[0] = p.start_a, row[1] = p.end_a, row[2] = p.start_b, row[3] = p.end_b, row[4] = p.shingles;
  });
  const auto span = [](const Span& s, int64_t* row) { row[0] = s.start, row[1] = s.end; };
  d["chrome_a"] = rows_array<Span>(e.chrome_a, 2, span);
  d["chrome_b"] = rows_array<Span>(e.chrome_b, 2, span);
  return d;
}

py::array_t<uint32_t> lsh_candidates(const py::array_t<uint32_t, py::array::c_style | py::array::forcecast>& sigs,
                                     int bands, int rows, size_t max_bucket, int n_jobs) {
  if (sigs.ndim() != 2) throw py::value_error("signatures must be a 2-D array (n, num_perm)");
  const size_t n = static_cast<size_t>(sigs.shape(0));
  const size_t k = static_cast<size_t>(sigs.shape(1));
  CandidateOptions options;
  options.params = {bands, rows};
  options.max_bucket = max_bucket;
  options.n_jobs = n_jobs;
  std::vector<DocPair> pairs;
  {
    py::gil_scoped_release release;  // a contiguous buffer the caller keeps alive
    pairs = candidate_pairs(sigs.data(), n, k, {}, options, python_interrupt_check());
  }
  std::vector<uint32_t> flat;
  flat.reserve(pairs.size() * 2);
  for (const auto& [a, b] : pairs) {
    flat.push_back(a);
    flat.push_back(b);
  }
  return to_numpy(std::move(flat), {static_cast<py::ssize_t>(pairs.size()), 2});
}

}  // namespace

void register_dedup(py::module_& m) {
  py::class_<MinHasher>(m, "MinHasher")
      .def(py::init(&make_hasher), py::arg("scheme"), py::arg("num_perm"), py::arg("seed"), py::arg("a"), py::arg("b"))
      .def_property_readonly("num_perm", &MinHasher::num_perm)
      .def_property_readonly("seed", &MinHasher::seed)
      .def(
          "from_hashes32",
          [](const MinHasher& self, const U32Array& hashes) {
            std::vector<uint32_t> sig(self.num_perm());
            {
              py::gil_scoped_release release;  // a contiguous buffer the caller keeps alive
              self.sign32(hashes.data(), static_cast<size_t>(hashes.size()), sig.data());
            }
            return to_numpy(std::move(sig));
          },
          py::arg("hashes"))
      .def(
          "from_hashes64",
          [](const MinHasher& self, const U64Array& hashes) {
            std::vector<uint32_t> sig(self.num_perm());
            {
              py::gil_scoped_release release;  // a contiguous buffer the caller keeps alive
              self.sign64(hashes.data(), static_cast<size_t>(hashes.size()), sig.data());
            }
            return to_numpy(std::move(sig));
          },
          py::arg("hashes"));

  m.def("sign_texts", &sign_texts, py::arg("texts"), py::arg("hasher"), py::arg("ngram"), py::arg("seed"),
        py::arg("n_jobs"));
  m.def("sign_hash_sets", &sign_hash_sets, py::arg("hasher"), py::arg("flat"), py::arg("offsets"), py::arg("n_jobs"));
  m.def("sign_hash_list", &sign_hash_list, py::arg("hasher"), py::arg("sets"), py::arg("n_jobs"));
  m.def("shingle_hashes", &shingle_hashes, py::arg("text"), py::arg("ngram"), py::arg("seed"));
  m.def("_dedup_reading", &dedup_reading, py::arg("text"), py::arg("ascii_fast_path"));
  m.def(
      "optimal_bands",
      [](double threshold, int num_perm, double fp_weight, double fn_weight) {
        BandParams p = optimal_bands(threshold, num_perm, fp_weight, fn_weight);
        return py::make_tuple(p.bands, p.rows);
      },
      py::arg("threshold"), py::arg("num_perm"), py::arg("fp_weight") = 0.5, py::arg("fn_weight") = 0.5);
  m.def("prepare_batch", &run_prepare, py::arg("texts"), py::arg("hasher"), py::arg("ngram"), py::arg("seed"),
        py::arg("options"), py::arg("readings") = py::none(), py::arg("chrome") = py::none());
  m.def("cluster_signatures", &run_cluster, py::arg("signatures"), py::arg("empty"), py::arg("length"),
        py::arg("text_hash"), py::arg("options"), py::arg("shingle_sets"), py::arg("counts"),
        py::arg("number_offsets"), py::arg("numbers"));
  m.def("close_documents", &run_close_documents, py::arg("signatures"), py::arg("empty"), py::arg("options"),
        py::arg("counts"));
  m.def("prepared_shingles", &run_prepared_shingles, py::arg("texts"), py::arg("hasher"), py::arg("ngram"),
        py::arg("seed"), py::arg("options"), py::arg("rows"), py::arg("readings") = py::none(),
        py::arg("chrome") = py::none());
  m.def("lsh_candidates", &lsh_candidates, py::arg("signatures"), py::arg("bands"), py::arg("rows"),
        py::arg("max_bucket") = 256, py::arg("n_jobs") = 0);
  m.def("batch_boilerplate", &run_batch_boilerplate, py::arg("texts"), py::arg("hasher"), py::arg("ngram"),
        py::arg("seed"), py::arg("options"));
  m.def("explain_pair", &run_explain, py::arg("text_a"), py::arg("text_b"), py::arg("ngram"), py::arg("seed"),
        py::arg("boilerplate"));
  m.def("dedup", &run_dedup, py::arg("texts"), py::arg("hasher"), py::arg("ngram"), py::arg("seed"),
        py::arg("options"));
}

}  // namespace warta::bindings
