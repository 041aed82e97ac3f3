FROM alpine:3.20
RUN apk add curl
RUN apk update && apk add --virtual .build-deps gcc musl-dev
RUN apk update \
 && apk add git \
 && apk add --no-cache jq
RUN set -e; apk update; apk upgrade; apk add bash
RUN apk update && apk add --no-cache tzdata
RUN ["apk", "add", "tini"]
