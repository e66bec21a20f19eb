// Bindings for entity linking: the gazetteer arrives as plain tuples (validated in
// python/warta/gazetteer.py), mentions leave as tuples or numpy columns.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "convert.hpp"
#include "warta/linker.hpp"
#include "warta/alias_matcher.hpp"

namespace py = pybind11;

namespace warta::bindings {
namespace {

int32_t day_or(const py::handle& value, int32_t missing) {
  return value.is_none() ? missing : value.cast<int32_t>();
}

EntityRecord to_record(const py::handle& item, size_t index) {
  const auto t = item.cast<py::tuple>();
  if (t.size() != 9) throw py::value_error("entity " + std::to_string(index) + ": expected a 9-tuple");
  EntityRecord r;
  r.id = t[0].cast<std::string>();
  r.name = t[1].cast<std::string>();
  r.type = t[2].cast<EntityType>();
  r.aliases = t[3].cast<std::vector<std::string>>();
  r.office = t[4].cast<std::string>();
  r.region = t[5].cast<std::string>();
  r.start = day_or(t[6], kOpenStart);
  r.end = day_or(t[7], kOpenEnd);
  r.person = t[8].cast<std::string>();
  return r;
}

Gazetteer to_gazetteer(const py::sequence& entities, const py::sequence& lexicon) {
  Gazetteer g;
  g.entities.reserve(py::len(entities));
  for (size_t i = 0; i < py::len(entities); ++i) g.entities.push_back(to_record(entities[i], i));
  for (size_t i = 0; i < py::len(lexicon); ++i) {
    const auto t = lexicon[i].cast<py::tuple>();
    g.lexicon.push_back({t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<LexiconKind>()});
  }
  return g;
}

std::vector<int32_t> to_days(const py::object& days, size_t n) {
  std::vector<int32_t> out;
  if (days.is_none()) return out;
  const auto seq = days.cast<py::sequence>();
  if (py::len(seq) != n)
    throw py::value_error("dates has " + std::to_string(py::len(seq)) + " items for " + std::to_string(n) + " texts");
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(day_or(seq[i], kNoDate));
  return out;
}

py::tuple mention_tuple(const Mention& m) {
  return py::make_tuple(m.start, m.end, m.entity, static_cast<int>(m.label), m.score,
                        py::str(m.alias.data(), m.alias.size()), py::cast(m.alternatives));
}

}  // namespace

void register_link(py::module_& m) {
  py::class_<EntityLinker>(m, "EntityLinker")
      .def(py::init([](const py::sequence& entities, const py::sequence& lexicon, const LinkerOptions& options) {
             Gazetteer g = to_gazetteer(entities, lexicon);
             py::gil_scoped_release release;  // g is plain C++ data now
             return std::make_unique<EntityLinker>(std::move(g), options);
           }),
           py::arg("entities"), py::arg("lexicon"), py::arg("options"))
      .def_property_readonly("pattern_count", &EntityLinker::pattern_count)
      .def(
          "link",
          [](const EntityLinker& self, const py::handle& text, const py::object& day) {
            std::deque<std::string> owned;
            const std::string_view view = to_text(text, owned);
            const int32_t d = day_or(day, kNoDate);
            std::vector<Mention> mentions;
            {
              py::gil_scoped_release release;  // view is owned by `text`, which the caller holds
              const CancelScope cancellable(python_interrupt_check());  // one long text answers Ctrl-C too
              mentions = self.link(view, d);
            }
            py::list out;
            for (const Mention& mention : mentions) out.append(mention_tuple(mention));
            return out;
          },
          py::arg("text"), py::arg("day") = py::none())
      .def(
          "link_batch",
          [](const EntityLinker& self, const py::sequence& texts, const py::object& days, int n_jobs) {
            TextBatch batch = to_text_batch(texts);
            const std::vector<int32_t> d = to_days(days, batch.texts.size());
            std::vector<std::vector<Mention>> docs;
            {
              py::gil_scoped_release release;  // batch holds UTF-8 views only; no Python object is touched
              docs = self.link_batch(batch.texts, d, n_jobs, python_interrupt_check());
            }
            std::vector<int64_t> doc, start, end;
            std::vector<int32_t> entity;
            std::vector<uint8_t> label;
            std::vector<float> score;
            for (size_t i = 0; i < docs.size(); ++i) {
              for (const Mention& mention : docs[i]) {
                doc.push_back(static_cast<int64_t>(i));
                start.push_back(mention.start);
                end.push_back(mention.end);
                entity.push_back(mention.entity);
                label.push_back(static_cast<uint8_t>(mention.label));
                score.push_back(mention.score);
              }
            }
            py::dict out;
            out["doc"] = to_numpy(std::move(doc));
            out["start"] = to_numpy(std::move(start));
            out["end"] = to_numpy(std::move(end));
            out["entity"] = to_numpy(std::move(entity));
            out["label"] = to_numpy(std::move(label));
            out["score"] = to_numpy(std::move(score));
            return out;
          },
          py::arg("texts"), py::arg("days") = py::none(), py::arg("n_jobs") = 0);

  py::class_<AliasMatcher>(m, "AliasMatcher")
      .def(py::init([](const py::sequence& aliases, int n_jobs) {
             std::deque<std::string> owned;
             std::vector<std::string_view> views;
             views.reserve(py::len(aliases));
             for (size_t i = 0; i < py::len(aliases); ++i) {
               py::object a = aliases[i];
               if (!PyUnicode_Check(a.ptr())) throw py::type_error("aliases[" + std::to_string(i) + "] must be str");
               views.push_back(utf8_view(a.ptr(), owned));
             }
             py::gil_scoped_release release;  // views point into `aliases`, held by the caller
             return std::make_unique<AliasMatcher>(views, Normalizer(NormalizerOptions::for_linking()), n_jobs);
           }),
           py::arg("aliases"), py::arg("n_jobs") = 0)
      .def_property_readonly("pattern_count", &AliasMatcher::pattern_count)
      .def_property_readonly("memory_bytes", &AliasMatcher::memory_bytes)
      .def(
          "find",
          [](const AliasMatcher& self, const py::handle& text) {
            std::deque<std::string> owned;
            const std::string_view view = to_text(text, owned);
            std::vector<AliasMatcher::Match> found;
            {
              py::gil_scoped_release release;  // view is owned by `text`, which the caller holds
              found = self.find(view);
            }
            py::list out;
            for (const auto& f : found) out.append(py::make_tuple(f.start, f.end, f.alias));
            return out;
          },
          py::arg("text"))
      .def(
          "find_batch",
          [](const AliasMatcher& self, const py::sequence& texts, int n_jobs) {
            TextBatch batch = to_text_batch(texts);
            std::vector<std::vector<AliasMatcher::Match>> found;
            {
              py::gil_scoped_release release;  // batch holds UTF-8 views only
              found = self.find_batch(batch.texts, n_jobs, python_interrupt_check());
            }
            std::vector<int64_t> doc, start, end, alias;
            for (size_t i = 0; i < found.size(); ++i) {
              for (const auto& f : found[i]) {
                doc.push_back(static_cast<int64_t>(i));
                start.push_back(f.start);
                end.push_back(f.end);
                alias.push_back(f.alias);
              }
            }
            py::dict out;
            out["doc"] = to_numpy(std::move(doc));
            out["start"] = to_numpy(std::move(start));
            out["end"] = to_numpy(std::move(end));
            out["alias"] = to_numpy(std::move(alias));
            return out;
          },
          py::arg("texts"), py::arg("n_jobs") = 0);
}

}  // namespace warta::bindings
