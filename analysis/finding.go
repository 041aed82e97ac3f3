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
	// Data is what the rule's fixer needs to mend the finding: a value of a
	// type the rule declares (rules.MergeRuns, ...), or nil. It names
	// instructions by Ref and places inside an instruction by offsets from
	// its start, never by absolute position, so a finding the cache moves
	// with its stage keeps its Data as it is.
	Data any
}

// Ref names an instruction in a finding's Data by its place in the stage
// the finding lies in (its FROM is place 0): a finding moved with its stage
// still names the same instruction. The zero Ref names none. Rules make
// them with Pass.Ref; fixers read them with File.Resolve.
type Ref struct{ place int32 } // the place plus one

// refTo is in's Ref; in belongs to a stage.
func refTo(in *Instruction) Ref {
	if in == nil || in.Stage == nil {
		return Ref{}
	}
	return Ref{place: int32(stagePos(in.Stage, in)) + 1}
}

// Resolve returns the instruction r names in the stage of fd (the stage of
// the instruction fd starts in), or nil.
func (f *File) Resolve(fd Finding, r Ref) *Instruction {
	if r.place == 0 {
		return nil
	}
	at := f.InstructionAt(int(fd.Range.Start.Offset))
	if at == nil || at.Stage == nil {
		return nil
	}
	ins := at.Stage.Instructions
	if i := int(r.place) - 1; i < len(ins) {
		return ins[i]
	}
	return nil
}
