FROM debian:bookworm-slim
WORKDIR /app
COPY . .
# want "install-after-copy-all"
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20
ADD . /srv
WORKDIR /srv
EXPOSE 8080
# want "install-after-copy-all"
RUN apk add --no-cache curl

FROM fedora:40
COPY . /src
# want "install-after-copy-all"
RUN dnf -y install ./vendor/tool.rpm && dnf clean all
