FROM golang:1.22 AS builder
RUN go build -o /app .
FROM alpine:3.20 AS license-set
RUN echo x > /out
FROM alpine:3.20 AS final
# want "copy-from-unknown-stage"
COPY --from=buidler /app /app
# want "copy-from-unknown-stage"
COPY --from=set /out /out
# want "copy-from-unknown-stage"
COPY --from=final /x /y
# want "copy-from-unknown-stage"
COPY --from=3 /x /y
# want "copy-from-unknown-stage"
COPY --from=later /x /y
# want "copy-from-unknown-stage"
RUN --mount=type=bind,from=buildr,source=/app,target=/mnt/app cp /mnt/app /usr/local/bin/app
FROM alpine:3.20 AS later
