#include "load/layout.h"

#include <yaml.h>

#include <string_view>

namespace tw::load {

namespace {

class Parser {
 public:
  explicit Parser(const std::string& text, uint32_t max_depth) : max_depth_(max_depth) {
    yaml_parser_initialize(&p_);
    yaml_parser_set_input_string(&p_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() {
    if (has_) yaml_event_delete(&e_);
    yaml_parser_delete(&p_);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  base::Result<LayoutNode> run() {
    // Skip to the first node of the first document.
    for (;;) {
      if (!next()) return fail();
      if (e_.type == YAML_STREAM_END_EVENT) return LayoutNode{};
      if (e_.type == YAML_DOCUMENT_START_EVENT || e_.type == YAML_STREAM_START_EVENT) continue;
      break;
    }
    LayoutNode root;
    if (!node(root, 1)) return fail();
    return root;
  }

 private:
  bool next() {
    if (has_) yaml_event_delete(&e_);
    has_ = yaml_parser_parse(&p_, &e_) != 0;
    return has_;
  }

  base::Error fail() {
    if (!error_.empty()) return base::Error{error_};
    std::string msg = p_.problem ? p_.problem : "YAML syntax error";
    return base::Error{"line " + std::to_string(p_.problem_mark.line + 1) + ": " + msg};
  }

  static void extend(LayoutNode& n, uint32_t line, uint32_t col) {
    if (line > n.last_line || (line == n.last_line && col > n.last_col)) {
      n.last_line = line;
      n.last_col = col;
    }
  }

  /// Reads the node whose first event is current; leaves its last event current.
  bool node(LayoutNode& n, uint32_t depth) {
    n.line = static_cast<uint32_t>(e_.start_mark.line);
    n.col = static_cast<uint32_t>(e_.start_mark.column);
    n.last_line = n.line;
    n.last_col = n.col;
    switch (e_.type) {
      case YAML_SCALAR_EVENT:
        n.kind = LayoutNode::Kind::Scalar;
        n.value.assign(reinterpret_cast<const char*>(e_.data.scalar.value), e_.data.scalar.length);
        n.flow = e_.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
        n.empty = !n.flow && n.value.empty();
        end_of_scalar(n);
        return true;
      case YAML_ALIAS_EVENT:
        n.kind = LayoutNode::Kind::Alias;
        extend(n, static_cast<uint32_t>(e_.end_mark.line),
               static_cast<uint32_t>(e_.end_mark.column));
        return true;
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        bool map = e_.type == YAML_MAPPING_START_EVENT;
        n.kind = map ? LayoutNode::Kind::Map : LayoutNode::Kind::Seq;
        n.flow = map ? e_.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                     : e_.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        if (depth > max_depth_) {
          error_ = "line " + std::to_string(n.line + 1) + ": nesting too deep";
          return false;
        }
        bool key = true;
        for (;;) {
          if (!next()) return false;
          if (e_.type == YAML_SEQUENCE_END_EVENT || e_.type == YAML_MAPPING_END_EVENT) {
            if (n.flow) {
              n.close_line = static_cast<uint32_t>(e_.start_mark.line);
              n.close_col = static_cast<uint32_t>(e_.start_mark.column);
              extend(n, static_cast<uint32_t>(e_.end_mark.line),
                     static_cast<uint32_t>(e_.end_mark.column));
            }
            return true;
          }
          LayoutNode child;
          if (!node(child, depth + 1)) return false;
          // An empty value (`key:` and nothing) has its mark at the next token.
          if (!child.empty) extend(n, child.last_line, child.last_col);
          if (map && key) {
            n.keys.push_back(std::move(child));
          } else {
            n.items.push_back(std::move(child));
          }
          key = !key;
        }
      }
      default:
        error_ = "unexpected YAML event";
        return false;
    }
  }

  /// A block scalar's end mark lies at the start of the line after it.
  void end_of_scalar(LayoutNode& n) {
    uint32_t line = static_cast<uint32_t>(e_.end_mark.line);
    uint32_t col = static_cast<uint32_t>(e_.end_mark.column);
    if (col == 0 && line > n.line) {
      --line;
      col = UINT32_MAX;  // the end of that line
    }
    extend(n, line, col);
  }

  yaml_parser_t p_;
  yaml_event_t e_{};
  bool has_ = false;
  uint32_t max_depth_;
  std::string error_;
};

}  // namespace

const LayoutNode* LayoutNode::key_node(const std::string& key) const {
  if (kind != Kind::Map) return nullptr;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].kind == Kind::Scalar && keys[i].value == key) return &keys[i];
  }
  return nullptr;
}

const LayoutNode* LayoutNode::get(const std::string& key) const {
  if (kind != Kind::Map) return nullptr;
  for (size_t i = 0; i < keys.size() && i < items.size(); ++i) {
    if (keys[i].kind == Kind::Scalar && keys[i].value == key) return &items[i];
  }
  return nullptr;
}

base::Result<LayoutNode> scan_layout(const std::string& text, uint32_t max_depth) {
  Parser p(text, max_depth);
  return p.run();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start + (end < text.size() ? 1 : 0)));
    start = end + 1;
  }
  return out;
}

}  // namespace tw::load
