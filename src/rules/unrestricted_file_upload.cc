// Rule unrestricted-file-upload: Uploaded files are stored or served unchecked.
// Metadata and logic; docs/rules/unrestricted-file-upload.md is generated from this metadata.

#include "rules/builtin.h"
#include "rules/predicates.h"

namespace tw::rules {

namespace {
using namespace tw::model;

Verdict check(const Context& ctx, const Target& t) {
  const Component& c = ctx.component(t.index);
  if (!serves_requests(c) || forwards_requests(c)) return std::nullopt;
  if (!c.accepts_uploads) return Verdict::undecided();
  if (!*c.accepts_uploads) return Verdict::clear();
  if (!reachable_from_outside(ctx, t.index)) return Verdict::clear();
  return weak_unless_true(
      c.upload_validation, "upload_validation",
      label(c) +
          " accepts files from its users: a file whose type, size and content are not checked "
          "can be a script served back from the web root, malware handed to other users, a "
          "parser exploit (images, archives, documents) or a disk-filling bomb");
}
}  // namespace

const Rule& rule_unrestricted_file_upload() {
  static const Rule rule{
      .id = "unrestricted-file-upload",
      .title = "Uploaded files are stored or served unchecked",
      .stride = {Stride::Tampering, Stride::ElevationOfPrivilege},
      .applies_to = {AppliesTo::Process},
      .cwe = {434},
      .capec = {650, 17},
      .detection =
          "A process that serves requests, reachable from a less trusted zone (directly or "
          "through forwarders), that accepts uploaded files (`accepts_uploads: true`) and does "
          "not validate them (`upload_validation` false; unknown counts with a lower "
          "likelihood).",
      .likelihood = 3,
      .impact = 4,
      .mitigation =
          "Allow-list extensions and check the content type from the bytes, limit size and "
          "archive expansion, rename files and store them outside the web root (an object "
          "store served from another domain with Content-Disposition: attachment), scan for "
          "malware, and process images and documents in a sandbox.",
      .false_positives =
          "Uploads that are only ever stored as opaque blobs and never parsed, executed or "
          "served back; record a decision.",
      .references = {"https://cwe.mitre.org/data/definitions/434.html",
                     "https://capec.mitre.org/data/definitions/650.html",
                     "https://cheatsheetseries.owasp.org/cheatsheets/"
                     "File_Upload_Cheat_Sheet.html"},
      .check = check,
      .condition = nullptr,
      .description = {},
      .source = "built-in",
      .loc = {},
  };
  return rule;
}

}  // namespace tw::rules
