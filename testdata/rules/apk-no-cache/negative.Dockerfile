FROM alpine:3.20 AS build
RUN apk add gcc

FROM alpine:3.20
RUN apk add --no-cache curl
RUN apk --no-cache add git
RUN apk add jq && rm -rf /var/cache/apk/*
RUN apk update && apk add make && apk cache clean
RUN --mount=type=cache,target=/var/cache/apk apk update && apk add bash
RUN --mount=type=cache,target=/etc/apk/cache apk add tzdata
# nothing to keep: del and info
RUN apk del curl && apk info
# an update with a later add that caches is not redundant (the add is reported instead)
RUN apk add --no-cache ca-certificates && apk update
