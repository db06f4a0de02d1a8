// tw_gen_model N FILE: writes the synthetic model with N components and 3N flows.
// tw_gen_model --dangling N D FILE: N bare components and D flows from ids that do not exist
// (the security review's "did you mean" case); --valid N D FILE: the same flows, valid.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "synthetic.h"

int main(int argc, char** argv) {
  if (argc == 5 &&
      (std::strcmp(argv[1], "--dangling") == 0 || std::strcmp(argv[1], "--valid") == 0)) {
    bool broken = std::strcmp(argv[1], "--dangling") == 0;
    std::ofstream(argv[4], std::ios::binary)
        << tw::bench::dangling_model(std::atoi(argv[2]), std::atoi(argv[3]), broken);
    return 0;
  }
  if (argc != 3) {
    std::fprintf(stderr,
                 "usage: tw_gen_model COMPONENTS FILE\n"
                 "       tw_gen_model --dangling|--valid COMPONENTS FLOWS FILE\n");
    return 2;
  }
  std::ofstream(argv[2], std::ios::binary) << tw::bench::synthetic_model(std::atoi(argv[1]));
  return 0;
}
