FROM alpine:3.20
ADD --chmod=755 https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /sbin/tini
ENTRYPOINT ["/sbin/tini", "--"]
