package analysis

import (
	"reflect"
	"testing"
)

func TestSteps(t *testing.T) {
	cases := []struct {
		file string
		want []string // the text of each step; nil: no steps
	}{
		{"FROM a\nRUN a && b || c; d\n", []string{"a", "b", "c", "d"}},
		{"FROM a\nRUN a | b > /log && for x in 1 2; do c; done\n", []string{"a | b > /log", "for x in 1 2; do c; done"}},
		{"FROM a\nRUN a \\\n && b\n", []string{"a", "b"}},
		{"FROM a\nRUN if x; then a && b; fi && (c; d)\n", []string{"if x; then a && b; fi", "(c; d)"}},
		{"FROM a\nRUN <<EOF\nset -e\na && b\nEOF\n", []string{"set -e", "a", "b"}},
		{"FROM a\nRUN sh -c 'a && b' && c\n", []string{"sh -c 'a && b'", "c"}},
		{"FROM a\nRUN a && b &\n", nil},
		{"FROM a\nRUN [\"a\", \"b\"]\n", nil},
		{"FROM a\nRUN a && (b\n", nil},
		{"FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\n", nil},
	}
	for _, tc := range cases {
		f := Parse(tc.file)
		in := f.Instructions[1]
		var got []string
		for _, r := range in.Steps(f) {
			got = append(got, f.Text[r.Start.Offset:int(r.End.Offset)])
		}
		if tc.want == nil && got != nil || tc.want != nil && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: steps %q, want %q", tc.file, got, tc.want)
		}
	}
	f := Parse("FROM a\nRUN a && b\n")
	steps := f.Instructions[1].Steps(f)
	if i, ok := StepOf(steps, int(f.Instructions[1].Args[0].Range.Start.Offset)); !ok || i != 0 {
		t.Errorf("StepOf = %d, %v", i, ok)
	}
	if _, ok := StepOf(steps, 0); ok {
		t.Error("StepOf found a step at the FROM")
	}
}
