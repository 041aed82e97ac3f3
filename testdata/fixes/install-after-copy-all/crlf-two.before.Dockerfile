FROM alpine:3.20
COPY . /srv
RUN apk add --no-cache curl
RUN apk add --no-cache jq
