# escape=`
FROM debian:bookworm-slim AS build
RUN apt-get update `
 && apt-get install -y --no-install-recommends build-essential `
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN make

FROM debian:bookworm-slim
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
COPY --from=build /app/out /usr/local/bin/
COPY config/ /etc/app/
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20 AS other
COPY . /srv

FROM alpine:3.20
RUN if [ -n "$DEBUG" ]; then apk add --no-cache strace; fi
