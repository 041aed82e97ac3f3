FROM alpine:3.20
# want "apk-no-cache"
RUN apk add curl
# want "apk-no-cache"
RUN apk update && apk add --virtual .build-deps gcc musl-dev
# want "apk-no-cache" "apk-no-cache"
RUN apk upgrade && sudo apk add git
# an update only --no-cache installs use
# want "apk-no-cache"
RUN apk update && apk add --no-cache jq
# removing the cache before the install does not count
# want "apk-no-cache"
RUN rm -rf /var/cache/apk/* && apk add make
# a cache mount on another directory
# want "apk-no-cache"
RUN --mount=type=cache,target=/root/.cache apk add bash
