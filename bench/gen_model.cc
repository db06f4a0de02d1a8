// tw_gen_model N FILE: writes the synthetic model with N components and 3N flows.
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "synthetic.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: tw_gen_model COMPONENTS FILE\n");
    return 2;
  }
  std::ofstream(argv[2], std::ios::binary) << tw::bench::synthetic_model(std::atoi(argv[1]));
  return 0;
}
