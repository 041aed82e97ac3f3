package analysis

// Severity orders findings the way LSP does: lower is more severe.
type Severity int

// Severities, numbered as in LSP so conversion is a cast.
const (
	SeverityError       Severity = 1
	SeverityWarning     Severity = 2
	SeverityInformation Severity = 3
	SeverityHint        Severity = 4
)

// String is the word `layerwise check` prints.
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	case SeverityInformation:
		return "info"
	case SeverityHint:
		return "hint"
	}
	return "unknown"
}

// Sources of findings.
const (
	SourceBuildKit  = "buildkit"
	SourceLayerwise = "layerwise"
)

// Related points at another place involved in a finding (the earlier layer a
// cleanup cannot shrink, the install a broad COPY invalidates).
type Related struct {
	Range   Range
	Message string
}

// Finding is one problem found in a Dockerfile.
type Finding struct {
	Code     string // rule ID, e.g. "StageNameCasing" or "apk-no-cache"
	Source   string // SourceBuildKit or SourceLayerwise
	Severity Severity
	Message  string
	URL      string // documentation of the rule, if any
	Range    Range
	Related  []Related
	// Data carries what a fixer needs (for example the stage being renamed);
	// it travels to the client and back in code action requests.
	Data map[string]string
}
