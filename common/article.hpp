#pragma once
// A dispatch as read from an input file, before analysis.

#include <map>
#include <string>

#include "dates.hpp"

namespace depeche {

struct Article {
    std::string id;          ///< stable id: the JSON "id", else derived from the content
    PartialDate published;   ///< publication date, at the precision given (year-month at least)
    std::string title;       ///< may be empty
    std::string text;        ///< body, UTF-8 NFC
    std::string extra_json;  ///< JSON object of the other JSON Lines fields ("{}" when none)
    std::string source;      ///< "FILE:LINE" where it was read
};

}  // namespace depeche
