package analysis

import "strings"

// ImageRef is an image reference split into its parts:
// [registry/]repository[:tag][@digest].
type ImageRef struct {
	Registry   string // "" for Docker Hub
	Repository string // "library/python" is written "python"
	Tag        string
	Digest     string
}

// ParseImageRef splits ref. It does not validate.
func ParseImageRef(ref string) ImageRef {
	var r ImageRef
	if i := strings.Index(ref, "@"); i >= 0 {
		ref, r.Digest = ref[:i], ref[i+1:]
	}
	if i := strings.LastIndex(ref, ":"); i >= 0 && !strings.Contains(ref[i:], "/") {
		ref, r.Tag = ref[:i], ref[i+1:]
	}
	if i := strings.Index(ref, "/"); i >= 0 {
		first := ref[:i]
		if strings.ContainsAny(first, ".:") || first == "localhost" {
			r.Registry, ref = first, ref[i+1:]
		}
	}
	r.Repository = ref
	return r
}

// Official is the Docker Hub official image name ("python" for "python" or
// "library/python" or "docker.io/library/python"), or "".
func (r ImageRef) Official() string {
	if r.Registry != "" && r.Registry != "docker.io" && r.Registry != "index.docker.io" {
		return ""
	}
	repo := strings.TrimPrefix(r.Repository, "library/")
	if strings.Contains(repo, "/") {
		return ""
	}
	return repo
}

// String reassembles the reference.
func (r ImageRef) String() string {
	s := r.Repository
	if r.Registry != "" {
		s = r.Registry + "/" + s
	}
	if r.Tag != "" {
		s += ":" + r.Tag
	}
	if r.Digest != "" {
		s += "@" + r.Digest
	}
	return s
}
