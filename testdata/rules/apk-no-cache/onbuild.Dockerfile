FROM alpine:3.20
# want "apk-no-cache"
ONBUILD RUN apk add curl
ONBUILD RUN apk add --no-cache curl
ONBUILD RUN --mount=type=cache,target=/var/cache/apk apk add git
