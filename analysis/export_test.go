package analysis

// What the tests of package analysis_test, which run the real rules, need
// of this package's own test helpers and internals.
var (
	Describe         = describe
	DescribeFindings = describeFindings
	Corpus           = testFiles
	At               = at
)

// ParseWhole parses text in one piece with BuildKit's parser, as ParseWith
// does when the chunks are wrong.
func ParseWhole(text string) *File { return parseWhole(text, NewLines(text)) }

// SetIndexedCreations sets the size above which a stage's creations are
// indexed, and returns the old one.
func SetIndexedCreations(n int) int {
	old := indexedCreations
	indexedCreations = n
	return old
}
