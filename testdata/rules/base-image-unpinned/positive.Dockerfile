ARG IMAGE=python
# want "base-image-unpinned"
FROM debian AS build
RUN true
# want "base-image-unpinned"
FROM node:latest AS web
RUN true
# The default of the ARG is unpinned.
# want "base-image-unpinned"
FROM ${IMAGE} AS py
RUN true
FROM alpine:3.20
COPY --from=build /x /x
