FROM alpine:3.20
# --no-network reads no index (only the local cache and named files), and
# --simulate changes nothing: neither leaves an index in /var/cache/apk.
RUN apk add --no-network --virtual .run-deps so:libc.musl-x86_64.so.1
RUN apk add --simulate curl
# The positive twin.
# want "apk-no-cache"
RUN apk add --virtual .run-deps curl
