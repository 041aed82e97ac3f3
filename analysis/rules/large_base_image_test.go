package rules

import (
	"testing"

	"github.com/layerwise/layerwise/analysis"
)

// TestVariantFor: the suggested image is a tag that exists in the image's
// own tag family, or none.
func TestVariantFor(t *testing.T) {
	for _, tc := range []struct{ image, variant, want string }{
		{"python:3.12", "slim", "python:3.12-slim"},
		{"python:3.12-bookworm", "slim", "python:3.12-slim-bookworm"},
		{"python", "slim", "python:slim"},
		{"python:3.12-bookworm", "alpine", "python:3.12-alpine"},
		{"node:20", "alpine", "node:20-alpine"},
		{"debian:bookworm", "slim", "debian:bookworm-slim"},
		{"debian", "slim", "debian:bookworm-slim"},
		{"debian:12.5", "slim", ""},
		{"php:8.3", "alpine", "php:8.3-alpine"},
		{"php:8.3-cli", "alpine", "php:8.3-cli-alpine"},
		{"php:8.3-fpm-bookworm", "alpine", "php:8.3-fpm-alpine"},
		{"php:8.3-zts", "alpine", "php:8.3-zts-alpine"},
		{"php:8.3-apache", "alpine", ""},
		{"php:8.3-apache-bookworm", "alpine", ""},
		{"eclipse-temurin:21", "jre", "eclipse-temurin:21-jre"},
		{"eclipse-temurin:21-jdk-jammy", "jre", "eclipse-temurin:21-jre-jammy"},
		{"eclipse-temurin", "jre", ""},
		{"nginx:1.27", "alpine", "nginx:1.27-alpine"},
		{"nginx", "alpine", "nginx:alpine"},
		{"docker.io/library/redis:7", "alpine", "docker.io/library/redis:7-alpine"},
	} {
		if got := variantFor(analysis.ParseImageRef(tc.image), tc.variant); got != tc.want {
			t.Errorf("variantFor(%s, %s) = %q, want %q", tc.image, tc.variant, got, tc.want)
		}
	}
}
