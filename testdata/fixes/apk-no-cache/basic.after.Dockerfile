FROM alpine:3.20
RUN apk add --no-cache curl
RUN apk add --no-cache --virtual .build-deps gcc musl-dev
RUN apk add --no-cache git \
 && apk add --no-cache jq
RUN set -e; apk upgrade --no-cache; apk add --no-cache bash
RUN apk add --no-cache tzdata
RUN ["apk", "add", "--no-cache", "tini"]
