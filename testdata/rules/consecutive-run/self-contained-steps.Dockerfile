# The official images' style: each RUN installs, uses and cleans up after
# itself. A RUN of more than two commands is a deliberate step of its own,
# and ends the run of RUNs before and after it.
FROM alpine:3.20
RUN set -eux; \
    apk add --no-cache --virtual .fetch curl; \
    curl -fsSLo /usr/local/bin/tini https://example.com/tini; \
    apk del .fetch
RUN set -eux; \
    apk add --no-cache ca-certificates; \
    update-ca-certificates
# Small RUNs that repeat package work are still worth merging.
RUN apk add --no-cache tzdata
# want "consecutive-run"
RUN apk add --no-cache bash
