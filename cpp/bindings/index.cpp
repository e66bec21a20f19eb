#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <initializer_list>
#include <system_error>
#include <utility>

#include "convert.hpp"
#include "warta/index.hpp"
#include "warta/store.hpp"

namespace py = pybind11;

namespace warta::bindings {
namespace {

// Ids arrive as bytes keys (python/warta/index.py encodes str and int ids).
std::vector<std::string_view> to_keys(const py::list& keys) {
  std::vector<std::string_view> out;
  out.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    PyObject* obj = keys[i].ptr();
    if (!PyBytes_Check(obj)) throw py::type_error("id keys must be bytes (index " + std::to_string(i) + ")");
    out.emplace_back(PyBytes_AS_STRING(obj), static_cast<size_t>(PyBytes_GET_SIZE(obj)));
  }
  return out;
}

py::bytes key_of(const DedupIndex& index, int64_t slot) {
  const std::string_view id = index.id(static_cast<size_t>(slot));
  return py::bytes(id.data(), id.size());
}

py::dict params_of(const IndexParams& p, size_t num_perm, uint64_t seed, Scheme scheme) {
  py::dict d;
  d["threshold"] = p.threshold;
  d["num_perm"] = num_perm;
  d["ngram"] = p.ngram;
  d["seed"] = seed;
  d["scheme"] = scheme;
  d["strip_boilerplate"] = p.strip_boilerplate;
  d["correct_typos"] = p.correct_typos;
  d["bands"] = py::make_tuple(p.bands.bands, p.bands.rows);
  d["min_docs"] = p.boilerplate.min_docs;
  d["story_similarity"] = p.boilerplate.story_similarity;
  d["max_bucket"] = p.max_bucket;
  d["max_lines"] = p.max_lines;
  d["max_words"] = p.max_words;
  d["measure"] = p.measure;
  d["min_jaccard"] = p.min_jaccard;
  d["number_agreement"] = p.number_agreement;
  d["window"] = p.window;
  return d;
}

py::object key_or_none(const DedupIndex& index, int64_t slot) {
  return slot >= 0 && static_cast<uint32_t>(slot) != DedupIndex::kNoSlot && index.live(static_cast<size_t>(slot))
             ? py::object(key_of(index, slot))
             : py::none();
}

template <class T>
std::vector<T> optional_vector(const py::object& values) {
  if (values.is_none()) return {};
  return values.cast<std::vector<T>>();
}

py::list events_list(const DedupIndex& index, const std::vector<IndexEvent>& events) {
  py::list out;
  for (const IndexEvent& e : events) {
    py::dict d;
    d["batch"] = e.batch;
    d["kind"] = e.kind == IndexEvent::Merged ? "merged" : "kept_changed";
    d["cluster_id"] = e.cluster;
    if (e.kind == IndexEvent::Merged) {
      d["absorbed"] = e.other;
      d["bridge"] = key_or_none(index, e.slot);
    } else {
      d["kept"] = key_or_none(index, e.slot);
      d["previous"] = key_or_none(index, e.previous);
    }
    out.append(d);
  }
  return out;
}

py::dict add_batch(DedupIndex& self, const py::sequence& texts, const py::list& ids, int n_jobs,
                   const py::object& dates, KeepRule keep, const py::object& ranks) {
  TextBatch batch = to_text_batch(texts);
  const std::vector<std::string_view> keys = to_keys(ids);
  BatchInput input;
  input.dates = optional_vector<int64_t>(dates);
  input.keep = keep;
  input.ranks = optional_vector<double>(ranks);
  BatchOutcome out;
  {
    // batch and keys are views into Python objects the caller holds; none is touched here.
    // The index itself is guarded by the Python class's lock.
    py::gil_scoped_release release;
    out = self.add_batch(batch.texts, keys, n_jobs, python_interrupt_check(), input);
  }
  const size_t n = out.slot.size();
  py::list dup_ids(n), matched_ids(n), replaced_ids(n);
  std::vector<int64_t> matched_batch(n, 0);
  for (size_t i = 0; i < n; ++i) {
    dup_ids[i] = key_or_none(self, out.duplicate_of[i]);
    matched_ids[i] = key_or_none(self, out.matched[i]);
    replaced_ids[i] = key_or_none(self, out.replaced[i]);
    const int64_t m = out.matched[i];
    matched_batch[i] = m >= 0 && self.live(static_cast<size_t>(m)) ? self.batch(static_cast<size_t>(m)) : 0;
  }
  py::dict d;
  d["duplicate_of"] = dup_ids;
  d["matched"] = matched_ids;
  d["matched_batch"] = to_numpy(std::move(matched_batch));
  d["replaced"] = replaced_ids;
  d["in_history"] = to_numpy(std::move(out.in_history));
  d["similarity"] = to_numpy(std::move(out.similarity));
  d["cluster_id"] = to_numpy(std::move(out.cluster_id));
  d["empty"] = to_numpy(std::move(out.empty));
  d["stripped_lines"] = to_numpy(std::move(out.stripped));
  d["events"] = events_list(self, out.events);
  d["expired"] = out.expired;
  d["batch"] = self.batches();
  return d;
}

py::dict document(const DedupIndex& self, const py::bytes& key) {
  const int64_t slot = self.find(std::string_view(key));
  if (slot < 0) throw py::key_error("not in the index");
  const size_t s = static_cast<size_t>(slot);
  py::dict d;
  d["batch"] = self.batch(s);
  d["date"] = self.date(s);
  d["stored_cluster"] = self.stored_cluster(s);
  d["cluster_id"] = self.cluster_of(s);
  d["kept"] = !self.member(s);
  d["kept_copy"] = key_or_none(self, self.kept_slot(self.cluster_of(s)));
  d["matched"] = self.matched(s) == DedupIndex::kNoSlot ? py::object(py::none()) : key_or_none(self, self.matched(s));
  d["matched_similarity"] = self.matched_similarity(s);
  d["empty"] = self.empty_doc(s);
  d["events"] = events_list(self, self.history(s));
  return d;
}

py::tuple query(const DedupIndex& self, const py::sequence& texts, int n_jobs) {
  TextBatch batch = to_text_batch(texts);
  std::vector<std::vector<IndexMatch>> found;
  {
    py::gil_scoped_release release;  // batch holds UTF-8 views only; no Python object is touched
    found = self.query(batch.texts, n_jobs, python_interrupt_check());
  }
  std::vector<int64_t> which;
  std::vector<double> sim;
  py::list keys;
  for (size_t i = 0; i < found.size(); ++i)
    for (const IndexMatch& m : found[i]) {
      which.push_back(static_cast<int64_t>(i));
      sim.push_back(m.similarity);
      keys.append(key_of(self, m.slot));
    }
  return py::make_tuple(to_numpy(std::move(which)), keys, to_numpy(std::move(sim)));
}

// Raises `type(message)` with the attributes a caller reads instead of parsing the message.
void raise_with(PyObject* type, const char* message, std::initializer_list<std::pair<const char*, py::object>> attrs) {
  py::object error = py::reinterpret_borrow<py::object>(type)(py::str(message));
  for (const auto& [name, value] : attrs) error.attr(name) = value;
  PyErr_SetObject(type, error.ptr());
}

py::dict header_dict(const IndexHeader& h) {
  py::dict d = params_of(h.params, h.num_perm, h.seed, h.scheme);
  d["format_version"] = h.version;
  d["signature_revision"] = h.signature_revision;
  d["documents"] = h.documents;
  d["next_cluster"] = h.next_cluster;
  d["documents_added"] = h.added;
  d["id_bytes"] = h.id_bytes;
  d["lines"] = h.lines;
  d["boilerplate_lines"] = h.boilerplate;
  d["words"] = h.words;
  d["segments"] = h.segments;
  return d;
}

}  // namespace

void register_index(py::module_& m) {
  static py::exception<IndexFormatError> format_error(m, "IndexFormatError", PyExc_ValueError);
  // KeyError (an id is a key) and ValueError (a bad argument): callers catch either.
  // str() of it is its message, not KeyError's quoted repr of the message.
  py::dict body;
  body["__str__"] = py::module_::import("builtins").attr("Exception").attr("__str__");
  static PyObject* duplicate_id_error = PyErr_NewException(
      "warta._core.DuplicateIdError", py::make_tuple(py::handle(PyExc_KeyError), py::handle(PyExc_ValueError)).ptr(),
      body.ptr());
  m.attr("DuplicateIdError") = py::handle(duplicate_id_error);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const IndexFormatError& e) {
      py::set_error(format_error, e.what());
    } catch (const std::system_error& e) {
      // An OSError with errno, so Python code can tell a full disk from a missing directory.
      PyErr_SetObject(PyExc_OSError, py::make_tuple(e.code().value(), e.what()).ptr());
    } catch (const DuplicateId& e) {
      raise_with(duplicate_id_error, e.what(), {{"index", py::int_(e.index)}, {"within_batch", py::bool_(e.within_batch)},
                                                {"first", py::int_(e.first)}});
    } catch (const UnknownId& e) {
      raise_with(PyExc_KeyError, e.what(), {{"index", py::int_(e.index)}});
    }
  });

  py::class_<DedupIndex>(m, "DedupIndex")
      .def(py::init<IndexParams, MinHasher>(), py::arg("params"), py::arg("hasher"))
      .def("add_batch", &add_batch, py::arg("texts"), py::arg("ids"), py::arg("n_jobs"), py::arg("dates") = py::none(),
           py::arg("keep") = KeepRule::First, py::arg("ranks") = py::none())
      .def("document", &document, py::arg("key"))
      .def("expire", &DedupIndex::expire, py::arg("before"))
      .def("query", &query, py::arg("texts"), py::arg("n_jobs"))
      .def(
          "remove", [](DedupIndex& self, const py::list& ids) { return self.remove(to_keys(ids)); }, py::arg("ids"))
      .def("contains", [](const DedupIndex& self, const py::bytes& key) {
        return self.find(std::string_view(key)) >= 0;
      })
      .def("keys",
           [](const DedupIndex& self) {
             py::list out;
             for (size_t s = 0; s < self.slots(); ++s)
               if (self.live(s)) out.append(key_of(self, static_cast<int64_t>(s)));
             return out;
           })
      .def("documents",
           [](const DedupIndex& self) {
             py::list keys;
             std::vector<int64_t> cluster, date, batch;
             std::vector<uint8_t> kept;
             for (size_t s = 0; s < self.slots(); ++s) {
               if (!self.live(s)) continue;
               keys.append(key_of(self, static_cast<int64_t>(s)));
               cluster.push_back(static_cast<int64_t>(self.cluster_of(s)));
               kept.push_back(!self.member(s));
               date.push_back(self.date(s));
               batch.push_back(self.batch(s));
             }
             py::dict d;
             d["keys"] = keys;
             d["cluster_id"] = to_numpy(std::move(cluster));
             d["kept"] = to_numpy(std::move(kept));
             d["date"] = to_numpy(std::move(date));
             d["batch"] = to_numpy(std::move(batch));
             return d;
           })
      .def("__len__", &DedupIndex::size)
      .def_property_readonly("params", [](const DedupIndex& self) { 
        const MinHasher& h = self.hasher();
        return params_of(self.params(), h.num_perm(), h.seed(), h.scheme());
      })
      .def_property_readonly("memory_bytes", &DedupIndex::memory_bytes)
      .def_property_readonly("memory_parts", [](const DedupIndex& self) {
        py::dict d;
        for (const auto& [part, bytes] : self.memory_parts()) d[py::str(part)] = bytes;
        return d;
      })
      .def_property_readonly("next_cluster", &DedupIndex::next_cluster)
      .def_property_readonly("clusters", &DedupIndex::clusters)
      .def_property_readonly("batches", &DedupIndex::batches)
      .def_property_readonly("slots", &DedupIndex::slots)
      .def_property_readonly("newest_date", &DedupIndex::newest_date)
      .def_property_readonly("documents_added", &DedupIndex::documents_added)
      .def_property_readonly("line_count", [](const DedupIndex& self) { return self.line_stats().size(); })
      .def_property_readonly("boilerplate_count", [](const DedupIndex& self) { return self.boilerplate().size(); })
      .def_property_readonly("word_count", [](const DedupIndex& self) { return self.word_counts().size(); })
      .def("compact", &DedupIndex::compact)
      .def(
          "save",
          [](DedupIndex& self, const std::string& path, uint64_t fail_after_bytes, uint32_t signature_revision,
             uint32_t format_version) {
            py::gil_scoped_release release;  // the Python class holds its lock
            IndexStore::save(self, path, SaveOptions{fail_after_bytes, signature_revision, format_version});
          },
          py::arg("path"), py::arg("fail_after_bytes") = 0, py::arg("signature_revision") = 0,
          py::arg("format_version") = 0);

  m.def(
      "compact_index_files",
      [](DedupIndex& index, const std::string& path) {
        py::gil_scoped_release release;
        IndexStore::compact_files(index, path);
      },
      py::arg("index"), py::arg("path"));
  m.def("index_files", &IndexStore::files, py::arg("path"));
  m.def(
      "read_index_header", [](const std::string& path) { return header_dict(IndexStore::read_header(path)); },
      py::arg("path"));
  m.def(
      "load_index",
      [](const std::string& path, const MinHasher& hasher) {
        py::gil_scoped_release release;  // file I/O and C++ state only
        return IndexStore::load(path, hasher);
      },
      py::arg("path"), py::arg("hasher"));
}

}  // namespace warta::bindings
