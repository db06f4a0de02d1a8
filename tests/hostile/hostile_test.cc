// One corpus of hostile strings (strings.txt) through every writer: Markdown, HTML, SARIF, CSV,
// JSON, DOT, SVG, Mermaid, the diff's text, Markdown and JSON, the MCP server, and the exports
// to other tools (TM-BOM, Threat Dragon, OTM, Threat Composer, CycloneDX). The test is
// differential: the same model is rendered once with the hostile strings and once with a plain
// placeholder in their places, and each output is scanned for the constructs its language must
// not gain from model text (mentions, references, autolinks and raw HTML in Markdown, directives
// in Mermaid, tags in HTML, nodes in DOT, formulas in CSV, control and hidden characters
// everywhere). A construct that occurs more often with the hostile strings came from them.

#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/text.h"
#include "diff/change_report.h"
#include "diff/model_diff.h"
#include "diff/threat_diff.h"
#include "engine/analysis.h"
#include "export/export.h"
#include "load/loader.h"
#include "lsp/position.h"
#include "lsp/server.h"
#include "mcp/server.h"
#include "mcp/tools.h"
#include "mcp/workspace.h"
#include "report/report.h"

namespace tw {
namespace {

namespace fs = std::filesystem;
using Counts = std::map<std::string, size_t>;

void put_utf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string decode(const std::string& line) {
  std::string out;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '\\' || i + 1 >= line.size()) {
      out += line[i];
      continue;
    }
    char e = line[++i];
    auto hex = [&](size_t n) {
      uint32_t v = static_cast<uint32_t>(std::stoul(line.substr(i + 1, n), nullptr, 16));
      i += n;
      return v;
    };
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'x':
        out += static_cast<char>(hex(2));
        break;
      case 'u':
        put_utf8(hex(4), out);
        break;
      case 'U':
        put_utf8(hex(8), out);
        break;
      default:
        out += '\\';
        out += e;  // \N \G \L stay as written
    }
  }
  return out;
}

std::vector<std::string> corpus() {
  std::ifstream in(std::string(TW_SOURCE_DIR) + "/tests/hostile/strings.txt");
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    out.push_back(decode(line));
  }
  return out;
}

/// A YAML double-quoted scalar holding `s` exactly: everything outside printable ASCII as an
/// escape (libyaml refuses raw C1 characters in a file, but not escaped ones).
std::string yaml_quote(const std::string& s) {
  std::string out = "\"";
  uint32_t cp;
  char buf[16];
  for (size_t i = 0; i < s.size();) {
    size_t n = base::utf8_decode(s, i, &cp);
    if (n == 0) cp = 0xFFFD, n = 1;
    i += n;
    if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp >= 0x20 && cp < 0x7F) {
      out += static_cast<char>(cp);
    } else {
      std::snprintf(buf, sizeof buf, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", cp);
      out += buf;
    }
  }
  return out + "\"";
}

/// The model with `text(i)` in every free-text field.
std::string model_yaml(const std::vector<std::string>& strings, bool hostile) {
  auto q = [&](size_t i) {
    return yaml_quote(hostile ? strings[i % strings.size()] : "plain words");
  };
  size_t n = strings.size();
  std::string y = "threatwright: 1\nsystem: {name: " + q(0) + ", owner: " + q(1) +
                  ", methodology: stride, description: " + q(2) + "}\n";
  y += "assets:\n  - {id: data, name: " + q(3) + ", value: high, impact: " + q(4) + "}\n";
  y += "boundaries:\n  - {id: out, name: " + q(5) + ", trust: untrusted}\n";
  y += "  - {id: in, name: " + q(6) + ", trust: trusted}\n";
  y += "components:\n";
  for (size_t i = 0; i < n; ++i) {
    y += "  - {id: c" + std::to_string(i) + ", name: " + q(i) + ", description: " + q(i + 1) +
         ", type: " +
         (i % 3 == 0   ? "external-entity"
          : i % 3 == 1 ? "process"
                       : "data-store") +
         ", boundary: " + (i % 2 ? "in" : "out") + ", stores: [data]}\n";
  }
  y += "flows:\n";
  for (size_t i = 0; i < n; ++i) {
    y += "  - {id: f" + std::to_string(i) + ", name: " + q(i + 2) + ", from: c" +
         std::to_string(i) + ", to: c" + std::to_string((i + 1) % n) +
         ", protocol: https, data: [data]}\n";
  }
  y += "threats:\n";
  for (size_t i = 0; i < n; ++i) {
    y += "  - {id: t" + std::to_string(i) + ", title: " + q(i) + ", description: " + q(i + 3) +
         ", mitigation: " + q(i + 4) + ", stride: [tampering], target: c" + std::to_string(i) +
         ", likelihood: 3, impact: 4}\n";
  }
  y += "controls:\n  - {id: ctl, name: " + q(7) + ", mechanism: " + q(8) + ", owner: " + q(9) +
       ", status: implemented, mitigates: [t0]}\n";
  y += "decisions:\n  - {threat: t1, status: accepted, rationale: " + q(10) + ", owner: " + q(11) +
       ", review_by: 2027-01-31}\n";
  return y;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

/// Characters that no output may take from model text: controls other than tab and newline,
/// C1 controls, bidi and hidden formatting characters (joiners allowed in documents).
void scan_chars(const std::string& s, Counts& c, bool terminal) {
  uint32_t cp;
  for (size_t i = 0; i < s.size();) {
    size_t n = base::utf8_decode(s, i, &cp);
    if (n == 0) {
      ++c["invalid UTF-8"];
      ++i;
      continue;
    }
    i += n;
    if ((cp < 0x20 && cp != '\n' && cp != '\t' && !(cp == '\r' && !terminal)) || cp == 0x7F) {
      ++c["C0 control"];
    } else if (cp >= 0x80 && cp <= 0x9F) {
      ++c["C1 control"];
    } else if (cp == 0x2028 || cp == 0x2029) {
      ++c["line separator"];
    } else if (base::hidden_format(cp) && (terminal || (cp != 0x200C && cp != 0x200D))) {
      ++c["hidden or bidi character"];
    }
  }
}

/// Markdown as GitHub reads it for links and mentions: fenced blocks and code spans removed
/// (nothing is linked in them), the zero-width-space entity as the break it is.
std::string markdown_text(const std::string& in) {
  std::string s;
  for (size_t i = 0; i < in.size();) {
    if (in.compare(i, 7, "&#8203;") == 0) {
      s += ' ';
      i += 7;
    } else {
      s += in[i++];
    }
  }
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if ((i == 0 || s[i - 1] == '\n') && s.compare(i, 3, "```") == 0) {
      size_t end = s.find("\n```", i + 3);
      i = end == std::string::npos ? s.size() : end + 4;
      continue;
    }
    if (s[i] == '`' && (i == 0 || s[i - 1] != '\\')) {
      size_t run = 0;
      while (i + run < s.size() && s[i + run] == '`') ++run;
      std::string fence(run, '`');
      size_t close = s.find(fence, i + run);
      while (close != std::string::npos && close + run < s.size() && s[close + run] == '`') {
        close = s.find(fence, close + run + 1);
      }
      if (close != std::string::npos) {
        out += "CODE";
        i = close + run;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

/// What GitHub would turn into a notification, a link or markup in Markdown text.
Counts scan_markdown(const std::string& raw) {
  Counts c;
  scan_chars(raw, c, false);
  std::string s = markdown_text(raw);
  for (size_t i = 0; i < s.size(); ++i) {
    char ch = s[i];
    char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (ch == '@' && alnum(next) && (i == 0 || !alnum(s[i - 1]))) ++c["@mention"];
    if (ch == '#' && std::isdigit(static_cast<unsigned char>(next))) ++c["#reference"];
    if (ch == '<' && (std::isalpha(static_cast<unsigned char>(next)) || next == '/' ||
                      next == '!' || next == '?')) {
      size_t end = s.find_first_of(" >\n", i + 1);
      ++c["raw HTML " + s.substr(i, end == std::string::npos ? 8 : end - i)];
    }
    if (ch == '!' && next == '[') ++c["image"];
    if (ch == ']' && next == '(' && (i == 0 || s[i - 1] != '\\')) ++c["link"];
    if (ch == '*' && next == '*' && (i == 0 || s[i - 1] != '\\')) ++c["strong"];
    if (ch == '$' && (i == 0 || s[i - 1] != '\\')) ++c["math"];
    if (ch == '`' && next == '`' && i + 2 < s.size() && s[i + 2] == '`' &&
        (i == 0 || s[i - 1] != '\\')) {
      ++c["fence"];
    }
    if ((i == 0 || s[i - 1] == '\n') && (ch == '#' || ch == '>')) ++c["block at line start"];
  }
  c["://"] = count(s, "://");
  c["www."] = count(s, "www.") + count(s, "WWW.");
  c["GH-"] = count(s, "GH-2");
  return c;
}

/// Tags by name, and what their attributes hold outside quoted values (an event handler or a
/// javascript: URL that escaped its quotes would show here).
Counts scan_html(const std::string& s) {
  Counts c;
  scan_chars(s, c, false);
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '<') continue;
    size_t name_end = s.find_first_of(" >\n/", i + 2);
    ++c["tag " + s.substr(i, name_end == std::string::npos ? 8 : name_end - i)];
    size_t end = s.find('>', i);
    if (end == std::string::npos) break;
    std::string tag;
    char quote = 0;
    for (size_t k = i; k < end; ++k) {
      if (quote) {
        if (s[k] == quote) quote = 0;
      } else if (s[k] == '"' || s[k] == '\'') {
        quote = s[k];
      } else {
        tag += s[k];
      }
    }
    c["attribute javascript:"] += count(tag, "javascript:");
    for (size_t at = tag.find(" on"); at != std::string::npos; at = tag.find(" on", at + 1)) {
      size_t k = at + 3;
      while (k < tag.size() && std::isalpha(static_cast<unsigned char>(tag[k]))) ++k;
      if (k < tag.size() && tag[k] == '=') ++c["event handler attribute"];
    }
  }
  return c;
}

Counts scan_mermaid(const std::string& s) {
  Counts c;
  scan_chars(s, c, false);
  c["%%{ directive"] = count(s, "%%{");
  c["%% comment"] = count(s, "%%");
  c["click"] = count(s, "\n  click ") + count(s, "\nclick ");
  c["-->"] = count(s, "-->");
  c["==>"] = count(s, "==>");
  c["subgraph"] = count(s, "subgraph");
  c["lines"] = count(s, "\n");
  return c;
}

Counts scan_dot(const std::string& s) {
  Counts c;
  scan_chars(s, c, false);
  c["->"] = count(s, " -> ");
  c["node statements"] = count(s, "\n  n");
  c["subgraph"] = count(s, "subgraph");
  return c;
}

Counts scan_csv(const std::string& s) {
  Counts c;
  scan_chars(s, c, false);
  for (const char* start : {",=", ",+", ",-", ",@", ",\t", "\n=", "\n+", "\n@", ",\"=", ",\"+",
                            ",\"-", ",\"@", ",\"\t"}) {
    c[std::string("formula ") + start] = count(s, start);
  }
  c["rows"] = count(s, "\r\n");
  return c;
}

Counts scan_terminal(const std::string& s) {
  Counts c;
  scan_chars(s, c, true);
  return c;
}

/// Every construct must occur no more often with hostile text than with plain text.
void expect_no_more(const std::string& writer, const Counts& hostile, const Counts& plain) {
  for (const auto& [what, n] : hostile) {
    auto it = plain.find(what);
    size_t base = it == plain.end() ? 0 : it->second;
    EXPECT_LE(n, base) << writer << ": " << what << " occurs " << n << " times, " << base
                       << " with plain text";
  }
}

struct Outputs {
  std::map<std::string, std::string> md, html, mermaid, dot, csv, json, terminal, mcp_json;
  std::vector<nlohmann::json> lsp;  ///< every message the language server sent
  std::map<std::string, std::string> exports;  ///< export formats (JSON read by other tools)
};

class HostileCorpus : public ::testing::Test {
 protected:
  static std::vector<std::string> strings_;
  static Outputs hostile_, plain_;

  static Outputs render(bool hostile) {
    Outputs out;
    std::string text = model_yaml(strings_, hostile);
    load::LoadResult r = load::load_model_text("hostile.yaml", text);
    EXPECT_TRUE(r.ok()) << base::render_text(r.diagnostics, false);
    if (!r.ok()) return out;
    engine::Analysis a = engine::analyze(*r.model, engine::AnalyzeOptions{});
    EXPECT_FALSE(a.diagnostics.has_errors()) << base::render_text(a.diagnostics, false);
    report::Options o;
    out.md["report md"] = report::write_markdown(*r.model, a, o);
    out.html["report html"] = report::write_html(*r.model, a, o).value();
    out.html["diagram svg"] = report::write_svg(*r.model, a, o).value();
    out.json["report json"] = report::write_json(*r.model, a, o);
    std::string sarif = report::write_sarif(*r.model, a, o);
    out.json["report sarif"] = sarif;
    // SARIF help.markdown is GitHub Markdown inside JSON.
    std::string help;
    nlohmann::json sarif_doc = nlohmann::json::parse(sarif);
    for (const auto& run : sarif_doc["runs"]) {
      for (const auto& rule : run["tool"]["driver"]["rules"]) {
        help += rule["help"]["markdown"].get<std::string>() + "\n\n";
      }
    }
    out.md["sarif help.markdown"] = help;
    out.csv["report csv"] = report::write_csv(*r.model, a, o);
    out.dot["diagram dot"] = report::write_dot(*r.model, a, o);
    out.mermaid["diagram mermaid"] = report::write_mermaid(*r.model, a, o);
    for (auto name : exports::format_names()) {
      std::string text =
          exports::write(*exports::parse_format(name), *r.model, a, exports::Options{}).value();
      out.json["export " + std::string(name)] = text;
      out.exports["export " + std::string(name)] = text;
    }
    // Threat Composer renders its descriptions as Markdown.
    nlohmann::json tc = nlohmann::json::parse(out.exports["export threat-composer"]);
    out.md["export threat-composer descriptions"] =
        tc["applicationInfo"]["description"].get<std::string>() + "\n\n" +
        tc["architecture"]["description"].get<std::string>() + "\n\n" +
        tc["dataflow"]["description"].get<std::string>();

    // diff: from a model holding only the first component to this one.
    std::string before_text =
        "threatwright: 1\nsystem: {name: S, methodology: stride}\n"
        "assets:\n  - {id: data, name: D, value: high, impact: x}\n"
        "components:\n  - {id: c0, name: C, type: external-entity, stores: [data]}\n"
        "threats:\n  - {id: t1, title: T, stride: [tampering], target: c0, likelihood: 1, "
        "impact: 1}\n";
    load::LoadResult b = load::load_model_text("before.yaml", before_text);
    EXPECT_TRUE(b.ok()) << base::render_text(b.diagnostics, false);
    engine::Analysis ba = engine::analyze(*b.model, engine::AnalyzeOptions{});
    diff::ChangeReport cr;
    cr.before = "before.yaml";
    cr.after = "hostile.yaml";
    cr.model = diff::diff_models(*b.model, *r.model);
    cr.threats = diff::diff_threats(ba, a);
    out.terminal["diff text"] = diff::render_text(cr, false);
    out.md["diff md (PR comment)"] = diff::render_markdown(cr);
    out.json["diff json"] = diff::render_json(cr);
    out.terminal["diagnostics"] = base::render_text(a.diagnostics, false);

    // The MCP server on the model written to disk: every tool, resource and prompt.
    fs::path dir = fs::temp_directory_path() /
                   ("tw-hostile-" + std::to_string(hostile) + "-" +
                    std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    fs::create_directories(dir);
    std::ofstream(dir / "model.yaml") << text;
    {
      mcp::Workspace ws((dir / "model.yaml").string(), mcp::WorkspaceOptions{});
      mcp::ThreatTools tools(ws, "0");
      mcp::Server server(tools, mcp::ServerOptions{});
      std::string all;
      int id = 0;
      auto send = [&](const std::string& method, nlohmann::json params) {
        nlohmann::json m{{"jsonrpc", "2.0"}, {"id", ++id}, {"method", method}, {"params", params}};
        all += server.handle_line(m.dump()) + "\n";
      };
      send("initialize", {{"protocolVersion", "2025-06-18"}});
      send("tools/call", {{"name", "get_threat_model"}});
      send("tools/call", {{"name", "get_threat_model"}, {"arguments", {{"component", "c1"}}}});
      send("tools/call", {{"name", "list_threats"}});
      send("tools/call", {{"name", "get_guidance"}, {"arguments", {{"element", "c1"}}}});
      send(
          "tools/call",
          {{"name", "assess_change"},
           {"arguments", {{"change", "components:\n  - {id: n1, type: process, boundary: out}"}}}});
      send("resources/list", nlohmann::json::object());
      send("resources/read", {{"uri", mcp::kDocumentUri}});
      send("resources/read", {{"uri", mcp::kAnalysisUri}});
      send("prompts/get", {{"name", mcp::kChangePrompt}, {"arguments", {{"change", "x"}}}});
      out.mcp_json["mcp replies"] = all;
    }
    // The language server: diagnostics of the open model, and hovers on every id and threat.
    {
      lsp::Server server(
          lsp::ServerOptions{}, [&](const nlohmann::json& m) { out.lsp.push_back(m); }, nullptr);
      std::string uri = lsp::path_to_uri((dir / "model.yaml").string());
      int id = 0;
      auto send = [&](const std::string& method, nlohmann::json params) {
        server.handle(nlohmann::json{
            {"jsonrpc", "2.0"}, {"id", ++id}, {"method", method}, {"params", params}});
      };
      send("initialize", {{"rootUri", lsp::path_to_uri(dir.string())}});
      server.handle(nlohmann::json{
          {"jsonrpc", "2.0"},
          {"method", "textDocument/didOpen"},
          {"params",
           {{"textDocument",
             {{"uri", uri}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}}}});
      std::string hovers;
      std::istringstream lines(text);
      uint32_t n = 0;
      for (std::string line; std::getline(lines, line); ++n) {
        size_t at = line.find("id: ");
        if (at == std::string::npos) continue;
        size_t before = out.lsp.size();
        send("textDocument/hover", {{"textDocument", {{"uri", uri}}},
                                    {"position", {{"line", n}, {"character", at + 4}}}});
        for (size_t i = before; i < out.lsp.size(); ++i) {
          const auto& r = out.lsp[i];
          if (r.contains("result") && r["result"].is_object()) {
            hovers += r["result"]["contents"]["value"].get<std::string>() + "\n\n";
          }
        }
      }
      out.md["lsp hover"] = hovers;
    }
    fs::remove_all(dir);
    return out;
  }

  static void SetUpTestSuite() {
    strings_ = corpus();
    hostile_ = render(true);
    plain_ = render(false);
  }
};

std::vector<std::string> HostileCorpus::strings_;
Outputs HostileCorpus::hostile_;
Outputs HostileCorpus::plain_;

// The scanners find what they look for (so that a clean result means something).
TEST(HostileScanners, FindTheConstructs) {
  Counts md = scan_markdown("Ping @octocat, #1, https://x.example <img src=x> `@ok` ![i](u)");
  EXPECT_EQ(md["@mention"], 1u);
  EXPECT_EQ(md["#reference"], 1u);
  EXPECT_EQ(md["://"], 1u);
  EXPECT_EQ(md["raw HTML <img"], 1u);
  EXPECT_EQ(md["image"], 1u);
  Counts html = scan_html("<a href=\"#x\" onclick=alert(1)>x</a><p title=\"onerror=x\">");
  EXPECT_EQ(html["event handler attribute"], 1u);
  EXPECT_EQ(html["tag <a"], 1u);
  Counts t = scan_terminal("a\x1b[31m b\xc2\x9b c\xe2\x80\xae");
  EXPECT_EQ(t["C0 control"], 1u);
  EXPECT_EQ(t["C1 control"], 1u);
  EXPECT_EQ(t["hidden or bidi character"], 1u);
}

TEST_F(HostileCorpus, CorpusLoaded) {
  ASSERT_GE(strings_.size(), 20u);
  EXPECT_NE(hostile_.md["report md"], plain_.md["report md"]);
}

TEST_F(HostileCorpus, Markdown) {
  for (const auto& [writer, text] : hostile_.md) {
    ASSERT_FALSE(text.empty()) << writer;
    expect_no_more(writer, scan_markdown(text), scan_markdown(plain_.md[writer]));
  }
}

TEST_F(HostileCorpus, HtmlAndSvg) {
  for (const auto& [writer, text] : hostile_.html) {
    ASSERT_FALSE(text.empty()) << writer;
    expect_no_more(writer, scan_html(text), scan_html(plain_.html[writer]));
  }
}

TEST_F(HostileCorpus, Mermaid) {
  for (const auto& [writer, text] : hostile_.mermaid) {
    // Mermaid's own directive pattern is not anchored: no "%%{" anywhere.
    EXPECT_EQ(text.find("%%{"), std::string::npos) << writer;
    expect_no_more(writer, scan_mermaid(text), scan_mermaid(plain_.mermaid[writer]));
  }
}

TEST_F(HostileCorpus, Dot) {
  for (const auto& [writer, text] : hostile_.dot) {
    expect_no_more(writer, scan_dot(text), scan_dot(plain_.dot[writer]));
    EXPECT_EQ(scan_dot(text)["node statements"], scan_dot(plain_.dot[writer])["node statements"]);
  }
  // Graphviz parses what we wrote into as many nodes as there are components.
  EXPECT_EQ(count(hostile_.html["diagram svg"], "class=\"node\""),
            count(plain_.html["diagram svg"], "class=\"node\""));
}

TEST_F(HostileCorpus, Csv) {
  for (const auto& [writer, text] : hostile_.csv) {
    expect_no_more(writer, scan_csv(text), scan_csv(plain_.csv[writer]));
  }
}

TEST_F(HostileCorpus, JsonParsesAndCarriesNoHiddenCharacters) {
  for (const auto& [writer, text] : hostile_.json) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << writer;
    Counts c;
    scan_chars(text, c, false);  // the JSON text itself: controls are \u escapes
    expect_no_more(writer, c, Counts{});
  }
}

TEST_F(HostileCorpus, TerminalText) {
  for (const auto& [writer, text] : hostile_.terminal) {
    expect_no_more(writer, scan_terminal(text), Counts{});
  }
}

// MCP replies: every string value decoded from the JSON is free of control and hidden
// characters, and the server-level instructions are one line.
void scan_json_strings(const nlohmann::json& j, Counts& c) {
  if (j.is_string()) {
    scan_chars(j.get<std::string>(), c, false);
  } else if (j.is_structured()) {
    for (const auto& x : j) scan_json_strings(x, c);
  }
}

// Exports: the other tool shows the decoded strings, so those carry no control or hidden
// characters either (newlines and tabs apart), and every export has as many threats and
// elements with hostile text as with plain text.
TEST_F(HostileCorpus, ExportsCarryNoHiddenCharacters) {
  ASSERT_EQ(hostile_.exports.size(), 5u);
  for (const auto& [writer, text] : hostile_.exports) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << writer;
    Counts c;
    scan_json_strings(j, c);
    expect_no_more(writer, c, Counts{});
    EXPECT_EQ(j.dump().size() > 0, true);
    nlohmann::json p = nlohmann::json::parse(plain_.exports[writer]);
    for (const char* key : {"threats", "components", "data_flows", "dataflows", "mitigations"}) {
      if (p.contains(key)) EXPECT_EQ(j[key].size(), p[key].size()) << writer << " " << key;
    }
  }
}

TEST_F(HostileCorpus, McpReplies) {
  std::istringstream lines(hostile_.mcp_json["mcp replies"]);
  size_t n = 0;
  for (std::string line; std::getline(lines, line);) {
    ++n;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line.substr(0, 200);
    EXPECT_FALSE(j.contains("error")) << line.substr(0, 300);
    Counts c;
    scan_json_strings(j, c);
    expect_no_more("mcp reply " + std::to_string(n), c, Counts{});
    if (n == 1) {
      std::string instructions = j["result"]["instructions"];
      EXPECT_EQ(instructions.find('\n'), std::string::npos);
    }
  }
  EXPECT_EQ(n, 10u);
}

// Language server messages (diagnostics, hovers): no control or hidden characters in any
// string, no error; the hovers' Markdown is checked with the other Markdown writers.
TEST_F(HostileCorpus, LspMessages) {
  ASSERT_GT(hostile_.lsp.size(), 3u);
  EXPECT_FALSE(hostile_.md["lsp hover"].empty());
  size_t diagnostics = 0;
  for (const auto& m : hostile_.lsp) {
    EXPECT_FALSE(m.contains("error")) << m.dump().substr(0, 300);
    if (m.value("method", "") == "textDocument/publishDiagnostics") ++diagnostics;
    Counts c;
    scan_json_strings(m, c);
    expect_no_more("lsp message", c, Counts{});
  }
  EXPECT_GE(diagnostics, 1u);
}

}  // namespace
}  // namespace tw
