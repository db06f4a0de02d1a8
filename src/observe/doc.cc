#include "observe/doc.h"

#include <yaml.h>

namespace tw::observe {

const Doc* Doc::get(std::string_view k) const {
  if (kind != Kind::Map) return nullptr;
  for (const auto& [key, value] : entries)
    if (key->kind == Kind::Scalar && key->text == k) return value.get();
  return nullptr;
}

std::string Doc::str(std::string_view k) const {
  const Doc* d = get(k);
  return d && d->kind == Kind::Scalar ? d->text : std::string();
}

int Doc::boolean() const {
  if (kind != Kind::Scalar) return -1;
  const std::string& t = text;
  if (t == "true" || t == "True" || t == "TRUE" || t == "yes" || t == "on") return 1;
  if (t == "false" || t == "False" || t == "FALSE" || t == "no" || t == "off") return 0;
  return -1;
}

namespace {

class Builder {
 public:
  Builder(const ParseLimits& limits, ParsedFile& out) : limits_(limits), out_(out) {}

  /// Consumes one event; false ends parsing (error set).
  bool add(const yaml_event_t& e) {
    uint32_t line = static_cast<uint32_t>(e.start_mark.line) + 1;
    uint32_t col = static_cast<uint32_t>(e.start_mark.column) + 1;
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (out_.documents.size() >= limits_.max_documents)
          return fail("too many documents in one file", line, col);
        return true;
      case YAML_SCALAR_EVENT: {
        if (e.data.scalar.length > limits_.max_scalar_bytes)
          return fail(
              "a value is larger than " + std::to_string(limits_.max_scalar_bytes) + " bytes", line,
              col);
        auto d = node(Doc::Kind::Scalar, line, col, e.data.scalar.tag);
        if (!d) return false;
        d->text.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        d->plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (d->plain && d->tag.empty() &&
            (d->text.empty() || d->text == "~" || d->text == "null" || d->text == "Null" ||
             d->text == "NULL"))
          d->kind = Doc::Kind::Null;
        return place(std::move(d));
      }
      case YAML_ALIAS_EVENT: {
        auto d = node(Doc::Kind::Null, line, col, nullptr);
        return d && place(std::move(d));
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        if (stack_.size() >= limits_.max_depth)
          return fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels", line,
                      col);
        bool seq = e.type == YAML_SEQUENCE_START_EVENT;
        auto d = node(seq ? Doc::Kind::Seq : Doc::Kind::Map, line, col,
                      seq ? e.data.sequence_start.tag : e.data.mapping_start.tag);
        if (!d) return false;
        stack_.push_back(Open{std::move(d), nullptr});
        return true;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Open o = std::move(stack_.back());
        stack_.pop_back();
        if (o.pending_key) o.doc->entries.emplace_back(std::move(o.pending_key), nullptr);
        return place(std::move(o.doc));
      }
      default:
        return true;
    }
  }

  bool fail(std::string msg, uint32_t line, uint32_t col) {
    out_.error = std::move(msg);
    out_.error_line = line;
    out_.error_col = col;
    return false;
  }

 private:
  struct Open {
    std::unique_ptr<Doc> doc;
    std::unique_ptr<Doc> pending_key;  // mappings: a key waiting for its value
  };

  std::unique_ptr<Doc> node(Doc::Kind k, uint32_t line, uint32_t col, const yaml_char_t* tag) {
    if (++nodes_ > limits_.max_nodes) {
      fail("more than " + std::to_string(limits_.max_nodes) + " nodes", line, col);
      return nullptr;
    }
    auto d = std::make_unique<Doc>();
    d->kind = k;
    d->line = line;
    d->col = col;
    if (tag) {
      std::string t(reinterpret_cast<const char*>(tag));
      if (t.rfind("tag:yaml.org,2002:", 0) != 0) d->tag = std::move(t);
    }
    return d;
  }

  bool place(std::unique_ptr<Doc> d) {
    if (stack_.empty()) {
      out_.documents.push_back(std::move(d));
      return true;
    }
    Open& top = stack_.back();
    if (top.doc->kind == Doc::Kind::Seq) {
      top.doc->items.push_back(std::move(d));
    } else if (!top.pending_key) {
      top.pending_key = std::move(d);
    } else {
      top.doc->entries.emplace_back(std::move(top.pending_key), std::move(d));
    }
    return true;
  }

  const ParseLimits& limits_;
  ParsedFile& out_;
  std::vector<Open> stack_;
  uint64_t nodes_ = 0;
};

}  // namespace

ParsedFile parse_documents(std::string_view text, const ParseLimits& limits) {
  ParsedFile out;
  yaml_parser_t p;
  if (!yaml_parser_initialize(&p)) {
    out.error = "out of memory";
    return out;
  }
  // A UTF-8 BOM is skipped by libyaml itself; UTF-16 with a BOM is detected by it too.
  yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  Builder b(limits, out);
  for (;;) {
    yaml_event_t e;
    if (!yaml_parser_parse(&p, &e)) {
      const yaml_mark_t& m = p.problem ? p.problem_mark : p.context_mark;
      b.fail(std::string(p.problem ? p.problem : "invalid YAML") +
                 (p.context ? std::string(" ") + p.context : std::string()),
             static_cast<uint32_t>(m.line) + 1, static_cast<uint32_t>(m.column) + 1);
      break;
    }
    bool done = e.type == YAML_STREAM_END_EVENT;
    bool ok = b.add(e);
    yaml_event_delete(&e);
    if (done || !ok) break;
  }
  yaml_parser_delete(&p);
  return out;
}

}  // namespace tw::observe
