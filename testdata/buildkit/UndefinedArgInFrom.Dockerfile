ARG VERSION=3.20
ARG NODE_VERSON
FROM alpine:${VERSIN}
FROM --platform=$BUILDPLATFORM alpine:$VERSION AS ok
FROM node:${NODE_VERSION:-22} AS typo
FROM alpine:$TARGETARCH AS builtin
FROM alpine:${HTTP_PROXY} AS proxy
FROM --platform=${PLATFORM:-linux/amd64} alpine AS plat
