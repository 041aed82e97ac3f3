FROM golang:1.22 AS builder
RUN go build -o /app .
FROM alpine:3.20
COPY --from=builder /app /app
COPY --from=0 /app /app2
COPY --from=BUILDER /app /app3
# Images and named build contexts are not stages.
COPY --from=busybox:1.36 /bin/busybox /bin/busybox
COPY --from=docker.io/library/alpine /etc/os-release /tmp/os-release
COPY --from=templates /web.yml /etc/web.yml
ARG SRC=builder
COPY --from=$SRC /app /app4
RUN --mount=type=bind,from=builder,source=/app,target=/mnt/app true
