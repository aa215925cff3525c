// The French analyser alone, for profiling and for checking that a speed-up
// leaves every token unchanged.
//
//   analyser_bench INPUT [--repeat N] [--dump] [--lines]
//
// Reads the dispatches of INPUT (line format or JSON Lines, as depeche-index
// reads them; with --lines, each line of INPUT is one text, as it is, invalid
// UTF-8 included; not timed), then runs analyse() on every title and text N times
// (default 1) and prints bytes, tokens and MB/s on stderr. With --dump it
// prints every token of the first pass on stdout, every field of Token on one
// line, so two builds can be compared with cmp on a whole archive:
//
//   analyser_bench /tmp/prof/all.jsonl --dump > after.txt
//
// Under callgrind, the inclusive cost of depeche::analyse divided by the
// bytes printed is the analyser's instructions per byte.

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "analyzer.hpp"
#include "readers.hpp"

namespace {

void dump_tokens(const std::vector<depeche::Token>& tokens, std::string& out) {
    for (const auto& t : tokens) {
        out += t.text;
        out += '\t';
        out += t.folded;
        out += '\t';
        out += t.stem;
        out += '\t';
        out += std::to_string(t.start) + ' ' + std::to_string(t.end) + ' ' + std::to_string(t.elided_start) + ' ' +
               std::to_string(t.position) + ' ';
        out += t.stop ? 's' : '-';
        out += t.capitalised ? 'c' : '-';
        out += t.all_caps ? 'a' : '-';
        out += t.numeric ? 'n' : '-';
        out += '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: analyser_bench INPUT [--repeat N] [--dump] [--lines]\n";
        return 2;
    }
    int repeat = 1;
    bool dump = false, lines = false;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--dump") == 0)
            dump = true;
        else if (std::strcmp(argv[i], "--lines") == 0)
            lines = true;
    }
    std::vector<std::string> texts;
    if (lines) {
        std::ifstream in(argv[1], std::ios::binary);
        for (std::string line; std::getline(in, line);) texts.push_back(line);
    } else {
        depeche::ReadOptions options;
        options.inputs = {argv[1]};
        depeche::read_inputs(
            options,
            [&](depeche::Article&& a) {
                texts.push_back(std::move(a.title));
                texts.push_back(std::move(a.text));
            },
            [](const depeche::Reject&) {}, [](const std::string&) {});
    }
    std::size_t bytes = 0, tokens = 0;
    std::string out;
    const auto begin = std::chrono::steady_clock::now();
    for (int pass = 0; pass < repeat; ++pass) {
        for (const auto& text : texts) {
            const auto result = depeche::analyse(text);
            bytes += text.size();
            tokens += result.size();
            if (dump && pass == 0) {
                dump_tokens(result, out);
                std::fwrite(out.data(), 1, out.size(), stdout);
                out.clear();
            }
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    std::cerr << bytes << " bytes, " << tokens << " tokens, " << seconds << " s, " << bytes / seconds / 1e6
              << " MB/s\n";
    return 0;
}
