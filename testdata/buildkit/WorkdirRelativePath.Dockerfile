FROM alpine AS a
WORKDIR app
WORKDIR sub

FROM a AS b
WORKDIR relative/inherits

FROM alpine AS c
ENV BASE=/srv
WORKDIR $BASE/app
WORKDIR rel

FROM alpine AS d
WORKDIR $NOTSET/x
