FROM alpine:3.20 AS base
RUN apk add --no-cache bash
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN bash -c 'echo ok'
FROM base
# The stage it is built FROM installed bash.
RUN bash -c 'echo still ok'
FROM debian:bookworm-slim
SHELL ["/bin/bash", "-c"]
RUN bash -c 'echo debian has bash'
FROM node:22-alpine
RUN sh -c 'echo sh is there'
