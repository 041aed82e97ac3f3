// Package benchgen generates realistic multi-stage Dockerfiles of a given
// size for benchmarks: package installs, language toolchains, cache mounts,
// heredocs, comments and continuation lines, with a few of the problems
// layerwise reports, as real files have.
package benchgen

import (
	"fmt"
	"strings"
)

// stageTemplates are written in turn until the file is long enough. %[1]d is
// the stage number.
var stageTemplates = []string{
	`# ---- Go service %[1]d ----
FROM golang:1.22-bookworm AS build%[1]d
ARG VERSION=dev
WORKDIR /src/svc%[1]d
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/svc%[1]d ./cmd/svc
`,
	`# ---- Python worker %[1]d ----
FROM python:3.12-slim AS py%[1]d
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential libpq-dev curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY worker/ ./worker/
RUN apt-get update
RUN apt-get install -y curl
USER 10001
CMD ["python", "-m", "worker"]
`,
	`# ---- Node front end %[1]d ----
FROM node:20-slim AS web%[1]d
WORKDIR /web
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build
RUN <<EOF
set -eu
echo "built web %[1]d"
ls -la dist
EOF
`,
	`# ---- Alpine runtime %[1]d ----
FROM alpine:3.19 AS runtime%[1]d
RUN apk add curl tzdata
RUN addgroup -S app && adduser -S app -G app
COPY --from=build%[1]d /out/svc%[1]d /usr/local/bin/svc
COPY --chown=app:app config/ /etc/svc/
EXPOSE 8080/tcp
HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:8080/healthz || exit 1
USER app
ENTRYPOINT ["/usr/local/bin/svc"]
`,
}

// Dockerfile returns a Dockerfile of at least lines lines (a few more at
// most: stages are not cut in half).
func Dockerfile(lines int) string {
	var b strings.Builder
	b.WriteString("# syntax=docker/dockerfile:1\nARG BASE=alpine:3.19\n")
	n := 5 // the header and the closing stage
	for i := 0; n < lines; i++ {
		t := stageTemplates[i%len(stageTemplates)]
		s := fmt.Sprintf(t, i/len(stageTemplates))
		b.WriteString(s)
		n += strings.Count(s, "\n")
	}
	b.WriteString("FROM ${BASE}\nCOPY --from=runtime0 /usr/local/bin/svc /svc\nCMD [\"/svc\"]\n")
	return b.String()
}

// SingleStage is Dockerfile with every FROM but the first commented out:
// the same instructions in one stage, the shape most Dockerfiles have.
func SingleStage(lines int) string {
	out := strings.Split(Dockerfile(lines), "\n")
	first := true
	for i, l := range out {
		if strings.HasPrefix(l, "FROM ") {
			if !first {
				out[i] = "# " + l
			}
			first = false
		}
	}
	return strings.Join(out, "\n")
}
