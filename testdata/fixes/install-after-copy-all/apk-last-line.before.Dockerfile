from alpine:3.20
add . /srv
run apk add --no-cache curl