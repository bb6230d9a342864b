# ruff: noqa: E501
"""The query language, in words for researchers: shown by the app's search help.

The same text is ``docs/search.md`` in the repository (a test keeps them equal).
"""

QUERY_HELP = """\
# Searching a project

Type words into the search box (or `fieldkit search QUERY`). fieldkit answers from an index
inside the project, so a search over thousands of documents takes milliseconds. It searches
document text, speaker names (they open every turn of a transcript), photo captions, document
memos, coding memos and the codebook (code names, definitions, inclusion, exclusion, examples
and code memos).

## Words

| you type | finds |
|---|---|
| `press brake` | texts with both words, anywhere (every word must occur) |
| `operators` | also `operator`, `operating` — words are stemmed in the project's language (Dutch or English) |
| `coordinatie` | also `Coördinatie` — capitals and accents do not matter |
| `"new press brake"` | those words in this order (an exact phrase; capitals and accents still do not matter) |
| `lasrobot*` | every word that starts with `lasrobot`: `lasrobots`, `lasrobotcel` — handy for Dutch compounds |
| `training OR opleiding` | either word |
| `(training OR opleiding) collega` | brackets group words |
| `leren -cursus` | `leren` in texts without `cursus`; `NOT cursus` means the same |
| `NEAR(collega helpen, 5)` | the words at most 5 words apart, in any order (10 when no number is given) |
| `kantbnak~` | words one typing slip away: a letter added, left out or changed, or two neighbouring letters swapped (`kantbank`); `kantbnak~2` allows two. The words come from the project's own vocabulary |
| `/kant\\w*bank/` | a regular expression (Python's), see below |

## Regular expressions

A term between slashes is a regular expression in Python's syntax: `/lasrobot(ten|s)?/`,
`/\\bkant\\w+/`, `/\\d{4}-\\d{2}/`. It is matched on the text as the index sees it:
capitals do not matter and accents are left out (`/coordinatie/` finds `Coördinatie`, `/strasse/`
finds `Straße`), while spaces, punctuation, line breaks and emoji stay as they are. A hit is the
original text the expression matched. Combine it with words and filters: `/kant\\w+/ piet
site:metaal`, `/ja,? maar/ speaker:sanne` (inside one turn of that speaker; with `code:`, inside
one coded segment; a word cut by the segment's edge is not part of it). Every expression must
match; an expression cannot stand in an `OR`, in brackets or after `-`. An expression that is
not well formed (`/kant(/`) is refused with a one-line message. An expression is first looked up
in the project's own words (`/\\bkant\\w*/`, `/\\d{4}/`, `/[a-z]+heid/`) and in the spaces and
punctuation between them (`/\\s{3}/`, `/[.!?]{2,}/`), so only the texts that can match are read;
the first search after a change reads every text once, which takes a moment in a large project.
An expression only a full read can decide (`/\\w+\\.$/`: a text ending in a word and a full
stop) is the slowest.

## Filters

Filters narrow a search; put them anywhere in the query. Values with spaces go in quotes:
`site:"Van Dijk Metaal"`. The same filter twice means either value (`kind:fieldnote
kind:memo`); different filters must all hold.

| filter | keeps hits … |
|---|---|
| `site:metaal` | in documents of a site whose name contains the value |
| `kind:transcript` | in documents of that kind: `fieldnote`, `transcript`, `photo`, `esm`, `memo` (memo documents and all memos), `text`, `pdf`, `code` (the codebook) |
| `speaker:sanne` | spoken by a speaker whose name starts with the value, all the words of the search in one turn (ESM answers count as spoken by their participant) |
| `code:"Peer help"` | inside segments coded with that code or a code below it (name or path such as `Learning/Informal/Peer help`), all the words of the search in one segment, and in the memos of such codings |
| `code:"Peer help AND Time pressure"` | inside text that satisfies a coding query (below) |
| `coder:anouk` | inside segments coded by that coder (with `code:`, the same coding must match both) |
| `after:2026-03-01` | from that day on (the visit date, or the day the document was added) |
| `before:2026-04-01` | before that day |
| `set:"Interviews Oost"` | in the documents of that document set (its name, short id or UUID; see `fieldkit sets`) |
| `attr:afdeling=Lasserij` | where the attribute values satisfy a condition: `attr:jaren<5`, `attr:"afdeling = Lasserij Noord"`, `attr:"not leerling = ja"` (`=` `!=` `<` `<=` `>` `>=`, `~` for "contains"; and/or/not). A hit counts like a coding there: the document's own value, else its case's (in a case part, such as one respondent's answer, that case's), else its participant's. Two `attr:` filters must both hold |

### Filters alone: a speaker's turns, a code's segments

`speaker:`, `code:` or `coder:` with no words lists what they stand for, one hit each, in text
order (by document, then place): `speaker:kees` every turn of Kees (and, as ESM answers count as
spoken by their participant, the whole text of each of Kees's own documents that have no turns);
`code:"Peer help"` every segment coded Peer help or a code below it (each coder's coding is its
own hit); `coder:anouk` every segment Anouk coded; `code:"A AND B"` the regions of that coding
query. The other filters narrow the list: `speaker:kees site:metaal after:2026-03-01`,
`code:"Peer help" set:"Interviews Oost"`, `code:"Peer help" attr:afdeling=Lasserij` (the part of
each segment where the condition holds), `code:"Peer help" speaker:kees` (the part of each segment
inside Kees's turns). A hit is the whole turn or segment: the list shows its first and last words
(`Kees: Ik werk hier … altijd al zo.`), selecting it selects all of it, and **Code all hits**
codes exactly those turns or segments, in one step. An area of a photo is listed with its
caption, but Code all hits leaves it out (it codes text).

### Coding queries in `code:`

A `code:` value with an operator in capitals is a coding query, the same language as
`fieldkit segments` and the Coding query tab of the Analysis window. What stands between the
operators is one code (its name or path; small words such as "and" in `Trial and error` are part
of the name):

| `code:"…"` | keeps hits … |
|---|---|
| `code:"Peer help AND Time pressure"` | where segments of both codes overlap |
| `code:"Peer help OR Time pressure"` | in segments of either code |
| `code:"Peer help NOT Time pressure"` | in Peer help segments, outside any Time pressure segment |
| `code:"Peer help NEAR/10 Time pressure"` | in segments of either code with at most 10 words between a Peer help and a Time pressure segment (`NEAR` alone: 10) |
| `code:"New machine FOLLOWED BY Trial and error"` | in New machine segments followed later in the same document by Trial and error, and in those Trial and error segments (`FOLLOWED BY/TURN`: in the same speaker turn or paragraph) |
| `code:"(Peer help OR Observation) NOT Formal"` | brackets group; `NEAR` and `FOLLOWED BY` bind tightest, then `AND`/`NOT`, then `OR` |

Codes are taken exactly (not the codes below them); `coder:` applies to every code of the query.
A code that does not exist, or a query that is not well formed, finds nothing and says why.

What a coding query finds goes to Word with **Word…** in the Coding query tab, or
`fieldkit segments "A NOT B" --docx OUT.docx` (beside `--xlsx`): per document, each segment as a
quote with its speaker, paragraph and timestamp. These are text regions, not codings (`A NOT B`
is the part of A outside B); the Word report of coded segments is Export in the File menu.

## Results

Hits come best first (bm25 ranking). Each hit shows its document, site, visit date, speaker
and the words around it, with the matched words marked «like this». Selecting a hit opens the
document with the words selected. **Code all hits** applies a code to every hit of the
search, to the speaker turn around each hit, or to the paragraph (line) around each hit — in
one step that one Undo takes back. Searches you use often can be saved under a name.

## Anything goes

You cannot break a search. When the input is not a well-formed query — a quote or bracket
left open, `OR` with nothing after it, a filter fieldkit does not know such as `plaats:` —
fieldkit searches for the plain words you typed (filters it does know still apply) and says so
above the results. Punctuation and symbols are ignored.
"""
