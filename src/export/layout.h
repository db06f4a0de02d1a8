#pragma once
// A deterministic diagram layout for the formats that carry positions (Threat Dragon, OTM
// representations): a boundary is a box holding its members on a grid (columns =
// ceil(sqrt(n)), model order) and, below them, its child boxes side by side, wrapped into rows
// so that the whole stays near 16:10; the root is a box
// without a frame holding the components in no boundary and the top-level boundaries. Every
// component lies inside the boxes of its boundary and that boundary's ancestors, and no other.

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "model/model.h"

namespace tw::exports {

inline constexpr double kSlotW = 200, kSlotH = 140;  // grid slot of one element
inline constexpr double kPad = 30, kLabel = 30, kGap = 30;

struct Box {
  double w = 0, h = 0;
  std::vector<int> members;        // component indices
  std::vector<int> children;       // boundary indices
  std::vector<size_t> row_starts;  // child boxes wrap into rows: index of each row's first
};

struct Layout {
  const model::Model& m;
  std::vector<Box> boxes;  // per boundary; root at the end
  std::vector<std::pair<double, double>> comp_pos;
  std::vector<std::pair<double, double>> box_pos;
  std::vector<int> depth;  // root 0, top-level boundaries 1, ...
  int max_depth = 0;

  // No recursion: boundary chains can be as long as the model is large.
  explicit Layout(const model::Model& model) : m(model) {
    size_t nb = m.boundaries.size();
    int root = int(nb);
    boxes.resize(nb + 1);
    box_pos.resize(nb + 1);
    depth.assign(nb + 1, -1);
    depth[root] = 0;
    comp_pos.resize(m.components.size());
    for (size_t i = 0; i < m.components.size(); ++i) {
      const auto& b = m.components[i].boundary;
      boxes[b.resolved() ? size_t(b.index) : nb].members.push_back(int(i));
    }
    for (size_t i = 0; i < nb; ++i) boxes[size_t(parent(int(i)))].children.push_back(int(i));
    std::vector<int> chain;
    for (size_t i = 0; i < nb; ++i) {
      int b = int(i);
      while (depth[b] < 0) {
        chain.push_back(b);
        b = parent(b);
      }
      for (int d = depth[b]; !chain.empty(); chain.pop_back()) depth[chain.back()] = ++d;
    }
    std::vector<int> order(nb + 1);
    for (size_t i = 0; i <= nb; ++i) order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return depth[a] < depth[b]; });
    for (int d : depth) max_depth = std::max(max_depth, d);
    for (auto it = order.rbegin(); it != order.rend(); ++it) measure(*it);  // children first
    box_pos[root] = {0, 0};
    for (int b : order) place(b);  // parents first
  }

  bool is_root(int b) const { return b == int(m.boundaries.size()); }
  int parent(int b) const {
    const auto& p = m.boundaries[size_t(b)].parent;
    return p.resolved() ? p.index : int(m.boundaries.size());
  }
  static int columns(size_t n) { return n ? int(std::ceil(std::sqrt(double(n)))) : 0; }

  void measure(int b) {
    Box& box = boxes[b];
    size_t n = box.members.size();
    int cols = columns(n);
    int rows = cols ? int((n + cols - 1) / cols) : 0;
    double gw = cols * kSlotW, gh = rows * kSlotH;
    // Child boxes side by side, wrapped into rows no wider than about 1.6 times the side of
    // a square of their total area (or the widest box), so the diagram stays near 16:10.
    double area = 0, widest = 0;
    for (int c : box.children) {
      area += boxes[c].w * boxes[c].h;
      widest = std::max(widest, boxes[c].w);
    }
    double limit = std::max({widest, 1.6 * std::sqrt(area), gw});
    double rw = 0, rh = 0, line_w = 0, line_h = 0;
    box.row_starts.clear();
    for (size_t k = 0; k < box.children.size(); ++k) {
      const Box& c = boxes[box.children[k]];
      if (k == 0 || line_w + kGap + c.w > limit) {
        if (k > 0) rh += line_h + kGap;
        box.row_starts.push_back(k);
        line_w = c.w;
        line_h = c.h;
      } else {
        line_w += kGap + c.w;
        line_h = std::max(line_h, c.h);
      }
      rw = std::max(rw, line_w);
    }
    rh += line_h;
    double inner_w = std::max({gw, rw, kSlotW});
    double inner_h = gh + (gh > 0 && rh > 0 ? kGap : 0) + rh;
    box.w = inner_w + 2 * kPad;
    box.h = inner_h + 2 * kPad + (is_root(b) ? 0 : kLabel);
  }

  /// Places the members and the child boxes of `b`, whose own position is known.
  void place(int b) {
    auto [x, y] = box_pos[b];
    const Box& box = boxes[b];
    double top = y + kPad + (is_root(b) ? 0 : kLabel);
    size_t n = box.members.size();
    int cols = std::max(columns(n), 1);
    for (size_t i = 0; i < n; ++i) {
      comp_pos[box.members[i]] = {x + kPad + double(i % cols) * kSlotW + 20,
                                  top + double(i / cols) * kSlotH + 20};
    }
    int rows = n ? int((n + cols - 1) / cols) : 0;
    double cy = top + rows * kSlotH + (rows > 0 ? kGap : 0);
    double cx = x + kPad, line_h = 0;
    size_t next_row = 0;
    for (size_t k = 0; k < box.children.size(); ++k) {
      if (next_row < box.row_starts.size() && box.row_starts[next_row] == k) {
        if (k > 0) cy += line_h + kGap;
        cx = x + kPad;
        line_h = 0;
        ++next_row;
      }
      int c = box.children[k];
      box_pos[c] = {cx, cy};
      cx += boxes[c].w + kGap;
      line_h = std::max(line_h, boxes[c].h);
    }
  }
};

}  // namespace tw::exports
