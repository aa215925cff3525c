// depeche-train-tagger: trains the statistical name tagger (common/tagger.hpp)
// on token-tagged files and writes the model.
//
// Input formats, recognised per file:
//   HIPE-2022 TSV (header line "TOKEN<TAB>..."; NE-COARSE-LIT column; one
//     document per "# hipe2022:document_id"; text rebuilt from the MISC flags
//     as bench/accuracy/hipe.py does);
//   CoNLL "index<TAB>token<TAB>tag" with blank lines between sentences
//     (10 sentences per document);
//   "token TAG" per line (Europeana): documents cut at ". ! ?" outside an
//     entity once 250 tokens long, and at the page starts listed in a
//     neighbouring FILE-without-.bio + ".md" (enp_FR.bnf.md) when present.
// Tags are IOB1 or IOB2; PER/pers, LOC/loc, ORG/org are kept, other types
// are O. Labels go to the tokens of depeche's analyser (analyse()) by byte
// overlap, so the tagger learns on the tokens it will see.

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer.hpp"
#include "lexicon.hpp"
#include "recogniser.hpp"
#include "tagger.hpp"

using namespace depeche;

namespace {

const char* const kUsage = R"(Usage: depeche-train-tagger --out MODEL --train FILE [--train FILE...] [options]

Options:
  --train FILE      training file (HIPE TSV, CoNLL or "token TAG"); repeatable
  --dev FILE        file scored after training (strict span P/R/F1 on analyser
                    tokens; never used for training); repeatable
  --holdout N       keep every Nth training document out of training and score
                    it like --dev (0: none; default 0)
  --epochs N        passes over the data (default 10)
  --bits B          2^B hashed weight rows (default 20; file ~ 2^B x 14 bytes)
  --rules           use the rule-based recogniser's labels as features
  --no-lexicon      no lexicon features
  --titles          in non-HIPE files, extend persons over a title before them
                    ("M. Dupont", "général Durand"), as HIPE annotates them
  --seed S          shuffling seed (default 1)
  --lexicons DIR    lexicon folder (default: the installed or source one)
  --out MODEL       model file to write
)";

struct Row {
    std::string token;
    std::string tag;
    std::string misc;
};

struct Doc {
    std::string name;
    std::vector<Row> rows;
    bool hipe = false;
};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t p = s.find(sep, start);
        out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos) return out;
        start = p + 1;
    }
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool is_entity_tag(const std::string& tag) {
    return tag.size() > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-';
}

std::vector<Doc> read_hipe(const std::string& path, std::istream& in) {
    std::vector<Doc> docs;
    std::string line;
    std::size_t col = 1;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("TOKEN\t", 0) == 0) {
            const auto cells = split(line, '\t');
            for (std::size_t i = 0; i < cells.size(); ++i)
                if (cells[i] == "NE-COARSE-LIT") col = i;
        } else if (line.rfind("#", 0) == 0) {
            const auto eq = line.find('=');
            if (eq != std::string::npos && line.find(":document_id") != std::string::npos &&
                line.find(":document_id") < eq) {
                std::string id = line.substr(eq + 1);
                id.erase(0, id.find_first_not_of(' '));
                docs.push_back(Doc{path + "#" + id, {}, true});
            }
        } else if (!line.empty() && !docs.empty()) {
            const auto cells = split(line, '\t');
            docs.back().rows.push_back(Row{cells[0], cells.size() > col ? cells[col] : "O", cells.back()});
        }
    }
    return docs;
}

std::vector<Doc> read_conll(const std::string& path, std::istream& in) {
    std::vector<std::vector<Row>> sentences(1);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto cells = split(line, '\t');
        if (cells.size() >= 3)
            sentences.back().push_back(Row{cells[1], cells[2], ""});
        else if (!sentences.back().empty())
            sentences.emplace_back();
    }
    std::vector<Doc> docs;
    for (std::size_t i = 0; i < sentences.size(); i += 10) {
        Doc d{path + "#" + std::to_string(docs.size() + 1), {}, false};
        for (std::size_t k = i; k < std::min(i + 10, sentences.size()); ++k)
            d.rows.insert(d.rows.end(), sentences[k].begin(), sentences[k].end());
        if (!d.rows.empty()) docs.push_back(std::move(d));
    }
    return docs;
}

std::vector<Doc> read_token_tag(const std::string& path, std::istream& in) {
    std::vector<Row> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto sp = line.rfind(' ');
        if (sp == std::string::npos || sp == 0) continue;
        rows.push_back(Row{line.substr(0, sp), line.substr(sp + 1), ""});
    }
    // page starts: "[**L000001 - L006184**]" in the .md beside the file (1-based line numbers)
    std::set<std::size_t> starts{0};
    std::string md = path;
    if (ends_with(md, ".bio")) md = md.substr(0, md.size() - 4);
    std::ifstream mdf(md + ".md");
    if (mdf) {
        std::stringstream ss;
        ss << mdf.rdbuf();
        const std::string text = ss.str();
        static const std::regex re(R"(\[\*\*L(\d+) - L\d+\*\*\])");
        for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
            starts.insert(std::stoul((*it)[1].str()) - 1);
    }
    std::vector<Doc> docs;
    Doc cur{path + "#1", {}, false};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (starts.count(i) && !cur.rows.empty()) {
            docs.push_back(std::move(cur));
            cur = Doc{path + "#" + std::to_string(docs.size() + 1), {}, false};
        }
        cur.rows.push_back(rows[i]);
        const std::string& t = rows[i].token;
        const bool next_inside = i + 1 < rows.size() && rows[i + 1].tag.rfind("I-", 0) == 0;
        if (cur.rows.size() >= 250 && (t == "." || t == "!" || t == "?") && !is_entity_tag(rows[i].tag) &&
            !next_inside) {
            docs.push_back(std::move(cur));
            cur = Doc{path + "#" + std::to_string(docs.size() + 1), {}, false};
        }
    }
    if (!cur.rows.empty()) docs.push_back(std::move(cur));
    return docs;
}

std::vector<Doc> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string first;
    std::getline(in, first);
    in.seekg(0);
    if (first.rfind("TOKEN\t", 0) == 0 || first.rfind("# hipe2022", 0) == 0) return read_hipe(path, in);
    if (std::count(first.begin(), first.end(), '\t') >= 2) return read_conll(path, in);
    return read_token_tag(path, in);
}

// ---------------------------------------------------------------- text

bool alnum_edge(const std::string& s, bool last) {
    // ASCII letters/digits, and any non-ASCII character (letters, in practice)
    if (s.empty()) return false;
    if (last) {
        std::size_t i = s.size() - 1;
        while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) return std::isalnum(c);
        return s.compare(i, std::string::npos, "\xC2\xBB") != 0 && s.compare(i, std::string::npos, "\xC2\xAC") != 0;
    }
    const auto c = static_cast<unsigned char>(s[0]);
    return c < 0x80 ? std::isalnum(c) != 0 : !(s.rfind("\xC2\xAB", 0) == 0 || s.rfind("\xE2\x80", 0) == 0);
}

bool alpha_first(const std::string& s) {
    if (s.empty()) return false;
    const auto c = static_cast<unsigned char>(s[0]);
    return c < 0x80 ? std::isalpha(c) != 0 : !(s.rfind("\xC2\xAB", 0) == 0 || s.rfind("\xE2\x80", 0) == 0);
}

// hipe.py's lost_break: NoSpaceAfter between two words, or after a stop before a word.
bool lost_break(const std::string& tok, const std::string& next) {
    if (tok.empty() || next.empty() || ends_with(tok, "\xC2\xAC")) return false;
    if (alnum_edge(tok, true) && alnum_edge(next, false)) return true;
    const std::string stops = ".,;:!?)";
    const bool stop_end = stops.find(tok.back()) != std::string::npos || ends_with(tok, "\xC2\xBB");
    return stop_end && alpha_first(next);
}

// The text of a document and the byte span of each of its tokens.
std::string rebuild(const Doc& d, std::vector<std::pair<std::size_t, std::size_t>>& spans) {
    std::string text;
    spans.clear();
    std::vector<std::string> toks;
    for (const Row& r : d.rows) toks.push_back(to_nfc(r.token));
    for (std::size_t i = 0; i < toks.size(); ++i) {
        std::string tok = toks[i];
        if (d.hipe) {
            const std::string& misc = d.rows[i].misc;
            const bool nsa = misc.find("NoSpaceAfter") != std::string::npos;
            if (nsa && ends_with(tok, "\xC2\xAC") && tok.size() > 2) tok.resize(tok.size() - 2);
            spans.emplace_back(text.size(), text.size() + tok.size());
            text += tok;
            if (i + 1 < toks.size()) {
                if (!nsa)
                    text += misc.find("EndOfLine") != std::string::npos ? "\n" : " ";
                else if (lost_break(toks[i], toks[i + 1]))
                    text += "\n";
            }
        } else {
            if (i) {
                const std::string& prev = toks[i - 1];
                const bool glue = ends_with(prev, "'") || ends_with(prev, "\xE2\x80\x99") || ends_with(prev, "(") ||
                                  ends_with(prev, "[") || tok == "," || tok == "." || tok == ")" || tok == "]" ||
                                  tok == "...";
                if (!glue) text += " ";
            }
            spans.emplace_back(text.size(), text.size() + tok.size());
            text += tok;
        }
    }
    // the readers trim spaces at the edges; we have none at the start
    return text;
}

// Titles and functions before a person's name. HIPE annotates them as part
// of the name ("M. Poincaré", "le président Wilson" -> "président Wilson");
// Europeana leaves them out. --titles extends the persons of non-HIPE files
// over such a word (and a "." token after an abbreviation), so that both
// kinds of training file teach the HIPE convention.
bool is_title(std::string word) {
    static const std::set<std::string> kTitles = {
        "m",         "mm",        "mme",         "mmes",         "mlle",      "mlles",      "me",         "mgr",
        "dr",        "monsieur",  "madame",      "mademoiselle", "messieurs", "docteur",    "professeur", "abbé",
        "baron",     "baronne",   "comte",       "comtesse",     "duc",       "duchesse",   "marquis",    "marquise",
        "prince",    "princesse", "général",     "colonel",      "capitaine", "lieutenant", "commandant", "amiral",
        "maréchal",  "président", "sénateur",    "député",       "ministre",  "roi",        "reine",      "pape",
        "cardinal",  "empereur",  "impératrice", "lord",         "sir",       "lady",       "maître",     "citoyen",
        "citoyenne", "abbe",      "general",     "president",    "senateur",  "depute",     "marechal",   "maitre"};
    if (!word.empty() && word.back() == '.') word.pop_back();
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return kTitles.count(word) != 0;
}

bool g_titles = false;

// Gold entities as token ranges (IOB1/IOB2, as bench/accuracy/scoring.py decode_bio).
std::vector<TagSpan> gold_spans(const Doc& d) {
    std::vector<int> labels;
    for (const Row& r : d.rows) {
        int l = parse_tag_label(r.tag);
        labels.push_back(l < 0 ? 0 : l);
    }
    std::vector<TagSpan> spans = spans_of_labels(labels);
    if (g_titles && !d.hipe) {
        for (TagSpan& s : spans) {
            if (s.kind != EntityKind::person || s.first == 0) continue;
            std::size_t j = s.first - 1;
            if (d.rows[j].token == "." && j > 0 && labels[j] == 0 && labels[j - 1] == 0 &&
                d.rows[j - 1].token.size() <= 4 && is_title(d.rows[j - 1].token))
                s.first = j - 1;
            else if (labels[j] == 0 && is_title(d.rows[j].token))
                s.first = j;
        }
    }
    return spans;
}

TaggedText to_tagged(const Doc& d) {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    TaggedText t;
    t.text = rebuild(d, spans);
    std::vector<std::pair<std::pair<std::size_t, std::size_t>, EntityKind>> ents;
    for (const TagSpan& s : gold_spans(d)) ents.push_back({{spans[s.first].first, spans[s.last - 1].second}, s.kind});
    const std::vector<Token> tokens = analyse(t.text);
    t.labels = labels_from_byte_spans(t.text, tokens, ents);
    return t;
}

struct Counts {
    std::map<int, std::size_t> gold, pred, tp;
};

// Token spans of entity mentions (dates and title mentions left out).
std::vector<TagSpan> spans_of_entities(std::string_view text, const std::vector<Token>& tokens,
                                       const std::vector<Entity>& entities) {
    std::vector<std::pair<std::pair<std::size_t, std::size_t>, EntityKind>> ents;
    for (const Entity& e : entities)
        if (e.kind != EntityKind::date)
            for (const Mention& m : e.mentions)
                if (!m.in_title) ents.push_back({{m.start, m.end}, e.kind});
    return spans_of_labels(labels_from_byte_spans(text, tokens, ents));
}

// Scores the tagger alone, the rules alone, and the two combinations
// (combine_entities, without and with the tagger's kind), so that the choice
// between them is made on held-out training data, never on an evaluation set.
void score(const Tagger& tagger, const std::vector<TaggedText>& docs, const Lexicons& lex, const std::string& what) {
    const char* const systems[] = {"tagger", "rules", "combined", "combined, tagger kind"};
    Counts c[4];
    for (const TaggedText& d : docs) {
        const auto tokens = analyse(d.text);
        const auto gold = spans_of_labels(d.labels);
        const std::vector<Entity> rules = recognise_names(d.text, tokens, lex);
        const std::vector<Entity> tagged = tagger.recognise_names(d.text, tokens, lex, &rules);
        const std::vector<TagSpan> pred[4] = {spans_of_entities(d.text, tokens, tagged),
                                              spans_of_entities(d.text, tokens, rules),
                                              spans_of_entities(d.text, tokens, combine_entities(rules, tagged, false)),
                                              spans_of_entities(d.text, tokens, combine_entities(rules, tagged, true))};
        std::set<std::tuple<std::size_t, std::size_t, int>> g;
        for (const auto& s : gold) g.insert({s.first, s.last, static_cast<int>(s.kind)});
        for (int k = 0; k < 4; ++k) {
            for (const auto& s : gold) ++c[k].gold[static_cast<int>(s.kind)];
            for (const auto& s : pred[k]) {
                ++c[k].pred[static_cast<int>(s.kind)];
                if (g.count({s.first, s.last, static_cast<int>(s.kind)})) ++c[k].tp[static_cast<int>(s.kind)];
            }
        }
    }
    std::printf("%s (strict spans on analyser tokens)\n", what.c_str());
    auto line = [](const char* name, std::size_t g, std::size_t p, std::size_t t) {
        const double pr = p ? double(t) / p : 0, rc = g ? double(t) / g : 0, f = pr + rc ? 2 * pr * rc / (pr + rc) : 0;
        std::printf("    %-4s gold %5zu pred %5zu  P %5.1f  R %5.1f  F1 %5.1f\n", name, g, p, 100 * pr, 100 * rc,
                    100 * f);
    };
    const char* names[] = {"PER", "LOC", "ORG"};
    for (int s = 0; s < 4; ++s) {
        std::printf("  %s\n", systems[s]);
        std::size_t G = 0, P = 0, T = 0;
        for (int k = 0; k < 3; ++k) {
            line(names[k], c[s].gold[k], c[s].pred[k], c[s].tp[k]);
            G += c[s].gold[k];
            P += c[s].pred[k];
            T += c[s].tp[k];
        }
        line("ALL", G, P, T);
    }
}

int run(int argc, char** argv) {
    std::vector<std::string> train_files, dev_files;
    std::string out, lexdir;
    int epochs = 10;
    unsigned holdout = 0, seed = 1;
    TaggerOptions opt;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        if (a == "--train")
            train_files.push_back(value());
        else if (a == "--dev")
            dev_files.push_back(value());
        else if (a == "--holdout")
            holdout = static_cast<unsigned>(std::stoul(value()));
        else if (a == "--epochs")
            epochs = std::stoi(value());
        else if (a == "--bits")
            opt.hash_bits = static_cast<unsigned>(std::stoul(value()));
        else if (a == "--rules")
            opt.rule_features = true;
        else if (a == "--titles")
            g_titles = true;
        else if (a == "--no-lexicon")
            opt.lexicon_features = false;
        else if (a == "--seed")
            seed = static_cast<unsigned>(std::stoul(value()));
        else if (a == "--lexicons")
            lexdir = value();
        else if (a == "--out")
            out = value();
        else if (a == "-h" || a == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        } else
            throw std::invalid_argument("unknown option " + a);
    }
    if (train_files.empty() || out.empty()) throw std::invalid_argument("--train and --out are required");
    const auto t0 = std::chrono::steady_clock::now();
    const Lexicons lex = load_lexicons(find_lexicon_dir(lexdir));

    // A file given k times is trained on k times (its held-out documents stay
    // out every time: the split is by document number within the file).
    std::vector<TaggedText> train, dev;
    std::map<std::string, std::vector<TaggedText>> held;  // per file
    std::map<std::string, std::vector<Doc>> cache;
    for (const auto& f : train_files) {
        if (!cache.count(f)) cache[f] = read_file(f);
        const auto& docs = cache[f];
        const bool first_time = held.find(f) == held.end();
        auto& kept = held[f];
        std::size_t ents = 0, n = 0;
        for (std::size_t k = 0; k < docs.size(); ++k) {
            TaggedText t = to_tagged(docs[k]);
            if (holdout && k % holdout == holdout - 1) {
                if (first_time) kept.push_back(std::move(t));
                continue;
            }
            ents += spans_of_labels(t.labels).size();
            ++n;
            train.push_back(std::move(t));
        }
        std::printf("read %s: %zu documents, %zu trained on (%zu entities)\n", f.c_str(), docs.size(), n, ents);
    }
    for (const auto& f : dev_files)
        for (const Doc& d : read_file(f)) dev.push_back(to_tagged(d));

    Tagger tagger(opt);
    const auto t1 = std::chrono::steady_clock::now();
    const auto report = tagger.train(train, lex, epochs, seed, [&](int epoch, std::size_t mistakes) {
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
        std::printf("epoch %d: %zu token errors (%.1f s)\n", epoch, mistakes, s);
        std::fflush(stdout);
    });
    const double train_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    tagger.save(out);
    const double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("trained on %zu sequences, %zu tokens, %d epochs in %.1f s (%.1f s in all); wrote %s\n",
                report.sequences, report.tokens, epochs, train_s, total_s, out.c_str());
    if (holdout) {
        std::vector<TaggedText> all;
        for (const auto& [f, docs] : held) {
            score(tagger, docs, lex, "held out of " + f + " (1 in " + std::to_string(holdout) + ")");
            all.insert(all.end(), docs.begin(), docs.end());
        }
        score(tagger, all, lex, "all held-out documents");
    }
    if (!dev.empty()) score(tagger, dev, lex, "dev files");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "depeche-train-tagger: %s\n\n%s", e.what(), kUsage);
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "depeche-train-tagger: %s\n", e.what());
        return 1;
    }
}
