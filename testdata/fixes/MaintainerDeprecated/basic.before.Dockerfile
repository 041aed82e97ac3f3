FROM alpine:3.19
MAINTAINER Jane Doe <jane@example.com>
RUN true
