// depeche-extract: the entities of each dispatch, as JSON Lines.

#include <boost/program_options.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "document.hpp"
#include "indexer.hpp"
#include "tagger.hpp"

namespace po = boost::program_options;
using namespace depeche;

namespace {

const char* const kUsage = R"(Usage: depeche-extract [options] INPUT...

Recognises the people, places, organisations and dates of each dispatch and
writes one JSON object per dispatch to standard output:
  {"id": ..., "date": ..., "entities": [{"kind": "person|place|org|date",
   "name": <canonical name, or the TIMEX3 value of a date>,
   "mentions": [{"text": ..., "start": <byte>, "end": <byte>}]}]}
Offsets are UTF-8 byte offsets into the dispatch text; a mention in the title
has "field": "title" and offsets into the title. A person's mention includes
the title or function right before the name ("M. Hammond", "président
américain Barack Obama"); "name_start" then gives where the name begins.
Dates are resolved against the dispatch date: 2015-01-15, 2015-01, 2015,
2015-W03, 2015-Q1, spans as start/end.

INPUT is a file, a folder (recursively: .txt, .jsonl, .ndjson) or - for
standard input, in the line format or JSON Lines (see depeche-index --help).
Bad records are reported on stderr as FILE:LINE: reason and skipped.

With --model FILE, people, places and organisations come from the statistical
tagger of that model (depeche-train-tagger) instead of the rules, named by
their text as written; dates still come from the rules. With --model FILE
--combine, the rules' entities stay (canonical names, coreference) and the
tagger only adds the names it finds where the rules found nothing
overlapping; --tagger-kind (with --combine) also gives a rules mention the
tagger's kind where the tagger found exactly its span.

)";

const char* const kExitCodes = R"(
Exit codes: 0 ok, 1 failure (input or lexicons missing), 2 usage error,
3 the run completed but rejected records.
)";

int run(int argc, char** argv) {
    po::options_description options("Options");
    // clang-format off
    options.add_options()
        ("format", po::value<std::string>()->default_value("auto")->value_name("FMT"), "auto, line or jsonl")
        ("threads", po::value<unsigned>()->default_value(1)->value_name("N"), "analysis threads")
        ("lexicons", po::value<std::string>()->value_name("DIR"), "lexicon folder (default: the installed one)")
        ("model", po::value<std::string>()->value_name("FILE"), "tagger model for people, places and organisations")
        ("combine", "with --model: keep the rules' entities, add the tagger's where the rules found nothing")
        ("tagger-kind", "with --combine: the tagger's kind for a rules mention of exactly its span");
    // clang-format on
    const auto parsed =
        parse_command_line(argc, argv, options, "input", kUsage, kExitCodes, "depeche-extract " DEPECHE_VERSION);
    if (!parsed) return kExitOk;
    const po::variables_map& vm = *parsed;
    if (!vm.count("input")) throw UsageError("no input given");
    ReadOptions read;
    read.inputs = vm["input"].as<std::vector<std::string>>();
    const auto format = parse_input_format(vm["format"].as<std::string>());
    if (!format) throw UsageError("--format takes auto, line or jsonl");
    read.format = *format;
    const unsigned threads = std::max(1u, vm["threads"].as<unsigned>());
    // Kept to the end of the process and never destroyed: freeing the 350k
    // entries of the word lists one by one costs a fifth of loading them, for
    // memory the exit gives back anyway. A static still points to them, so
    // leak checkers (LeakSanitizer) see them as reachable, not leaked.
    static const Lexicons* const kept =
        new Lexicons(load_lexicons(find_lexicon_dir(vm.count("lexicons") ? vm["lexicons"].as<std::string>() : "")));
    const Lexicons& lexicons = *kept;

    std::unique_ptr<const Tagger> tagger;
    if (vm.count("model")) {
        try {
            tagger = std::make_unique<const Tagger>(Tagger::load(vm["model"].as<std::string>()));
        } catch (const std::runtime_error& e) {
            throw SetupError(e.what());
        }
    }
    const bool combine = vm.count("combine") != 0, tagger_kind = vm.count("tagger-kind") != 0;
    if ((combine || tagger_kind) && !tagger) throw UsageError("--combine and --tagger-kind need --model");
    if (tagger_kind && !combine) throw UsageError("--tagger-kind needs --combine");
    // Nothing here reads a stem (the tagger neither), and only the tagger
    // reads the tokens once the entities are found.
    auto analyse_one = [&](Article&& article) {
        if (!tagger) return analyse_article(std::move(article), lexicons, kEntitiesOnly);
        if (combine) {
            AnalysedArticle a = analyse_article(std::move(article), lexicons, {Stems::skip, true});
            // The rules' own output serves as the rule features (no second run).
            const auto tagged = tagger->recognise_names(a.article.text, a.text_tokens, lexicons, &a.entities);
            a.entities = combine_entities(std::move(a.entities), tagged, tagger_kind);
            return a;
        }
        AnalysedArticle a;
        a.article = std::move(article);
        a.text_tokens = analyse(a.article.text, Stems::skip);
        a.entities = tagger->recognise_entities(a.article.text, a.text_tokens, lexicons, a.article.published);
        return a;
    };

    std::vector<Article> chunk;
    auto flush = [&] {
        std::vector<std::string> lines(chunk.size());
        parallel_for(chunk.size(), threads,
                     [&](std::size_t i) { lines[i] = extract_json(analyse_one(std::move(chunk[i]))); });
        for (const auto& line : lines) std::cout << line << '\n';
        chunk.clear();
    };
    std::size_t rejected = 0;
    read_inputs(
        read,
        [&](Article&& article) {
            chunk.push_back(std::move(article));
            if (chunk.size() >= 256) flush();
        },
        [&](const Reject& r) {
            ++rejected;
            std::fprintf(stderr, "%s: %s\n", r.source.c_str(), r.reason.c_str());
        },
        [](const std::string& warning) { std::fprintf(stderr, "depeche-extract: %s\n", warning.c_str()); });
    flush();
    std::cout.flush();
    if (!std::cout) throw SetupError("cannot write to standard output");
    return rejected ? kExitRejected : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    return guarded_main("depeche-extract", [&] { return run(argc, argv); });
}
