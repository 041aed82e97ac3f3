FROM alpine:3.19
ENV APP_HOME /app
ENV GREETING hello world
ENV QUOTED "a b"
LABEL maintainer jane
ENV MIXED a"b c
