#pragma once
// The state behind `threatwright serve`: one model file, loaded and analysed, kept current by
// watching its files (the model, its includes, the evidence file) by modification time and
// size. Every view the page shows is rendered here once per version; triage actions are
// checked against the client's version, validated by loading and analysing the edited text,
// and written atomically. Thread-safe: the HTTP layer calls it from its worker threads.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "load/loader.h"

namespace tw::serve {

struct WorkbenchOptions {
  std::string model_path;
  std::string evidence_path;  ///< empty: the default beside the model
  bool no_evidence = false;
  std::vector<std::string> rule_dirs;
  load::Limits limits;
  /// The git repository for the diff view, and the folder paths are relative to.
  std::string repo, cwd;
};

/// An HTTP-agnostic answer: status, media type and body.
struct Reply {
  int status = 200;
  std::string type = "application/json";
  std::string body;
};

/// One loaded version of the model and its rendered views.
struct Snapshot {
  uint64_t version = 0;
  std::string hash;  ///< SHA-256 (hex) of the served file's text: the triage base
  bool ok = false;   ///< false: the model does not load; `errors` says why
  std::string errors;
  std::string model_json;  ///< {"version", "hash", "file", "ok", "errors", "report"}
  std::string check_json;  ///< check's diagnostics and report card
  std::string svg;         ///< the diagram (links `#el-<id>` on elements and flows)
};

class Workbench {
 public:
  explicit Workbench(WorkbenchOptions options);
  ~Workbench();

  /// Reloads when a watched file changed since the last look; the current snapshot.
  std::shared_ptr<const Snapshot> refresh();
  /// The current snapshot without looking at the disk.
  std::shared_ptr<const Snapshot> current() const;

  /// Applies a triage request (triage.h's JSON): 200 with the new version, 400 for a bad
  /// request, 409 when the file changed since the client's version, 422 when the edit would
  /// leave the model invalid (the diagnostics in the body), 500 when writing failed.
  Reply triage(std::string_view body);

  /// The diff of the model at git revision `rev` against the file on disk (diff's JSON).
  Reply diff(std::string_view rev);

  /// SHA-256 of `text` in hex.
  static std::string content_hash(std::string_view text);

 private:
  struct Stamp {
    std::string path;
    int64_t mtime_ns = -1, size = -1;
    bool operator==(const Stamp&) const = default;
  };
  std::vector<Stamp> stamps() const;
  std::shared_ptr<const Snapshot> build(uint64_t version);

  WorkbenchOptions o_;
  mutable std::mutex mu_;
  std::shared_ptr<const Snapshot> snap_;
  std::vector<std::string> watched_;  ///< paths of the last load
  std::vector<Stamp> seen_;
};

}  // namespace tw::serve
