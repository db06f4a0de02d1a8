#include "load/yaml_node.h"

#include <sanitizer/asan_interface.h>
#include <yaml.h>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "base/parallel.h"
#include "base/text.h"
#include "load/loader.h"

namespace tw::load {

bool Node::is_null() const {
  return kind == Kind::Scalar && plain &&
         (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL");
}

const char* Node::describe() const {
  switch (kind) {
    case Kind::Map:
      return "a mapping";
    case Kind::Seq:
      return "a list";
    case Kind::Scalar:
      return is_null() ? "nothing (null)" : "a scalar";
  }
  return "?";
}

void* Arena::allocate(size_t bytes, size_t align) {
  size_t pad = (align - reinterpret_cast<uintptr_t>(cur_) % align) % align;
  if (bytes + pad > left_) {
    size_t size = std::max<size_t>(bytes + align, 1 << 20);
    blocks_.emplace_back(new char[size]);
    cur_ = blocks_.back().get();
    left_ = size;
    pad = (align - reinterpret_cast<uintptr_t>(cur_) % align) % align;
  }
  char* p = cur_ + pad;
  ASAN_UNPOISON_MEMORY_REGION(p, bytes);
  cur_ += pad + bytes;
  left_ -= pad + bytes;
  used_ += bytes;
  return p;
}

std::string_view Arena::copy(const char* data, size_t n) {
  if (n == 0) return {};
  char* p = static_cast<char*>(allocate(n, 1));
  std::memcpy(p, data, n);
  return {p, n};
}

bool Arena::rollback(const Mark& m) {
  if (m.used < pinned_) return false;
  // Under AddressSanitizer (tests, fuzzers), what the rollback reclaims in the kept block is
  // poisoned until handed out again, so any stale pointer into it is reported at once, even
  // for small inputs that never free a block.
  if (m.cur) ASAN_POISON_MEMORY_REGION(m.cur, m.left);
  blocks_.resize(m.blocks);
  cur_ = m.cur;
  left_ = m.left;
  used_ = m.used;
  return true;
}

Node* Arena::node() { return new (allocate(sizeof(Node), alignof(Node))) Node(); }

namespace {

size_t g_pipeline_min_bytes = 256 * 1024;

/// For large files libyaml runs on its own thread and hands its events over in batches, so
/// that building nodes and the typed model overlaps with scanning. The consumer sees the
/// same events in the same order as a serial parse, so results and diagnostics do not depend
/// on it. Consumed batches go back to the scanner thread, which deletes their events: each
/// thread frees what it allocated, which keeps malloc fast.
class EventPipe {
 public:
  struct Batch {
    std::vector<yaml_event_t> events;
    bool failed = false;  ///< yaml_parser_parse failed after these events
  };

  explicit EventPipe(yaml_parser_t& parser) : parser_(parser) {
    thread_ = std::thread([this] { produce(); });
  }
  ~EventPipe() {
    stop();
    for (auto& b : queue_) release(*b);
    for (auto& b : free_) release(*b);
  }

  /// The next batch; blocks until the scanner has produced it. Give it back with recycle().
  std::unique_ptr<Batch> pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !queue_.empty(); });
    std::unique_ptr<Batch> b = std::move(queue_.front());
    queue_.pop_front();
    return b;
  }
  void recycle(std::unique_ptr<Batch> b) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      free_.push_back(std::move(b));
    }
    space_.notify_one();
  }

  /// Stops the scanner and waits for it; the parser is then the caller's again (e.g. to read
  /// its error).
  void stop() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    space_.notify_all();
    thread_.join();
  }

 private:
  static constexpr size_t kBatchEvents = 4096;
  static constexpr size_t kBatches = 8;  // in flight at most: bounds the memory ahead

  static void release(Batch& b) {
    for (yaml_event_t& e : b.events) yaml_event_delete(&e);
    b.events.clear();
    b.failed = false;
  }

  void produce() {
    for (;;) {
      std::unique_ptr<Batch> b = take_free();
      if (!b) return;
      bool last = false;
      while (!last && b->events.size() < kBatchEvents) {
        yaml_event_t& e = b->events.emplace_back();
        if (!yaml_parser_parse(&parser_, &e)) {
          b->events.pop_back();
          b->failed = last = true;
        } else {
          last = e.type == YAML_STREAM_END_EVENT;
        }
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(b));
      }
      ready_.notify_one();
      if (last) return;
    }
  }

  std::unique_ptr<Batch> take_free() {
    std::unique_ptr<Batch> b;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      space_.wait(lock, [&] { return stopping_ || !free_.empty() || made_ < kBatches; });
      if (stopping_) return nullptr;
      if (!free_.empty()) {
        b = std::move(free_.back());
        free_.pop_back();
      } else {
        ++made_;
      }
    }
    if (!b) {
      b = std::make_unique<Batch>();
      b->events.reserve(kBatchEvents);
    }
    release(*b);  // outside the lock: this is the scanner's own memory
    return b;
  }

  yaml_parser_t& parser_;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<std::unique_ptr<Batch>> queue_;
  std::vector<std::unique_ptr<Batch>> free_;
  size_t made_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

class Parser {
 public:
  Parser(const base::SourceFile& file,
         Arena& arena,
         const Limits& limits,
         uint64_t& budget,
         base::Diagnostics& diags,
         const ItemSink* sink)
      : file_(file), arena_(arena), limits_(limits), budget_(budget), diags_(diags), sink_(sink) {}

  const Node* run();

 private:
  bool run_serial(yaml_parser_t& p);
  bool run_pipelined(yaml_parser_t& p);
  struct Frame {
    Node* node;
    size_t first;  // index in pending_ of its first child
  };

  base::Loc at(const yaml_mark_t& m) const {
    return base::Loc{&file_, static_cast<uint32_t>(m.line + 1), static_cast<uint32_t>(m.column + 1),
                     1};
  }
  bool fail(const base::Loc& loc, std::string code, std::string message, std::string hint = {}) {
    diags_.error(std::move(code), loc, std::move(message)).hint = std::move(hint);
    return false;
  }
  bool syntax_error(yaml_parser_t& p);
  bool on_node(Node* n, const yaml_event_t& e, const char* anchor, bool complete);
  // `complete`: scalars and alias targets are; a collection is not until its end event.
  bool add_child(Node* n, bool complete);
  bool handle(yaml_event_t& e);
  // True while the next complete node is an item of a top-level list section.
  bool item_level() const {
    return sink_ && stack_.size() == 2 && stack_[0].node->is_map() && stack_[1].node->is_seq() &&
           stack_[1].first >= stack_[0].first + 2 && pending_[stack_[1].first - 2]->is_scalar();
  }
  void deliver(Node* item);

  const base::SourceFile& file_;
  Arena& arena_;
  const Limits& limits_;
  uint64_t& budget_;
  base::Diagnostics& diags_;
  std::vector<Frame> stack_;
  std::vector<Node*> pending_;
  std::unordered_map<std::string, Node*> anchors_;
  std::unordered_map<const Node*, bool> open_;  // anchored collections not yet closed
  uint64_t alias_nodes_ = 0;
  const Node* root_ = nullptr;
  int documents_ = 0;
  const ItemSink* sink_;
  Arena::Mark item_mark_{};
};

void Parser::deliver(Node* item) {
  if (!(*sink_)(pending_[stack_[1].first - 2]->text, item)) {
    pending_.push_back(item);  // not consumed: keep it in the tree
    return;
  }
  arena_.rollback(item_mark_);  // a no-op when the item holds an anchor (pinned)
}

bool Parser::syntax_error(yaml_parser_t& p) {
  base::Loc loc;
  std::string what = p.problem ? p.problem : "malformed YAML";
  if (p.error == YAML_READER_ERROR) {
    // Reader errors carry a byte offset, not a mark: find the line and column ourselves.
    size_t off = std::min(p.problem_offset, file_.text().size());
    uint32_t line = 1, col = 1;
    for (size_t i = 0; i < off; ++i) {
      if (file_.text()[i] == '\n') {
        ++line, col = 1;
      } else if ((static_cast<unsigned char>(file_.text()[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    loc = base::Loc{&file_, line, col, 1};
    if (p.problem_value != -1) {
      char buf[16];
      std::snprintf(buf, sizeof buf, " (byte 0x%02x)", p.problem_value & 0xFF);
      what += buf;
    }
    return fail(loc, "yaml-encoding", "cannot read the file: " + what,
                "model files must be UTF-8 (or UTF-16 with a byte-order mark) text");
  }
  loc = at(p.problem_mark);
  std::string msg = "YAML syntax error: " + what;
  if (p.context) msg += std::string(" ") + p.context;
  auto& d = diags_.error("yaml-syntax", loc, msg);
  if (p.context && (p.context_mark.line != p.problem_mark.line ||
                    p.context_mark.column != p.problem_mark.column)) {
    d.notes.push_back(base::Note{at(p.context_mark), std::string("the construct starts here")});
  }
  if (what.find("tab") != std::string::npos) d.hint = "indent with spaces, not tabs";
  return false;
}

bool Parser::add_child(Node* n, bool complete) {
  if (stack_.empty()) {
    root_ = n;
    return true;
  }
  if (item_level()) {
    if (complete) deliver(n);  // collections are delivered at their end event
    return true;
  }
  pending_.push_back(n);
  return true;
}

bool Parser::on_node(Node* n, const yaml_event_t& e, const char* anchor, bool complete) {
  n->line = static_cast<uint32_t>(e.start_mark.line + 1);
  n->col = static_cast<uint32_t>(e.start_mark.column + 1);
  if (budget_ == 0) {
    return fail(at(e.start_mark), "limit-nodes",
                "the model has more than " + std::to_string(limits_.max_nodes) + " YAML nodes",
                "raise the limit with --max-nodes if this model is really that large");
  }
  --budget_;
  if (anchor) {
    anchors_[anchor] = n;
    arena_.pin();  // the anchored node (and later its children) must outlive any rollback
  }
  return add_child(n, complete);
}

bool Parser::handle(yaml_event_t& e) {
  if (item_level() && (e.type == YAML_SCALAR_EVENT || e.type == YAML_SEQUENCE_START_EVENT ||
                       e.type == YAML_MAPPING_START_EVENT || e.type == YAML_ALIAS_EVENT)) {
    item_mark_ = arena_.mark();
  }
  switch (e.type) {
    case YAML_DOCUMENT_START_EVENT:
      if (++documents_ > 1) {
        return fail(at(e.start_mark), "yaml-multiple-documents",
                    "a model file holds one YAML document; found a second one here",
                    "remove the '---' separator or split the model with 'include:'");
      }
      return true;
    case YAML_SCALAR_EVENT: {
      size_t len = e.data.scalar.length;
      if (len > limits_.max_scalar_bytes) {
        return fail(at(e.start_mark), "limit-scalar",
                    "a scalar of " + std::to_string(len) + " bytes exceeds the limit of " +
                        std::to_string(limits_.max_scalar_bytes),
                    "raise the limit with --max-scalar-size");
      }
      Node* n = arena_.node();
      n->kind = Node::Kind::Scalar;
      n->text = arena_.copy(reinterpret_cast<const char*>(e.data.scalar.value), len);
      n->plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && e.data.scalar.plain_implicit;
      return on_node(n, e, reinterpret_cast<const char*>(e.data.scalar.anchor), true);
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
      if (stack_.size() >= limits_.max_depth) {
        return fail(at(e.start_mark), "limit-depth",
                    "nesting deeper than " + std::to_string(limits_.max_depth) + " levels",
                    "raise the limit with --max-depth");
      }
      Node* n = arena_.node();
      bool seq = e.type == YAML_SEQUENCE_START_EVENT;
      n->kind = seq ? Node::Kind::Seq : Node::Kind::Map;
      const char* anchor = reinterpret_cast<const char*>(seq ? e.data.sequence_start.anchor
                                                             : e.data.mapping_start.anchor);
      if (!on_node(n, e, anchor, false)) return false;
      if (anchor) open_[n] = true;
      stack_.push_back(Frame{n, pending_.size()});
      return true;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
      Frame f = stack_.back();
      stack_.pop_back();
      size_t count = pending_.size() - f.first;
      f.node->count = static_cast<uint32_t>(count);
      if (count) {
        f.node->kids = static_cast<Node**>(arena_.allocate(count * sizeof(Node*), alignof(Node*)));
        std::memcpy(f.node->kids, pending_.data() + f.first, count * sizeof(Node*));
      }
      uint64_t w = 1;
      for (size_t i = 0; i < count; ++i) w += f.node->kids[i]->weight;
      f.node->weight = w;
      pending_.resize(f.first);
      open_.erase(f.node);
      if (item_level()) deliver(f.node);
      return true;
    }
    case YAML_ALIAS_EVENT: {
      std::string name = reinterpret_cast<const char*>(e.data.alias.anchor);
      auto it = anchors_.find(name);
      if (it == anchors_.end()) {
        return fail(at(e.start_mark), "yaml-alias", "alias '*" + name + "' names no anchor",
                    "define '&" + name + "' before using it");
      }
      if (open_.count(it->second)) {
        return fail(at(e.start_mark), "yaml-alias",
                    "alias '*" + name + "' refers to a node that contains it");
      }
      alias_nodes_ += it->second->weight;
      if (alias_nodes_ > limits_.max_alias_nodes) {
        return fail(at(e.start_mark), "limit-aliases",
                    "aliases expand to more than " + std::to_string(limits_.max_alias_nodes) +
                        " nodes (an alias bomb?)",
                    "raise the limit with --max-alias-nodes if the aliases are intended");
      }
      return add_child(it->second, true);
    }
    default:
      return true;
  }
}

bool Parser::run_serial(yaml_parser_t& p) {
  for (;;) {
    yaml_event_t e;
    if (!yaml_parser_parse(&p, &e)) return syntax_error(p);
    bool done = e.type == YAML_STREAM_END_EVENT;
    bool ok = handle(e);
    yaml_event_delete(&e);
    if (!ok || done) return ok;
  }
}

bool Parser::run_pipelined(yaml_parser_t& p) {
  EventPipe pipe(p);
  for (;;) {
    std::unique_ptr<EventPipe::Batch> b = pipe.pop();
    for (yaml_event_t& e : b->events) {
      bool done = e.type == YAML_STREAM_END_EVENT;
      bool ok = handle(e);
      if (!ok || done) {
        pipe.recycle(std::move(b));
        return ok;  // the pipe stops the scanner on its way out
      }
    }
    if (b->failed) {
      pipe.recycle(std::move(b));
      pipe.stop();
      return syntax_error(p);
    }
    pipe.recycle(std::move(b));
  }
}

const Node* Parser::run() {
  yaml_parser_t p;
  if (!yaml_parser_initialize(&p)) {
    fail(base::Loc{&file_, 0, 0, 0}, "internal", "cannot initialise the YAML parser");
    return nullptr;
  }
  yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(file_.text().data()),
                               file_.text().size());
  bool pipelined = file_.text().size() >= g_pipeline_min_bytes && base::worker_threads() > 1;
  bool ok = pipelined ? run_pipelined(p) : run_serial(p);
  yaml_parser_delete(&p);
  if (!ok) return nullptr;
  if (!root_ || root_->is_null()) {
    fail(base::Loc{&file_, 1, 1, 1}, "empty-file", "the file holds no YAML document",
         "a model starts with 'threatwright: 1' followed by its sections");
    return nullptr;
  }
  return root_;
}

}  // namespace

const Node* parse_yaml(const base::SourceFile& file,
                       Arena& arena,
                       const Limits& limits,
                       uint64_t& nodes_budget,
                       base::Diagnostics& diags,
                       const ItemSink* sink) {
  Parser parser(file, arena, limits, nodes_budget, diags, sink);
  return parser.run();
}

void set_pipeline_threshold(size_t min_bytes) { g_pipeline_min_bytes = min_bytes; }

base::Loc loc_of(const base::SourceFile& file, const Node* n) {
  uint32_t len = 1;
  if (n->is_scalar() && n->plain && n->text.size() < 200 &&
      n->text.find('\n') == std::string_view::npos) {
    len = 0;
    for (unsigned char c : n->text) {
      if ((c & 0xC0) != 0x80) ++len;
    }
    if (len == 0) len = 1;
  }
  return base::Loc{&file, n->line, n->col, len};
}

}  // namespace tw::load
