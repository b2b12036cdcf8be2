// Dossier's addition to FerretDB 1.24.2's SQLite backend: the trigrams a search requires (see
// dossier_fts.go), copied into its source before it is built (see scripts/lib/ferretdb.mjs). Not
// part of the Node build.
//
// The trigram index may only narrow a search, never lose a row it matches: so what is asked of it
// must hold for every string the regular expression matches. A literal requires its trigrams, a
// concatenation what each of its parts requires, an alternation one of its branches'
// requirements (a branch requiring nothing makes the whole require nothing); classes, "any
// character" and optional parts require nothing. Case-insensitive literals give trigrams only of
// characters whose case variants the tokenizer folds as Go's regexp matches them.

package sqlite

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
)

// dossierReq is what a regular expression requires of a string it matches: nothing (any), or one
// of sets of trigrams, all of which the string holds (as the tokenizer folds them).
type dossierReq struct {
	any  bool
	sets [][]string
}

var dossierAny = dossierReq{any: true}

// dossierTrigramSets is what FerretDB's regular expression (pattern, options: types.Regex.Compile's
// `(?opts)pattern`, Go's regexp) requires of every string it matches; narrows is false when it
// requires no trigram.
func dossierTrigramSets(pattern, options string) ([][]string, bool) {
	full := pattern
	if options != "" {
		full = "(?" + options + ")" + pattern
	}

	re, err := syntax.Parse(full, syntax.Perl)
	if err != nil {
		return nil, false
	}

	r := dossierRequired(re.Simplify())

	return r.sets, !r.any
}

// dossierRequired walks a parsed expression: a literal requires its trigrams; a concatenation
// what each part requires; an alternation one of its branches' requirements; a repetition of at
// least once its body's; anything else (classes, any character, optional parts) nothing.
func dossierRequired(re *syntax.Regexp) dossierReq {
	switch re.Op {
	case syntax.OpLiteral:
		return dossierLiteral(re.Rune, re.Flags&syntax.FoldCase != 0)
	case syntax.OpCapture:
		return dossierRequired(re.Sub[0])
	case syntax.OpPlus:
		return dossierRequired(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return dossierRequired(re.Sub[0])
		}

		return dossierAny
	case syntax.OpConcat:
		r := dossierAny
		for _, sub := range re.Sub {
			r = dossierAnd(r, dossierRequired(sub))
		}

		return r
	case syntax.OpAlternate:
		var sets [][]string

		for _, sub := range re.Sub {
			s := dossierRequired(sub)
			if s.any {
				return dossierAny
			}

			sets = append(sets, s.sets...)
		}

		if len(sets) > dossierFTSMaxSets {
			return dossierAny
		}

		return dossierReq{sets: sets}
	default:
		return dossierAny
	}
}

// dossierAnd requires both; when the alternatives would multiply past the bound, a alone (less
// narrow, still required).
func dossierAnd(a, b dossierReq) dossierReq {
	switch {
	case a.any:
		return b
	case b.any:
		return a
	case len(a.sets)*len(b.sets) > dossierFTSMaxSets:
		return a
	}

	var sets [][]string

	for _, x := range a.sets {
		for _, y := range b.sets {
			set := slices.Clone(x)
			for _, tri := range y {
				if !slices.Contains(set, tri) {
					set = append(set, tri)
				}
			}

			sets = append(sets, dossierFewest(set))
		}
	}

	return dossierReq{sets: sets}
}

// dossierLiteral is what a literal requires: the trigrams of its runs of characters that the
// tokenizer folds as Go's regexp matches them. Without case folding a character matches only
// itself, which the tokenizer folds like the stored one; with it, only a character whose case
// variants the tokenizer folds to one (dossierFTSFolds). Control characters are left out too,
// but for the search text's separators (U+001D–U+001F, which the tokenizer keeps as they are):
// a value's exact match, `<sep><value><sep>`, then narrows by its ends.
func dossierLiteral(runes []rune, fold bool) dossierReq {
	var set []string

	var run []rune

	flush := func() {
		for i := 0; i+3 <= len(run); i++ {
			if tri := string(run[i : i+3]); !slices.Contains(set, tri) {
				set = append(set, tri)
			}
		}

		run = run[:0]
	}

	for _, r := range runes {
		if unicode.IsControl(r) && !dossierFTSSeparator(r) || fold && !dossierFTSFolds(r) && !dossierBreaks("ftsfold") {
			flush()
			continue
		}

		run = append(run, r)
	}

	flush()

	if len(set) == 0 {
		return dossierAny
	}

	return dossierReq{sets: [][]string{dossierFewest(set)}}
}

// dossierFTSFolds reports whether the trigram tokenizer folds all of r's case variants (as Go's
// regexp matches them with (?i)) to one character: r has none (Chinese, digits), or they are all
// ASCII (a/A), or r is k or s, whose variants outside ASCII (the Kelvin sign, ſ) the tokenizer of
// the SQLite this FerretDB links (modernc.org/sqlite v1.32.0, SQLite 3.46.0) folds too. Not any
// other letter with variants outside ASCII: the tokenizer's table and Go's differ for hundreds of
// them (Georgian Ა/ა, Cyrillic в/ᲀ …), so those are not asked of the index.
func dossierFTSFolds(r rune) bool {
	switch r {
	case 'k', 'K', '\u212A', 's', 'S', '\u017F':
		return true
	}

	return dossierASCIIFold(r)
}

// dossierFewest keeps at most dossierFTSMaxTrigrams of a set (each is required, so any subset is
// too): those with a digit or a character outside ASCII first, which narrow more than a field's
// path or an English word.
func dossierFewest(set []string) []string {
	if len(set) <= dossierFTSMaxTrigrams {
		return set
	}

	rare := func(tri string) bool {
		return strings.IndexFunc(tri, func(r rune) bool { return unicode.IsDigit(r) || r > unicode.MaxASCII }) >= 0
	}

	out := slices.Clone(set)
	slices.SortStableFunc(out, func(x, y string) int {
		switch rx, ry := rare(x), rare(y); {
		case rx && !ry:
			return -1
		case ry && !rx:
			return 1
		}

		return 0
	})

	return out[:dossierFTSMaxTrigrams]
}

// dossierFTSSeparator reports whether r is one of the search text's separators
// (lib/records/search-text.ts).
func dossierFTSSeparator(r rune) bool {
	return r >= 0x1d && r <= 0x1f
}

// dossierShortLiteral is the string of one or two characters a regular expression (pattern,
// options, as for dossierTrigramSets) is, as the tokenizer stores every character it matches at
// each place: the character itself when it has no case, lower case for ASCII letters, k and s for
// their variants (the Kelvin sign, ſ). ok is false for anything else — another expression, a
// longer or empty literal, a character of another script with case (the tokenizer's folding of it
// is not known here), a control character but the separators.
func dossierShortLiteral(pattern, options string) (string, bool) {
	full := pattern
	if options != "" {
		full = "(?" + options + ")" + pattern
	}

	re, err := syntax.Parse(full, syntax.Perl)
	if err != nil {
		return "", false
	}

	re = re.Simplify()
	if re.Op != syntax.OpLiteral || len(re.Rune) == 0 || len(re.Rune) > 2 {
		return "", false
	}

	var out []rune

	for _, r := range re.Rune {
		switch {
		case unicode.IsControl(r) && !dossierFTSSeparator(r):
			return "", false
		case r == 'k' || r == 'K' || r == '\u212A':
			out = append(out, 'k')
		case r == 's' || r == 'S' || r == '\u017F':
			out = append(out, 's')
		case r <= unicode.MaxASCII:
			out = append(out, unicode.ToLower(r))
		case unicode.SimpleFold(r) == r:
			out = append(out, r)
		default:
			return "", false
		}
	}

	return string(out), true
}
