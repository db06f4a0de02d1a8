// tw_yaml_events FILE: the baseline. Reads the file and pulls every libyaml event, doing
// nothing with them: the least any libyaml-based tool must spend on that file.
#include <yaml.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  yaml_parser_t p;
  yaml_parser_initialize(&p);
  yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  long events = 0;
  for (;;) {
    yaml_event_t e;
    if (!yaml_parser_parse(&p, &e)) return 1;
    bool done = e.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&e);
    ++events;
    if (done) break;
  }
  yaml_parser_delete(&p);
  std::printf("%ld events\n", events);
  return 0;
}
